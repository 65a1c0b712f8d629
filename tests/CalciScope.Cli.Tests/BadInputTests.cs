using System.IO.Compression;
using System.Text;

namespace CalciScope.Tests;

/// <summary>Bad input ends in exit code 2 and one line on stderr naming the file and the problem: no trace, no crash.</summary>
public class BadInputTests
{
    internal static void AssertBadInput(CliRunner.Result r, string mustName, string problem)
    {
        Assert.True(r.Exit == 2, $"exit {r.Exit}: {r.Err}");
        var lines = r.Err.Trim().Split('\n');
        Assert.Single(lines);
        Assert.True(lines[0].Contains(mustName), r.Err);
        Assert.True(lines[0].Contains(problem, StringComparison.OrdinalIgnoreCase), r.Err);
        Assert.DoesNotContain("   at ", r.Err);
        Assert.Equal("", r.Out);
    }

    /// <summary>
    /// The archives issue, problem 6: a folder of files that are all refused said only "no DICOM images found"; the
    /// first file's own reason now follows on the same line.
    /// </summary>
    [Fact]
    public void Analyze_FolderOfRefusedFiles_SaysWhyOnOneLine()
    {
        using var t = new TempFolder();
        Directory.CreateDirectory(t["in"]);
        // Two files with the DICOM preamble and a broken explicit-VR header: an element claiming 4 GB.
        var b = new byte[128].Concat("DICM"u8.ToArray()).Concat(new byte[] { 0x02, 0x00, 0x10, 0x00, (byte)'U', (byte)'I', 0xFF, 0xFF }).ToArray();
        File.WriteAllBytes(Path.Combine(t["in"], "a.dcm"), b);
        File.WriteAllBytes(Path.Combine(t["in"], "b.dcm"), b);
        var r = CliRunner.Run("analyze", t["in"], "--out", t["o"]);
        AssertBadInput(r, t["in"], "no DICOM images found among 2 file(s); ");
        Assert.Matches(@"[ab]\.dcm: ", r.Err);
        Assert.Contains("(and 1 more refused)", r.Err);
    }

    [Fact]
    public void Analyze_EmptyFolder_Exit2()
    {
        using var t = new TempFolder();
        Directory.CreateDirectory(t["empty"]);
        AssertBadInput(CliRunner.Run("analyze", t["empty"], "--out", t["o"]), t["empty"], "no files");
    }

    [Fact]
    public void Analyze_ZeroLengthFile_Exit2()
    {
        using var t = new TempFolder();
        File.WriteAllBytes(t["zero.dcm"], []);
        AssertBadInput(CliRunner.Run("analyze", t["zero.dcm"], "--out", t["o"]), "zero.dcm", "empty");
    }

    [Fact]
    public void Analyze_TextFileNamedDcm_Exit2()
    {
        using var t = new TempFolder();
        File.WriteAllText(t["notes.dcm"], "this is not a DICOM file at all, just some words in a text file");
        AssertBadInput(CliRunner.Run("analyze", t["notes.dcm"], "--out", t["o"]), "notes.dcm", "not a DICOM file");
    }

    [Fact]
    public void Analyze_TruncatedFile_Exit2()
    {
        using var t = new TempFolder();
        var src = File.ReadAllBytes(Path.Combine(SmallPhantom.Dicom, "IM0004.dcm"));
        File.WriteAllBytes(t["cut.dcm"], src[..(src.Length / 3)]);
        AssertBadInput(CliRunner.Run("analyze", t["cut.dcm"], "--out", t["o"]), "cut.dcm", "truncated");
    }

    [Fact]
    public void Analyze_ZipSlip_Exit2AndNothingWrittenOutside()
    {
        using var t = new TempFolder();
        using (var zip = ZipFile.Open(t["evil.zip"], ZipArchiveMode.Create))
        {
            zip.CreateEntryFromFile(Path.Combine(SmallPhantom.Dicom, "IM0001.dcm"), "IM0001.dcm");
            using var w = new StreamWriter(zip.CreateEntry("../../escaped.txt").Open());
            w.Write("escaped");
        }
        AssertBadInput(CliRunner.Run("analyze", t["evil.zip"], "--out", t["o"]), "evil.zip", "outside the archive");
        Assert.False(File.Exists(Path.Combine(Path.GetTempPath(), "escaped.txt")));
        Assert.False(File.Exists(Path.Combine(t.Path, "..", "escaped.txt")));
    }

    [Fact]
    public void Analyze_UnsupportedSyntax_Exit2NamesSyntax()
    {
        using var t = new TempFolder();
        var bytes = File.ReadAllBytes(Path.Combine(SmallPhantom.Dicom, "IM0004.dcm"));
        var uid = Encoding.ASCII.GetBytes("1.2.840.10008.1.2.1\0");
        int at = bytes.AsSpan().IndexOf(uid);
        // A syntax CalciScope does not decode (MPEG-2 video), patched into a copy with the lengths mended.
        var ls = Encoding.ASCII.GetBytes("1.2.840.10008.1.2.4.100\0");
        Assert.True(at > 0);
        var patched = new List<byte>(bytes[..(at - 2)]);
        patched.AddRange(BitConverter.GetBytes((ushort)ls.Length));
        patched.AddRange(ls);
        patched.AddRange(bytes[(at + uid.Length)..]);
        var result = patched.ToArray();
        // Fix the meta group length (0002,0000) UL after the preamble.
        uint groupLength = BitConverter.ToUInt32(result, 140) + (uint)(ls.Length - uid.Length);
        BitConverter.GetBytes(groupLength).CopyTo(result, 140);
        File.WriteAllBytes(t["ls.dcm"], result);
        var r = CliRunner.Run("analyze", t["ls.dcm"], "--out", t["o"]);
        AssertBadInput(r, "ls.dcm", "MPEG2");
        Assert.Contains("ffmpeg", r.Err);
    }

    [Fact]
    public void Analyze_NotCt_Exit2()
    {
        using var t = new TempFolder();
        var r = CliRunner.Run("analyze", "/usr/lib/python3/dist-packages/pydicom/data/test_files/MR_small.dcm", "--out", t["o"]);
        AssertBadInput(r, "MR_small.dcm", "not CT");
    }

    [Fact]
    public void Analyze_NoBody_Exit2()
    {
        using var t = new TempFolder();
        var blank = new CalciScope.Imaging.Volume<short>(CalciScope.Imaging.VolumeGeometry.Axial(64, 64, 10, 1, 1, 2));
        Array.Fill(blank.Data, (short)-1000);
        CalciScope.Nifti.NiftiWriter.Write(t["air.nii.gz"], blank);
        AssertBadInput(CliRunner.Run("analyze", t["air.nii.gz"], "--out", t["o"]), "air.nii.gz", "no body");
    }

    [Fact]
    public void Analyze_NiftiBadHeader_Exit2()
    {
        using var t = new TempFolder();
        File.WriteAllBytes(t["bad.nii"], new byte[400]);
        AssertBadInput(CliRunner.Run("analyze", t["bad.nii"], "--out", t["o"]), "bad.nii", "sizeof_hdr");
    }

    [Fact]
    public void Analyze_TruncatedGzip_Exit2()
    {
        using var t = new TempFolder();
        var vol = new CalciScope.Imaging.Volume<short>(CalciScope.Imaging.VolumeGeometry.Axial(64, 64, 10, 1, 1, 2));
        CalciScope.Nifti.NiftiWriter.Write(t["v.nii.gz"], vol);
        var b = File.ReadAllBytes(t["v.nii.gz"]);
        File.WriteAllBytes(t["cut.nii.gz"], b[..(b.Length / 2)]);
        AssertBadInput(CliRunner.Run("analyze", t["cut.nii.gz"], "--out", t["o"]), "cut.nii.gz", "");
    }

    [Fact]
    public void Diagnose_EmptyText_Exit2()
    {
        using var t = new TempFolder();
        File.WriteAllText(t["empty.txt"], "");
        AssertBadInput(CliRunner.Run("diagnose", "--text", t["empty.txt"]), "empty.txt", "empty");
    }

    [Fact]
    public void Diagnose_UnknownFindingIds_Exit2ListingThem()
    {
        using var t = new TempFolder();
        File.WriteAllText(t["case.yaml"], "present: [sle, flying_saucers, green_skin]\n");
        AssertBadInput(CliRunner.Run("diagnose", "--case", t["case.yaml"]), "case.yaml", "flying_saucers, green_skin");
    }

    [Fact]
    public void Diagnose_NothingGiven_Exit2()
    {
        var r = CliRunner.Run("diagnose");
        Assert.Equal(2, r.Exit);
        Assert.Contains("--case", r.Err);
    }

    [Fact]
    public void UnknownOption_Exit2()
    {
        var r = CliRunner.Run("analyze", "--frobnicate");
        Assert.Equal(2, r.Exit);
        Assert.Single(r.Err.Trim().Split('\n'));
    }
}

/// <summary>The rest of the catalogue: odd but usable input gives a result with a warning; unusable input exit 2.</summary>
public class OddInputTests
{
    private const string Pydicom = "/usr/lib/python3/dist-packages/pydicom/data/test_files/";

    [Fact]
    public void Analyze_RgbImage_Exit2()
    {
        using var t = new TempFolder();
        var r = CliRunner.Run("analyze", Pydicom + "SC_rgb_rle.dcm", "--out", t["o"]);
        Assert.Equal(2, r.Exit);
        Assert.Contains("colour", r.Err);
    }

    [Fact]
    public void Analyze_NoPixelData_Exit2()
    {
        using var t = new TempFolder();
        var r = CliRunner.Run("analyze", Pydicom + "rtplan.dcm", "--out", t["o"]);
        Assert.Equal(2, r.Exit);
        Assert.Contains("no DICOM image", r.Err);
    }

    [Fact]
    public void Analyze_OneCorruptSlice_ResultWithWarning()
    {
        using var t = new TempFolder();
        var dir = t["series"];
        Directory.CreateDirectory(dir);
        foreach (var f in Directory.GetFiles(SmallPhantom.Dicom)) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        var victim = Path.Combine(dir, "IM0008.dcm");
        var bytes = File.ReadAllBytes(victim);
        File.WriteAllBytes(victim, bytes[..(bytes.Length - 5000)]);
        var r = CliRunner.Run("analyze", dir, "--out", t["o"]);
        Assert.True(r.Exit == 0, r.Err);
        var doc = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(t["o/analysis.json"]))!;
        Assert.Contains(doc["warnings"]!.AsArray(), w => w!.GetValue<string>().Contains("IM0008.dcm") && w.GetValue<string>().Contains("neighbours"));
        Assert.Contains("warning:", r.Err);
    }

    [Fact]
    public void Analyze_SymlinkLoop_SkippedWithWarning()
    {
        using var t = new TempFolder();
        var dir = t["series"];
        Directory.CreateDirectory(dir);
        foreach (var f in Directory.GetFiles(SmallPhantom.Dicom)) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        Directory.CreateSymbolicLink(Path.Combine(dir, "loop"), dir);
        var r = CliRunner.Run("analyze", dir, "--out", t["o"]);
        Assert.True(r.Exit == 0, r.Err);
    }

    [Fact]
    public void Analyze_FloatNiftiWithNaN_ResultWithWarning()
    {
        using var t = new TempFolder();
        var g = CalciScope.Imaging.VolumeGeometry.Axial(96, 96, 12, 3, 3, 6);
        var v = new CalciScope.Imaging.Volume<float>(g);
        for (int i = 0; i < v.Data.Length; i++)
        {
            int x = i % 96 - 48, y = i / 96 % 96 - 48;
            v.Data[i] = x * x + y * y < 35 * 35 ? 40f : -1000f;
        }
        v.Data[5000] = float.NaN;
        CalciScope.Nifti.NiftiWriter.Write(t["f.nii.gz"], v);
        var r = CliRunner.Run("analyze", t["f.nii.gz"], "--out", t["o"]);
        Assert.True(r.Exit == 0, r.Err);
        Assert.Contains("NaN", File.ReadAllText(t["o/analysis.json"]));
    }

    [Fact]
    public void Analyze_ZipBomb_Refused()
    {
        using var t = new TempFolder();
        using (var zip = System.IO.Compression.ZipFile.Open(t["bomb.zip"], System.IO.Compression.ZipArchiveMode.Create))
        {
            using var s = zip.CreateEntry("zeros.dcm", System.IO.Compression.CompressionLevel.SmallestSize).Open();
            var block = new byte[1 << 20];
            for (int i = 0; i < 300; i++) s.Write(block);
        }
        var r = CliRunner.Run("analyze", t["bomb.zip"], "--out", t["o"]);
        Assert.Equal(2, r.Exit);
        Assert.Contains("bomb.zip", r.Err);
        Assert.Contains("expands", r.Err);
    }

    /// <summary>The archives issue, problem 2: a case file under 1 MB nested 100,000 deep overflowed the stack.</summary>
    [Theory]
    [InlineData("deep.json", "json")]
    [InlineData("deep.yaml", "yaml")]
    public void Diagnose_CaseFileNestedVeryDeep_Exit2(string name, string kind)
    {
        using var t = new TempFolder();
        const int depth = 100_000;
        File.WriteAllText(t[name], kind == "json"
            ? "{\"present\": " + new string('[', depth) + new string(']', depth) + "}"
            : "present: " + string.Concat(Enumerable.Repeat("{a: ", depth)) + "1" + new string('}', depth) + "\n");
        var r = CliRunner.Run("diagnose", "--case", t[name]);
        BadInputTests.AssertBadInput(r, name, "nests deeper");
    }

    /// <summary>The archives issue, problem 1: a sequence length of 0xFFFFFFFE overflowed an addition (exit 1).</summary>
    [Theory]
    [InlineData("info")]
    [InlineData("analyze")]
    public void Command_SequenceLengthNear4GiB_Exit2(string command)
    {
        using var t = new TempFolder();
        File.WriteAllBytes(t["seq.dcm"], HandBuiltDicom.WithSequence(0xFFFFFFFEu, 16));
        var r = command == "info" ? CliRunner.Run("info", t["seq.dcm"]) : CliRunner.Run("analyze", t["seq.dcm"], "--out", t["o"]);
        Assert.Equal(2, r.Exit);
        Assert.Contains("seq.dcm", r.Err);
        Assert.DoesNotContain("   at ", r.Err);
        Assert.DoesNotContain("overflow", r.Err, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The archives issue, problem 7: info exited 1 on CalciScope's own SEG and on a study folder holding it.</summary>
    [Fact]
    public void Info_OwnSegmentationAndAFolderHoldingIt_Exit0WithAWarning()
    {
        using var t = new TempFolder();
        var a = CliRunner.Run("analyze", SmallPhantom.Dicom, "--out", t["out"], "--report");
        Assert.Equal(0, a.Exit);
        var seg = t["out/report/report.seg.dcm"];
        var r = CliRunner.Run("info", seg);
        Assert.True(r.Exit == 0, r.Err);
        Assert.Contains("SEG", r.Out);
        Assert.Contains("no image slices", r.Out);
        Directory.CreateDirectory(t["study"]);
        foreach (var f in Directory.GetFiles(SmallPhantom.Dicom)) File.Copy(f, Path.Combine(t["study"], Path.GetFileName(f)));
        File.Copy(seg, t["study/report.seg.dcm"]);
        var folder = CliRunner.Run("info", t["study"], "--json");
        Assert.True(folder.Exit == 0, folder.Err);
        var analysed = CliRunner.Run("analyze", t["study"], "--out", t["out2"]);
        Assert.True(analysed.Exit == 0, analysed.Err);
    }
}
