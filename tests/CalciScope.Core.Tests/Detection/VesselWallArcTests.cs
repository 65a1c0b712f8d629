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
    private static Volume<short> Draw(double arcRadians, short insideHu, bool filled = false)
    {
        var hu = new Volume<short>(VolumeGeometry.Axial(N, N, Z, Mm, Mm, 2));
        double c = N / 2 * Mm;
        for (int z = 0; z < Z; z++)
            for (int y = 0; y < N; y++)
                for (int x = 0; x < N; x++)
                {
                    double dx = x * Mm - c, dy = y * Mm - c, r = Math.Sqrt(dx * dx + dy * dy), a = Math.Atan2(dy, dx) + Math.PI;
                    short v = 40;
                    if (r < RadiusMm) v = filled ? (short)1000 : insideHu;
                    else if (r < RadiusMm + ShellMm && a <= arcRadians) v = 1000;
                    hu.Data[z * N * N + y * N + x] = v;
                }
        return hu;
    }

    private static bool IsVesselWall(Volume<short> hu)
    {
        var runs = RunLabeler.Label(hu, CalcificationDetector.ThresholdHu, (z, y, mask) => mask.Fill(1));
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
        return VesselWallArc.Is(shell, runs, hu, new VesselWallArcOptions());
    }

    [Fact]
    public void OpenArcRoundBlood_IsVesselWall() => Assert.True(IsVesselWall(Draw(1.9, insideHu: 40)));

    [Fact]
    public void ClosedRingRoundFattyMarrow_IsNot() => Assert.False(IsVesselWall(Draw(2 * Math.PI, insideHu: 20)));

    [Fact]
    public void OpenArcRoundRedMarrow_IsNot() => Assert.False(IsVesselWall(Draw(1.9, insideHu: 400)));

    [Fact]
    public void SolidBone_IsNot() => Assert.False(IsVesselWall(Draw(1.9, insideHu: 40, filled: true)));
}
