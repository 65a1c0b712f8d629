namespace CalciScope.Nifti;

/// <summary>The parts of a NIfTI-1/2 header CalciScope reads and writes.</summary>
public sealed record NiftiHeader
{
    public int Version { get; init; } = 1;
    public long[] Dim { get; init; } = new long[8];
    public double[] PixDim { get; init; } = new double[8];
    public short DataType { get; init; }
    public short BitPix { get; init; }
    public long VoxOffset { get; init; }
    public double SclSlope { get; init; }
    public double SclInter { get; init; }
    public short QformCode { get; init; }
    public short SformCode { get; init; }
    public double QuaternB { get; init; }
    public double QuaternC { get; init; }
    public double QuaternD { get; init; }
    public double QoffsetX { get; init; }
    public double QoffsetY { get; init; }
    public double QoffsetZ { get; init; }
    public double[] SrowX { get; init; } = new double[4];
    public double[] SrowY { get; init; } = new double[4];
    public double[] SrowZ { get; init; } = new double[4];
    public string Description { get; init; } = "";
    public bool BigEndian { get; init; }

    public const short DtUInt8 = 2, DtInt16 = 4, DtInt32 = 8, DtFloat32 = 16, DtFloat64 = 64, DtInt8 = 256, DtUInt16 = 512, DtUInt32 = 768;

    public static int BytesPer(short datatype) => datatype switch
    {
        DtUInt8 or DtInt8 => 1,
        DtInt16 or DtUInt16 => 2,
        DtInt32 or DtUInt32 or DtFloat32 => 4,
        DtFloat64 => 8,
        _ => 0,
    };
}
