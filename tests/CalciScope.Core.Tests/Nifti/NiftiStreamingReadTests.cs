using CalciScope.Imaging;
using CalciScope.Nifti;
using CalciScope.Tests.Support;

namespace CalciScope.Tests.Nifti;

/// <summary>
/// NIfTI is read straight into the volume in slabs (the archives issue, problem 4: a 1024 x 1024 x 600 study had
/// taken 4.5 times its int16 size): no second copy of the voxels, every data type and extension layout read alike,
/// checked against nibabel.
/// </summary>
public class NiftiStreamingReadTests
{
    [Fact]
    public void Read_LargeInt16Gzip_AllocatesLittleMoreThanTheVolume()
    {
        using var tmp = new TempDir();
        var g = VolumeGeometry.Axial(256, 256, 200, 0.8, 0.8, 1);
        var v = new Volume<short>(g);
        for (int i = 0; i < v.Data.Length; i++) v.Data[i] = (short)(i % 3000 - 1000);
        NiftiWriter.Write(tmp["big.nii.gz"], v);
        long volumeBytes = v.Data.LongLength * 2;
        GC.Collect();
        long before = GC.GetAllocatedBytesForCurrentThread();
        var read = NiftiReader.Read(tmp["big.nii.gz"]);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(v.Data, read.Hu.Data);
        Assert.True(allocated < volumeBytes * 1.2, $"{allocated >> 20} MB allocated for a {volumeBytes >> 20} MB volume");
    }

    [Theory]
    [InlineData("int16", ">i2", 0)]
    [InlineData("float32", "<f4", 0)]
    [InlineData("float64", ">f8", 0)]
    [InlineData("uint8", "u1", 0)]
    [InlineData("int16", "<i2", 48)]
    public void Read_EveryTypeByteOrderAndExtension_SameHuAsNibabel(string type, string dtype, int extensionBytes)
    {
        using var tmp = new TempDir();
        var path = tmp[$"v_{type}_{extensionBytes}.nii.gz"];
        // nibabel writes the file (with an extension of the given size), then reports the values after scaling.
        var script = $$"""
import sys, numpy as np, nibabel as nib
a = (np.arange(40*30*20).reshape(40,30,20) % 250).astype('{{dtype}}')
img = nib.Nifti1Image(a, np.diag([0.9, 0.8, 2.0, 1]))
img.header.set_slope_inter(2.0, -1000.0)
if {{extensionBytes}}:
    img.header.extensions.append(nib.nifti1.Nifti1Extension(0, b'x' * ({{extensionBytes}} - 8)))
nib.save(img, sys.argv[1])
v = np.asarray(nib.load(sys.argv[1]).dataobj, dtype=np.float64)
print(int(np.round(v).sum()), int(np.round(v[3, 7, 11])))
""";
        var r = Tool.Python3(script, path).Ok();
        var expected = r.StdOut.Trim().Split(' ').Select(long.Parse).ToArray();
        var study = NiftiReader.Read(path);
        long sum = study.Hu.Data.Sum(x => (long)x);
        Assert.Equal(expected[0], sum);
        // Voxel (3, 7, 11) of the file: x first in NIfTI, as in the volume.
        Assert.Equal(expected[1], study.Hu.Data[(11 * 30 + 7) * 40 + 3]);
    }

    [Fact]
    public void Read_TruncatedVoxels_SaysHowManyBytesItHolds()
    {
        using var tmp = new TempDir();
        var v = new Volume<short>(VolumeGeometry.Axial(64, 64, 10, 1, 1, 1));
        NiftiWriter.Write(tmp["t.nii"], v);
        var bytes = File.ReadAllBytes(tmp["t.nii"]);
        File.WriteAllBytes(tmp["cut.nii"], bytes[..(bytes.Length - 5000)]);
        var e = Assert.Throws<InputException>(() => NiftiReader.Read(tmp["cut.nii"]));
        Assert.Contains("cut.nii", e.Message);
        Assert.Contains("file holds", e.Message);
    }
}
