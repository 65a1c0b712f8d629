using CalciScope.Calcification;
using CalciScope.Imaging;
using CalciScope.Segmentation;

namespace CalciScope.Tests.Detection;

/// <summary>
/// A bone (a cortex of 900 HU, 2 mm thick, round red marrow of 250 HU, 20 mm in radius) and beside it a contrast-filled
/// vessel of 250 HU and 5 mm radius touching its cortex, joined to it at the calcium threshold, at 1 mm pixels and 2 mm
/// slices, one component at the calcium threshold. The vessel is found inside the bone's component; the marrow never is.
/// </summary>
public class TubeInBoneTests
{
    private const int N = 120;
    private const double BoneX = 40, BoneY = 60, BoneRadius = 20, Cortex = 2, VesselRadius = 5;

    private static (ComponentStats Bone, RunSet Runs, Volume<short> Hu) Scene(int slices, int vesselSlices)
    {
        var g = VolumeGeometry.Axial(N, N, slices, 1, 1, 2);
        var hu = new Volume<short>(g);
        // The vessel overlaps the cortex by a pixel or two: the blur that joins them at the threshold.
        double vx = BoneX + BoneRadius + Cortex + VesselRadius - 1.5;
        for (int z = 0; z < slices; z++)
            for (int y = 0; y < N; y++)
                for (int x = 0; x < N; x++)
                {
                    double r = Math.Sqrt((x - BoneX) * (x - BoneX) + (y - BoneY) * (y - BoneY));
                    double rv = Math.Sqrt((x - vx) * (x - vx) + (y - BoneY) * (y - BoneY));
                    short v = 40;
                    if (r < BoneRadius) v = 250;
                    else if (r < BoneRadius + Cortex) v = 900;
                    if (z < vesselSlices && rv < VesselRadius) v = 250;
                    hu.Data[z * N * N + y * N + x] = v;
                }
        var runs = RunLabeler.Label(hu, CalcificationDetector.ThresholdHu, (_, _, mask) => mask.Fill(1), short.MaxValue);
        var bone = OneBone.Stats(runs).Single();
        return (bone, runs, hu);
    }

    [Fact]
    public void VesselAlongTheBone_IsFoundInsideItsComponent()
    {
        var (bone, runs, hu) = Scene(slices: 50, vesselSlices: 50);
        var (volume, sumHu, voxels, lumens) = TubeInBone.Measure([bone], runs, hu, new TubeInBoneOptions());
        // The vessel's section is 78 mm2 over 100 mm: 7.9 mL; its lumen is grown back to the blur it was joined by.
        Assert.InRange(volume, 5000, 9000);
        Assert.Equal(250, sumHu / voxels, 1);
        Assert.True(volume >= ContrastFilledTube.MinEnhancedMm3);
        // One lumen, followed through every slice, round the vessel's axis.
        var lumen = Assert.Single(lumens);
        Assert.Equal(50, lumen.Sections.Count);
        Assert.All(lumen.Sections, c => Assert.InRange(c.X, BoneX + BoneRadius + Cortex + VesselRadius - 3, BoneX + BoneRadius + Cortex + VesselRadius));
    }

    [Fact]
    public void BoneAlone_HoldsNoLumen()
    {
        var (bone, runs, hu) = Scene(slices: 50, vesselSlices: 0);
        Assert.Equal(0, TubeInBone.Measure([bone], runs, hu, new TubeInBoneOptions()).VolumeMm3);
    }

    [Fact]
    public void ShortVessel_IsNoTube()
    {
        // 40 mm of vessel, under the 60 mm a tube must run.
        var (bone, runs, hu) = Scene(slices: 50, vesselSlices: 20);
        Assert.Equal(0, TubeInBone.Measure([bone], runs, hu, new TubeInBoneOptions()).VolumeMm3);
    }

    [Fact]
    public void RoundCoreInsideTheCortex_IsMarrow()
    {
        // A round, even core of contrast density closed in by bone on every side is no lumen, whatever its size: the
        // marrow cavity, let through by the size limit here.
        var (bone, runs, hu) = Scene(slices: 50, vesselSlices: 0);
        Assert.Equal(0, TubeInBone.Measure([bone], runs, hu, new TubeInBoneOptions { MaxCoreMm2 = 2000 }).VolumeMm3);
    }
}
