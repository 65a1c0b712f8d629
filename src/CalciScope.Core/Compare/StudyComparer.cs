using CalciScope.Calcification;
using CalciScope.Imaging;
using CalciScope.Pipeline;

namespace CalciScope.Compare;

/// <summary>
/// Compares a study with its prior: registers the skeletons (the patient lies differently; coordinates are not
/// trusted), measures the change of soft-tissue calcification by side and region, matches lesions, and calls the change
/// real only beyond a threshold from the measurement's own repeatability: how much each volume moves when the
/// 130 HU threshold moves by the CT noise (120 and 140 HU).
/// </summary>
public static class StudyComparer
{
    public const double MatchMm = 10;
    public const int MaxSkeletonPoints = 30000;

    public static Comparison Compare(AnalysisResult prior, AnalysisResult current)
    {
        var reg = RigidRegistration.Register(SkeletonSurface(prior), SkeletonSurface(current));
        double vp = prior.Summary.SoftTissueVolumeMm3, vc = current.Summary.SoftTissueVolumeMm3;
        double sdp = Repeatability(prior), sdc = Repeatability(current);
        // Two measurements each with their SD, at 95 %; plus 2 % of the larger volume for what registration cannot undo.
        double threshold = Math.Max(20, 1.96 * Math.Sqrt(sdp * sdp + sdc * sdc) + 0.02 * Math.Max(vp, vc));
        double delta = vc - vp;
        string verdict = delta > threshold ? "progressed" : delta < -threshold ? "regressed" : "stable";

        var bySide = new Dictionary<string, double>();
        foreach (var side in new[] { "right", "left", "midline" })
            bySide[side] = Math.Round(current.Summary.VolumeBySide.GetValueOrDefault(side) - prior.Summary.VolumeBySide.GetValueOrDefault(side), 1);
        var byRegion = new Dictionary<string, double>();
        foreach (var region in prior.Summary.VolumeByRegion.Keys.Union(current.Summary.VolumeByRegion.Keys).Order())
            byRegion[region] = Math.Round(current.Summary.VolumeByRegion.GetValueOrDefault(region) - prior.Summary.VolumeByRegion.GetValueOrDefault(region), 1);

        return new Comparison(verdict, reg, Math.Round(vp, 1), Math.Round(vc, 1), Math.Round(threshold, 1), Math.Round(sdp, 1), Math.Round(sdc, 1),
            bySide, byRegion, Match(prior.Lesions, current.Lesions, reg.Transform), prior.Study.Info.StudyUid, current.Study.Info.StudyUid,
            prior.Study.Info.StudyDate, current.Study.Info.StudyDate) { Warnings = Caveats(prior, current) };
    }

    public const double SliceDepthRatio = 1.5;

    /// <summary>
    /// Differences of technique that move the measured volumes without any change in the patient: contrast in one study
    /// only (inside enhanced vessels and organs faint calcium is not counted), and slices of very different depth
    /// (partial volume spreads or thins a deposit).
    /// </summary>
    private static IReadOnlyList<string> Caveats(AnalysisResult prior, AnalysisResult current)
    {
        var warnings = new List<string>();
        bool ep = prior.Detection.Contrast.Enhanced, ec = current.Detection.Contrast.Enhanced;
        if (ep != ec)
            warnings.Add($"contrast in the {(ep ? "prior" : "current")} study only: deep calcification beside enhanced vessels and organs is measured differently; subcutaneous and muscle calcification are not affected");
        double dp = prior.Study.Hu.Geometry.Spacing.Z, dc = current.Study.Hu.Geometry.Spacing.Z;
        if (Math.Max(dp, dc) > SliceDepthRatio * Math.Min(dp, dc))
            warnings.Add($"slice spacing differs ({dp:0.##} mm prior, {dc:0.##} mm current): partial volume changes small deposits' measured volume");
        return warnings;
    }

    /// <summary>Bone voxels with a non-bone face neighbour, in patient mm, thinned to a bounded count.</summary>
    public static List<Vec3> SkeletonSurface(AnalysisResult r)
    {
        var g = r.Study.Hu.Geometry;
        var map = r.Detection.LabelMap;
        int nx = g.SizeX, ny = g.SizeY, nz = g.SizeZ, len = nx * ny;
        var surface = new List<int>();
        for (int z = 1; z < nz - 1; z++)
        for (int y = 1; y < ny - 1; y++)
        {
            int row = z * len + y * nx;
            for (int x = 1; x < nx - 1; x++)
            {
                int i = row + x;
                if (map[i] != CalcificationDetector.Skeleton) continue;
                if (map[i - 1] != CalcificationDetector.Skeleton || map[i + 1] != CalcificationDetector.Skeleton || map[i - nx] != CalcificationDetector.Skeleton
                    || map[i + nx] != CalcificationDetector.Skeleton || map[i - len] != CalcificationDetector.Skeleton || map[i + len] != CalcificationDetector.Skeleton)
                    surface.Add(i);
            }
        }
        int stride = Math.Max(1, surface.Count / MaxSkeletonPoints);
        var pts = new List<Vec3>(surface.Count / stride + 1);
        for (int k = 0; k < surface.Count; k += stride)
        {
            int i = surface[k], z = i / len, y = i % len / nx, x = i % nx;
            pts.Add(g.ToPatient(x, y, z));
        }
        return pts;
    }

    /// <summary>Half the spread of the soft-tissue volume between thresholds of 120 and 140 HU.</summary>
    public static double Repeatability(AnalysisResult r)
    {
        var g = r.Study.Hu.Geometry;
        var map = r.Detection.LabelMap;
        var hu = r.Study.Hu.Data;
        int nx = g.SizeX, len = nx * g.SizeY;
        long above140 = 0, rim120 = 0;
        static bool Soft(byte l) => l is > 0 and < CalcificationDetector.Skeleton and not 5;
        var counted = new HashSet<int>();
        for (int i = 0; i < map.Length; i++)
        {
            if (!Soft(map[i])) continue;
            if (hu[i] >= 140) above140++;
            foreach (var j in new[] { i - 1, i + 1, i - nx, i + nx, i - len, i + len })
                if (j >= 0 && j < map.Length && map[j] == 0 && hu[j] >= 120 && hu[j] < CalcificationDetector.ThresholdHu && counted.Add(j)) rim120++;
        }
        double v130 = r.Summary.SoftTissueVolumeMm3, voxel = g.VoxelVolumeMm3;
        double v120 = v130 + rim120 * voxel, v140 = above140 * voxel;
        return (v120 - v140) / 2;
    }

    private static List<LesionChange> Match(IReadOnlyList<Lesion> prior, IReadOnlyList<Lesion> current, RigidTransform t)
    {
        var result = new List<LesionChange>();
        var used = new HashSet<Lesion>(ReferenceEqualityComparer.Instance);
        foreach (var p in prior.OrderByDescending(l => l.VolumeMm3))
        {
            var moved = t.Apply(new Vec3(p.CentroidMm[0], p.CentroidMm[1], p.CentroidMm[2]));
            var best = current.Where(c => !used.Contains(c) && c.Compartment == p.Compartment)
                .Select(c => (c, d: (new Vec3(c.CentroidMm[0], c.CentroidMm[1], c.CentroidMm[2]) - moved).Length))
                .Where(x => x.d <= MatchMm).OrderBy(x => x.d).FirstOrDefault();
            double[] m = [Math.Round(moved.X, 2), Math.Round(moved.Y, 2), Math.Round(moved.Z, 2)];
            if (best.c is null) { result.Add(new LesionChange("gone", p, null, m)); continue; }
            used.Add(best.c);
            double ratio = best.c.VolumeMm3 / Math.Max(p.VolumeMm3, 1e-6);
            result.Add(new LesionChange(ratio > 1.25 ? "grown" : ratio < 0.8 ? "shrunk" : "stable", p, best.c, m));
        }
        foreach (var c in current.Where(c => !used.Contains(c))) result.Add(new LesionChange("new", null, c, null));
        return result;
    }
}
