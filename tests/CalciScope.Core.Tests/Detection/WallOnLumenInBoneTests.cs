using CalciScope.Calcification;
using CalciScope.Imaging;
using CalciScope.Segmentation;

namespace CalciScope.Tests.Detection;

/// <summary>
/// The scene of <see cref="TubeInBoneTests"/> (a bone with cortex and red marrow, a contrast-filled vessel of 250 HU,
/// 1 mm pixels, 2 mm slices), the vessel running obliquely as an iliac artery does: against the cortex and joined to it at
/// the calcium threshold in its first slices, then drawing away from it, one component at the threshold. With or without
/// a calcified plaque of 1000 HU, 1.5 mm thick, on the vessel's wall where it has left the bone: a third of its
/// circumference on the side away from the bone, over 20 mm of its length (the phantom family's seed 20). The plaque is
/// carved as vessel wall; the cortex the vessel rests on never is. Where the plaque and the bone close a slice's lumen in
/// together, the lumen is no lumen to <see cref="TubeInBone"/> (marrow is closed in so) and the plaque stays with the bone.
/// </summary>
public class WallOnLumenInBoneTests
{
    private const int N = 120, Slices = 40;
    private const double BoneX = 40, BoneY = 60, BoneRadius = 20, Cortex = 2, VesselRadius = 5, PlaqueThickness = 1.5;
    private const int PlaqueFrom = 20, PlaqueTo = 29;

    /// <summary>The vessel's axis: overlapping the cortex by 1.5 pixels up to slice 8, then drawing away half a pixel a slice.</summary>
    private static double VesselX(int z) => BoneX + BoneRadius + Cortex + VesselRadius - 1.5 + Math.Max(0, z - 8) * 0.5;

    private static (ComponentStats Bone, RunSet Runs, Volume<short> Hu) Scene(bool plaque)
    {
        var g = VolumeGeometry.Axial(N, N, Slices, 1, 1, 2);
        var hu = new Volume<short>(g);
        for (int z = 0; z < Slices; z++)
            for (int y = 0; y < N; y++)
                for (int x = 0; x < N; x++)
                {
                    double r = Math.Sqrt((x - BoneX) * (x - BoneX) + (y - BoneY) * (y - BoneY));
                    double vx = VesselX(z), rv = Math.Sqrt((x - vx) * (x - vx) + (y - BoneY) * (y - BoneY));
                    // The plaque's arc faces away from the bone: within 60 degrees of the outward direction (+x).
                    double angle = Math.Abs(Math.Atan2(y - BoneY, x - vx));
                    short v = 40;
                    if (r < BoneRadius) v = 250;
                    else if (r < BoneRadius + Cortex) v = 900;
                    if (rv < VesselRadius) v = 250;
                    else if (plaque && z >= PlaqueFrom && z <= PlaqueTo && rv < VesselRadius + PlaqueThickness && angle < Math.PI / 3) v = 1000;
                    hu.Data[z * N * N + y * N + x] = v;
                }
        var runs = RunLabeler.Label(hu, CalcificationDetector.ThresholdHu, (_, _, mask) => mask.Fill(1), short.MaxValue);
        return (OneBone.Stats(runs).Single(), runs, hu);
    }

    private static (List<int[]> Pieces, Volume<short> Hu) Carve(bool plaque)
    {
        var (bone, runs, hu) = Scene(plaque);
        var lumens = TubeInBone.Measure([bone], runs, hu, new TubeInBoneOptions()).Lumens;
        return (WallOnLumenInBone.Carve(lumens, runs, hu, new WallOnLumenInBoneOptions(), _ => true), hu);
    }

    [Fact]
    public void PlaqueOnTheFarSide_IsCarvedAsWall()
    {
        var (pieces, hu) = Carve(plaque: true);
        var piece = Assert.Single(pieces);
        int len = N * N;
        foreach (int i in piece)
        {
            int z = i / len, y = i % len / N, x = i % N;
            // The plaque's voxels only: on the vessel's outer side, never the bone's cortex or marrow.
            Assert.Equal(1000, hu.Data[i]);
            Assert.True(x > VesselX(z), $"({x},{y},{z})");
        }
        // Nearly all of it: a third of a ring 1.5 mm thick round a 5 mm lumen, 18 mm2 a slice over 10 slices of 2 mm.
        int plaqueVoxels = hu.Data.Count(v => v == 1000);
        Assert.True(piece.Length >= 0.9 * plaqueVoxels, $"{piece.Length} of {plaqueVoxels}");
    }

    [Fact]
    public void VesselWithoutPlaque_LeavesTheCortexAsBone() => Assert.Empty(Carve(plaque: false).Pieces);
}
