using System.Globalization;
using System.Net;
using System.Text;

namespace CalciScope.Reports;

/// <summary>report.html: one self-contained page (styles inline, images as data URIs), readable offline.</summary>
public static class HtmlReportWriter
{
    public static string Render(ReportModel m, ReportText t, IReadOnlyList<KeyImage> images)
    {
        string E(string s) => WebUtility.HtmlEncode(s);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(t.Title)).Append("</title>\n<style>")
          .Append("body{font-family:'DejaVu Sans',Arial,sans-serif;max-width:980px;margin:24px auto;color:#1f2933;line-height:1.45}")
          .Append("h1{font-size:22px;border-bottom:2px solid #1f2933}h2{font-size:17px;margin-top:26px;color:#0b4f6c}")
          .Append("table{border-collapse:collapse;width:100%;font-size:13px}td,th{border:1px solid #cbd2d9;padding:4px 6px;text-align:left}")
          .Append("th{background:#f0f4f8}figure{display:inline-block;margin:8px;width:460px;vertical-align:top}figure img{width:100%}")
          .Append("figcaption{font-size:12px;color:#52606d}.meta{font-size:13px;color:#52606d}.prob{font-weight:bold}</style></head><body>\n");
        sb.Append("<h1>").Append(E(t.Title)).Append("</h1>\n<p class=\"meta\">");
        sb.Append(E($"Patient: {m.Study.PatientName} ({m.Study.PatientId})  Study date: {m.Study.StudyDate}  Study UID: {m.Study.StudyUid}"));
        sb.Append("<br>").Append(E($"Report generated {m.CreatedUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC by CalciScope")).Append("</p>\n");
        Section("technique", "Technique", t.Technique);
        sb.Append("<section id=\"findings\"><h2>Findings</h2>\n");
        foreach (var s in t.FindingSentences) sb.Append("<p>").Append(E(s)).Append("</p>\n");
        if (t.Findings.Count > 0)
        {
            sb.Append("<table><tr><th>Region</th><th>Side</th><th>Compartment</th><th>Pattern</th><th>Lesions</th><th>Volume (mm\u00b3)</th><th>Depth (mm)</th><th>Max HU</th></tr>\n");
            foreach (var r in t.Findings)
                sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(ReportText.Words(r.Region))}</td><td>{E(r.Side)}</td><td>{E(r.Compartment)}</td><td>{E(ReportText.Words(r.Pattern))}</td><td>{r.Count}</td><td>{r.VolumeMm3:0}</td><td>{r.MinDepthMm:0}</td><td>{r.MaxHu}</td></tr>\n");
            sb.Append("</table>\n");
        }
        sb.Append("</section>\n");
        sb.Append("<section id=\"impression\"><h2>Impression</h2>\n");
        if (m.Differential is { } d)
        {
            sb.Append("<table><tr><th>#</th><th>Condition</th><th>Probability</th><th>For</th><th>Against</th></tr>\n");
            int i = 0;
            foreach (var r in d.Ranked.Take(7))
            {
                string Items(IEnumerable<CalciScope.Diagnosis.EvidenceItem> items) => string.Join("<br>", items.Take(4).Select(e =>
                    $"{E(e.Phrase)} <span title=\"{E(e.Citation ?? "rate in conditions that do not list it")}\">({e.Weight:+0.00;-0.00})</span>"));
                sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{++i}</td><td>{E(r.Name)}</td><td class=\"prob\">{r.Probability:P1}</td><td>{Items(r.For)}</td><td>{Items(r.Against)}</td></tr>\n");
            }
            sb.Append("</table>\n");
            var cited = d.Ranked.Take(3).SelectMany(r => r.For.Concat(r.Against)).Select(e => e.Citation).Where(c => c is not null).Distinct().ToList();
            if (cited.Count > 0)
            {
                sb.Append("<p class=\"meta\">Sources of the weights:</p><ol class=\"meta\">");
                foreach (var c in cited) sb.Append("<li>").Append(E(c!)).Append("</li>");
                sb.Append("</ol>\n");
            }
        }
        foreach (var s in t.Impression) sb.Append("<p>").Append(E(s)).Append("</p>\n");
        sb.Append("</section>\n");
        Section("recommendations", "Recommendations", t.Recommendations.Count > 0 ? t.Recommendations : ["None beyond clinical correlation."]);
        sb.Append("<section id=\"key-images\"><h2>Key images</h2>\n");
        foreach (var img in images)
            sb.Append("<figure><img alt=\"").Append(E(img.Caption)).Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(img.Png))
              .Append("\"><figcaption>").Append(E(img.Caption)).Append("</figcaption></figure>\n");
        if (images.Count == 0) sb.Append("<p>No key images: the study was not given to the report (use --study).</p>\n");
        sb.Append("</section>\n");
        Section("limits", "Limits", t.Limits);
        sb.Append("</body></html>\n");
        return sb.ToString();

        void Section(string id, string title, IEnumerable<string> lines)
        {
            sb.Append("<section id=\"").Append(id).Append("\"><h2>").Append(E(title)).Append("</h2><ul>\n");
            foreach (var l in lines) sb.Append("<li>").Append(E(l)).Append("</li>\n");
            sb.Append("</ul></section>\n");
        }
    }
}
