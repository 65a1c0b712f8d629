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

    private static ReportFiles WriteInto(ReportModel m, string folder)
    {
        var text = ReportText.From(m);
        var images = (m.Analysis is { } a ? KeyImageRenderer.Render(a) : []).ToList();
        if (m.History.Count >= 2)
            images.Add(new KeyImage("trend", "Soft-tissue calcification over the patient's studies: total, right and left.", TrendChart.Render(m.History), 560, 300));
        var imageDir = Path.Combine(folder, "key_images");
        var imagePaths = new List<string>();
        foreach (var img in images)
        {
            var p = Path.Combine(imageDir, img.Name + ".png");
            AtomicFile.Write(p, s => s.Write(img.Png));
            imagePaths.Add(p);
        }
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
        var sr = Path.Combine(folder, "report.sr.dcm");
        DicomWriter.WriteFile(sr, DicomSrWriter.Build(m.Study, m, text, now));
        return new ReportFiles(html, pdf, fhir, seg, sr, imagePaths);
    }
}
