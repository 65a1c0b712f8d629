namespace CalciScope.Imaging;

/// <summary>
/// How the patient lay on the table, from Patient Position (0018,5100): which way gravity pulled in patient space, so
/// where bowel gas rose over fluid and oral contrast. Head or feet first does not matter; the posture does.
/// </summary>
public enum PatientPosture { Supine, Prone, DecubitusRight, DecubitusLeft }

public static class PatientPostures
{
    /// <summary>
    /// The posture of a Patient Position value (HFS, FFP, HFDR...). Absent or unknown, the patient is taken as supine: CT
    /// is read supine unless the header says otherwise, and a NIfTI file does not say.
    /// </summary>
    public static PatientPosture FromDicom(string? patientPosition) => (patientPosition ?? "").Trim().ToUpperInvariant() switch
    {
        "HFP" or "FFP" => PatientPosture.Prone,
        "HFDR" or "FFDR" => PatientPosture.DecubitusRight,
        "HFDL" or "FFDL" => PatientPosture.DecubitusLeft,
        _ => PatientPosture.Supine,
    };

    /// <summary>The Patient Position written for a posture (head first).</summary>
    public static string ToDicom(PatientPosture p) => p switch
    {
        PatientPosture.Prone => "HFP",
        PatientPosture.DecubitusRight => "HFDR",
        PatientPosture.DecubitusLeft => "HFDL",
        _ => "HFS",
    };

    /// <summary>
    /// Up, against gravity, in patient space (DICOM LPS: +X the patient's left, +Y posterior): the front when supine, the
    /// back when prone, the side not lying on the table in a decubitus posture (right side down: up is the left, +X).
    /// </summary>
    public static Vec3 Up(PatientPosture p) => p switch
    {
        PatientPosture.Prone => new Vec3(0, 1, 0),
        PatientPosture.DecubitusRight => new Vec3(1, 0, 0),
        PatientPosture.DecubitusLeft => new Vec3(-1, 0, 0),
        _ => new Vec3(0, -1, 0),
    };

    /// <summary>The posture of a name written in analysis.json; supine where absent or unknown.</summary>
    public static PatientPosture FromName(string? name) => TryName(name) ?? PatientPosture.Supine;

    /// <summary>The posture of a name (supine, prone, decubitus_right, decubitus_left); null for any other.</summary>
    public static PatientPosture? TryName(string? name) =>
        Enum.GetValues<PatientPosture>().Where(p => Name(p) == name).Select(p => (PatientPosture?)p).FirstOrDefault();

    /// <summary>The lower-case name written in analysis.json.</summary>
    public static string Name(PatientPosture p) => p switch
    {
        PatientPosture.Prone => "prone",
        PatientPosture.DecubitusRight => "decubitus_right",
        PatientPosture.DecubitusLeft => "decubitus_left",
        _ => "supine",
    };
}
