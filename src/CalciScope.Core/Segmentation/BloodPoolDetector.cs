using CalciScope.Imaging;

namespace CalciScope.Segmentation;

/// <summary>
/// Finds iodine-filled blood pool (heart chambers, aorta, large veins; the iliac and femoral vessels of a pelvis) in a
/// contrast-enhanced CT: regions of 150 to 700 HU that survive a 3 mm erosion, large or long tubes of vessel calibre,
/// and not rimmed by cortex (marrow is, blood is not). Marks them, and the lumen out to the wall, in the tissue map so
/// that only what rises clearly above the enhanced lumen counts as calcium there.
/// </summary>
public static class BloodPoolDetector
{
    public const short LowHu = 150, HighHu = 700;
    public const double MinVolumeMm3 = 20_000;
    public const double MinVesselMm3 = 1_000, MinVesselLengthMm = 40, MaxVesselAreaMm2 = 700;
    /// <summary>Enough lumen, in chambers or tubes, to call the study enhanced.</summary>
    public const double MinEnhancedMm3 = 5_000;
    public const double ErodeMm = 3;
    public const short CortexHu = 800;
    public const double CortexClearMm = 4;
    public const short RingCortexHu = 600;
    /// <summary>
    /// Blood never lies against gas below the lungs; positive oral contrast does (gas-fluid levels, bubbles). A core
    /// with more of its probes in enclosed gas than this is bowel content (the stomach of LIDC-IDRI 0003 had been taken
    /// for blood pool, as had the contrast-filled bowel of the phantom family).
    /// </summary>
    public const double BowelGasShare = 0.05;
    /// <summary>Steps of one cell grown through the lumen towards the wall after the cores are grown back.</summary>
    public const int WallGrowSteps = 4;

    public sealed record Result(bool Enhanced, double MeanHu, double SdHu, double VolumeMm3, short CalciumThresholdHu);

    /// <param name="lungLevel">Per coarse slice: at the level of the lungs, where blood pool lies against the lungs' air.</param>
    public static Result Detect(Volume<short> hu, byte[] tissue, bool[]? lungLevel = null)
    {
        var g = hu.Geometry;
        int nx = g.SizeX, ny = g.SizeY, len = nx * ny;
        var core = new Volume<short>(g);
        Parallel.For(0, g.SizeZ, () => (new SliceOps(nx, ny, g.Spacing.X, g.Spacing.Y), new bool[len]), (z, _, w) =>
        {
            var (ops, mask) = w;
            var src = hu.Slice(z);
            // Marrow shares the blood's HU; keep clear of cortex so that bones and vessels touching them stay apart.
            for (int i = 0; i < len; i++) mask[i] = src[i] >= CortexHu;
            ops.Dilate(mask, CortexClearMm);
            for (int i = 0; i < len; i++) mask[i] = !mask[i] && src[i] >= LowHu && src[i] <= HighHu && tissue[z * len + i] != 0;
            ops.Erode(mask, ErodeMm);
            var dst = core.Slice(z);
            for (int i = 0; i < len; i++) dst[i] = mask[i] ? (short)1 : (short)0;
            return w;
        }, _ => { });
        var runs = RunLabeler.Label(core, 1, tissue);
        var count = new long[runs.ComponentCount + 1];
        var ring = new long[runs.ComponentCount + 1];
        var cortex = new long[runs.ComponentCount + 1];
        var gas = new long[runs.ComponentCount + 1];
        var minK = new int[runs.ComponentCount + 1];
        var maxK = new int[runs.ComponentCount + 1];
        Array.Fill(minK, int.MaxValue);
        // Look past the erosion and the clearance kept from cortex: marrow cores find their cortex there, blood does not.
        int step = (int)Math.Ceiling((ErodeMm + CortexClearMm + 2) / g.Spacing.X);
        for (int r = 0; r < runs.Count; r++)
        {
            int c = runs.Component[r];
            count[c] += runs.X1[r] - runs.X0[r] + 1;
            minK[c] = Math.Min(minK[c], runs.Z[r]);
            maxK[c] = Math.Max(maxK[c], runs.Z[r]);
            int off = runs.Z[r] * len + runs.Y[r] * nx;
            foreach (var x in new[] { runs.X0[r] - step, runs.X1[r] + step })
            {
                if (x < 0 || x >= nx) continue;
                ring[c]++;
                if (hu.Data[off + x] >= RingCortexHu) cortex[c]++;
            }
            // Bowel gas beside it, in front or behind, below the lungs: contrast in the bowel, not blood.
            if (lungLevel is null || lungLevel[runs.Z[r]]) continue;
            int xm = (runs.X0[r] + runs.X1[r]) / 2;
            foreach (var y in new[] { runs.Y[r] - step, runs.Y[r] + step })
                if (y >= 0 && y < ny && (tissue[runs.Z[r] * len + y * nx + xm] & TissueClass.Air) != 0) gas[c]++;
            foreach (var x in new[] { runs.X0[r] - step, runs.X1[r] + step })
                if (x >= 0 && x < nx && (tissue[off + x] & TissueClass.Air) != 0) gas[c]++;
        }
        double voxel = g.VoxelVolumeMm3;
        var pool = new bool[runs.ComponentCount + 1];
        double volume = 0;
        for (int c = 1; c <= runs.ComponentCount; c++)
        {
            if (ring[c] == 0 || cortex[c] > 0.1 * ring[c] || gas[c] > BowelGasShare * ring[c]) continue;
            double v = count[c] * voxel, length = (maxK[c] - minK[c] + 1) * g.Spacing.Z;
            // A heart or aorta is large; below the chest the enhanced lumen is a set of tubes (iliac and femoral
            // arteries and veins), each small but long and of vessel calibre.
            bool vessel = v >= MinVesselMm3 && length >= MinVesselLengthMm && v / length <= MaxVesselAreaMm2;
            if (v < MinVolumeMm3 && !vessel) continue;
            pool[c] = true;
            volume += v;
        }
        if (volume < MinEnhancedMm3) return new Result(false, 0, 0, 0, 130);

        // Grow the cores back over the enhanced voxels they were eroded from, and measure the lumen.
        var mark = new bool[hu.Data.Length];
        for (int r = 0; r < runs.Count; r++)
        {
            if (!pool[runs.Component[r]]) continue;
            int off = runs.Z[r] * len + runs.Y[r] * nx;
            mark.AsSpan(off + runs.X0[r], runs.X1[r] - runs.X0[r] + 1).Fill(true);
        }
        // The lumen is measured before growing to the wall, whose partial volume would lower it.
        var sumZ = new double[g.SizeZ];
        var sum2Z = new double[g.SizeZ];
        var nZ = new long[g.SizeZ];
        Parallel.For(0, g.SizeZ, () => new SliceOps(nx, ny, g.Spacing.X, g.Spacing.Y), (z, _, ops) =>
        {
            var m = mark.AsSpan(z * len, len);
            if (m.IndexOf(true) < 0) return ops;
            ops.Dilate(m, ErodeMm + 1);
            var src = hu.Slice(z);
            for (int i = 0; i < len; i++)
            {
                m[i] &= src[i] >= LowHu - 50 && tissue[z * len + i] != 0;
                if (!m[i]) continue;
                tissue[z * len + i] |= TissueClass.BloodPool;
                if (src[i] > HighHu || src[i] < LowHu) continue;
                sumZ[z] += src[i]; sum2Z[z] += (double)src[i] * src[i]; nZ[z]++;
            }
            // On through the enhanced lumen up to the wall: the cores keep clear of anything cortex-dense, plaque too,
            // and the lumen beside a plaque must not count as calcium at the unraised threshold. Marked apart, since
            // the same growth can creep into marrow behind a thin cortex, and marrow must not count as touching blood.
            for (int step = 0; step < WallGrowSteps; step++)
            {
                ops.Dilate(m, g.Spacing.X);
                for (int i = 0; i < len; i++) m[i] &= src[i] >= LowHu - 50 && src[i] <= HighHu && tissue[z * len + i] != 0;
            }
            for (int i = 0; i < len; i++) if (m[i] && (tissue[z * len + i] & TissueClass.BloodPool) == 0) tissue[z * len + i] |= TissueClass.PoolWall;
            return ops;
        }, _ => { });
        double sum = sumZ.Sum(), sum2 = sum2Z.Sum();
        long n = nZ.Sum();
        double mean = sum / Math.Max(1, n), sd = Math.Sqrt(Math.Max(0, sum2 / Math.Max(1, n) - mean * mean));
        short threshold = (short)Math.Clamp(Math.Round(mean + 4 * sd + 50), 300, 1000);
        return new Result(true, Math.Round(mean, 1), Math.Round(sd, 1), Math.Round(volume), threshold);
    }
}
