using CalciScope.Dicom;
using CalciScope.Imaging;
using CalciScope.Phantoms;
using CalciScope.Pipeline;
using CalciScope.Tests.Support;

namespace CalciScope.Tests.Dicom;

/// <summary>Series assembly from real folders: names and order never matter, repairs are announced.</summary>
public class SeriesAssemblyTests
{
    private static (PhantomStudy Study, string Dicom) Source => TestStudies.Small();

    private static string CopyShuffled(TempDir tmp, string from, int seed = 3)
    {
        var rng = new Random(seed);
        var dir = tmp["shuffled"];
        Directory.CreateDirectory(Path.Combine(dir, "sub", "deeper"));
        foreach (var f in Directory.GetFiles(from).OrderBy(_ => rng.Next()))
        {
            var sub = rng.Next(3) switch { 0 => "", 1 => "sub", _ => Path.Combine("sub", "deeper") };
            File.Copy(f, Path.Combine(dir, sub, Guid.NewGuid().ToString("N")[..rng.Next(4, 12)]));
        }
        return dir;
    }

    [Fact]
    public void Load_ShuffledNamesInSubfolders_SameVolumeAndGeometry()
    {
        using var tmp = new TempDir();
        var dir = CopyShuffled(tmp, Source.Dicom);
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "not a DICOM file");
        var loaded = StudyReader.Load(dir);
        Assert.Equal(Source.Study.Hu.Data, loaded.Hu.Data);
        AssertGeometry(Source.Study.Hu.Geometry, loaded.Hu.Geometry);
    }

    [Fact]
    public void Load_TwoSeries_PicksMostSlicesAndHonoursSeriesUid()
    {
        using var tmp = new TempDir();
        var other = TestStudies.Get(new PhantomOptions { Case = "normal", Size = 64, Slices = 12, PixelMm = 5, SliceMm = 8, Seed = 5 });
        var dir = tmp["mixed"];
        Directory.CreateDirectory(dir);
        foreach (var f in Directory.GetFiles(Source.Dicom)) File.Copy(f, Path.Combine(dir, "a_" + Path.GetFileName(f)));
        foreach (var f in Directory.GetFiles(other.Dicom)) File.Copy(f, Path.Combine(dir, "b_" + Path.GetFileName(f)));
        var catalog = StudyReader.Scan(dir);
        Assert.Equal(2, catalog.Series.Count);
        Assert.Equal(other.Study.Info.SeriesUid, StudyReader.Load(dir).Info.SeriesUid);
        var chosen = StudyReader.Load(dir, Source.Study.Info.SeriesUid);
        Assert.Equal(Source.Study.Hu.Data, chosen.Hu.Data);
        var e = Assert.Throws<InputException>(() => StudyReader.Load(dir, "1.2.3.4"));
        Assert.Contains("not found", e.Message);
    }

    [Fact]
    public void Load_DuplicateSlice_IgnoredWithWarning()
    {
        using var tmp = new TempDir();
        var dir = CopyShuffled(tmp, Source.Dicom);
        File.Copy(Path.Combine(Source.Dicom, "IM0005.dcm"), Path.Combine(dir, "copy-of-five"));
        var loaded = StudyReader.Load(dir);
        Assert.Contains(loaded.Warnings, w => w.Contains("duplicate"));
        Assert.Equal(Source.Study.Hu.Data, loaded.Hu.Data);
    }

    [Fact]
    public void Load_MissingSlice_InterpolatedWithWarning()
    {
        using var tmp = new TempDir();
        var dir = CopyShuffled(tmp, Source.Dicom);
        var victim = Directory.GetFiles(dir, "*", SearchOption.AllDirectories)
            .First(f => DicomReader.ReadFile(f, true).Dataset.GetString(DicomTags.InstanceNumber) == "4");
        File.Delete(victim);
        var loaded = StudyReader.Load(dir);
        Assert.Contains(loaded.Warnings, w => w.Contains("missing"));
        Assert.Equal(8, loaded.Hu.SizeZ);
        AssertGeometry(Source.Study.Hu.Geometry, loaded.Hu.Geometry);
        var src = Source.Study.Hu;
        // Slice index 3 (instance 4) is rebuilt halfway between its neighbours.
        for (int i = 0; i < src.SliceLength; i += 97)
            Assert.Equal((src.Slice(2)[i] + src.Slice(4)[i]) / 2.0, loaded.Hu.Slice(3)[i], 0.51);
        Assert.Equal(src.Slice(5).ToArray(), loaded.Hu.Slice(5).ToArray());
    }

    [Fact]
    public void Load_GantryTilt_ShearedGeometryKeepsTruePositions()
    {
        using var tmp = new TempDir();
        var dir = tmp["tilt"];
        Directory.CreateDirectory(dir);
        double tan = Math.Tan(15 * Math.PI / 180);
        var positions = new List<Vec3>();
        foreach (var f in Directory.GetFiles(Source.Dicom))
        {
            var ds = DicomReader.ReadFile(f).Dataset;
            var p = ds.GetDoubles(DicomTags.ImagePositionPatient);
            var moved = new Vec3(p[0], p[1] + p[2] * tan, p[2]);
            positions.Add(moved);
            ds.AddDecimals(DicomTags.ImagePositionPatient, moved.X, moved.Y, moved.Z);
            ds.AddDecimals(DicomTags.GantryDetectorTilt, 15);
            DicomWriter.WriteFile(Path.Combine(dir, Path.GetFileName(f)), ds);
        }
        var loaded = StudyReader.Load(dir);
        Assert.Contains(loaded.Warnings, w => w.Contains("gantry tilt of 15"));
        Assert.Equal(15, loaded.Info.GantryTiltDeg!.Value, 1);
        var g = loaded.Hu.Geometry;
        foreach (var p in positions)
        {
            int k = (int)Math.Round(g.ToIndex(p).Z);
            Assert.True((g.ToPatient(0, 0, k) - p).Length < 0.01, $"slice {k} corner off by {(g.ToPatient(0, 0, k) - p).Length} mm");
        }
        Assert.Equal(Source.Study.Hu.Data, loaded.Hu.Data);
    }

    /// <summary>The archives issue, problem 3: slices at z = 0, 0.02 and 290 mm made the resampler build 14,501 slices.</summary>
    [Fact]
    public void Load_TwoSlicesAlmostTogetherOneFarAway_BoundedResampling()
    {
        using var tmp = new TempDir();
        var dir = tmp["odd"];
        Directory.CreateDirectory(dir);
        var files = Directory.GetFiles(Source.Dicom).Order().Take(3).ToArray();
        double[] z = [0, 0.02, 290];
        for (int i = 0; i < 3; i++)
        {
            var ds = DicomReader.ReadFile(files[i]).Dataset;
            var p = ds.GetDoubles(DicomTags.ImagePositionPatient);
            ds.AddDecimals(DicomTags.ImagePositionPatient, p[0], p[1], z[i]);
            DicomWriter.WriteFile(Path.Combine(dir, $"s{i}.dcm"), ds);
        }
        var loaded = StudyReader.Load(dir);
        Assert.InRange(loaded.Hu.Geometry.SizeZ, 3, 12);
        Assert.Contains(loaded.Warnings, w => w.Contains("not finer"));
    }

    /// <summary>The archives issue, problem 9: without positions, 39 of 40 slices were dropped as duplicates (exit 0).</summary>
    [Fact]
    public void Load_NoSliceHasAPosition_StackedByInstanceNumberWithWarning()
    {
        using var tmp = new TempDir();
        var dir = tmp["nopos"];
        Directory.CreateDirectory(dir);
        var files = Directory.GetFiles(Source.Dicom);
        foreach (var f in files)
        {
            var ds = DicomReader.ReadFile(f).Dataset;
            ds.Remove(DicomTags.ImagePositionPatient);
            DicomWriter.WriteFile(Path.Combine(dir, "x" + Path.GetFileName(f)), ds);
        }
        var loaded = StudyReader.Load(dir);
        Assert.Equal(files.Length, loaded.Hu.Geometry.SizeZ);
        Assert.Contains(loaded.Warnings, w => w.Contains("stacked by Instance Number"));
        Assert.Equal(Source.Study.Hu.Data, loaded.Hu.Data);
    }

    [Fact]
    public void Load_SomeSlicesWithoutPosition_LeftOutNotTilted()
    {
        using var tmp = new TempDir();
        var dir = CopyShuffled(tmp, Source.Dicom);
        var victim = Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Order().First();
        var ds = DicomReader.ReadFile(victim).Dataset;
        ds.Remove(DicomTags.ImagePositionPatient);
        DicomWriter.WriteFile(victim, ds);
        var loaded = StudyReader.Load(dir);
        Assert.Contains(loaded.Warnings, w => w.Contains("without Image Position (Patient) left out"));
        Assert.Null(loaded.Info.GantryTiltDeg);
        Assert.DoesNotContain(loaded.Warnings, w => w.Contains("tilt"));
    }

    /// <summary>The archives issue, problem 10: CT and MR images under one series UID were merged into one CT volume.</summary>
    [Fact]
    public void Load_CtAndMrSharingASeriesUid_ReadApartWithWarning()
    {
        using var tmp = new TempDir();
        var dir = CopyShuffled(tmp, Source.Dicom);
        var ds = DicomReader.ReadFile(Path.Combine(Source.Dicom, "IM0001.dcm")).Dataset;
        ds.AddString(DicomTags.Modality, "MR").AddString(DicomTags.SopInstanceUid, DicomUid.New());
        ds.AddDecimals(DicomTags.ImagePositionPatient, 0, 0, 777);
        DicomWriter.WriteFile(Path.Combine(dir, "mr-one"), ds);
        var loaded = StudyReader.Load(dir);
        Assert.Equal("CT", loaded.Info.Modality);
        Assert.Contains(loaded.Warnings, w => w.Contains("shares its series UID with MR images"));
        Assert.Equal(Source.Study.Hu.Data, loaded.Hu.Data);
    }

    /// <summary>The archives issue, problem 12: a Rescale Slope of 0 was read as 1 and a pixel spacing of 1e9 mm accepted.</summary>
    [Theory]
    [InlineData("slope", "0")]
    [InlineData("spacing", "1e9")]
    public void Load_ImpossibleRescaleOrSpacing_RefusedWithReason(string what, string value)
    {
        using var tmp = new TempDir();
        var dir = tmp["bad"];
        Directory.CreateDirectory(dir);
        foreach (var f in Directory.GetFiles(Source.Dicom))
        {
            var ds = DicomReader.ReadFile(f).Dataset;
            if (what == "slope") ds.AddString(DicomTags.RescaleSlope, value);
            else ds.AddString(DicomTags.PixelSpacing, value + "\\" + value);
            DicomWriter.WriteFile(Path.Combine(dir, Path.GetFileName(f)), ds);
        }
        var e = Assert.ThrowsAny<CalciScopeException>(() => StudyReader.Load(dir));
        Assert.Contains(what == "slope" ? "Rescale Slope" : "Pixel Spacing", e.Message);
    }

    [Fact]
    public void Load_MixedSizes_ReadsMainStackWithWarning()
    {
        using var tmp = new TempDir();
        var dir = CopyShuffled(tmp, Source.Dicom);
        var ds = DicomReader.ReadFile(Path.Combine(Source.Dicom, "IM0001.dcm")).Dataset;
        ds.AddUShort(DicomTags.Rows, 48).AddUShort(DicomTags.Columns, 48).AddBytes(DicomTags.PixelData, "OW", new byte[48 * 48 * 2]);
        ds.AddString(DicomTags.SopInstanceUid, DicomUid.New());
        ds.AddDecimals(DicomTags.ImagePositionPatient, 0, 0, 500);
        DicomWriter.WriteFile(Path.Combine(dir, "odd-one"), ds);
        var loaded = StudyReader.Load(dir);
        Assert.Contains(loaded.Warnings, w => w.Contains("mixed image sizes"));
        Assert.Equal(Source.Study.Hu.Data, loaded.Hu.Data);
    }

    internal static void AssertGeometry(VolumeGeometry expected, VolumeGeometry actual)
    {
        Assert.Equal((expected.SizeX, expected.SizeY, expected.SizeZ), (actual.SizeX, actual.SizeY, actual.SizeZ));
        foreach (var (i, j, k) in new[] { (0, 0, 0), (expected.SizeX - 1, 0, 0), (0, expected.SizeY - 1, expected.SizeZ - 1), (5, 7, 3) })
            Assert.True((expected.ToPatient(i, j, k) - actual.ToPatient(i, j, k)).Length < 1e-3, $"voxel ({i},{j},{k}) moved: {expected} vs {actual}");
    }
}
