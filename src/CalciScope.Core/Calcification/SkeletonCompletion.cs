using CalciScope.Imaging;
using CalciScope.Segmentation;

namespace CalciScope.Calcification;

/// <summary>How far the skeleton's label map is completed into the bone it outlines.</summary>
/// <param name="ReachMm">
/// Geodesic reach from the labelled skeleton, through voxels of calcium threshold density that no lesion holds. With
/// contrast, osteopenic trabecular bone (120-330 HU) lies under the lumen's raised calcium threshold and the marrow fill
/// misses what a thin cortex does not ring. Measured on the upper-abdomen series in ../shared/data against its
/// TotalSegmentator reference (share of the reference's bone and cartilage at 130 HU and more labelled skeleton): 0.73
/// before, 0.95 at 3 mm, 0.97 at 6 mm, 0.98 at 9 mm; past 6 mm the growth starts into the aorta's neighbours (its
/// class 52), so 6 mm. A vertebral body is under 25 mm across, so 6 mm inwards from its cortex on both sides covers it.
/// </param>
/// <param name="ThresholdHu">The lowest density the growth passes through: the candidates' threshold, so only voxels that could be calcium are judged.</param>
/// <param name="MaxHu">
/// The highest: trabecular bone and a bone's partial-volume edge stay under cortical density (<see cref="Segmentation.EnhancedTissueDetector.CortexHu"/>);
/// denser voxels were candidates at any threshold and have been judged already, and undiluted contrast in a vein
/// beside the ribs (1,500 HU and more on the contrast chest CT in ../shared/data) must not be drawn with them.
/// </param>
public sealed record SkeletonCompletionOptions(double ReachMm = SkeletonCompletionOptions.DefaultReachMm, short ThresholdHu = CalcificationDetector.ThresholdHu,
    short MaxHu = Segmentation.EnhancedTissueDetector.CortexHu)
{
    /// <summary>The measured reach (see <paramref name="ReachMm"/>), also the reach of what counts as beside the completed skeleton.</summary>
    public const double DefaultReachMm = 6;
}

/// <summary>What the completion added to the label map.</summary>
public sealed record SkeletonCompletionResult(long VoxelsAdded, double VolumeAddedMm3);

/// <summary>
/// Completes the skeleton (and costal cartilage) in the label map: from every labelled bone voxel, outwards through
/// voxels of at least the calcium threshold that nothing else has labelled, within a geodesic reach, never into the
/// contrast-filled lumen nor outside the body. Run twice by the detector: before the candidates are judged, with their
/// voxels held apart (<see cref="CompleteAround"/>), and after the lesions are labelled, so it never takes a lesion's
/// voxels; what it takes is what was set aside as neither lesion nor bone (trabecular bone under the raised threshold
/// of an enhanced study, the partial volume at a bone's edge).
/// </summary>
public static class SkeletonCompletion
{
    /// <summary>Marks the held-apart runs' voxels while completing, so the growth neither enters nor crosses them.</summary>
    private const byte HeldApart = 255;

    /// <summary>
    /// Completes the skeleton while the voxels of <paramref name="heldApart"/> (runs of <paramref name="runs"/>: the
    /// candidates not yet judged) are kept out of it, as lesions are in <see cref="Complete"/>.
    /// </summary>
    internal static SkeletonCompletionResult CompleteAround(byte[] labelMap, Volume<short> hu, TissueMap tissue, RunSet runs,
        IEnumerable<List<int>> heldApart, SkeletonCompletionOptions options)
    {
        int nx = runs.SizeX, len = nx * runs.SizeY;
        var held = heldApart.ToList();
        void Paint(byte from, byte to)
        {
            foreach (var rs in held)
                foreach (int r in rs)
                {
                    var row = labelMap.AsSpan(runs.Z[r] * len + runs.Y[r] * nx + runs.X0[r], runs.X1[r] - runs.X0[r] + 1);
                    for (int i = 0; i < row.Length; i++) if (row[i] == from) row[i] = to;
                }
        }
        Paint(0, HeldApart);
        try { return Complete(labelMap, hu, tissue, options); }
        finally { Paint(HeldApart, 0); }
    }

    public static SkeletonCompletionResult Complete(byte[] labelMap, Volume<short> hu, TissueMap tissue, SkeletonCompletionOptions options)
    {
        var g = hu.Geometry;
        int nx = g.SizeX, ny = g.SizeY, nz = g.SizeZ, len = nx * ny;
        if (labelMap.Length != hu.Data.Length) throw new ArgumentException("label map and volume differ in size", nameof(labelMap));
        var data = hu.Data;
        short threshold = options.ThresholdHu, max = options.MaxHu;
        bool Open(int i, int x, int y, int z) =>
            labelMap[i] == 0 && data[i] >= threshold && data[i] < max && tissue.Code(x, y, z) is var c && c != 0 && (c & TissueClass.BloodPool) == 0;
        static bool IsSeed(byte label) => label is CalcificationDetector.Skeleton or CalcificationDetector.CostalCartilage;

        // The first frontier: open voxels touching the labelled skeleton, found slab by slab in parallel.
        var perSlice = new List<int>[nz];
        Parallel.For(0, nz, z =>
        {
            List<int>? found = null;
            for (int y = 0; y < ny; y++)
                for (int x = 0; x < nx; x++)
                {
                    int i = z * len + y * nx + x;
                    if (!Open(i, x, y, z)) continue;
                    byte from = SeedNeighbour(labelMap, i, x, y, z, nx, ny, nz, len);
                    if (from != 0) (found ??= []).Add(i);
                }
            perSlice[z] = found ?? [];
        });
        var frontier = new List<int>();
        foreach (var f in perSlice) frontier.AddRange(f);

        // Breadth first, one voxel step per round (6-connected), each step as long as the voxel spacing along it.
        // The rounds count in-plane steps, the finest spacing: a step between slices costs the same round, which keeps
        // the reach along z no shorter than in-plane.
        int rounds = Math.Max(1, (int)Math.Round(options.ReachMm / Math.Min(g.Spacing.X, g.Spacing.Y)));
        long added = 0;
        var next = new List<int>();
        for (int round = 0; round < rounds && frontier.Count > 0; round++)
        {
            foreach (int i in frontier)
            {
                if (labelMap[i] != 0) continue;
                int z = i / len, r = i - z * len, y = r / nx, x = r - y * nx;
                byte from = SeedNeighbour(labelMap, i, x, y, z, nx, ny, nz, len);
                if (from == 0) continue;
                labelMap[i] = from;
                added++;
                if (x > 0 && Open(i - 1, x - 1, y, z)) next.Add(i - 1);
                if (x < nx - 1 && Open(i + 1, x + 1, y, z)) next.Add(i + 1);
                if (y > 0 && Open(i - nx, x, y - 1, z)) next.Add(i - nx);
                if (y < ny - 1 && Open(i + nx, x, y + 1, z)) next.Add(i + nx);
                if (z > 0 && Open(i - len, x, y, z - 1)) next.Add(i - len);
                if (z < nz - 1 && Open(i + len, x, y, z + 1)) next.Add(i + len);
            }
            (frontier, next) = (next, frontier);
            next.Clear();
        }
        return new SkeletonCompletionResult(added, added * g.VoxelVolumeMm3);

        static byte SeedNeighbour(byte[] map, int i, int x, int y, int z, int nx, int ny, int nz, int len)
        {
            // Bone wins over cartilage where both touch: the rib end, not its cartilage, is what the voxel continues.
            byte best = 0;
            void Take(byte l) { if (IsSeed(l) && (best == 0 || l == CalcificationDetector.Skeleton)) best = l; }
            if (x > 0) Take(map[i - 1]);
            if (x < nx - 1) Take(map[i + 1]);
            if (y > 0) Take(map[i - nx]);
            if (y < ny - 1) Take(map[i + nx]);
            if (z > 0) Take(map[i - len]);
            if (z < nz - 1) Take(map[i + len]);
            return best;
        }
    }
}
