using CalciScope.Anatomy;
using CalciScope.Imaging;
using CalciScope.Nifti;
using CalciScope.Tests.Support;

namespace CalciScope.Tests.Anatomy;

public class TotalSegmentatorAnatomySourceTests
{
    private static readonly VolumeGeometry Grid = new(20, 16, 12, new Vec3(1, 1, 2), new Vec3(-10, -8, 100), new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1));

    [Theory]
    [InlineData(5, AnatomyStructure.SolidOrgan)]      // liver
    [InlineData(6, AnatomyStructure.Stomach)]
    [InlineData(12, AnatomyStructure.Lung)]           // lung_upper_lobe_right
    [InlineData(21, AnatomyStructure.UrinaryBladder)]
    [InlineData(2, AnatomyStructure.Kidney)]
    [InlineData(32, AnatomyStructure.Bone)]           // vertebrae_T12
    [InlineData(52, AnatomyStructure.Artery)]         // aorta
    [InlineData(63, AnatomyStructure.Vein)]           // inferior_vena_cava
    [InlineData(92, AnatomyStructure.Bone)]           // rib_left_1
    [InlineData(115, AnatomyStructure.Bone)]          // rib_right_12
    [InlineData(117, AnatomyStructure.CostalCartilage)]
    [InlineData(88, AnatomyStructure.Muscle)]         // iliopsoas_left
    [InlineData(0, AnatomyStructure.None)]
    [InlineData(200, AnatomyStructure.None)]
    public void ClassMap_Total_MapsIdsOntoStructures(int id, AnatomyStructure expected) =>
        Assert.Equal(expected, TotalSegmentatorClasses.Total.OfId(id));

    [Fact]
    public void ClassMap_Total_Has117Classes() => Assert.Equal(117, TotalSegmentatorClasses.Total.MaxId);

    [Fact]
    public void Load_MultiLabelOnTheSameGrid_VoxelForVoxel()
    {
        using var tmp = new TempDir();
        var seg = new Volume<short>(Grid);
        seg.Data[Index(3, 4, 5)] = 104; // rib_right_1
        seg.Data[Index(10, 8, 6)] = 5;  // liver
        NiftiWriter.Write(tmp["seg.nii.gz"], seg);
        var masks = new TotalSegmentatorAnatomySource(tmp["seg.nii.gz"]).Load(Grid);
        Assert.Equal(AnatomyStructure.Bone, masks.At(Index(3, 4, 5)));
        Assert.Equal(AnatomyStructure.SolidOrgan, masks.At(Index(10, 8, 6)));
        Assert.Equal(2, masks.Structures.Count(b => b != 0));
    }

    [Fact]
    public void Load_FolderOfMasks_ByClassName()
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp["segs"]);
        var lung = new Volume<byte>(Grid);
        lung.Data[Index(1, 1, 1)] = 1;
        NiftiWriter.Write(Path.Combine(tmp["segs"], "lung_lower_lobe_left.nii.gz"), lung);
        var cartilage = new Volume<byte>(Grid);
        cartilage.Data[Index(2, 2, 2)] = 1;
        NiftiWriter.Write(Path.Combine(tmp["segs"], "costal_cartilages.nii.gz"), cartilage);
        NiftiWriter.Write(Path.Combine(tmp["segs"], "not_a_class.nii.gz"), cartilage);
        var masks = new TotalSegmentatorAnatomySource(tmp["segs"]).Load(Grid);
        Assert.Equal(AnatomyStructure.Lung, masks.At(Index(1, 1, 1)));
        Assert.Equal(AnatomyStructure.CostalCartilage, masks.At(Index(2, 2, 2)));
        Assert.Equal(2, masks.Structures.Count(b => b != 0));
    }

    [Fact]
    public void Load_SegmentationOnACoarserGrid_MapsByPatientPosition()
    {
        using var tmp = new TempDir();
        // Half the resolution in-plane, same origin: study voxel (2i, 2j, k) falls on segmentation voxel (i, j, k).
        var coarse = new VolumeGeometry(10, 8, 12, new Vec3(2, 2, 2), Grid.Origin, Grid.AxisI, Grid.AxisJ, Grid.AxisK);
        var seg = new Volume<short>(coarse);
        seg.Data[(5 * 8 + 3) * 10 + 4] = 52; // aorta at (4, 3, 5)
        NiftiWriter.Write(tmp["seg.nii.gz"], seg);
        var masks = new TotalSegmentatorAnatomySource(tmp["seg.nii.gz"]).Load(Grid);
        Assert.Equal(AnatomyStructure.Artery, masks.At(Index(8, 6, 5)));
        Assert.Equal(AnatomyStructure.None, masks.At(Index(2, 2, 5)));
    }

    [Fact]
    public void Load_SegmentationElsewhere_RefusedAsBadInput()
    {
        using var tmp = new TempDir();
        var far = new VolumeGeometry(20, 16, 12, Grid.Spacing, new Vec3(5000, 5000, 5000), Grid.AxisI, Grid.AxisJ, Grid.AxisK);
        NiftiWriter.Write(tmp["seg.nii.gz"], new Volume<short>(far));
        var e = Assert.Throws<InputException>(() => new TotalSegmentatorAnatomySource(tmp["seg.nii.gz"]).Load(Grid));
        Assert.Contains("does not overlap", e.Message);
    }

    [Fact]
    public void Load_FolderWithoutClassMasks_RefusedAsBadInput()
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp["empty"]);
        Assert.Throws<InputException>(() => new TotalSegmentatorAnatomySource(tmp["empty"]).Load(Grid));
    }

    private static int Index(int x, int y, int z) => (z * Grid.SizeY + y) * Grid.SizeX + x;
}
