using CalciScope.Imaging;

namespace CalciScope.Dicom;

/// <summary>One 2D image of a series: which file and frame, and where it lies.</summary>
public sealed record SliceRef(string Path, int Frame, Vec3 Position, Vec3 Row, Vec3 Column, double SpacingRow, double SpacingColumn,
    int Rows, int Columns, double Slope, double Intercept, string TransferSyntaxUid)
{
    public string SopInstanceUid { get; init; } = "";
    public string SopClassUid { get; init; } = "";
    /// <summary>Set for single-frame 16-bit native little-endian pixels: the bytes can be read straight from the file.</summary>
    public long DirectPixelOffset { get; init; } = -1;
    public bool DirectSigned { get; init; }
    /// <summary>Spacing Between Slices, else Slice Thickness (mm; 0 when neither is given): the depth of a lone slice.</summary>
    public double Thickness { get; init; }
    /// <summary>Whether the file gave the position (Image Position (Patient) or a plane position group).</summary>
    public bool HasPosition { get; init; } = true;
    /// <summary>Instance Number (0 when absent): the order of slices that carry no position.</summary>
    public int InstanceNumber { get; init; }
}
