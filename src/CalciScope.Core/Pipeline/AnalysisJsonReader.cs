using System.Text.Json.Nodes;
using CalciScope.Calcification;
using CalciScope.Imaging;

namespace CalciScope.Pipeline;

/// <summary>analysis.json read back into the records a report or a comparison is written from.</summary>
public sealed record StoredAnalysis(StudyInfo Study, VolumeGeometry Geometry, IReadOnlyList<Lesion> Lesions, AnalysisSummary Summary,
    ContrastPhase Contrast, IReadOnlyList<string> Warnings);

public static class AnalysisJsonReader
{
    public static StoredAnalysis Read(string path) => IO.JsonFile.Read(path, AnalysisJson.Schema, From);

    public static StoredAnalysis From(JsonNode n)
    {
        var st = n["study"]!;
        string S(JsonNode? x) => x?.GetValue<string>() ?? "";
        double[] A(JsonNode? x) => (x?.AsArray() ?? []).Select(v => v!.GetValue<double>()).ToArray();
        var info = new StudyInfo
        {
            StudyUid = S(st["study_uid"]), SeriesUid = S(st["series_uid"]), FrameOfReferenceUid = S(st["frame_of_reference_uid"]), Modality = S(st["modality"]),
            SeriesDescription = S(st["series_description"]), StudyDate = S(st["study_date"]), SourceFormat = S(st["source_format"]), TransferSyntax = S(st["transfer_syntax"]),
            GantryTiltDeg = st["gantry_tilt_deg"]?.GetValue<double>(),
        };
        var size = A(st["size"]);
        var affine = A(st["affine_lps"]);
        var geometry = affine.Length == 16 && size.Length == 3
            ? VolumeGeometry.FromAffine((int)size[0], (int)size[1], (int)size[2], affine)
            : VolumeGeometry.Axial((int)(size.ElementAtOrDefault(0)), (int)size.ElementAtOrDefault(1), (int)size.ElementAtOrDefault(2), A(st["voxel_mm"])[0], A(st["voxel_mm"])[1], A(st["voxel_mm"])[2]);
        var lesions = (n["lesions"]?.AsArray() ?? []).Select(l => new Lesion
        {
            Id = l!["id"]!.GetValue<int>(), CentroidMm = A(l["centroid_mm"]), VolumeMm3 = l["volume_mm3"]!.GetValue<double>(),
            Compartment = S(l["compartment"]), Side = S(l["side"]), Region = S(l["region"]), Pattern = S(l["pattern"]),
            VoxelCount = l["voxels"]?.GetValue<int>() ?? 0, MeanHu = l["mean_hu"]?.GetValue<double>() ?? 0, MaxHu = l["max_hu"]?.GetValue<int>() ?? 0,
            AgatstonScore = l["agatston"]?.GetValue<double>() ?? 0, MassMg = l["mass_mg"]?.GetValue<double>() ?? 0,
            BoundingBoxMinMm = A(l["bbox_min_mm"]), BoundingBoxMaxMm = A(l["bbox_max_mm"]), PrincipalLengthsMm = A(l["principal_lengths_mm"]),
            Elongation = l["elongation"]?.GetValue<double>() ?? 0, Flatness = l["flatness"]?.GetValue<double>() ?? 0,
            Sphericity = l["sphericity"]?.GetValue<double>() ?? 0, Hollowness = l["hollowness"]?.GetValue<double>() ?? 0,
            DepthBelowSkinMm = l["depth_mm"]?.GetValue<double>() ?? 0, Slices = l["slices"]?.GetValue<int>() ?? 0,
        }).ToList();
        var contrast = st["contrast"] is JsonObject c
            ? new ContrastPhase(c["enhanced"]?.GetValue<bool>() ?? false, c["blood_pool_mean_hu"]?.GetValue<double>() ?? 0, c["blood_pool_volume_mm3"]?.GetValue<double>() ?? 0,
                c["calcium_threshold_hu_in_vessels"]?.GetValue<double>() ?? CalcificationDetector.ThresholdHu)
            : new ContrastPhase(false, 0, 0, CalcificationDetector.ThresholdHu);
        double bone = n["summary"]?["skeleton_volume_mm3"]?.GetValue<double>() ?? 0;
        var warnings = (n["warnings"]?.AsArray() ?? []).Select(w => w!.GetValue<string>()).ToList();
        return new StoredAnalysis(info, geometry, lesions, CalcificationDetector.Summarise(lesions, bone), contrast, warnings);
    }
}
