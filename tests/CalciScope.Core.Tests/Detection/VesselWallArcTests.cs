using CalciScope.Calcification;
using CalciScope.Imaging;
using CalciScope.Segmentation;

namespace CalciScope.Tests.Detection;

/// <summary>
/// A plaque in section is an open arc of calcium round a lumen of blood; bone never is: a cortex closes round its
/// marrow, and red or sclerotic marrow is itself at calcium density. Drawn at 0.7 mm, an aorta-sized circle (radius 9 mm).
/// </summary>
public class VesselWallArcTests
{
    private const int N = 64, Z = 6;
    private const double Mm = 0.7, RadiusMm = 9, ShellMm = 1.4;

    /// <summary>A shell of <paramref name="arcRadians"/> round a disc of <paramref name="insideHu"/>, in 40 HU tissue.</summary>
    private static Volume<short> Draw(double arcRadians, short insideHu, bool filled = false, double radiusMm = RadiusMm, double mm = Mm)
    {
        var hu = new Volume<short>(VolumeGeometry.Axial(N, N, Z, mm, mm, 2));
        double c = N / 2 * mm;
        for (int z = 0; z < Z; z++)
            for (int y = 0; y < N; y++)
                for (int x = 0; x < N; x++)
                {
                    double dx = x * mm - c, dy = y * mm - c, r = Math.Sqrt(dx * dx + dy * dy), a = Math.Atan2(dy, dx) + Math.PI;
                    short v = 40;
                    if (r < radiusMm) v = filled ? (short)1000 : insideHu;
                    else if (r < radiusMm + ShellMm && a <= arcRadians) v = 1000;
                    hu.Data[z * N * N + y * N + x] = v;
                }
        return hu;
    }

    /// <param name="lumenThresholdHu">Where given, the whole slice is taken as lumen with this raised threshold, as the detector does in a contrast-filled lumen.</param>
    private static bool IsVesselWall(Volume<short> hu, VesselWallArcOptions? options = null, short? lumenThresholdHu = null)
    {
        var runs = RunLabeler.Label(hu, CalcificationDetector.ThresholdHu, (z, y, mask) => mask.Fill(lumenThresholdHu is null ? (byte)1 : (byte)2),
            lumenThresholdHu ?? short.MaxValue);
        // The largest component: the shell (with the disc where that is at calcium density).
        var stats = new Dictionary<int, ComponentStats>();
        for (int r = 0; r < runs.Count; r++)
        {
            int id = runs.Component[r];
            if (!stats.TryGetValue(id, out var s)) stats[id] = s = new ComponentStats { Id = id };
            s.Runs.Add(r);
            s.Count += runs.X1[r] - runs.X0[r] + 1;
            s.MinK = Math.Min(s.MinK, runs.Z[r]);
            s.MaxK = Math.Max(s.MaxK, runs.Z[r]);
        }
        var shell = stats.Values.MaxBy(s => s.Count)!;
        return VesselWallArc.Is(shell, runs, hu, options ?? new VesselWallArcOptions());
    }

    [Fact]
    public void OpenArcRoundBlood_IsVesselWall() => Assert.True(IsVesselWall(Draw(1.9, insideHu: 40)));

    [Fact]
    public void ClosedRingRoundFattyMarrow_IsNot() => Assert.False(IsVesselWall(Draw(2 * Math.PI, insideHu: 20)));

    [Fact]
    public void OpenArcRoundRedMarrow_IsNot() => Assert.False(IsVesselWall(Draw(1.9, insideHu: 400)));

    [Fact]
    public void SolidBone_IsNot() => Assert.False(IsVesselWall(Draw(1.9, insideHu: 40, filled: true)));

    /// <summary>
    /// Short arcs of a shell thickened by partial volume, as a plaque is at the calcium threshold: a third of a 4 mm
    /// artery's wall (3.5-6 mm) and a fifth of an aorta's (8-11 mm). The plain least-squares circle (Kasa) shrinks to
    /// 2.7-3.0 mm and 3.6 mm on these; Taubin's fit stays within a fifth of the shell's middle radius.
    /// </summary>
    [Theory]
    [InlineData(3.5, 6.0, 1.9, 0.0)]
    [InlineData(3.5, 6.0, 1.9, 0.2)]
    [InlineData(8.0, 11.0, 1.2, 0.0)]
    [InlineData(8.0, 11.0, 1.2, 0.4)]
    public void CircleFit_OnShortThickArc_KeepsTheRadius(double innerMm, double outerMm, double arcRadians, double offsetMm)
    {
        const int n = 64;
        double c = n / 2 * Mm + offsetMm;
        var pixels = new List<int>();
        for (int y = 0; y < n; y++)
            for (int x = 0; x < n; x++)
            {
                double dx = x * Mm - c, dy = y * Mm - c, r = Math.Sqrt(dx * dx + dy * dy), a = Math.Atan2(dy, dx) + Math.PI;
                if (r >= innerMm && r < outerMm && a <= arcRadians) pixels.Add(y * n + x);
            }
        Assert.True(VesselWallArc.FitCircle(pixels, n, Mm, Mm, out double cx, out double cy, out double radius));
        double mid = (innerMm + outerMm) / 2;
        Assert.InRange(radius, 0.8 * mid, 1.2 * mid);
        Assert.InRange(Math.Sqrt((cx - c) * (cx - c) + (cy - c) * (cy - c)), 0, 0.25 * mid);
    }

    /// <summary>Round a contrast-filled lumen (330 HU), with the lumen's raised threshold: plaque; with the unenhanced lumen's range: not.</summary>
    [Fact]
    public void OpenArcRoundContrast_IsVesselWallOnlyWithTheEnhancedLumen()
    {
        var hu = Draw(1.9, insideHu: 330);
        Assert.True(IsVesselWall(hu, VesselWallArcOptions.Enhanced(calciumThresholdHu: 520), lumenThresholdHu: 520));
        Assert.False(IsVesselWall(hu, lumenThresholdHu: 520));
    }

    /// <summary>
    /// A plaque in 6 of 88 slices, joined to a thin blur (2 pixels a slice) that runs the whole range, as the phantom
    /// family's seed 423's aortic plaque was: the slices judged are those that show enough to fit an arc, not a fixed
    /// stride through the range, which stepped over all six.
    /// </summary>
    [Fact]
    public void ShortPlaqueOnALongThinBlur_IsVesselWall()
    {
        const int depth = 88, first = 21, last = 26;
        var hu = new Volume<short>(VolumeGeometry.Axial(N, N, depth, Mm, Mm, 2));
        hu.Data.AsSpan().Fill(40);
        var arc = Draw(1.9, insideHu: 40);
        var voxels = new List<int>();
        int len = N * N;
        // The blur runs on from the arc's first two pixels.
        var blur = Enumerable.Range(0, len).Where(i => arc.Data[i] >= CalcificationDetector.ThresholdHu).Take(2).ToArray();
        for (int z = 0; z < depth; z++)
        {
            if (z is >= first and <= last)
                for (int i = 0; i < len; i++)
                {
                    hu.Data[z * len + i] = arc.Data[i];
                    if (arc.Data[i] >= CalcificationDetector.ThresholdHu) voxels.Add(z * len + i);
                }
            if (z is >= first and <= last) continue;
            foreach (int i in blur)
            {
                hu.Data[z * len + i] = 400;
                voxels.Add(z * len + i);
            }
        }
        Assert.True(VesselWallArc.Is(voxels, hu, new VesselWallArcOptions()));
    }
}
