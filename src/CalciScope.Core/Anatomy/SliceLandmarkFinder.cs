using CalciScope.Imaging;
using CalciScope.Segmentation;

namespace CalciScope.Anatomy;

/// <summary>
/// Measures the landmarks of every slice (<see cref="SliceLandmarks"/>) from the tissue map and the skeleton: the body's
/// separate parts and which of them hold bone, and the largest piece of bone lying laterally.
/// </summary>
public static class SliceLandmarkFinder
{
    /// <summary>A body part counts as a limb of its own when at least this share of the largest part's area (two thighs are alike; an arm beside the trunk is not).</summary>
    public const double LimbAreaShare = 0.5;
    /// <summary>Bone lies laterally when its centre is this far out from the body's centre, as a share of the half-width (iliac wings, femoral heads; not the spine or sacrum).</summary>
    public const double LateralShare = 0.35;

    public static SliceLandmarks[] Find(TissueMap tissue, ReadOnlySpan<byte> skeleton, byte skeletonCode, SliceStats[] slices)
    {
        var g = tissue.Full;
        int nx = g.SizeX, ny = g.SizeY, len = nx * ny;
        int cw = tissue.Width, ch = tissue.Height, clen = cw * ch;
        var result = new SliceLandmarks[g.SizeZ];
        var bone = skeleton.ToArray();
        Parallel.For(0, g.SizeZ, () => (new SliceOps(nx, ny, g.Spacing.X, g.Spacing.Y), new SliceOps(cw, ch, g.Spacing.X * tissue.Factor, g.Spacing.Y * tissue.Factor), new bool[len], new bool[clen], new bool[clen]),
            (z, _, w) =>
            {
                var (ops, coarseOps, mask, body, boneCells) = w;
                var st = slices[z];
                double zMm = g.ToPatient(nx / 2.0, ny / 2.0, z).Z;
                if (st.BodyAreaMm2 <= 0) { result[z] = new SliceLandmarks(zMm, 0, 0, 0, false, 0, 0); return w; }
                // Largest lateral piece of bone at full resolution.
                bool any = false;
                for (int i = 0; i < len; i++) { mask[i] = bone[z * len + i] == skeletonCode; any |= mask[i]; }
                double largestLateral = 0;
                Array.Clear(boneCells);
                if (any)
                {
                    var areas = ops.Components(mask);
                    var labels = ops.Labels;
                    var sumX = new double[areas.Count];
                    for (int i = 0; i < len; i++)
                    {
                        int l = labels[i];
                        if (l == 0) continue;
                        sumX[l] += i % nx;
                        boneCells[Math.Min(i / nx / tissue.Factor, ch - 1) * cw + Math.Min(i % nx / tissue.Factor, cw - 1)] = true;
                    }
                    for (int l = 1; l < areas.Count; l++)
                    {
                        double cx = sumX[l] / areas[l];
                        if (st.HalfWidthI > 0 && Math.Abs(cx - st.CentreI) > LateralShare * st.HalfWidthI)
                            largestLateral = Math.Max(largestLateral, areas[l] * g.Spacing.X * g.Spacing.Y);
                    }
                }
                // Separate body parts on the tissue map's grid, and which hold bone.
                int cz = Math.Min(z / tissue.FactorZ, tissue.Coarse.SizeZ - 1);
                for (int i = 0; i < clen; i++) body[i] = tissue.Codes[cz * clen + i] != 0;
                var parts = coarseOps.Components(body);
                var partLabels = coarseOps.Labels;
                int largest = 0;
                for (int l = 1; l < parts.Count; l++) largest = Math.Max(largest, parts[l]);
                var withBone = new bool[parts.Count];
                for (int i = 0; i < clen; i++) if (boneCells[i] && partLabels[i] != 0) withBone[partLabels[i]] = true;
                int limbs = 0, large = 0;
                for (int l = 1; l < parts.Count; l++)
                {
                    if (parts[l] < LimbAreaShare * largest) continue;
                    large++;
                    if (withBone[l]) limbs++;
                }
                result[z] = new SliceLandmarks(zMm, st.BodyAreaMm2, large, st.AirFraction, st.Head, largestLateral, limbs);
                return w;
            }, _ => { });
        return result;
    }
}
