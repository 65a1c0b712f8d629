using CalciScope.Segmentation;

namespace CalciScope.Calcification;

/// <summary>
/// The skeleton is paired across the body's midline; calcinosis is not. A large deep structure of bone density whose
/// mirror image across the midline lands on bone, or on another such structure, is one of a pair of bones: the iliac
/// wings of the phantom family's pelves, which the cortex rules miss where thick slices average a thin cortex with red
/// or sclerotic marrow (seed 411 at 3.35 mm: 188 mL; seed 167: 50 mL each) or where a wing touches the iliac vessels'
/// blood pool (seed 76: 80 mL each, drawn as vessel wall). Masses that straddle the midline are not judged here (a
/// calcified fibroid is its own mirror), nor is anything under <see cref="BoneClassifier.LargeBoneMm3"/>: bilateral
/// calcinosis is neither that large on both sides nor placed voxel for voxel in mirror image.
/// </summary>
internal static class MirroredBone
{
    /// <summary>
    /// Share of the structure's voxels whose mirror image lies on bone or on its partner. A bone pair of a symmetric
    /// phantom overlaps nearly whole; a patient lying a few degrees rotated shifts a wing by a few millimetres, which a
    /// plate 10-20 mm thick survives. Bilateral sheets of dermatomyositis or panniculitis a few millimetres thick do not.
    /// </summary>
    public const double MinMirroredShare = 0.5;

    /// <summary>Marks the paired bones among the components not yet taken for bone; returns how many it marked.</summary>
    public static int Mark(List<ComponentStats> stats, double voxel, RunSet runs, SliceStats[] slices)
    {
        // Per component id: 1 bone, 2 a candidate to be paired.
        var kind = new byte[runs.ComponentCount + 1];
        foreach (var s in stats)
        {
            if (s.IsBone) kind[s.Id] = 1;
            else if (Candidate(s, voxel)) kind[s.Id] = 2;
        }
        var paired = stats.Where(s => kind[s.Id] == 2 && MirroredShare(s, runs, slices, kind) >= MinMirroredShare).ToList();
        foreach (var s in paired)
        {
            s.IsBone = true;
            CalcificationDetector.Trace(s, voxel, "mirrored across the midline by bone or by its partner: a paired bone");
        }
        return paired.Count;
    }

    /// <summary>
    /// Large, deep and peaking at bone density, and not a vessel: the femoral veins of both thighs are mirror images too
    /// (the phantom family's seed 392: 17 mL each, enhanced, peaking at 566-696 HU where rice grains touch them).
    /// </summary>
    private static bool Candidate(ComponentStats s, double voxel) =>
        !s.ContrastTube && !s.VesselWall && s.Count * voxel >= BoneClassifier.LargeBoneMm3 && s.Deep && s.MaxHu >= BoneClassifier.CutBoneMinPeakHu;

    /// <summary>Share of the component's voxels whose mirror image across its slice's body centre lies on bone or on another candidate.</summary>
    private static double MirroredShare(ComponentStats s, RunSet runs, SliceStats[] slices, byte[] kind)
    {
        long hit = 0;
        int nx = runs.SizeX, ny = runs.SizeY;
        foreach (int r in s.Runs)
        {
            int z = runs.Z[r], y = runs.Y[r];
            double twice = 2 * slices[z].CentreI;
            int m0 = Math.Max(0, (int)Math.Round(twice - runs.X1[r])), m1 = Math.Min(nx - 1, (int)Math.Round(twice - runs.X0[r]));
            if (m0 > m1) continue;
            int row = z * ny + y;
            for (int q = runs.RowStart[row]; q < runs.RowStart[row + 1]; q++)
            {
                int t = runs.Component[q];
                if (t == s.Id || kind[t] == 0) continue;
                int lo = Math.Max(m0, runs.X0[q]), hi = Math.Min(m1, runs.X1[q]);
                if (hi >= lo) hit += hi - lo + 1;
            }
        }
        return (double)hit / s.Count;
    }
}
