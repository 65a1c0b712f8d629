namespace CalciScope.Tests;

/// <summary>Tests that count the process's allocations run alone: any other test running beside them would be counted.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public class AloneCollection
{
    public const string Name = "alone";
}

[Collection(AloneCollection.Name)]
public class AllocationBoundTests
{
    [Fact]
    public void Analyze_AbsurdRowsColumns_Exit2WithoutAllocating()
    {
        using var t = new TempFolder();
        var bytes = File.ReadAllBytes(Path.Combine(SmallPhantom.Dicom, "IM0004.dcm"));
        // Rows (0028,0010) US: set it to 65535 in place.
        var tag = new byte[] { 0x28, 0x00, 0x10, 0x00, (byte)'U', (byte)'S', 2, 0 };
        int at = bytes.AsSpan().IndexOf(tag);
        Assert.True(at > 0);
        bytes[at + 8] = 0xFF; bytes[at + 9] = 0xFF;
        File.WriteAllBytes(t["huge.dcm"], bytes);
        long before = GC.GetTotalAllocatedBytes();
        var r = CliRunner.Run("analyze", t["huge.dcm"], "--out", t["o"]);
        BadInputTests.AssertBadInput(r, "huge.dcm", "8192");
        Assert.True(GC.GetTotalAllocatedBytes() - before < 64L << 20, "allocated far beyond the file's size");
    }

    /// <summary>
    /// The archives issue, problems 3, 5 and 6, each refused or read within a bound: the whole process allocates under
    /// 1 GB for each (allocation is an upper bound on the managed peak). Before: 14,501 resampled slices (over 5.5 GB),
    /// a NIfTI stream expanding to 10 GB (4.1 GB), a 700 KB deflated file (2.4 GB).
    /// </summary>
    [Fact]
    public void HostileInputs_EachWithinOneGigabyte()
    {
        const long Bound = 1L << 30;
        using var t = new TempFolder();

        // 3: three slices at z = 0, 0.02 and 290 mm.
        Directory.CreateDirectory(t["z"]);
        var files = Directory.GetFiles(SmallPhantom.Dicom).Order().Take(3).ToArray();
        double[] z = [0, 0.02, 290];
        for (int i = 0; i < 3; i++)
        {
            var ds = CalciScope.Dicom.DicomReader.ReadFile(files[i]).Dataset;
            var p = ds.GetDoubles(CalciScope.Dicom.DicomTags.ImagePositionPatient);
            ds.AddDecimals(CalciScope.Dicom.DicomTags.ImagePositionPatient, p[0], p[1], z[i]);
            CalciScope.Dicom.DicomWriter.WriteFile(Path.Combine(t["z"], $"s{i}.dcm"), ds);
        }
        AssertWithin(Bound, () => Assert.Equal(0, CliRunner.Run("analyze", t["z"], "--out", t["oz"]).Exit));

        // 5: a small NIfTI whose gzip stream goes on for 1 GB past the voxels the header declares.
        var vol = new CalciScope.Imaging.Volume<short>(CalciScope.Imaging.VolumeGeometry.Axial(64, 64, 20, 1, 1, 2));
        CalciScope.Nifti.NiftiWriter.Write(t["v.nii"], vol);
        using (var gz = new System.IO.Compression.GZipStream(File.Create(t["trail.nii.gz"]), System.IO.Compression.CompressionLevel.Fastest))
        {
            gz.Write(File.ReadAllBytes(t["v.nii"]));
            var zeros = new byte[1 << 20];
            for (int i = 0; i < 1024; i++) gz.Write(zeros);
        }
        AssertWithin(Bound, () => CliRunner.Run("analyze", t["trail.nii.gz"], "--out", t["on"]));

        // 6: two deflated files inflating to 700 MB each, in one folder.
        Directory.CreateDirectory(t["d"]);
        var bomb = HandBuiltDicom.DeflateBomb(700);
        File.WriteAllBytes(Path.Combine(t["d"], "a.dcm"), bomb);
        File.WriteAllBytes(Path.Combine(t["d"], "b.dcm"), bomb);
        AssertWithin(Bound, () => BadInputTests.AssertBadInput(CliRunner.Run("analyze", t["d"], "--out", t["od"]), t["d"], "inflates beyond"));
    }

    private static void AssertWithin(long bound, Action run)
    {
        long before = GC.GetTotalAllocatedBytes(precise: true);
        run();
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(allocated < bound, $"{allocated >> 20} MB allocated");
    }
}
