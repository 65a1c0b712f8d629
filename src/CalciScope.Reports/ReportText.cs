using System.Globalization;
using CalciScope.Calcification;
using CalciScope.Imaging;

namespace CalciScope.Reports;

/// <summary>The report's words, written once and shared by the HTML, PDF and SR writers.</summary>
public sealed record ReportText(string Title, IReadOnlyList<string> Technique, IReadOnlyList<FindingRow> Findings, IReadOnlyList<string> FindingSentences,
    IReadOnlyList<string> Impression, IReadOnlyList<string> Recommendations, IReadOnlyList<string> Limits)
{
    public static ReportText From(ReportModel m)
    {
        var s = m.Summary;
        var g = m.Geometry;
        var technique = new List<string>
        {
            $"{(string.IsNullOrEmpty(m.Study.Modality) ? "CT" : m.Study.Modality)} {m.Study.SeriesDescription}".Trim(),
            F($"{g.SizeX} x {g.SizeY} x {g.SizeZ} voxels of {g.Spacing.X:0.##} x {g.Spacing.Y:0.##} x {g.Spacing.Z:0.##} mm ({m.Study.SourceFormat})."),
            m.Contrast is { Enhanced: true } c
                ? F($"Contrast-enhanced: blood pool {c.BloodPoolMeanHu:0} HU; calcium inside enhanced vessels counted from {c.ThresholdHu:0} HU.")
                : "No intravenous contrast detected; calcium counted from 130 HU.",
        };
        if (m.Study.GantryTiltDeg is { } tilt) technique.Add(F($"Gantry tilt {tilt:0.#} degrees, kept in the geometry."));
        if (g.Posture == PatientPosture.Prone) technique.Add("Scanned prone: gas-fluid levels in the bowel read with the gas at the back.");
        else if (g.Posture != PatientPosture.Supine) technique.Add("Scanned lying on one side: gas-fluid levels in the bowel not looked for.");

        var rows = m.Lesions.Where(l => l.Compartment != "vascular")
            .GroupBy(l => (l.Region, l.Side, l.Compartment, l.Pattern))
            .Select(gr => new FindingRow(gr.Key.Region, gr.Key.Side, gr.Key.Compartment, gr.Key.Pattern, gr.Count(), gr.Sum(l => l.VolumeMm3),
                gr.Min(l => l.DepthBelowSkinMm), gr.Max(l => l.MaxHu)))
            .OrderByDescending(r => r.VolumeMm3).ToList();
        var sentences = new List<string>();
        if (s.SoftTissueVolumeMm3 <= 0) sentences.Add("No calcification outside the skeleton and the vessels.");
        else
        {
            sentences.Add(F($"Soft-tissue calcification totalling {s.SoftTissueVolumeMm3 / 1000:0.0} mL in {s.SoftTissueLesionCount} lesion(s), dominant pattern {Words(s.DominantPattern)}."));
            foreach (var r in rows.Take(6))
                sentences.Add(F($"{Cap(Words(r.Pattern))} calcification in the {r.Side} {Words(r.Region)} {r.Compartment} tissue: {r.VolumeMm3:0} mm\u00b3 in {r.Count} lesion(s), from {r.MinDepthMm:0} mm below the skin, up to {r.MaxHu} HU."));
            sentences.Add(s.RightLeftRatio is { } q
                ? F($"Right {s.VolumeBySide["right"]:0} mm\u00b3, left {s.VolumeBySide["left"]:0} mm\u00b3 (right/left {q:0.00}; {Words(s.Symmetry)}).")
                : F($"Right {s.VolumeBySide["right"]:0} mm\u00b3, left {s.VolumeBySide["left"]:0} mm\u00b3 ({Words(s.Symmetry)})."));
        }
        if (s.VascularVolumeMm3 > 0)
        {
            int phleb = m.Lesions.Count(l => l.Pattern == "phlebolith");
            sentences.Add(F($"Vascular calcification {s.VascularVolumeMm3:0} mm\u00b3{(phleb > 0 ? $", including {phleb} phlebolith(s)" : "")}."));
        }
        if (s.IntracranialVolumeMm3 > 0)
            sentences.Add(F($"Intracranial calcification {s.IntracranialVolumeMm3:0} mm\u00b3, reported apart from soft-tissue calcification."));
        sentences.Add("The skeleton is set aside; no soft-tissue calcification is counted within it.");

        var impression = new List<string>();
        var recommendations = new List<string>();
        if (m.Differential is { } d)
        {
            foreach (var r in d.Ranked.Take(5))
            {
                var pro = string.Join("; ", r.For.Take(3).Select(e => e.Phrase));
                var con = string.Join("; ", r.Against.Take(2).Select(e => e.Phrase));
                impression.Add(F($"{r.Name}: {r.Probability:P0}. For: {(pro.Length > 0 ? pro : "-")}. Against: {(con.Length > 0 ? con : "-")}."));
            }
            foreach (var n in d.NextBest.Take(4)) recommendations.Add(F($"{Cap(n.Ask)} ({n.GainBits:0.00} bits): {n.Why}."));
            foreach (var conflict in d.Conflicts) recommendations.Add("Sources disagree: " + conflict + ".");
        }
        else impression.Add("No clinical information given: imaging findings only (run diagnose for a differential).");

        var limits = new List<string>
        {
            "Computer-generated analysis to support, not replace, a radiologist's reading; not validated for clinical decisions.",
            "Tissue compartments come from classical thresholds and morphology, not from an anatomical model; check the label map.",
            "Calcium below the CT's resolution or under 130 HU is not counted; partial volume makes thin strands look thicker.",
            "Probabilities come from a knowledge base of published frequencies treated as independent within groups; they are estimates.",
        };
        limits.AddRange(m.Warnings.Select(w => "Input: " + w));
        if (m.Deidentified) limits.Add("De-identified export: names, identifiers and birth dates removed; dates shifted.");
        return new ReportText("Soft-tissue calcification work-up", technique, rows, sentences, impression, recommendations, limits);
    }

    public static string Words(string id) => id.Replace('_', ' ');
    private static string Cap(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One row of the findings table: lesions grouped by region, side, compartment and pattern.</summary>
public sealed record FindingRow(string Region, string Side, string Compartment, string Pattern, int Count, double VolumeMm3, double MinDepthMm, int MaxHu);
