using CalciScope.Calcification;
using CalciScope.Imaging;
using CalciScope.Segmentation;

namespace CalciScope.Tests.Detection;

/// <summary>
/// A trunk 200 mm wide and 160 mm deep at 1 mm pixels and 3 mm slices, its vertebral body (40 x 36 mm) behind its centre,
/// and a component called vessel wall placed about it: behind the body, in front of it, beside it, far behind it.
/// </summary>
public class PosteriorArchTests
{
    private const int N = 200, Z = 20;
    private const double Centre = (N - 1) / 2.0;
    private static readonly VolumeGeometry Grid = VolumeGeometry.Axial(N, N, Z, 1, 1, 3);
    private static readonly SliceStats[] Slices = Enumerable.Repeat(new SliceStats(N * N, Centre, Centre, 100, 80, 0), Z).ToArray();

    private static ComponentStats Box(int i0, int i1, int j0, int j1, int k0 = 0, int k1 = Z - 1, bool bone = false) => new()
    {
        MinI = i0, MaxI = i1, MinJ = j0, MaxJ = j1, MinK = k0, MaxK = k1, MaxHu = 900, Count = 100, IsBone = bone, VesselWall = !bone,
    };

    private static ComponentStats Body(int j0 = 130, int j1 = 165) => Box(80, 119, j0, j1, bone: true);

    private static int Mark(ComponentStats body, ComponentStats wall) => PosteriorArch.Mark([body, wall], Slices, Grid, new PosteriorArchOptions());

    private static void IsArch(ComponentStats body, ComponentStats wall)
    {
        Assert.Equal(1, Mark(body, wall));
        Assert.True(wall.IsBone);
        Assert.False(wall.VesselWall);
    }

    private static void StaysVesselWall(ComponentStats body, ComponentStats wall)
    {
        Assert.Equal(0, Mark(body, wall));
        Assert.True(wall.VesselWall);
        Assert.False(wall.IsBone);
    }

    [Fact]
    public void WallBehindTheBodyOnTheMidline_IsItsArch() => IsArch(Body(), Box(90, 109, 170, 185));

    /// <summary>An aortic plaque against the front of the spine, on the midline.</summary>
    [Fact]
    public void WallInFrontOfTheBody_StaysVesselWall() => StaysVesselWall(Body(), Box(90, 109, 110, 125));

    [Fact]
    public void WallBehindTheBodyBesideTheMidline_StaysVesselWall() => StaysVesselWall(Body(), Box(130, 149, 170, 185));

    [Fact]
    public void WallFurtherBehindThanACanalIsDeep_StaysVesselWall() => StaysVesselWall(Body(), Box(90, 109, 195, 210));

    [Fact]
    public void WallOverSlicesTheBodyDoesNotSpan_StaysVesselWall() =>
        StaysVesselWall(Box(80, 119, 130, 165, k0: 0, k1: 7, bone: true), Box(90, 109, 170, 185, k0: 6, k1: 19));

    /// <summary>The back towards the first rows: the body lies before the trunk's centre, its arch before the body.</summary>
    [Fact]
    public void ProneTrunk_BehindIsTheOtherWay()
    {
        IsArch(Body(34, 69), Box(90, 109, 14, 29));
        StaysVesselWall(Body(34, 69), Box(90, 109, 74, 89));
    }
}
