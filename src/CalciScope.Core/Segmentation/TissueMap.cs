using CalciScope.Imaging;

namespace CalciScope.Segmentation;

/// <summary>
/// The tissue map on a grid coarsened in-plane by <see cref="Factor"/>: compartments, depth and flags change over
/// millimetres, not voxels, so they are kept at about 1.5 mm and looked up for any full-resolution voxel.
/// </summary>
public sealed class TissueMap
{
    public TissueMap(VolumeGeometry full, int factor, int factorZ, byte[] codes, byte[] depthMm, SliceStats[] slices, Volume<short> coarse, Volume<short>? coarsePeak = null)
    {
        Full = full;
        Factor = factor;
        FactorZ = factorZ;
        Width = coarse.SizeX;
        Height = coarse.SizeY;
        Codes = codes;
        DepthMm = depthMm;
        Slices = slices;
        Coarse = coarse;
        CoarsePeak = coarsePeak ?? coarse;
    }

    public VolumeGeometry Full { get; }
    public int Factor { get; }
    /// <summary>Full-resolution slices per coarse slice (thin slices are grouped too).</summary>
    public int FactorZ { get; }
    public int Width { get; }
    public int Height { get; }
    /// <summary>Tissue codes per coarse cell (<see cref="TissueClass"/>).</summary>
    public byte[] Codes { get; }
    public byte[] DepthMm { get; }
    /// <summary>Per-slice body statistics, in full-resolution voxel units.</summary>
    public SliceStats[] Slices { get; }
    /// <summary>The HU volume averaged onto the coarse grid.</summary>
    public Volume<short> Coarse { get; }
    /// <summary>The densest full-resolution voxel of each coarse cell: a cortex one voxel thin, averaged away in <see cref="Coarse"/>, stays.</summary>
    public Volume<short> CoarsePeak { get; }

    /// <summary>The coarse cell of a full-resolution voxel index.</summary>
    public int Cell(int index)
    {
        int len = Full.SizeX * Full.SizeY;
        int z = index / len, r = index - z * len, y = r / Full.SizeX, x = r - y * Full.SizeX;
        return Z(z) * Width * Height + Math.Min(y / Factor, Height - 1) * Width + Math.Min(x / Factor, Width - 1);
    }

    private int Z(int z) => Math.Min(z / FactorZ, Coarse.SizeZ - 1);

    public byte Code(int index) => Codes[Cell(index)];

    /// <summary>The code at voxel (x, y, z) without the index arithmetic of <see cref="Cell"/>.</summary>
    public byte Code(int x, int y, int z) => Codes[Cell(x, y, z)];

    /// <summary>The coarse cell of full-resolution voxel (x, y, z).</summary>
    public int Cell(int x, int y, int z) => Z(z) * Width * Height + Math.Min(y / Factor, Height - 1) * Width + Math.Min(x / Factor, Width - 1);

    /// <summary>
    /// Whether a cell flagged in <paramref name="cells"/> (a mask on this map's grid) lies within <paramref name="inPlane"/>
    /// cells of the voxel's own along each in-plane axis and within <paramref name="slices"/> coarse slices of it.
    /// </summary>
    public bool AnyCellNear(bool[] cells, int index, int inPlane, int slices)
    {
        int c = Cell(index), plane = Width * Height, z = c / plane, y = c % plane / Width, x = c % Width;
        for (int dz = Math.Max(-slices, -z); dz <= Math.Min(slices, Coarse.SizeZ - 1 - z); dz++)
            for (int dy = Math.Max(-inPlane, -y); dy <= Math.Min(inPlane, Height - 1 - y); dy++)
                for (int dx = Math.Max(-inPlane, -x); dx <= Math.Min(inPlane, Width - 1 - x); dx++)
                    if (cells[c + dz * plane + dy * Width + dx]) return true;
        return false;
    }
    public byte Depth(int index) => DepthMm[Cell(index)];

    /// <summary>The codes of one full-resolution row.</summary>
    public void Row(int z, int y, Span<byte> codes) => Row(Codes, z, y, codes);

    /// <summary>One full-resolution row of any per-cell array on this coarse grid.</summary>
    public void Row<T>(T[] cells, int z, int y, Span<T> row)
    {
        var src = cells.AsSpan(Z(z) * Width * Height + Math.Min(y / Factor, Height - 1) * Width, Width);
        for (int x = 0; x < row.Length; x++) row[x] = src[Math.Min(x / Factor, Width - 1)];
    }

    /// <summary>The tissue classes at full resolution, for export.</summary>
    public byte[] ExpandClasses()
    {
        var result = new byte[Full.VoxelCount];
        int nx = Full.SizeX, ny = Full.SizeY;
        Parallel.For(0, Full.SizeZ, z =>
        {
            Span<byte> row = stackalloc byte[nx];
            for (int y = 0; y < ny; y++)
            {
                Row(z, y, row);
                var dst = result.AsSpan(z * nx * ny + y * nx, nx);
                for (int x = 0; x < nx; x++) dst[x] = TissueClass.Of(row[x]);
            }
        });
        return result;
    }
}
