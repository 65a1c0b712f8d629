namespace CalciScope.Dicom;

/// <summary>A parsed Part 10 file (or bare dataset): its meta group, dataset, syntax and where its pixels are.</summary>
public sealed class DicomFile
{
    public required DicomDataset Meta { get; init; }
    public required DicomDataset Dataset { get; init; }
    public required TransferSyntax Syntax { get; init; }
    public string? Path { get; init; }
    /// <summary>The pixel data, or null when the file has none or only its headers were read.</summary>
    public PixelDataSource? Pixels { get; init; }
    /// <summary>True when the file has a Pixel Data element (loaded or not).</summary>
    public bool HasPixelData { get; init; }
    public bool HadPreamble { get; init; }
    /// <summary>Byte offset and length of native (uncompressed, not deflated) pixel data in the file; -1 otherwise.</summary>
    public long NativePixelOffset { get; init; } = -1;
    public int NativePixelLength { get; init; } = -1;
}

/// <summary>Where a file's pixel data lies: native bytes, or the fragments of an encapsulated stream.</summary>
public sealed class PixelDataSource
{
    public required byte[] Buffer { get; init; }
    /// <summary>Native: the byte range of all frames. Encapsulated: unused.</summary>
    public int NativeOffset { get; init; }
    public int NativeLength { get; init; }
    public bool BigEndianWords { get; init; }
    public IReadOnlyList<(int Offset, int Length)> Fragments { get; init; } = [];
    /// <summary>Basic offset table (offsets of each frame's first fragment, from the first fragment item).</summary>
    public IReadOnlyList<uint> BasicOffsetTable { get; init; } = [];
    public bool Encapsulated => Fragments.Count > 0 || NativeLength < 0;
}
