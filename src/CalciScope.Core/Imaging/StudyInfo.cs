namespace CalciScope.Imaging;

/// <summary>Identifiers and acquisition facts that travel beside a volume. Patient fields are PHI: never log them.</summary>
public sealed record StudyInfo
{
    public string StudyUid { get; init; } = "";
    public string SeriesUid { get; init; } = "";
    public string FrameOfReferenceUid { get; init; } = "";
    public string Modality { get; init; } = "CT";
    public string SeriesDescription { get; init; } = "";
    public string StudyDate { get; init; } = "";
    public string PatientName { get; init; } = "";
    public string PatientId { get; init; } = "";
    public string PatientBirthDate { get; init; } = "";
    public string PatientSex { get; init; } = "";
    public string AccessionNumber { get; init; } = "";
    public string TransferSyntax { get; init; } = "";
    public string Manufacturer { get; init; } = "";
    public double? KvP { get; init; }
    public double? GantryTiltDeg { get; init; }
    public string SourceFormat { get; init; } = "DICOM";
    /// <summary>SOP class and instance UIDs of the images read, for references from derived objects.</summary>
    public IReadOnlyList<(string SopClassUid, string SopInstanceUid)> SourceInstances { get; init; } = [];
}

/// <summary>A HU volume with the study it came from and what reading it had to work around.</summary>
public sealed record LoadedStudy(Volume<short> Hu, StudyInfo Info, IReadOnlyList<string> Warnings);
