namespace CalciScope.Dicom;

/// <summary>A DICOM attribute tag (group, element).</summary>
public readonly record struct DicomTag(ushort Group, ushort Element) : IComparable<DicomTag>
{
    public uint Value => ((uint)Group << 16) | Element;
    public static DicomTag FromValue(uint v) => new((ushort)(v >> 16), (ushort)v);
    public int CompareTo(DicomTag other) => Value.CompareTo(other.Value);
    public bool IsPrivate => (Group & 1) == 1;
    public override string ToString() => $"({Group:X4},{Element:X4})";

    public static readonly DicomTag Item = new(0xFFFE, 0xE000);
    public static readonly DicomTag ItemDelimitation = new(0xFFFE, 0xE00D);
    public static readonly DicomTag SequenceDelimitation = new(0xFFFE, 0xE0DD);
}
