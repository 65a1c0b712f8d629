using System.Buffers.Binary;
using System.Globalization;
using CalciScope.Dicom;
using CalciScope.Imaging;

namespace CalciScope.Reports.Dicom;

/// <summary>Pieces shared by the SEG and SR writers: patient and study modules, codes, binary values.</summary>
internal static class DerivedObjects
{
    public const string CodingScheme = "99CALCISCOPE";

    /// <summary>The build that wrote an object (version and source revision): derived-object UIDs are seeded with it.</summary>
    public static readonly string GeneratorVersion =
        typeof(DerivedObjects).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion
        ?? typeof(DerivedObjects).Assembly.GetName().Version?.ToString() ?? "0";

    /// <summary>
    /// The Enhanced General Equipment module asks a serial number of the device: for software, one per machine it runs on,
    /// derived from the host name (hashed: the name itself says nothing a PACS needs).
    /// </summary>
    private static readonly string DeviceSerial = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Environment.MachineName)))[..16];

    public static DicomDataset Code(string value, string scheme, string meaning) => new DicomDataset()
        .AddString(DicomTags.CodeValue, "SH", value)
        .AddString(DicomTags.CodingSchemeDesignator, "SH", scheme)
        .AddString(DicomTags.CodeMeaning, "LO", meaning);

    public static DicomDataset Common(StudyInfo study, string sopClass, string modality, string seriesUid, string sopUid, int seriesNumber, string description, DateTime now)
    {
        string date = now.ToString("yyyyMMdd", CultureInfo.InvariantCulture), time = now.ToString("HHmmss", CultureInfo.InvariantCulture);
        return new DicomDataset()
            .AddString(DicomTags.SpecificCharacterSet, "CS", "ISO_IR 192")
            .AddString(DicomTags.InstanceCreationDate, "DA", date)
            .AddString(DicomTags.SopClassUid, "UI", sopClass)
            .AddString(DicomTags.SopInstanceUid, "UI", sopUid)
            .AddString(DicomTags.StudyDate, "DA", study.StudyDate)
            .AddString(DicomTags.ContentDate, "DA", date)
            .AddString(DicomTags.StudyTime, "TM", "")
            .AddString(DicomTags.ContentTime, "TM", time)
            .AddString(DicomTags.AccessionNumber, "SH", study.AccessionNumber)
            .AddString(DicomTags.Modality, "CS", modality)
            .AddString(DicomTags.Manufacturer, "LO", "CalciScope")
            .AddString(DicomTags.ReferringPhysicianName, "PN", "")
            .AddString(DicomTags.SeriesDescription, "LO", description)
            .AddString(DicomTags.PatientName, "PN", study.PatientName)
            .AddString(DicomTags.PatientId, "LO", study.PatientId)
            .AddString(DicomTags.PatientBirthDate, "DA", study.PatientBirthDate)
            .AddString(DicomTags.PatientSex, "CS", study.PatientSex)
            .AddString(DicomTags.SoftwareVersions, "LO", "CalciScope " + typeof(DerivedObjects).Assembly.GetName().Version)
            .AddString(DicomTags.ManufacturerModelName, "LO", "CalciScope")
            .AddString(DicomTags.DeviceSerialNumber, "LO", DeviceSerial)
            .AddString(DicomTags.StudyInstanceUid, "UI", study.StudyUid.Length > 0 ? study.StudyUid : DicomUid.FromSeed("study/" + seriesUid))
            .AddString(DicomTags.SeriesInstanceUid, "UI", seriesUid)
            .AddString(DicomTags.StudyId, "SH", "1")
            .AddString(DicomTags.SeriesNumber, "IS", seriesNumber.ToString(CultureInfo.InvariantCulture))
            .AddString(DicomTags.InstanceNumber, "IS", "1");
    }

    public static DicomDataset ReferencedSeries(StudyInfo study) =>
        new DicomDataset()
            .AddString(DicomTags.SeriesInstanceUid, "UI", study.SeriesUid)
            .AddSequence(DicomTags.ReferencedInstanceSequence, study.SourceInstances.Select(x => new DicomDataset()
                .AddString(DicomTags.ReferencedSopClassUid, "UI", x.SopClassUid)
                .AddString(DicomTags.ReferencedSopInstanceUid, "UI", x.SopInstanceUid)).ToArray());

    public static byte[] UInt32s(params uint[] v)
    {
        var b = new byte[v.Length * 4];
        for (int i = 0; i < v.Length; i++) BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(i * 4), v[i]);
        return b;
    }

    public static byte[] Tag(DicomTag t)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(b, t.Group);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(2), t.Element);
        return b;
    }
}
