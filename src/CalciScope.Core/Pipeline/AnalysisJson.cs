using System.Text.Json;
using System.Text.Json.Nodes;
using CalciScope.Calcification;

namespace CalciScope.Pipeline;

/// <summary>Writes and reads analysis.json (schema calciscope.analysis/1 of the contract).</summary>
public static class AnalysisJson
{
    public const string Schema = "calciscope.analysis/1";
    public static readonly JsonSerializerOptions Options = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonObject ToJson(AnalysisResult r, bool deidentify = true)
    {
        var g = r.Study.Hu.Geometry;
        var info = r.Study.Info;
        var study = new JsonObject
        {
            ["study_uid"] = info.StudyUid, ["series_uid"] = info.SeriesUid, ["frame_of_reference_uid"] = info.FrameOfReferenceUid,
            ["modality"] = info.Modality, ["series_description"] = info.SeriesDescription, ["study_date"] = deidentify ? null : info.StudyDate,
            ["source_format"] = info.SourceFormat, ["transfer_syntax"] = info.TransferSyntax,
            ["size"] = new JsonArray(g.SizeX, g.SizeY, g.SizeZ),
            ["voxel_mm"] = new JsonArray(Math.Round(g.Spacing.X, 4), Math.Round(g.Spacing.Y, 4), Math.Round(g.Spacing.Z, 4)),
            ["affine_lps"] = new JsonArray(g.Affine().Select(v => (JsonNode)Math.Round(v, 5)!).ToArray()),
            ["gantry_tilt_deg"] = info.GantryTiltDeg,
            ["contrast"] = new JsonObject
            {
                ["enhanced"] = r.Detection.Contrast.Enhanced, ["blood_pool_mean_hu"] = r.Detection.Contrast.BloodPoolMeanHu,
                ["blood_pool_volume_mm3"] = r.Detection.Contrast.BloodPoolVolumeMm3, ["calcium_threshold_hu_in_vessels"] = r.Detection.Contrast.ThresholdHu,
                ["phase"] = r.Detection.Contrast.Phase, ["oral"] = r.Detection.Contrast.OralContrast,
                ["oral_volume_mm3"] = r.Detection.Contrast.OralContrastVolumeMm3,
            },
            ["body_parts"] = new JsonArray(r.Detection.BodyParts.Select(b => (JsonNode)new JsonObject
            {
                ["name"] = b.Name, ["z_mm"] = new JsonArray(b.FromZMm, b.ToZMm),
            }).ToArray()),
        };
        var lesions = new JsonArray();
        foreach (var l in r.Lesions)
        {
            lesions.Add(new JsonObject
            {
                ["id"] = l.Id, ["centroid_mm"] = Arr(l.CentroidMm), ["volume_mm3"] = l.VolumeMm3, ["compartment"] = l.Compartment, ["side"] = l.Side,
                ["region"] = l.Region, ["pattern"] = l.Pattern, ["voxels"] = l.VoxelCount, ["mean_hu"] = l.MeanHu, ["max_hu"] = l.MaxHu,
                ["agatston"] = l.AgatstonScore, ["mass_mg"] = l.MassMg, ["bbox_min_mm"] = Arr(l.BoundingBoxMinMm), ["bbox_max_mm"] = Arr(l.BoundingBoxMaxMm),
                ["principal_lengths_mm"] = Arr(l.PrincipalLengthsMm), ["elongation"] = l.Elongation, ["flatness"] = l.Flatness,
                ["sphericity"] = l.Sphericity, ["hollowness"] = l.Hollowness, ["depth_mm"] = l.DepthBelowSkinMm, ["slices"] = l.Slices,
                ["anatomy"] = l.Anatomy,
            });
        }
        var s = r.Summary;
        var summary = new JsonObject
        {
            ["volume_mm3_by_compartment"] = Dict(s.VolumeByCompartment),
            ["volume_mm3_by_side"] = new JsonObject { ["right"] = s.VolumeBySide["right"], ["left"] = s.VolumeBySide["left"], ["midline"] = s.VolumeBySide["midline"] },
            ["volume_mm3_by_region"] = Dict(s.VolumeByRegion),
            ["volume_mm3_by_pattern"] = Dict(s.VolumeByPattern),
            ["soft_tissue_volume_mm3"] = s.SoftTissueVolumeMm3, ["vascular_volume_mm3"] = s.VascularVolumeMm3,
            ["intracranial_volume_mm3"] = s.IntracranialVolumeMm3,
            ["right_left_ratio"] = s.RightLeftRatio, ["symmetry"] = s.Symmetry, ["dominant_pattern"] = s.DominantPattern,
            ["lesion_count"] = s.LesionCount, ["soft_tissue_lesion_count"] = s.SoftTissueLesionCount,
            ["count_by_pattern"] = new JsonObject(s.CountByPattern.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            ["skeleton_volume_mm3"] = s.BoneVolumeMm3,
        };
        return new JsonObject
        {
            ["schema"] = Schema, ["generator"] = "CalciScope " + typeof(AnalysisJson).Assembly.GetName().Version, ["study"] = study,
            ["threshold_hu"] = CalcificationDetector.ThresholdHu, ["lesions"] = lesions, ["summary"] = summary,
            ["label_map_labels"] = new JsonObject(CalcificationDetector.LabelNames.Select((n, i) => KeyValuePair.Create(n, (JsonNode?)i))),
            ["anatomy_source"] = r.Detection.AnatomySource,
            ["warnings"] = new JsonArray(r.Study.Warnings.Concat(r.Detection.Notes).Select(w => (JsonNode)w!).ToArray()),
            ["timings_s"] = Dict(r.StageSeconds),
        };
    }

    private static JsonArray Arr(double[] v) => new(v.Select(x => (JsonNode)x!).ToArray());
    private static JsonObject Dict(IReadOnlyDictionary<string, double> d) => new(d.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));

    public static string Write(AnalysisResult r, string outDir)
    {
        var path = Path.Combine(outDir, "analysis.json");
        AtomicFile.WriteAllText(path, ToJson(r).ToJsonString(Options));
        return path;
    }
}
