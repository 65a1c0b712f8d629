using CalciScope.Calcification;
using CalciScope.Imaging;
using CalciScope.Segmentation;

namespace CalciScope.Tests.Detection;

/// <summary>
/// The skull's outer table as its own component: a ring 4 px thick round the section of a head 200 px wide at 1 mm
/// pixels and 4.6 mm slices (the phantom family's seed 140: a 67 mL shell at 784 HU under a thin scalp), judged on slices
/// that the inner table already encloses and on slices that no skull encloses.
/// </summary>
public class OuterTableTests
{
    private const int N = 220, Z = 12;
    private const double Centre = (N - 1) / 2.0;

    private static (List<ComponentStats> Stats, RunSet Runs, SliceStats[] Slices) Scene(double inner, double outer, short hu, bool cranial,
        Func<double, bool>? keepAngle = null)
    {
        var g = VolumeGeometry.Axial(N, N, Z, 1, 1, 4.6);
        var volume = new Volume<short>(g);
        for (int z = 0; z < Z; z++)
            for (int y = 0; y < N; y++)
                for (int x = 0; x < N; x++)
                {
                    double r = Math.Sqrt((x - Centre) * (x - Centre) + (y - Centre) * (y - Centre));
                    if (r >= inner && r < outer && (keepAngle is null || keepAngle(Math.Atan2(y - Centre, x - Centre))))
                        volume.Data[z * N * N + y * N + x] = hu;
                }
        var runs = RunLabeler.Label(volume, CalcificationDetector.ThresholdHu, (_, _, mask) => mask.Fill(1), short.MaxValue);
        var stats = DrawnComponents.Stats(runs);
        foreach (var s in stats) s.MaxHu = hu;
        var slices = Enumerable.Repeat(new SliceStats(Math.PI * 100 * 100, Centre, Centre, 100, 100, 0, Head: cranial, Cranial: cranial), Z).ToArray();
        return (stats, runs, slices);
    }

    private static int Take((List<ComponentStats> Stats, RunSet Runs, SliceStats[] Slices) scene) =>
        BoneClassifier.TakeOuterTables(scene.Stats, 4.6, scene.Runs, scene.Slices, new byte[N * N * Z]);

    [Fact]
    public void RingRoundACranialSection_IsTheOuterTable()
    {
        var scene = Scene(96, 100, 784, cranial: true);
        Assert.Equal(1, Take(scene));
        Assert.True(scene.Stats.Single().IsBone);
    }

    [Fact]
    public void RingWhereNoSkullEncloses_StaysACandidate()
    {
        // Below the skull the same ring would be a shell in the skin of a neck or trunk: no rule of the skull's takes it.
        var scene = Scene(96, 100, 784, cranial: false);
        Assert.Equal(0, Take(scene));
        Assert.False(scene.Stats.Single().IsBone);
    }

    [Fact]
    public void PlaqueOnOneSideOfTheScalp_StaysACandidate()
    {
        // A quarter of the ring: calcification of the scalp over one side of the skull does not span the section.
        var scene = Scene(96, 100, 784, cranial: true, a => a is > 0 and < Math.PI / 2);
        Assert.Equal(0, Take(scene));
    }

    [Fact]
    public void RingUnderBoneDensity_StaysACandidate()
    {
        // Peaking under 500 HU, a ring is no cortex however it lies (enhancing scalp, a faint rim of calcium).
        var scene = Scene(96, 100, 450, cranial: true);
        Assert.Equal(0, Take(scene));
    }
}
