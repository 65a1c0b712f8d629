using CalciScope.Calcification;
using CalciScope.Imaging;
using CalciScope.Segmentation;

namespace CalciScope.Tests.Detection;

/// <summary>
/// A contrast-filled vessel too small for the blood pool is a long round tube no denser than contrast; calcium joined
/// to it (a grain in the muscle beside a femoral vessel) does not make it bone, and is judged apart.
/// </summary>
public class ContrastFilledTubeTests
{
    private const int N = 40, Z = 60;

    /// <summary>A tube of radius 4 mm at 300 HU along z (1 mm voxels), with a calcified grain of <paramref name="grainVoxels"/> at 700 HU against its side.</summary>
    /// <param name="fromZ">First slice of the tube; it runs to <paramref name="toZ"/> (exclusive).</param>
    private static (Volume<short> Hu, ComponentStats Stats, RunSet Runs) Tube(int grainVoxels, int fromZ = 0, int toZ = Z)
    {
        var hu = new Volume<short>(VolumeGeometry.Axial(N, N, Z, 1, 1, 1));
        Array.Fill(hu.Data, (short)40);
        for (int z = fromZ; z < toZ; z++)
            for (int y = 0; y < N; y++)
                for (int x = 0; x < N; x++)
                    if ((x - 20) * (x - 20) + (y - 20) * (y - 20) <= 16) hu.Data[z * N * N + y * N + x] = 300;
        for (int k = 0; k < grainVoxels; k++) hu.Data[((grainVoxels > 60 ? 0 : 30) + k / 5) * N * N + 20 * N + 24 + k % 5] = 700;
        var runs = RunLabeler.Label(hu, CalcificationDetector.ThresholdHu, (z, y, mask) => mask.Fill(1));
        var s = new ComponentStats { Id = 1 };
        for (int r = 0; r < runs.Count; r++)
        {
            s.Runs.Add(r);
            s.MinI = Math.Min(s.MinI, runs.X0[r]); s.MaxI = Math.Max(s.MaxI, runs.X1[r]);
            s.MinJ = Math.Min(s.MinJ, runs.Y[r]); s.MaxJ = Math.Max(s.MaxJ, runs.Y[r]);
            s.MinK = Math.Min(s.MinK, runs.Z[r]); s.MaxK = Math.Max(s.MaxK, runs.Z[r]);
            for (int x = runs.X0[r]; x <= runs.X1[r]; x++)
            {
                short v = hu.Data[runs.Z[r] * N * N + runs.Y[r] * N + x];
                s.Count++; s.SumHu += v; s.MaxHu = Math.Max(s.MaxHu, v);
                if (v >= ContrastFilledTube.TubeMaxPeakHu) s.AboveTubePeak++;
            }
        }
        return (hu, s, runs);
    }

    private static int[] Voxels(ComponentStats s, RunSet runs)
    {
        var list = new List<int>();
        foreach (int r in s.Runs) for (int x = runs.X0[r]; x <= runs.X1[r]; x++) list.Add(runs.Z[r] * N * N + runs.Y[r] * N + x);
        return list.ToArray();
    }

    [Fact]
    public void TubeWithAGrain_IsATubeAndTheGrainIsItsOnlyDensePart()
    {
        var (hu, s, runs) = Tube(grainVoxels: 12);
        Assert.True(ContrastFilledTube.IsLong(s, 1, hu.Geometry));
        var parts = ContrastFilledTube.DenseParts(s, Voxels(s, runs), hu, 1).ToList();
        Assert.Single(parts);
        Assert.Equal(12, parts[0].Length);
    }

    [Fact]
    public void TubeDenseThroughMoreThanAFewPercent_IsNotContrast()
    {
        // A tube of 3,000 voxels with 300 at 700 HU (10 %): not a lumen of contrast.
        var (hu, s, _) = Tube(grainVoxels: 300);
        Assert.False(ContrastFilledTube.IsLong(s, 1, hu.Geometry));
    }

    /// <summary>
    /// A vessel of 30 mm that the scanned range cuts (a jugular between the skull base and the scan's edge) is contrast;
    /// the same 30 mm lying wholly inside the range is too short to tell from a calcified strand.
    /// </summary>
    [Fact]
    public void ShortTube_IsContrastOnlyWhereTheRangeCutsIt()
    {
        var (cutHu, cut, _) = Tube(grainVoxels: 0, fromZ: 0, toZ: 30);
        Assert.True(ContrastFilledTube.Is(cut, 1, cutHu.Geometry));
        var (insideHu, inside, _) = Tube(grainVoxels: 0, fromZ: 15, toZ: 45);
        Assert.False(ContrastFilledTube.Is(inside, 1, insideHu.Geometry));
    }
}
