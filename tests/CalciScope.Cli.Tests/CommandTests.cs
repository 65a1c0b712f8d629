using System.Text.Json.Nodes;

namespace CalciScope.Tests;

/// <summary>The contract's commands end to end, with their outputs opened and checked.</summary>
public class CommandTests
{
    [Fact]
    public void Info_Json_ListsSeriesWithGeometry()
    {
        var r = CliRunner.Run("info", SmallPhantom.Dicom, "--json");
        Assert.Equal(0, r.Exit);
        var doc = JsonNode.Parse(r.Out)!;
        var s = doc["series"]![0]!;
        Assert.Equal("CT", s["modality"]!.GetValue<string>());
        Assert.Equal(16, s["images"]!.GetValue<int>());
        Assert.Equal(128, s["size"]![0]!.GetValue<int>());
        Assert.Equal(8.0, s["spacing_mm"]![2]!.GetValue<double>(), 3);
        Assert.Equal("1.2.840.10008.1.2.1", s["transfer_syntax"]!.GetValue<string>());
    }

    [Fact]
    public void Analyze_WritesAnatomyFields()
    {
        using var t = new TempFolder();
        var a = CliRunner.Run("analyze", SmallPhantom.Dicom, "--out", t["out"]);
        Assert.Equal(0, a.Exit);
        var analysis = JsonNode.Parse(File.ReadAllText(a.Out.Trim()))!;
        var parts = analysis["study"]!["body_parts"]!.AsArray();
        Assert.NotEmpty(parts);
        Assert.All(parts, p => Assert.Equal(2, p!["z_mm"]!.AsArray().Count));
        Assert.Contains(parts, p => p!["name"]!.GetValue<string>() == "pelvis");
        Assert.Equal("unenhanced", analysis["study"]!["contrast"]!["phase"]!.GetValue<string>());
        Assert.False(analysis["study"]!["contrast"]!["oral"]!.GetValue<bool>());
        Assert.Equal(9, analysis["label_map_labels"]!["skeleton"]!.GetValue<int>());
        Assert.Equal(10, analysis["label_map_labels"]!["costal_cartilage"]!.GetValue<int>());
        Assert.NotNull(analysis["summary"]!["soft_tissue_volume_mm3"]);
        Assert.Equal("built-in", analysis["anatomy_source"]!.GetValue<string>());
        Assert.Equal("supine", analysis["study"]!["posture"]!.GetValue<string>());
    }

    /// <summary>A posture given on the command line overrides what the file says (a NIfTI says nothing); a wrong one is refused.</summary>
    [Fact]
    public void Analyze_Posture_IsWrittenOrRefused()
    {
        using var t = new TempFolder();
        var a = CliRunner.Run("analyze", SmallPhantom.Dicom, "--out", t["out"], "--posture", "prone");
        Assert.Equal(0, a.Exit);
        Assert.Equal("prone", JsonNode.Parse(File.ReadAllText(a.Out.Trim()))!["study"]!["posture"]!.GetValue<string>());
        var bad = CliRunner.Run("analyze", SmallPhantom.Dicom, "--out", t["bad"], "--posture", "standing");
        Assert.Equal(2, bad.Exit);
        Assert.Contains("--posture standing", bad.Err);
        Assert.Single(bad.Err.Trim().Split('\n'));
        Assert.False(File.Exists(t["bad/analysis.json"]));
    }

    [Fact]
    public void Analyze_AnatomyThatIsNotASegmentation_ExitsTwoNamingIt()
    {
        using var t = new TempFolder();
        File.WriteAllText(t["seg.nii.gz"], "not a nifti");
        var a = CliRunner.Run("analyze", SmallPhantom.Dicom, "--out", t["out"], "--anatomy", t["seg.nii.gz"]);
        Assert.Equal(2, a.Exit);
        Assert.Contains("seg.nii.gz", a.Err);
        Assert.Single(a.Err.Trim().Split('\n'));
        Assert.False(File.Exists(t["out/analysis.json"]));
    }

    /// <summary>
    /// The archives issue, problem 8: a killed run left a new analysis beside the previous study's report, and two runs
    /// into one --out clashed over fixed temporary names. The report folder is now replaced whole, from a staging folder.
    /// </summary>
    [Fact]
    public void AnalyzeReport_TwoRunsIntoOneFolder_BothSucceedAndTheFolderIsWhole()
    {
        using var t = new TempFolder();
        Directory.CreateDirectory(t["out/report"]);
        File.WriteAllText(t["out/report/stale-from-an-earlier-study.txt"], "old");
        var runs = Enumerable.Range(0, 2).AsParallel().WithDegreeOfParallelism(2)
            .Select(_ => CliRunner.Run("analyze", SmallPhantom.Dicom, "--out", t["out"], "--report")).ToList();
        Assert.All(runs, r => Assert.True(r.Exit == 0, r.Err));
        foreach (var f in new[] { "report.html", "report.pdf", "report.fhir.json", "report.seg.dcm", "report.sr.dcm" })
            Assert.True(File.Exists(t["out/report/" + f]), f);
        Assert.False(File.Exists(t["out/report/stale-from-an-earlier-study.txt"]));
        Assert.DoesNotContain(Directory.EnumerateDirectories(t["out"]), d => d.Contains(".staging-") || d.Contains(".old-"));
        Assert.Empty(Directory.EnumerateFiles(t["out"], "*.partial*", SearchOption.AllDirectories));
    }

    [Fact]
    public void AnalyzeThenDiagnose_WritesContractFiles()
    {
        using var t = new TempFolder();
        var a = CliRunner.Run("analyze", SmallPhantom.Dicom, "--out", t["out"], "--label-map", t["out/labels.nii.gz"]);
        Assert.Equal(0, a.Exit);
        var path = a.Out.Trim();
        Assert.Equal(Path.GetFullPath(t["out/analysis.json"]), path);
        var analysis = JsonNode.Parse(File.ReadAllText(path))!;
        Assert.Equal("calciscope.analysis/1", analysis["schema"]!.GetValue<string>());
        Assert.Equal(3, analysis["study"]!["voxel_mm"]!.AsArray().Count);
        foreach (var key in new[] { "volume_mm3_by_compartment", "volume_mm3_by_side", "dominant_pattern" }) Assert.NotNull(analysis["summary"]![key]);
        Assert.True(File.Exists(t["out/labels.nii.gz"]));
        Assert.False(Directory.EnumerateFiles(t["out"], "*.partial*").Any());

        File.WriteAllText(t["note.txt"], "40 year old woman with SLE and a butterfly rash. Hard buttocks.");
        var d = CliRunner.Run("diagnose", "--analysis", path, "--text", t["note.txt"], "--out", t["out/differential.json"]);
        Assert.Equal(0, d.Exit);
        var diff = JsonNode.Parse(File.ReadAllText(t["out/differential.json"]))!;
        Assert.Equal("calciscope.differential/1", diff["schema"]!.GetValue<string>());
        var first = diff["differential"]![0]!;
        Assert.Equal("lupus_panniculitis", first["id"]!.GetValue<string>());
        Assert.InRange(first["probability"]!.GetValue<double>(), 0, 1);
        Assert.NotEmpty(diff["next_best"]!.AsArray());
        Assert.Contains(diff["findings"]!.AsArray(), f => f!["source"]!.GetValue<string>() == "text");
        Assert.Contains(diff["findings"]!.AsArray(), f => f!["source"]!.GetValue<string>() == "analysis");
        Assert.Contains("Differential", d.Err);
    }

    [Fact]
    public void Diagnose_Stdout_IsOnlyJson()
    {
        using var t = new TempFolder();
        File.WriteAllText(t["case.yaml"], "age: 9\nsex: female\npresent: [heliotrope_rash, gottron_papules, calc_fascial, pattern_sheet]\n");
        var r = CliRunner.Run("diagnose", "--case", t["case.yaml"]);
        Assert.Equal(0, r.Exit);
        var doc = JsonNode.Parse(r.Out)!;
        Assert.Equal("dermatomyositis_calcinosis", doc["differential"]![0]!["id"]!.GetValue<string>());
    }

    [Fact]
    public void Convert_WritesInt16Nifti()
    {
        using var t = new TempFolder();
        var r = CliRunner.Run("convert", SmallPhantom.Dicom, "--out", t["v.nii.gz"]);
        Assert.Equal(0, r.Exit);
        var v = CalciScope.Nifti.NiftiReader.Read(t["v.nii.gz"]);
        Assert.Equal((128, 128, 16), (v.Hu.SizeX, v.Hu.SizeY, v.Hu.SizeZ));
    }

    [Fact]
    public void Phantom_List_NamesEveryCase()
    {
        var r = CliRunner.Run("phantom", "--list");
        Assert.Equal(0, r.Exit);
        foreach (var c in new[] { "seed", "rice_grain", "fascial_sheet", "injection_granulomas", "myositis_ossificans", "vascular", "normal" }) Assert.Contains(c, r.Out);
    }
}

public class CompareAndHistoryTests
{
    [Fact]
    public void CompareAndHistory_ThroughTheStore()
    {
        using var t = new TempFolder();
        var store = t["cases.db"];
        foreach (var (growth, date) in new[] { ("0.6", "20250101"), ("1.0", "20260101") })
        {
            var dir = t["p" + date];
            Assert.Equal(0, CliRunner.Run("phantom", "--case", "seed", "--growth", growth, "--study-date", date, "--size", "192", "--pixel-mm", "1.9",
                "--slices", "40", "--slice-mm", "4", "--out", dir).Exit);
            var a = CliRunner.Run("analyze", Path.Combine(dir, "dicom"), "--out", Path.Combine(dir, "an"), "--store", store, "--report");
            Assert.True(a.Exit == 0, a.Err);
        }
        Assert.True(File.Exists(Path.Combine(t["p20260101"], "an", "report", "key_images", "trend.png")));
        var h = CliRunner.Run("history", "CS-PH-0001", "--store", store, "--chart", t["trend.png"]);
        Assert.Equal(0, h.Exit);
        Assert.Contains("20250101", h.Out);
        Assert.Contains("20260101", h.Out);
        Assert.True(File.Exists(t["trend.png"]));
        var c = CliRunner.Run("compare", Path.Combine(t["p20250101"], "dicom"), Path.Combine(t["p20260101"], "dicom"), "--out", t["cmp"]);
        Assert.True(c.Exit == 0, c.Err);
        var doc = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(t["cmp/comparison.json"]))!;
        Assert.Equal("progressed", doc["verdict"]!.GetValue<string>());
        Assert.True(doc["volume_mm3_current"]!.GetValue<double>() > doc["volume_mm3_prior"]!.GetValue<double>());
        var missing = CliRunner.Run("history", "NOBODY", "--store", store);
        Assert.Equal(2, missing.Exit);
    }
}

public class ReportCommandTests
{
    [Fact]
    public void Report_FromAnalysisAndDifferentialFiles_WithAndWithoutStudy()
    {
        using var t = new TempFolder();
        Assert.Equal(0, CliRunner.Run("analyze", SmallPhantom.Dicom, "--out", t["a"]).Exit);
        File.WriteAllText(t["case.yaml"], "age: 40\nsex: female\npresent: [sle, butterfly_rash]\n");
        Assert.Equal(0, CliRunner.Run("diagnose", "--case", t["case.yaml"], "--analysis", t["a/analysis.json"], "--out", t["a/differential.json"]).Exit);
        var bare = CliRunner.Run("report", "--analysis", t["a/analysis.json"], "--differential", t["a/differential.json"], "--out", t["r1"]);
        Assert.True(bare.Exit == 0, bare.Err);
        Assert.Contains("No key images", File.ReadAllText(t["r1/report.html"]));
        Assert.False(File.Exists(t["r1/report.seg.dcm"]));
        var full = CliRunner.Run("report", "--analysis", t["a/analysis.json"], "--differential", t["a/differential.json"], "--study", SmallPhantom.Dicom, "--out", t["r2"], "--deidentify");
        Assert.True(full.Exit == 0, full.Err);
        foreach (var f in new[] { "report.html", "report.pdf", "report.fhir.json", "report.seg.dcm", "report.sr.dcm" }) Assert.True(File.Exists(t["r2/" + f]), f);
        Assert.DoesNotContain("PHANTOM^SEED", File.ReadAllText(t["r2/report.html"]));
        Assert.Equal(2, CliRunner.Run("report", "--analysis", t["case.yaml"], "--out", t["r3"]).Exit);
    }

    [Fact]
    public void Analyze_NonUtf8FileNames_Exit2SaysRename()
    {
        using var t = new TempFolder();
        // File names that are not valid UTF-8 (Latin-1 bytes), as old archives have them.
        var psi = new System.Diagnostics.ProcessStartInfo("/usr/bin/python3") { UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("import os,sys,shutil\nsrc,dst=sys.argv[1],sys.argv[2].encode()\nos.makedirs(dst,exist_ok=True)\nfor i,f in enumerate(sorted(os.listdir(src))):\n    shutil.copy(os.path.join(src,f), os.path.join(dst, b'scan_\\xe9\\xff_%d' % i))");
        psi.ArgumentList.Add(SmallPhantom.Dicom);
        psi.ArgumentList.Add(t["latin1"]);
        using (var p = System.Diagnostics.Process.Start(psi)!) { p.WaitForExit(); Assert.Equal(0, p.ExitCode); }
        var a = CliRunner.Run("analyze", t["latin1"], "--out", t["o"]);
        Assert.Equal(2, a.Exit);
        Assert.Contains("not valid UTF-8", a.Err);
        Assert.Single(a.Err.Trim().Split('\n'));
    }

    [Fact]
    public void Compare_StoredStudyIds()
    {
        using var t = new TempFolder();
        Assert.Equal(0, CliRunner.Run("analyze", SmallPhantom.Dicom, "--out", t["a"], "--store", t["s.db"]).Exit);
        var uid = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(t["a/analysis.json"]))!["study"]!["study_uid"]!.GetValue<string>();
        var c = CliRunner.Run("compare", "study:" + uid, "study:" + uid, "--store", t["s.db"], "--out", t["c"]);
        Assert.True(c.Exit == 0, c.Err);
        Assert.Contains("\"stable\"", File.ReadAllText(t["c/comparison.json"]));
        Assert.Equal(2, CliRunner.Run("compare", "study:1.2.3", "study:" + uid, "--store", t["s.db"]).Exit);
    }
}
