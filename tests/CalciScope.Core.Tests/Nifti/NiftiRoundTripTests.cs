using CalciScope.Imaging;
using CalciScope.Nifti;
using CalciScope.Tests.Support;

namespace CalciScope.Tests.Nifti;

public class NiftiRoundTripTests
{
    public static TheoryData<int, int> Orientations()
    {
        var data = new TheoryData<int, int>();
        for (int perm = 0; perm < 6; perm++)
        for (int flips = 0; flips < 8; flips++) data.Add(perm, flips);
        return data;
    }

    private static readonly int[][] Perms = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];

    private static VolumeGeometry Oriented(int perm, int flips)
    {
        var axes = new[] { new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1) };
        Vec3 Axis(int a) => axes[Perms[perm][a]] * (((flips >> a) & 1) == 1 ? -1 : 1);
        return new VolumeGeometry(7, 5, 4, new Vec3(0.7, 0.9, 2.5), new Vec3(-12.5, 33.25, 101), Axis(0), Axis(1), Axis(2));
    }

    [Theory]
    [MemberData(nameof(Orientations))]
    public void WriteRead_EveryOrientation_KeepsPatientPositionOfEveryVoxel(int perm, int flips)
    {
        using var tmp = new TempDir();
        var g = Oriented(perm, flips);
        var vol = new Volume<short>(g);
        for (int i = 0; i < vol.Data.Length; i++) vol.Data[i] = (short)(i * 37 % 2000 - 1000);
        foreach (var (name, version) in new[] { ("v1.nii.gz", 1), ("v2.nii", 2) })
        {
            NiftiWriter.Write(tmp[name], vol, version: version);
            var back = NiftiReader.Read(tmp[name]).Hu;
            Assert.Equal(vol.Data, back.Data);
            for (int k = 0; k < g.SizeZ; k++)
            for (int j = 0; j < g.SizeY; j++)
            for (int i = 0; i < g.SizeX; i++)
                Assert.True((g.ToPatient(i, j, k) - back.Geometry.ToPatient(i, j, k)).Length < 1e-3);
        }
    }

    [Fact]
    public void Write_ObliqueVolume_NibabelSeesSameAffine()
    {
        using var tmp = new TempDir();
        double a = 20 * Math.PI / 180;
        var g = new VolumeGeometry(6, 5, 4, new Vec3(0.8, 0.8, 3), new Vec3(10, -20, 30),
            new Vec3(Math.Cos(a), Math.Sin(a), 0), new Vec3(-Math.Sin(a), Math.Cos(a), 0), new Vec3(0, 0, 1));
        NiftiWriter.Write(tmp["o.nii.gz"], new Volume<short>(g));
        var r = Tool.Python3("import nibabel,sys,numpy as np; i=nibabel.load(sys.argv[1]); print(' '.join(f'{v:.5f}' for v in i.affine.flatten())); print(int(i.header['qform_code']), int(i.header['sform_code']))", tmp["o.nii.gz"]).Ok();
        var lines = r.StdOut.Trim().Split('\n');
        var ras = lines[0].Split(' ').Select(double.Parse).ToArray();
        var lps = g.Affine();
        for (int row = 0; row < 3; row++)
        for (int c = 0; c < 4; c++)
            Assert.Equal(row < 2 ? -lps[row * 4 + c] : lps[row * 4 + c], ras[row * 4 + c], 3);
        Assert.Equal("1 1", lines[1].Trim());
    }

    [Fact]
    public void Read_RealChestCt_GeometryMatchesNibabel()
    {
        var path = Path.GetFullPath(Path.Combine(Repo.SharedData, "ct", "chest_ct_contrast.nii.gz"));
        var study = NiftiReader.Read(path);
        var r = Tool.Python3("import nibabel,sys; i=nibabel.load(sys.argv[1]); d=i.get_fdata(); print(' '.join(f'{v:.5f}' for v in i.affine.flatten())); print(d.shape, int(d.sum()))", path).Ok();
        var lines = r.StdOut.Trim().Split('\n');
        var ras = lines[0].Split(' ').Select(double.Parse).ToArray();
        var lps = study.Hu.Geometry.Affine();
        for (int c = 0; c < 12; c++) Assert.Equal(c < 8 ? -ras[c] : ras[c], lps[c], 3);
        Assert.Equal($"({study.Hu.SizeX}, {study.Hu.SizeY}, {study.Hu.SizeZ}) {study.Hu.Data.Sum(v => (long)v)}", lines[1].Trim());
    }

    /// <summary>The archives issue, problem 12: an infinite or NaN scl_slope was silently replaced by 1.</summary>
    [Theory]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NaN)]
    public void Read_NonFiniteSclSlope_RefusedWithReason(float slope)
    {
        using var tmp = new TempDir();
        var path = PatchedNifti(tmp, b => BitConverter.GetBytes(slope).CopyTo(b, 112));
        var e = Assert.ThrowsAny<CalciScopeException>(() => CalciScope.Nifti.NiftiReader.Read(path));
        Assert.Contains("scl_slope", e.Message);
    }

    /// <summary>
    /// The archives issue, problem 5: a small .nii.gz inflating far beyond its header (or declaring a huge volume) was read
    /// whole into memory. Only the declared first volume is read now; a declared size beyond the limits is refused at once.
    /// </summary>
    [Fact]
    public void Read_GzipInflatingFarBeyondItsHeader_ReadsOnlyTheDeclaredVolume()
    {
        using var tmp = new TempDir();
        var v = new CalciScope.Imaging.Volume<short>(CalciScope.Imaging.VolumeGeometry.Axial(64, 64, 8, 1, 1, 1));
        v.Data[5] = 123;
        CalciScope.Nifti.NiftiWriter.Write(tmp["v.nii"], v);
        using (var gz = new System.IO.Compression.GZipStream(File.Create(tmp["bomb.nii.gz"]), System.IO.Compression.CompressionLevel.Fastest))
        {
            gz.Write(File.ReadAllBytes(tmp["v.nii"]));
            var zeros = new byte[1 << 20];
            for (int i = 0; i < 200; i++) gz.Write(zeros); // 200 MB more than the header declares
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        var read = CalciScope.Nifti.NiftiReader.Read(tmp["bomb.nii.gz"]);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(123, read.Hu.Data[5]);
        Assert.True(allocated < 20L << 20, $"{allocated >> 20} MB allocated to read a 64 KB volume");
    }

    [Fact]
    public void Read_HeaderDeclaringAnImpossibleVolume_RefusedBeforeReading()
    {
        using var tmp = new TempDir();
        var path = PatchedNifti(tmp, b =>
        {
            BitConverter.GetBytes((short)30000).CopyTo(b, 42);
            BitConverter.GetBytes((short)30000).CopyTo(b, 44);
            BitConverter.GetBytes((short)8000).CopyTo(b, 46);
        });
        var e = Assert.ThrowsAny<CalciScopeException>(() => CalciScope.Nifti.NiftiReader.Read(path));
        Assert.Contains("beyond", e.Message);
    }

    /// <summary>The archives issue, problem 13: a NaN vox_offset read as if the file were fine.</summary>
    [Fact]
    public void Read_NaNVoxOffset_NamedInTheMessage()
    {
        using var tmp = new TempDir();
        var path = PatchedNifti(tmp, b => BitConverter.GetBytes(float.NaN).CopyTo(b, 108));
        var e = Assert.ThrowsAny<CalciScopeException>(() => CalciScope.Nifti.NiftiReader.Read(path));
        Assert.Contains("vox_offset", e.Message);
    }

    /// <summary>A small int16 NIfTI-1 file written by CalciScope, with its header bytes changed by <paramref name="patch"/>.</summary>
    private static string PatchedNifti(TempDir tmp, Action<byte[]> patch)
    {
        var v = new CalciScope.Imaging.Volume<short>(CalciScope.Imaging.VolumeGeometry.Axial(8, 8, 4, 1, 1, 1));
        CalciScope.Nifti.NiftiWriter.Write(tmp["v.nii"], v);
        var bytes = File.ReadAllBytes(tmp["v.nii"]);
        patch(bytes);
        File.WriteAllBytes(tmp["v.nii"], bytes);
        return tmp["v.nii"];
    }
}
