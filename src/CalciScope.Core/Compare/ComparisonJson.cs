using System.Text.Json.Nodes;
using CalciScope.Pipeline;

namespace CalciScope.Compare;

/// <summary>comparison.json (schema calciscope.comparison/1 of the contract).</summary>
public static class ComparisonJson
{
    public const string Schema = "calciscope.comparison/1";

    public static JsonObject ToJson(Comparison c)
    {
        var t = c.Registration.Transform;
        JsonObject Dict(IReadOnlyDictionary<string, double> d) => new(d.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
        return new JsonObject
        {
            ["schema"] = Schema,
            ["verdict"] = c.Verdict,
            ["prior"] = new JsonObject { ["study_uid"] = c.PriorStudyUid, ["study_date"] = c.PriorDate },
            ["current"] = new JsonObject { ["study_uid"] = c.CurrentStudyUid, ["study_date"] = c.CurrentDate },
            ["registration"] = new JsonObject
            {
                ["method"] = "rigid ICP on the skeleton surface",
                ["translation_mm"] = new JsonArray(Math.Round(t.T.X, 2), Math.Round(t.T.Y, 2), Math.Round(t.T.Z, 2)),
                ["rotation_matrix"] = new JsonArray(t.R.Select(v => (JsonNode)Math.Round(v, 6)!).ToArray()),
                ["rotation_deg"] = Math.Round(t.AngleDeg, 2),
                ["rms_mm"] = Math.Round(c.Registration.RmsMm, 2),
                ["points"] = c.Registration.Points,
                ["iterations"] = c.Registration.Iterations,
            },
            ["volume_mm3_prior"] = c.VolumePriorMm3,
            ["volume_mm3_current"] = c.VolumeCurrentMm3,
            ["change_mm3"] = Math.Round(c.VolumeCurrentMm3 - c.VolumePriorMm3, 1),
            ["threshold_mm3"] = c.ThresholdMm3,
            ["repeatability_sd_mm3"] = new JsonObject { ["prior"] = c.RepeatabilitySdPriorMm3, ["current"] = c.RepeatabilitySdCurrentMm3 },
            ["change_mm3_by_side"] = Dict(c.ChangeBySide),
            ["change_mm3_by_region"] = Dict(c.ChangeByRegion),
            ["warnings"] = new JsonArray(c.Warnings.Select(w => (JsonNode)w!).ToArray()),
            ["lesions"] = new JsonObject(c.Lesions.GroupBy(l => l.Status).Select(g => KeyValuePair.Create(g.Key, (JsonNode?)g.Count()))),
            ["lesion_changes"] = new JsonArray(c.Lesions.Select(l => (JsonNode)new JsonObject
            {
                ["status"] = l.Status, ["prior_id"] = l.Prior?.Id, ["current_id"] = l.Current?.Id,
                ["prior_volume_mm3"] = l.Prior?.VolumeMm3, ["current_volume_mm3"] = l.Current?.VolumeMm3,
                ["prior_centroid_in_current_mm"] = l.PriorCentroidInCurrentMm is { } m ? new JsonArray(m[0], m[1], m[2]) : null,
            }).ToArray()),
        };
    }

    public static string Write(Comparison c, string outDir)
    {
        var path = Path.Combine(outDir, "comparison.json");
        AtomicFile.WriteAllText(path, ToJson(c).ToJsonString(AnalysisJson.Options));
        return path;
    }
}
