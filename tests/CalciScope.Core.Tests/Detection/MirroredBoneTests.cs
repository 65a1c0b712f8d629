using CalciScope.Calcification;
using CalciScope.Imaging;
using CalciScope.Segmentation;

namespace CalciScope.Tests.Detection;

/// <summary>
/// Paired bones across the midline: plates of 60 x 15 mm over 60 mm (54 mL each, an iliac wing's size) at 1 mm pixels
/// and 3 mm slices, in a body whose centre is the image's.
/// </summary>
public class MirroredBoneTests
{
    private const int N = 200, Z = 20;
    private const double Centre = (N - 1) / 2.0;

    private readonly record struct Box(int X0, int X1, int Y0, int Y1);

    private static (List<ComponentStats> Stats, RunSet Runs, SliceStats[] Slices) Scene(params Box[] boxes)
    {
        var g = VolumeGeometry.Axial(N, N, Z, 1, 1, 3);
        var hu = new Volume<short>(g);
        for (int z = 0; z < Z; z++)
            foreach (var b in boxes)
                for (int y = b.Y0; y <= b.Y1; y++)
                    for (int x = b.X0; x <= b.X1; x++)
                        hu.Data[z * N * N + y * N + x] = 900;
        var runs = RunLabeler.Label(hu, CalcificationDetector.ThresholdHu, (_, _, mask) => mask.Fill(1), short.MaxValue);
        var stats = DrawnComponents.Stats(runs);
        foreach (var s in stats) s.MaxHu = 900;
        var slices = Enumerable.Repeat(new SliceStats(N * N, Centre, Centre, N / 2.0, N / 2.0, 0), Z).ToArray();
        return (stats, runs, slices);
    }

    private static ComponentStats At(List<ComponentStats> stats, RunSet runs, int x) =>
        stats.Single(s => s.MinI <= x && s.MaxI >= x);

    private static readonly Box Left = new(20, 79, 90, 104), Right = new(120, 179, 90, 104);

    [Fact]
    public void TwoPlatesInMirrorImage_AreBothBone()
    {
        var (stats, runs, slices) = Scene(Left, Right);
        Assert.Equal(2, MirroredBone.Mark(stats, 3, runs, slices));
        Assert.All(stats, s => Assert.True(s.IsBone));
    }

    [Fact]
    public void PlateMirroredByBone_IsBone()
    {
        var (stats, runs, slices) = Scene(Left, Right);
        At(stats, runs, 30).IsBone = true;
        Assert.Equal(1, MirroredBone.Mark(stats, 3, runs, slices));
        Assert.True(At(stats, runs, 150).IsBone);
    }

    [Fact]
    public void PlateOnOneSideOnly_StaysACandidate()
    {
        var (stats, runs, slices) = Scene(Right);
        Assert.Equal(0, MirroredBone.Mark(stats, 3, runs, slices));
    }

    [Fact]
    public void MassAcrossTheMidline_IsNotItsOwnPair()
    {
        // A calcified fibroid is its own mirror image.
        var (stats, runs, slices) = Scene(new Box(70, 129, 80, 119));
        Assert.Equal(0, MirroredBone.Mark(stats, 3, runs, slices));
    }

    [Fact]
    public void BilateralPlatesOutOfRegister_StayCandidates()
    {
        // Bilateral calcinosis lies at the same level on both sides, but not voxel for voxel in mirror image.
        var (stats, runs, slices) = Scene(Left, new Box(120, 179, 110, 124));
        Assert.Equal(0, MirroredBone.Mark(stats, 3, runs, slices));
    }

    [Fact]
    public void PairOfContrastTubes_StaysVessels()
    {
        // The femoral veins of both thighs mirror each other as well as the femora do.
        var (stats, runs, slices) = Scene(Left, Right);
        foreach (var s in stats) s.ContrastTube = true;
        Assert.Equal(0, MirroredBone.Mark(stats, 3, runs, slices));
    }

    [Fact]
    public void PairOfSmallStructures_IsNotJudged()
    {
        var small = new Box(40, 49, 90, 99);
        var (stats, runs, slices) = Scene(small, new Box(N - 1 - 49, N - 1 - 40, 90, 99));
        Assert.True(stats.All(s => s.Count * 3 < BoneClassifier.LargeBoneMm3));
        Assert.Equal(0, MirroredBone.Mark(stats, 3, runs, slices));
    }
}
