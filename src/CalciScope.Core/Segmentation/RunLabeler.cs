using System.Numerics;
using System.Runtime.Intrinsics;
using CalciScope.Imaging;

namespace CalciScope.Segmentation;

/// <summary>
/// 3D connected components (26-neighbourhood) of the voxels at or above a HU threshold, on runs rather than voxels:
/// rows are scanned with SIMD for runs, runs are joined with union-find against the runs of the neighbouring rows.
/// Memory grows with the number of runs, not voxels; calcium in CT is sparse, so this stays small.
/// </summary>
public static class RunLabeler
{
    /// <summary>Fills a row's mask: 0 excluded, 1 included, 2 included only at or above the raised threshold.</summary>
    public delegate void RowMask(int z, int y, Span<byte> mask);

    /// <summary>Fills a row's own thresholds: the least HU at which each voxel is included (<see cref="short.MaxValue"/>: never).</summary>
    public delegate void RowLevels(int z, int y, Span<short> minHu);

    /// <summary>Components of the voxels at or above <paramref name="threshold"/> where <paramref name="allowed"/> is non-zero.</summary>
    public static RunSet Label(Volume<short> hu, short threshold, byte[] allowed)
    {
        int nx = hu.SizeX, ny = hu.SizeY;
        return Label(hu, threshold, (z, y, mask) =>
        {
            var src = allowed.AsSpan(z * nx * ny + y * nx, nx);
            for (int x = 0; x < nx; x++) mask[x] = src[x] != 0 ? (byte)1 : (byte)0;
        });
    }

    /// <summary>Components of the voxels at or above <paramref name="threshold"/> where the row's mask includes them.</summary>
    public static RunSet Label(Volume<short> hu, short threshold, RowMask rowMask, short raisedThreshold = short.MaxValue)
    {
        using var masks = new ThreadLocal<byte[]>(() => new byte[hu.SizeX]);
        short raised = Math.Max(threshold, raisedThreshold);
        return LabelAtLevels(hu, threshold, (z, y, minHu) =>
        {
            var mask = masks.Value!;
            rowMask(z, y, mask);
            for (int x = 0; x < minHu.Length; x++) minHu[x] = mask[x] switch { 0 => short.MaxValue, 1 => threshold, _ => raised };
        });
    }

    /// <summary>Components of the voxels at or above <paramref name="threshold"/> and at or above their row's own levels.</summary>
    public static RunSet LabelAtLevels(Volume<short> hu, short threshold, RowLevels rowLevels)
    {
        int nx = hu.SizeX, ny = hu.SizeY, nz = hu.SizeZ;
        var perSlice = new List<(int Y, int X0, int X1)>[nz];
        var data = hu.Data;
        Parallel.For(0, nz, z =>
        {
            var list = new List<(int, int, int)>();
            var levels = new short[nx];
            for (int y = 0; y < ny; y++)
            {
                int off = z * nx * ny + y * nx;
                var row = data.AsSpan(off, nx);
                if (!AnyAtLeast(row, threshold)) continue;
                rowLevels(z, y, levels);
                FindRuns(row, levels, threshold, y, list);
            }
            perSlice[z] = list;
        });

        int total = 0;
        foreach (var l in perSlice) total += l.Count;
        var set = new RunSet(total, nx, ny, nz);
        int r = 0;
        for (int z = 0; z < nz; z++)
            foreach (var (y, x0, x1) in perSlice[z])
            {
                set.X0[r] = x0; set.X1[r] = x1; set.Y[r] = y; set.Z[r] = z;
                r++;
            }
        FixRowStarts(set, ny);
        Union(set, ny);
        return set;
    }

    private static void FixRowStarts(RunSet set, int ny)
    {
        // RowStart[row] = index of the first run in that row or later; RowStart[rows] = total.
        int rows = set.RowStart.Length - 1;
        Array.Fill(set.RowStart, -1);
        for (int i = set.Count - 1; i >= 0; i--) set.RowStart[set.Z[i] * ny + set.Y[i]] = i;
        set.RowStart[rows] = set.Count;
        for (int row = rows - 1; row >= 0; row--)
            if (set.RowStart[row] < 0) set.RowStart[row] = set.RowStart[row + 1];
    }

    private static bool AnyAtLeast(ReadOnlySpan<short> row, short threshold)
    {
        int x = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var t = Vector256.Create(threshold);
            for (; x + 16 <= row.Length; x += 16)
                if (Vector256.GreaterThanOrEqualAny(Vector256.Create(row.Slice(x, 16)), t)) return true;
        }
        for (; x < row.Length; x++) if (row[x] >= threshold) return true;
        return false;
    }

    private static void FindRuns(ReadOnlySpan<short> row, ReadOnlySpan<short> levels, short threshold, int y, List<(int, int, int)> runs)
    {
        int n = row.Length, x = 0;
        var t = Vector256.Create(threshold);
        while (x < n)
        {
            // Skip 16 voxels at a time while none reaches the threshold.
            if (Vector256.IsHardwareAccelerated)
                while (x + 16 <= n && !Vector256.GreaterThanOrEqualAny(Vector256.Create(row.Slice(x, 16)), t)) x += 16;
            if (x >= n) break;
            if (!In(row, levels, x, threshold)) { x++; continue; }
            int start = x;
            while (x < n && In(row, levels, x, threshold)) x++;
            runs.Add((y, start, x - 1));
        }
    }

    private static bool In(ReadOnlySpan<short> row, ReadOnlySpan<short> levels, int i, short threshold) =>
        row[i] >= threshold && row[i] >= levels[i];

    private static void Union(RunSet s, int ny)
    {
        var parent = s.Label;
        for (int i = 0; i < s.Count; i++) parent[i] = i;
        for (int i = 0; i < s.Count; i++)
        {
            int z = s.Z[i], y = s.Y[i];
            // Earlier neighbours: (y-1, z) and (y-1..y+1, z-1).
            if (y > 0) Join(s, parent, i, z * ny + y - 1);
            if (z > 0)
                for (int dy = -1; dy <= 1; dy++)
                {
                    int yy = y + dy;
                    if (yy >= 0 && yy < ny) Join(s, parent, i, (z - 1) * ny + yy);
                }
        }
        // Flatten to consecutive labels 1..N.
        var map = new Dictionary<int, int>();
        for (int i = 0; i < s.Count; i++)
        {
            int root = Find(parent, i);
            if (!map.TryGetValue(root, out var l)) { l = map.Count + 1; map[root] = l; }
            s.Component[i] = l;
        }
        s.ComponentCount = map.Count;
    }

    private static void Join(RunSet s, int[] parent, int i, int row)
    {
        int a = s.RowStart[row], b = s.RowStart[row + 1];
        int x0 = s.X0[i] - 1, x1 = s.X1[i] + 1;
        for (int j = a; j < b; j++)
        {
            if (s.X1[j] < x0) continue;
            if (s.X0[j] > x1) break;
            int ri = Find(parent, i), rj = Find(parent, j);
            if (ri != rj) { if (ri < rj) parent[rj] = ri; else parent[ri] = rj; }
        }
    }

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i) { parent[i] = parent[parent[i]]; i = parent[i]; }
        return i;
    }
}

/// <summary>Runs of voxels along x, ordered by slice, row and x, each with its 3D component label.</summary>
public sealed class RunSet
{
    public RunSet(int count, int nx, int ny, int nz)
    {
        Count = count;
        X0 = new int[count]; X1 = new int[count]; Y = new int[count]; Z = new int[count];
        Label = new int[count]; Component = new int[count];
        RowStart = new int[ny * nz + 1];
        SizeX = nx; SizeY = ny; SizeZ = nz;
    }

    public int Count { get; }
    public int SizeX { get; }
    public int SizeY { get; }
    public int SizeZ { get; }
    public int[] X0 { get; }
    public int[] X1 { get; }
    public int[] Y { get; }
    public int[] Z { get; }
    internal int[] Label { get; }
    /// <summary>Component of each run, 1..ComponentCount.</summary>
    public int[] Component { get; }
    public int ComponentCount { get; internal set; }
    /// <summary>Index of the first run of row (z*SizeY + y); the next row's entry ends it.</summary>
    public int[] RowStart { get; }
}
