using CalciScope.Anatomy;
using CalciScope.Imaging;
using CalciScope.Segmentation;

namespace CalciScope.Calcification;

/// <summary>
/// The skeleton in the label map (bone voxels and the marrow each bone encloses, never the lumen nor contrast-filled
/// veins), and the levels the skeleton reveals: the head, where the skull rings the slice.
/// </summary>
internal static class SkeletonLabeller
{
    /// <summary>The label map with the skeleton (code 9) in it: bone voxels and the marrow each bone encloses, filled per slice.</summary>
    public static (byte[] Map, double[] EnclosedMm2) Mark(Volume<short> hu, TissueMap tissue, RunSet runs, List<ComponentStats> stats, bool enhanced)
    {
        double gapMm = enhanced ? EnhancedMarrowGapMm : MarrowGapMm;
        var g = hu.Geometry;
        int nx = g.SizeX, ny = g.SizeY, len = nx * ny;
        var map = new byte[hu.Data.Length];
        var isBone = new bool[runs.ComponentCount + 1];
        foreach (var s in stats) isBone[s.Id] = s.IsBone;
        var boneSlices = new bool[g.SizeZ];
        var enclosed = new double[g.SizeZ];
        for (int r = 0; r < runs.Count; r++)
        {
            if (!isBone[runs.Component[r]]) continue;
            int z = runs.Z[r], y = runs.Y[r];
            boneSlices[z] = true;
            if (!enhanced)
            {
                map.AsSpan(z * len + y * nx + runs.X0[r], runs.X1[r] - runs.X0[r] + 1).Fill(CalcificationDetector.Skeleton);
                continue;
            }
            // The lumen is kept clear of cortex; contrast swirling in it that joined a bone is not drawn with it.
            for (int x = runs.X0[r]; x <= runs.X1[r]; x++)
                if ((tissue.Code(x, y, z) & TissueClass.Lumen) == 0) map[z * len + y * nx + x] = CalcificationDetector.Skeleton;
        }
        Parallel.For(0, g.SizeZ, () => (new SliceOps(nx, ny, g.Spacing.X, g.Spacing.Y), new bool[len], new bool[len], new short[len]), (z, _, w) =>
        {
            if (!boneSlices[z]) return w;
            var (ops, mask, holes, judged) = w;
            var slice = map.AsSpan(z * len, len);
            for (int i = 0; i < len; i++) mask[i] = slice[i] == CalcificationDetector.Skeleton;
            // A thin cortex leaves gaps under the threshold that would let the marrow out: the holes are found in the
            // bone grown over its gaps and grown back to the cortex, never across the space between two bones.
            if (gapMm > 0) ops.Dilate(mask, gapMm);
            mask.AsSpan().CopyTo(holes);
            // Marrow cavities, not what a ring of bones closes round: the brain in the skull, the pelvic cavity. A hole that
            // holds blood pool (a vertebral body whose marrow joined the pool's core) is not filled: the pool is never
            // drawn, so all the fill would draw is the hole's margin grown back over the gaps, the spinal canal and the
            // paravertebral tissue beside the body (LIDC-IDRI 0001's lower cervical vertebrae: 6.6 mL drawn as bone).
            if (enhanced)
            {
                var src = hu.Slice(z);
                for (int i = 0; i < len; i++) judged[i] = (tissue.Code(i % nx, i / nx, z) & TissueClass.Lumen) != 0 ? PoolInHoleHu : src[i];
            }
            enclosed[z] = enhanced ? ops.FillHoles(holes, SliceLandmarkFinder.MaxMarrowMm2, judged, MarrowMinMeanHu) : ops.FillHoles(holes, SliceLandmarkFinder.MaxMarrowMm2);
            for (int i = 0; i < len; i++) holes[i] &= !mask[i];
            if (gapMm > 0) ops.Dilate(holes, gapMm);
            for (int i = 0; i < len; i++)
                if (holes[i] && (tissue.Code(i % nx, i / nx, z) & TissueClass.Lumen) == 0) slice[i] = CalcificationDetector.Skeleton;
            if (enhanced && tissue.Slices[z].AtLungLevel) UnmarkFilledVeins(ops, hu.Slice(z), slice, mask);
            return w;
        }, _ => { });
        return (map, enclosed);
    }

    /// <summary>
    /// A vein full of undiluted contrast (the injected arm's subclavian and brachiocephalic veins, the superior cava)
    /// runs into the first ribs, clavicles and sternum and is labelled with them. No bone of the chest is solid at
    /// cortical density across 7 mm in one slice (vertebrae, sternum and clavicles hold marrow, ribs are thinner), a
    /// contrast-filled vein is: such cores, with their rim, are not drawn as skeleton.
    /// </summary>
    private static void UnmarkFilledVeins(SliceOps ops, ReadOnlySpan<short> hu, Span<byte> slice, bool[] solid)
    {
        bool any = false;
        for (int i = 0; i < slice.Length; i++) any |= solid[i] = slice[i] == CalcificationDetector.Skeleton && hu[i] >= FilledVeinHu;
        if (!any) return;
        ops.Erode(solid, FilledVeinRadiusMm);
        if (Array.IndexOf(solid, true) < 0) return;
        ops.Dilate(solid, FilledVeinRadiusMm + FilledVeinRimMm);
        for (int i = 0; i < slice.Length; i++) if (solid[i] && slice[i] == CalcificationDetector.Skeleton) slice[i] = 0;
    }

    public const short FilledVeinHu = 600;
    public const double FilledVeinRadiusMm = 3.5;
    /// <summary>Past the cortical-density edge, the partial volume of the vein wall.</summary>
    public const double FilledVeinRimMm = 3;

    /// <summary>A slice whose bone rings in this share of the body is inside the skull.</summary>
    public const double CranialFraction = 0.4;

    /// <summary>
    /// The skull rings in most of the head's cross-section, which nothing else does; below it, the skull base, face and
    /// neck are the slices that follow on towards the feet while the body stays no wider than the head.
    /// </summary>
    public static SliceStats[] WithHead(SliceStats[] slices, double[] enclosedMm2, VolumeGeometry g)
    {
        var result = (SliceStats[])slices.Clone();
        double headArea = 0;
        for (int z = 0; z < result.Length; z++)
        {
            if (result[z].BodyAreaMm2 <= 0 || enclosedMm2[z] < CranialFraction * result[z].BodyAreaMm2) continue;
            result[z] = result[z] with { Head = true, Cranial = true };
            headArea = Math.Max(headArea, result[z].BodyAreaMm2);
        }
        if (headArea == 0) return result;
        // Towards the feet: down the patient axis, whichever way the slices are stored. Each run of head slices is
        // followed to its end, so one sweep reaches every slice that follows on.
        int step = g.ToPatient(0, 0, 1).Z < g.ToPatient(0, 0, 0).Z ? 1 : -1;
        for (int z = 0; z < result.Length; z++)
        {
            if (!result[z].Head) continue;
            int next = z + step;
            while (next >= 0 && next < result.Length && !result[next].Head && result[next].BodyAreaMm2 > 0
                && result[next].BodyAreaMm2 <= 1.5 * headArea && !result[next].AtLungLevel)
            {
                result[next] = result[next] with { Head = true };
                next += step;
            }
        }
        return result;
    }
    /// <summary>Without contrast the marrow reaches the threshold with its cortex and fills as it is.</summary>
    public const double MarrowGapMm = 0;
    /// <summary>
    /// With contrast the marrow, in the range of enhancing tissue, is set apart with it and only the cortex is left
    /// to enclose it; where a thin cortex falls under cortical density the gaps are wider.
    /// </summary>
    public const double EnhancedMarrowGapMm = 9;
    /// <summary>
    /// Bridging gaps that wide can also close round the fat between neighbouring bones; marrow, even fatty marrow with
    /// its trabeculae, averages above it.
    /// </summary>
    public const short MarrowMinMeanHu = 50;
    /// <summary>What blood pool counts as in a hole's mean: far under marrow, so a hole with any share of it is not filled.</summary>
    private const short PoolInHoleHu = -1000;
}
