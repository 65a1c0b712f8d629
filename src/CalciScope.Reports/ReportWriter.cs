using CalciScope.Dicom;
using CalciScope.Reports.Dicom;

namespace CalciScope.Reports;

/// <summary>The files of a report, each written under a temporary name and moved into place when whole.</summary>
public sealed record ReportFiles(string Html, string Pdf, string Fhir, string? Seg, string Sr, IReadOnlyList<string> Images);

/// <summary>Writes every output of a report into one folder: HTML, PDF, FHIR, DICOM SEG and SR, and the key images.</summary>
public static class ReportWriter
{
    /// <summary>Writes the report folder whole or not at all (<see cref="AtomicFolder"/>): a killed run never leaves old and new files mixed.</summary>
    public static ReportFiles Write(ReportModel m, string folder) =>
        AtomicFolder.Write(folder, staging =>
        {
            var f = WriteInto(m, staging);
            string R(string p) => AtomicFolder.Rebase(p, staging, folder);
            return new ReportFiles(R(f.Html), R(f.Pdf), R(f.Fhir), f.Seg is null ? null : R(f.Seg), R(f.Sr), f.Images.Select(R).ToList());
        });

    /// <summary>
    /// Writes the report again with a new differential or history, keeping the key images and the SEG of the report
    /// already in the folder when the volume is no longer in memory: a re-ranked study's downloads never fall back to
    /// a report without its figures.
    /// </summary>
    public static ReportFiles Rewrite(ReportModel m, string folder)
    {
        if (m.Analysis is not null || !Directory.Exists(folder)) return Write(m, folder);
        var kept = ReadKeyImages(Path.Combine(folder, "key_images")).Where(k => k.Name != TrendName).ToList();
        var seg = Path.Combine(folder, "report.seg.dcm");
        return Write(m with { KeyImages = kept, SegBytes = File.Exists(seg) ? File.ReadAllBytes(seg) : null }, folder);
    }

    private const string TrendName = "trend";
    private const string ImageIndex = "index.json";

    private static IEnumerable<KeyImage> ReadKeyImages(string dir)
    {
        var index = Path.Combine(dir, ImageIndex);
        if (!File.Exists(index)) yield break;
        foreach (var e in System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(index))?.AsArray() ?? [])
        {
            var name = e?["name"]?.GetValue<string>() ?? "";
            var png = Path.Combine(dir, name + ".png");
            if (name.Length == 0 || name.Contains('/') || !File.Exists(png)) continue;
            yield return new KeyImage(name, e!["caption"]?.GetValue<string>() ?? "", File.ReadAllBytes(png), e["width"]?.GetValue<int>() ?? 0, e["height"]?.GetValue<int>() ?? 0);
        }
    }

    private static ReportFiles WriteInto(ReportModel m, string folder)
    {
        var text = ReportText.From(m);
        var images = (m.Analysis is { } a ? KeyImageRenderer.Render(a) : m.KeyImages).ToList();
        if (m.History.Count >= 2)
            images.Add(new KeyImage(TrendName, "Soft-tissue calcification over the patient's studies: total, right and left.", TrendChart.Render(m.History), 560, 300));
        var imageDir = Path.Combine(folder, "key_images");
        var imagePaths = new List<string>();
        foreach (var img in images)
        {
            var p = Path.Combine(imageDir, img.Name + ".png");
            AtomicFile.Write(p, s => s.Write(img.Png));
            imagePaths.Add(p);
        }
        var index = new System.Text.Json.Nodes.JsonArray(images.Select(i => (System.Text.Json.Nodes.JsonNode)new System.Text.Json.Nodes.JsonObject
            { ["name"] = i.Name, ["caption"] = i.Caption, ["width"] = i.Width, ["height"] = i.Height }).ToArray());
        AtomicFile.WriteAllText(Path.Combine(imageDir, ImageIndex), index.ToJsonString());
        var html = Path.Combine(folder, "report.html");
        AtomicFile.WriteAllText(html, HtmlReportWriter.Render(m, text, images));
        var pdf = Path.Combine(folder, "report.pdf");
        AtomicFile.Write(pdf, s => PdfReportWriter.Write(s, m, text, images));
        var fhir = Path.Combine(folder, "report.fhir.json");
        AtomicFile.WriteAllText(fhir, FhirReportWriter.Serialize(FhirReportWriter.Build(m, text)));
        var now = m.CreatedUtc;
        string? seg = null;
        if (m.Analysis is { } r)
        {
            seg = Path.Combine(folder, "report.seg.dcm");
            DicomWriter.WriteFile(seg, DicomSegWriter.Build(m.Study, r.Study.Hu.Geometry, r.Detection.LabelMap, now));
        }
        else if (m.SegBytes is { } kept)
        {
            seg = Path.Combine(folder, "report.seg.dcm");
            AtomicFile.Write(seg, s => s.Write(kept));
        }
        var sr = Path.Combine(folder, "report.sr.dcm");
        DicomWriter.WriteFile(sr, DicomSrWriter.Build(m.Study, m, text, now));
        return new ReportFiles(html, pdf, fhir, seg, sr, imagePaths);
    }
}
