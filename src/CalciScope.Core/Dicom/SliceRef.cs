using CalciScope.Imaging;

namespace CalciScope.Dicom;

/// <summary>One 2D image of a series: which file and frame, and where it lies.</summary>
public sealed record SliceRef(string Path, int Frame, Vec3 Position, Vec3 Row, Vec3 Column, double SpacingRow, double SpacingColumn,
    int Rows, int Columns, double Slope, double Intercept, string TransferSyntaxUid)
{
    public string SopInstanceUid { get; init; } = "";
    public string SopClassUid { get; init; } = "";
}
