using CalciScope.Diagnosis;
using CalciScope.Pipeline;

namespace CalciScope.Findings;

/// <summary>
/// Turns analysis.json into findings: compartments, patterns, sites, symmetry, burden and lucent centres, present or
/// absent (the CT saw the whole scanned region, so a pattern it did not find is evidence against it).
/// </summary>
public static class AnalysisFindings
{
    public const double MinShare = 0.15;

    public static IReadOnlyList<ObservedFinding> From(AnalysisDocument analysis)
    {
        var result = new List<ObservedFinding>();
        void Add(string id, bool present, string evidence) => result.Add(new ObservedFinding(id, present, "analysis", evidence));
        var summary = analysis.Summary;
        var byComp = Map(summary.VolumeMm3ByCompartment);
        var byPattern = Map(summary.VolumeMm3ByPattern);
        var byRegion = Map(summary.VolumeMm3ByRegion);
        var bySide = Map(summary.VolumeMm3BySide);
        double soft = summary.SoftTissueVolumeMm3 ?? bySide.Values.Sum();
        var lesions = analysis.Lesions;
        // Body parts the scan covers (analysis.json from before the anatomy work has none: every region counts as seen).
        var parts = analysis.Study.BodyParts?.Select(p => p.Name).ToHashSet();
        double vascular = byComp.GetValueOrDefault("vascular");

        var compartments = new (string Key, string Id)[] { ("skin", "calc_skin"), ("subcutaneous", "calc_subcutaneous"), ("fascial", "calc_fascial"), ("muscle", "calc_muscle"), ("periarticular", "calc_periarticular") };
        foreach (var (key, id) in compartments)
        {
            double v = byComp.GetValueOrDefault(key);
            if (soft > 0) Add(id, v >= MinShare * soft || v >= 500, $"CT: {v:0} mm3 in {key} ({Share(v, soft)} of soft-tissue calcification)");
        }
        if (vascular > 0) Add("calc_vascular", true, $"CT: {vascular:0} mm3 of vascular calcification");

        var patterns = new (string Key, string Id)[]
        {
            ("linear_reticular", "pattern_linear_reticular"), ("nodular", "pattern_nodular"), ("punctate", "pattern_punctate"),
            ("rice_grain", "pattern_rice_grain"), ("sheet", "pattern_sheet"), ("zonal_mass", "pattern_zonal"), ("amorphous", "pattern_amorphous"),
        };
        foreach (var (key, id) in patterns)
        {
            double v = byPattern.GetValueOrDefault(key);
            if (soft > 0) Add(id, v >= MinShare * soft, $"CT: {key.Replace('_', '-')} {v:0} mm3 ({Share(v, soft)})");
        }
        int phleboliths = lesions.Count(l => l.Pattern == "phlebolith");
        Add("pattern_phlebolith", phleboliths > 0, $"CT: {phleboliths} phlebolith(s)");

        if (soft > 0)
        {
            double r = bySide.GetValueOrDefault("right"), l = bySide.GetValueOrDefault("left");
            bool both = Math.Min(r, l) >= 0.1 * (r + l);
            Add("bilateral", both, $"CT: right {r:0} mm3, left {l:0} mm3");
            bool symmetric = both && Math.Abs(r - l) / (r + l) < 0.25;
            Add("bilateral_symmetric", symmetric, $"CT: right/left {(l > 0 ? (r / l).ToString("0.00") : "n/a")}");
            var sites = new (string Key, string Id)[] { ("gluteal", "site_gluteal"), ("inguinal", "site_inguinal"), ("thigh", "site_thigh"), ("abdominal_wall", "site_abdominal_wall"), ("hip", "site_large_joint"),
                ("leg", "site_lower_leg"), ("arm", "site_upper_limb"), ("chest_wall", "site_chest_wall"), ("back", "site_back"), ("head_neck", "site_head_neck") };
            foreach (var (key, id) in sites)
            {
                double v = byRegion.GetValueOrDefault(key);
                if (v > 0) Add(id, true, $"CT: {v:0} mm3 in the {key.Replace('_', ' ')} region");
                // Absent only where the scan shows the region: a chest CT says nothing of the buttocks.
                else if (key is "gluteal" or "inguinal" or "abdominal_wall" or "hip" && byRegion.Count > 0 && Scanned(parts, key))
                    Add(id, false, $"CT: none in the {key.Replace('_', ' ')} region");
            }
            Add("widespread", byRegion.Count(kv => kv.Value >= 0.1 * soft) >= 3, $"CT: {byRegion.Count} region(s)");
            Add("large_burden", soft >= 10_000, $"CT: {soft:0} mm3 of soft-tissue calcification");
            int lucent = lesions.Count(x => x.Hollowness >= 0.15 && x.Compartment != "vascular" && x.Pattern is "nodular" or "zonal_mass");
            Add("central_lucency", lucent > 0, $"CT: {lucent} round lesion(s) with a lucent centre");
            Add("bone_involvement", false, "CT: calcification separate from the skeleton");
        }
        else if (vascular == 0)
        {
            Add("calc_subcutaneous", false, "CT: no calcification outside the skeleton");
            Add("calc_muscle", false, "CT: no calcification outside the skeleton");
        }
        return result;
    }

    /// <summary>Whether the scanned body parts include the region (null: not known, taken as seen).</summary>
    private static bool Scanned(HashSet<string>? parts, string region) => parts is null || region switch
    {
        "gluteal" or "inguinal" or "hip" => parts.Contains("pelvis"),
        "abdominal_wall" => parts.Contains("abdomen") || parts.Contains("pelvis"),
        _ => true,
    };

    private static string Share(double v, double total) => total > 0 ? $"{100 * v / total:0}%" : "-";
    private static Dictionary<string, double> Map(IReadOnlyDictionary<string, double>? d) => d is null ? [] : new(d);

    public static IReadOnlyList<ObservedFinding> FromFile(string path) =>
        IO.JsonFile.Read(path, Pipeline.AnalysisJson.Schema, n => From(Pipeline.AnalysisJson.Deserialize(n)));
}
