namespace CalciScope.Dicom;

/// <summary>One attribute. Binary values are held little-endian whatever the file's byte order.</summary>
public sealed class DicomElement(DicomTag tag, string vr, byte[] value, List<DicomDataset>? items = null)
{
    public DicomTag Tag { get; } = tag;
    public string VR { get; } = vr;
    public byte[] Value { get; } = value;
    /// <summary>Items of a sequence (VR SQ), else null.</summary>
    public List<DicomDataset>? Items { get; } = items;
}
