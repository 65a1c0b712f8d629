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

    /// <summary>
    /// A vertebral body's cortex broken into pieces at a raised threshold (gaps of 1.6 mm at 40 HU), its front arc a
    /// component of its own against the pool in front: with its neighbours it closes round the marrow.
    /// </summary>
    [Fact]
    public void FrontArcOfABrokenCortex_WithItsNeighbours_RingsMarrow()
    {
        var (pieces, runs, hu) = BrokenRing(plaque: false);
        var front = pieces.OrderBy(p => p.MinJ).First();
        Assert.False(LumenContact.RingsMarrow(front, runs, hu.Geometry, PoolInFront));
        Assert.True(LumenContact.RingsMarrowWithNeighbours(front, runs, hu, PoolInFront, PoolMeanHu));
    }

    /// <summary>A plaque curving round the pool's lumen in front of that body lines the lumen, not the marrow.</summary>
    [Fact]
    public void PlaqueRoundTheLumenBesideTheBody_DoesNot()
    {
        var (pieces, runs, hu) = BrokenRing(plaque: true);
        var plaque = pieces.OrderBy(p => p.MinJ).First();
        Assert.True(plaque.MaxJ < Centre - BodyRadius / Mm, "the plaque lies in front of the body");
        Assert.False(LumenContact.RingsMarrowWithNeighbours(plaque, runs, hu, PoolInFront, PoolMeanHu));
    }

    /// <summary>A vessel's calcified ring broken into arcs closes, with its neighbours, round its own lumen only.</summary>
    [Fact]
    public void BrokenRingRoundTheLumen_DoesNot()
    {
        var (pieces, runs, hu) = BrokenRing(plaque: false);
        var front = pieces.OrderBy(p => p.MinJ).First();
        byte Lumen(int x, int y, int z) => Math.Sqrt((x - Centre) * (x - Centre) + (y - Centre) * (y - Centre)) < BodyRadius / Mm ? TissueClass.BloodPool : TissueClass.InnerSoft;
        Assert.False(LumenContact.RingsMarrowWithNeighbours(front, runs, hu, Lumen, PoolMeanHu));
    }

    private const int Wide = 96, Centre = 56;
    private const double BodyRadius = 14, LumenRadius = 8;
    private const double PoolMeanHu = 300;
    private static double LumenCentreY => Centre - (BodyRadius + CortexMm + 2 + LumenRadius) / Mm;

    /// <summary>Blood pool: the aorta's lumen in front of the body.</summary>
    private static byte PoolInFront(int x, int y, int z) =>
        Math.Sqrt((x - Centre) * (x - Centre) + (y - LumenCentreY) * (y - LumenCentreY)) < LumenRadius / Mm ? TissueClass.BloodPool : TissueClass.InnerSoft;

    private static (List<ComponentStats> Pieces, RunSet Runs, Volume<short> Hu) BrokenRing(bool plaque)
    {
        var g = VolumeGeometry.Axial(Wide, Wide, Z, Mm, Mm, 2);
        var hu = new Volume<short>(g);
        for (int z = 0; z < Z; z++)
            for (int y = 0; y < Wide; y++)
                for (int x = 0; x < Wide; x++)
                {
                    double dx = (x - Centre) * Mm, dy = (y - Centre) * Mm, r = Math.Sqrt(dx * dx + dy * dy);
                    double angle = Math.Atan2(dy, dx) * 180 / Math.PI;
                    // Gaps at 60 degrees either side of the front (-90) and at the back: three pieces.
                    bool gap = Math.Abs(Math.Abs(angle + 90) - 60) < 4 || Math.Abs(angle - 90) < 4;
                    short v = (short)(r >= BodyRadius && r < BodyRadius + CortexMm && !gap ? 800 : 40);
                    double lx = (x - Centre) * Mm, ly = (y - LumenCentreY) * Mm, lr = Math.Sqrt(lx * lx + ly * ly);
                    if (lr < LumenRadius) v = (short)PoolMeanHu;
                    // The plaque: the lumen's wall on its front half.
                    if (plaque && lr >= LumenRadius && lr < LumenRadius + CortexMm && ly < 0) v = 900;
                    hu.Data[z * Wide * Wide + y * Wide + x] = v;
                }
        var runs = RunLabeler.Label(hu, 500, (_, _, mask) => mask.Fill(1), short.MaxValue);
        return (DrawnComponents.Stats(runs).ToList(), runs, hu);
    }
}
