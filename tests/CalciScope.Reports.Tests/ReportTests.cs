using CalciScope.Diagnosis;
using System.Text.RegularExpressions;
using CalciScope.Dicom;
using CalciScope.Reports;
using CalciScope.Tests.Support;
using Hl7.Fhir.Model;

namespace CalciScope.Tests.Reports;

/// <summary>Every report output opened and checked by what would read it: poppler, a parser, Firely, dcmtk, pydicom.</summary>
public class ReportTests(ReportFixture f) : IClassFixture<ReportFixture>
{
    /// <summary>An absent finding that argues for a condition is written with its "no" in the text of every report (the PDF's impression, the FHIR note), as on the page.</summary>
    [Fact]
    public void Impression_AbsentFindingFor_SaysNo()
    {
        var absent = new EvidenceItem("ckd_dialysis", "chronic kidney disease or dialysis", false, 0.8, 0.03, null, "text");
        var present = new EvidenceItem("pattern_amorphous", "lobulated amorphous (cloud-like) calcified mass", true, 0.6, 0.8, null, "analysis");
        var ranked = new RankedCondition("tumoral_calcinosis", "Tumoral calcinosis", 0.7, [absent, present], [], "");
        var d = new Differential([], [ranked], [], [], []);
        var text = ReportText.From(ReportModel.From(f.Analysis, d, deidentify: false));
        var line = Assert.Single(text.Impression, l => l.StartsWith("Tumoral calcinosis", StringComparison.Ordinal));
        Assert.Contains("For: no chronic kidney disease or dialysis; lobulated amorphous", line);
        Assert.Equal("no chronic kidney disease or dialysis", absent.Phrase);
        Assert.Equal("lobulated amorphous (cloud-like) calcified mass", present.Phrase);
    }

    /// <summary>The technique says how the patient lay where it was not supine, since the bowel's gas was read by it.</summary>
    [Fact]
    public void Technique_NamesAPronePosture()
    {
        var d = new Differential([], [], [], [], []);
        var model = ReportModel.From(f.Analysis, d, deidentify: false);
        Assert.DoesNotContain(ReportText.From(model).Technique, l => l.Contains("prone", StringComparison.Ordinal));
        var prone = model with { Geometry = model.Geometry with { Posture = CalciScope.Imaging.PatientPosture.Prone } };
        Assert.Contains(ReportText.From(prone).Technique, l => l.StartsWith("Scanned prone", StringComparison.Ordinal));
    }

    [Fact]
    public void Pdf_RendersToPngPagesWithPoppler()
    {
        var info = Tool.Run("pdfinfo", f.Files.Pdf).Ok().StdOut;
        int pages = int.Parse(Regex.Match(info, @"Pages:\s+(\d+)").Groups[1].Value);
        Assert.InRange(pages, 2, 4);
        using var tmp = new TempDir();
        Tool.Run("pdftoppm", "-r", "40", "-png", f.Files.Pdf, tmp["page"]).Ok();
        Assert.Equal(pages, Directory.GetFiles(tmp.Path, "page*.png").Length);
        var text = Tool.Run("pdftotext", f.Files.Pdf, "-").Ok().StdOut;
        foreach (var section in new[] { "Technique", "Findings", "Impression", "Recommendations", "Key images", "Limits" }) Assert.Contains(section, text);
        Assert.Contains("Lupus panniculitis", text);
    }

    [Fact]
    public void Html_HasEverySectionAndEmbeddedImages()
    {
        var html = File.ReadAllText(f.Files.Html);
        foreach (var id in new[] { "technique", "findings", "impression", "recommendations", "key-images", "limits" })
            Assert.Contains($"<section id=\"{id}\">", html);
        var images = Regex.Matches(html, "<img alt=\"[^\"]*\" src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");
        Assert.Equal(f.Files.Images.Count, images.Count);
        foreach (Match m in images)
        {
            var png = Convert.FromBase64String(m.Groups[1].Value);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        }
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", ""));
        Assert.DoesNotContain("https://", html);
        Assert.Contains("Lupus panniculitis", html);
        Assert.Matches(@"right/left 2\.\d\d", html);
    }

    [Fact]
    public void Fhir_RoundTripsAndValidates()
    {
        var json = File.ReadAllText(f.Files.Fhir);
        var bundle = FhirReportWriter.Parse(json);
        var report = bundle.Entry.Select(e => e.Resource).OfType<DiagnosticReport>().Single();
        Assert.Equal("18748-4", report.Code.Coding[0].Code);
        var observations = bundle.Entry.Select(e => e.Resource).OfType<Observation>().ToList();
        Assert.Equal(report.Result.Count, observations.Count);
        var total = observations.First(o => o.Code.Text!.StartsWith("Soft-tissue calcification volume, vessels"));
        Assert.Equal((decimal)Math.Round(f.Analysis.Summary.SoftTissueVolumeMm3, 1), ((Quantity)total.Value).Value);
        Assert.Equal(json, FhirReportWriter.Serialize(bundle));
        Assert.Empty(FhirValidation.Errors(bundle));
        foreach (var e in bundle.Entry) Assert.Empty(FhirValidation.Errors(e.Resource));
        // The validator is not a rubber stamp: an Observation without status and code fails.
        Assert.NotEmpty(FhirValidation.Errors(new Observation()));
    }

    [Fact]
    public void Seg_ReadBackMatchesLabelMapAndPassesDcmtkAndPydicom()
    {
        var seg = DicomReader.ReadFile(f.Files.Seg!);
        var ds = seg.Dataset;
        Assert.Equal(CalciScope.Reports.Dicom.DicomSegWriter.SegmentationStorage, ds.GetString(DicomTags.SopClassUid));
        Assert.Equal(f.Analysis.Study.Info.FrameOfReferenceUid, ds.GetString(DicomTags.FrameOfReferenceUid));
        var segments = ds.GetSequence(DicomTags.SegmentSequence);
        var frames = ds.GetSequence(DicomTags.PerFrameFunctionalGroupsSequence);
        Assert.Equal(ds.GetInt(DicomTags.NumberOfFrames), frames.Count);
        // Count the set bits of each segment's frames: they equal the label map's voxels of that compartment.
        var pixels = ds.Get(DicomTags.PixelData)!.Value;
        int len = f.Analysis.Study.Hu.SliceLength;
        var perSegment = new long[segments.Count + 1];
        for (int fr = 0; fr < frames.Count; fr++)
        {
            int s = frames[fr].FirstItem(DicomTags.SegmentIdentificationSequence)!.GetInt(DicomTags.ReferencedSegmentNumber)!.Value;
            for (long b = (long)fr * len; b < (long)(fr + 1) * len; b++)
                if ((pixels[b >> 3] & (1 << (int)(b & 7))) != 0) perSegment[s]++;
        }
        var subcutaneous = segments.ToList().FindIndex(x => x.GetString(DicomTags.SegmentLabel) == "subcutaneous calcification") + 1;
        Assert.True(subcutaneous > 0);
        long labelled = f.Analysis.Detection.LabelMap.LongCount(v => v == 2);
        Assert.Equal(labelled, perSegment[subcutaneous]);
        double voxel = f.Analysis.Study.Hu.Geometry.VoxelVolumeMm3;
        Assert.Equal(f.Analysis.Summary.VolumeByCompartment["subcutaneous"], labelled * voxel, 0.5);

        var dump = Tool.Run("dcmdump", "-E", f.Files.Seg!).Ok();
        Assert.DoesNotContain("E:", dump.StdErr);
        const string py = "import sys,pydicom; d=pydicom.dcmread(sys.argv[1]); a=d.pixel_array; print(d.Modality, int(d.NumberOfFrames), a.shape[0], int(a.sum()), len(d.SegmentSequence))";
        var r = Tool.Python3(py, f.Files.Seg!).Ok().StdOut.Trim().Split(' ');
        Assert.Equal("SEG", r[0]);
        Assert.Equal(frames.Count.ToString(), r[1]);
        Assert.Equal(perSegment.Sum().ToString(), r[3]);
        Assert.Equal(segments.Count.ToString(), r[4]);
    }

    [Fact]
    public void Sr_ReadBackAndAcceptedByDsrdumpAndPydicom()
    {
        var sr = DicomReader.ReadFile(f.Files.Sr);
        Assert.Equal("CONTAINER", sr.Dataset.GetString(DicomTags.ValueType));
        var containers = sr.Dataset.GetSequence(DicomTags.ContentSequence);
        Assert.Equal(3, containers.Count);
        var dsr = Tool.Run("dsrdump", f.Files.Sr).Ok();
        Assert.DoesNotContain("E:", dsr.StdErr);
        Assert.Contains("Impression", dsr.StdOut);
        Assert.Contains("Lupus panniculitis", dsr.StdOut);
        Assert.Contains("(mm3,UCUM", dsr.StdOut);
        const string py = "import sys,pydicom; d=pydicom.dcmread(sys.argv[1]); print(d.Modality, d.ContentSequence[1].ContentSequence[0].TextValue.split(':')[0])";
        var r = Tool.Python3(py, f.Files.Sr).Ok().StdOut.Trim();
        Assert.StartsWith("SR Lupus panniculitis", r);
    }

    /// <summary>
    /// dicom3tools' dciodvfy checks each object against its IOD: no errors (the SEG had six: a series reference without
    /// instance references, a 17-character code value, missing PositionReferenceIndicator, ManufacturerModelName and
    /// DeviceSerialNumber). Warnings for CalciScope's private coding scheme remain by design.
    /// </summary>
    [Theory]
    [InlineData("seg")]
    [InlineData("sr")]
    public void SegAndSr_PassDciodvfyWithoutErrors(string which)
    {
        var file = which == "seg" ? f.Files.Seg! : f.Files.Sr;
        var r = Tool.Run("dciodvfy", file);
        var errors = (r.StdOut + r.StdErr).Split('\n').Where(l => l.StartsWith("Error", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        // It recognised the IOD (a line of its own names it), so the check ran.
        Assert.Contains(which == "seg" ? "Segmentation" : "ComprehensiveSR", (r.StdOut + "\n" + r.StdErr).Split('\n').Select(l => l.Trim()));
    }

    [Fact]
    public void Seg_EachFrameReferencesItsSourceImage_StandardCodes()
    {
        var seg = DicomReader.ReadFile(f.Files.Seg!).Dataset;
        var frames = seg.GetSequence(DicomTags.PerFrameFunctionalGroupsSequence);
        var sources = f.Analysis.Study.Info.SourceInstances.Select(x => x.SopInstanceUid).ToHashSet();
        Assert.All(frames, fr =>
        {
            var src = fr.GetSequence(DicomTags.DerivationImageSequence)[0].GetSequence(DicomTags.SourceImageSequence)[0];
            Assert.Contains(src.GetString(DicomTags.ReferencedSopInstanceUid) ?? "", sources);
        });
        foreach (var segment in seg.GetSequence(DicomTags.SegmentSequence))
        {
            var category = segment.GetSequence(DicomTags.SegmentedPropertyCategoryCodeSequence)[0];
            Assert.Equal("SCT", category.GetString(DicomTags.CodingSchemeDesignator));
            Assert.InRange((segment.GetSequence(DicomTags.SegmentedPropertyTypeCodeSequence)[0].GetString(DicomTags.CodeValue) ?? "").Length, 1, 16);
        }
    }

    [Fact]
    public void Seg_DecodesBackToTheAnalysisLabelMap_VoxelForVoxel()
    {
        // The viewer's overlay is decoded from the SEG; it must be the analysis's label map exactly.
        var decoded = CalciScope.Reports.Dicom.DicomSegReader.ToLabelMap(DicomReader.ReadFile(f.Files.Seg!).Dataset, f.Analysis.Study.Hu.Geometry);
        var expected = f.Analysis.Detection.LabelMap;
        Assert.Equal(expected.Length, decoded.Length);
        int differ = 0;
        for (int i = 0; i < expected.Length; i++) if (expected[i] != decoded[i]) differ++;
        Assert.Equal(0, differ);
        Assert.Contains(decoded, v => v == 2);
    }

    [Fact]
    public void Deidentified_NoIdentifierOfTheSourceInAnyOutput()
    {
        var info = f.Analysis.Study.Info;
        var identifiers = new[] { info.PatientName, info.PatientName.Replace('^', ' '), info.PatientId, info.PatientBirthDate, info.AccessionNumber, info.StudyDate,
            "1986-03-14", "2026-01-01" };
        var outputs = new[] { f.Deidentified.Html, f.Deidentified.Pdf, f.Deidentified.Fhir, f.Deidentified.Seg!, f.Deidentified.Sr };
        foreach (var path in outputs)
        {
            var bytes = File.ReadAllBytes(path);
            var text = System.Text.Encoding.Latin1.GetString(bytes);
            if (path.EndsWith(".pdf")) text += Tool.Run("pdftotext", path, "-").Ok().StdOut;
            foreach (var id in identifiers.Where(s => s.Length > 0))
                Assert.False(text.Contains(id, StringComparison.OrdinalIgnoreCase), $"{Path.GetFileName(path)} still contains '{id}'");
        }
        // Dates are shifted, not dropped, and every study of the patient shifts by the same days.
        var sr = DicomReader.ReadFile(f.Deidentified.Sr).Dataset;
        Assert.Equal(Deidentifier.ShiftDate(info.StudyDate, Deidentifier.OffsetDays(info.PatientId)), sr.GetString(DicomTags.StudyDate));
        Assert.NotEqual(info.StudyDate, sr.GetString(DicomTags.StudyDate));
        // The identified report does carry them, so the search above can fail.
        Assert.Contains(info.PatientId, File.ReadAllText(f.Files.Html));
    }
}
