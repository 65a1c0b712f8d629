using CalciScope.Calcification;
using CalciScope.Imaging;
using CalciScope.Segmentation;

namespace CalciScope.Tests.Detection;

/// <summary>
/// A cortex that closes round a marrow cavity stays bone though it lies along the blood pool; a vessel's calcified ring
/// closes round its enhanced lumen. Drawn at 0.8 mm: a ring of 12 mm radius (a vertebral body's section) and 1.6 mm cortex.
/// </summary>
public class RingsMarrowTests
{
    private const int N = 48, Z = 8;
    private const double Mm = 0.8, RadiusMm = 12, CortexMm = 1.6;

    private static (ComponentStats Ring, RunSet Runs, VolumeGeometry Geometry) Ring()
    {
        var g = VolumeGeometry.Axial(N, N, Z, Mm, Mm, 2);
        var hu = new Volume<short>(g);
        double c = N / 2 * Mm;
        for (int z = 0; z < Z; z++)
            for (int y = 0; y < N; y++)
                for (int x = 0; x < N; x++)
                {
                    double r = Math.Sqrt(Math.Pow(x * Mm - c, 2) + Math.Pow(y * Mm - c, 2));
                    hu.Data[z * N * N + y * N + x] = (short)(r >= RadiusMm && r < RadiusMm + CortexMm ? 800 : 40);
                }
        var runs = RunLabeler.Label(hu, CalcificationDetector.ThresholdHu, (_, _, mask) => mask.Fill(1), short.MaxValue);
        var ring = DrawnComponents.Stats(runs).Single();
        return (ring, runs, g);
    }

    [Fact]
    public void CortexRoundMarrow_BesideThePool_RingsMarrow()
    {
        var (ring, runs, g) = Ring();
        // The pool lies outside the ring, above it (an aorta against a vertebral body).
        byte Code(int x, int y, int z) => y < N / 2 - RadiusMm / Mm - 1 ? TissueClass.BloodPool : TissueClass.InnerSoft;
        Assert.True(LumenContact.RingsMarrow(ring, runs, g, Code));
    }

    [Fact]
    public void CalcifiedRingRoundTheLumen_DoesNot()
    {
        var (ring, runs, g) = Ring();
        double c = N / 2;
        byte Code(int x, int y, int z) => Math.Sqrt((x - c) * (x - c) + (y - c) * (y - c)) < RadiusMm / Mm ? TissueClass.BloodPool : TissueClass.InnerSoft;
        Assert.False(LumenContact.RingsMarrow(ring, runs, g, Code));
    }

    [Fact]
    public void OpenArc_DoesNot()
    {
        var (ring, runs, g) = Ring();
        // Half the ring only: no hole closes.
        var half = new ComponentStats { Id = 1, MinI = ring.MinI, MaxI = ring.MaxI, MinJ = ring.MinJ, MaxJ = ring.MaxJ, MinK = ring.MinK, MaxK = ring.MaxK };
        foreach (int r in ring.Runs) if (runs.Y[r] < N / 2) half.Runs.Add(r);
        Assert.False(LumenContact.RingsMarrow(half, runs, g, (_, _, _) => TissueClass.InnerSoft));
    }
}
