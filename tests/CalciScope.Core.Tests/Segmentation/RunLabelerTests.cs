using CalciScope.Imaging;
using CalciScope.Segmentation;

namespace CalciScope.Tests.Segmentation;

/// <summary>Runs and components at per-voxel levels: each voxel counts from its own level and never under the threshold.</summary>
public class RunLabelerTests
{
    private static Volume<short> Row(params short[] hu)
    {
        var v = new Volume<short>(VolumeGeometry.Axial(hu.Length, 1, 1, 1, 1, 1));
        hu.CopyTo(v.Data, 0);
        return v;
    }

    [Fact]
    public void LabelAtLevels_EachVoxelCountsFromItsOwnLevel()
    {
        var hu = Row(200, 200, 400, 400, 120, 500);
        short[] levels = [130, 130, 450, 300, 100, short.MaxValue];
        var runs = RunLabeler.LabelAtLevels(hu, 130, (_, _, row) => levels.CopyTo(row));
        // 0-1 pass; 2 is under its own 450; 3 passes its 300; 4 is under the threshold whatever its level; 5 is never included.
        Assert.Equal(2, runs.Count);
        Assert.Equal((0, 1), (runs.X0[0], runs.X1[0]));
        Assert.Equal((3, 3), (runs.X0[1], runs.X1[1]));
        Assert.Equal(2, runs.ComponentCount);
    }

    [Fact]
    public void Label_MaskTwoCountsFromTheRaisedThreshold()
    {
        var hu = Row(200, 400, 200, 600);
        byte[] mask = [1, 2, 2, 0];
        var runs = RunLabeler.Label(hu, 130, (_, _, row) => mask.CopyTo(row), raisedThreshold: 350);
        Assert.Equal(1, runs.Count);
        Assert.Equal((0, 1), (runs.X0[0], runs.X1[0]));
    }
}
