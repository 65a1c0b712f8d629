using System.Text.Json.Serialization;

namespace CalciScope.Pipeline;

/// <summary>
/// analysis.json (schema calciscope.analysis/1 of the contract) as types: the one definition it is written from and
/// read into, and from which its JSON Schema (docs/analysis.schema.json) and the API's OpenAPI schema are generated.
/// Property order is the file's field order. Fields added later are nullable so that older files still read.
/// </summary>
public sealed record AnalysisDocument
{
    [JsonPropertyName("schema")] public required string Schema { get; init; }
    [JsonPropertyName("generator")] public string? Generator { get; init; }
    [JsonPropertyName("study")] public required AnalysisStudy Study { get; init; }
    [JsonPropertyName("threshold_hu")] public double ThresholdHu { get; init; }
    [JsonPropertyName("lesions")] public required IReadOnlyList<AnalysisLesion> Lesions { get; init; }
    [JsonPropertyName("summary")] public required AnalysisTotals Summary { get; init; }
    /// <summary>Label-map values by name (contract: 0 background ... 9 skeleton, anatomy from 10).</summary>
    [JsonPropertyName("label_map_labels")] public IReadOnlyDictionary<string, int>? LabelMapLabels { get; init; }
    [JsonPropertyName("anatomy_source")] public string? AnatomySource { get; init; }
    [JsonPropertyName("warnings")] public IReadOnlyList<string>? Warnings { get; init; }
    [JsonPropertyName("timings_s")] public IReadOnlyDictionary<string, double>? TimingsS { get; init; }
}

/// <summary>The study block: identity, grid (LPS affine) and what the analysis found out about the scan.</summary>
public sealed record AnalysisStudy
{
    [JsonPropertyName("study_uid")] public string? StudyUid { get; init; }
    [JsonPropertyName("series_uid")] public string? SeriesUid { get; init; }
    [JsonPropertyName("frame_of_reference_uid")] public string? FrameOfReferenceUid { get; init; }
    [JsonPropertyName("modality")] public string? Modality { get; init; }
    [JsonPropertyName("series_description")] public string? SeriesDescription { get; init; }
    /// <summary>Null when the file is de-identified (the default).</summary>
    [JsonPropertyName("study_date")] public string? StudyDate { get; init; }
    [JsonPropertyName("source_format")] public string? SourceFormat { get; init; }
    [JsonPropertyName("transfer_syntax")] public string? TransferSyntax { get; init; }
    [JsonPropertyName("size")] public required int[] Size { get; init; }
    [JsonPropertyName("voxel_mm")] public required double[] VoxelMm { get; init; }
    /// <summary>Voxel index to DICOM patient coordinates (LPS, mm), 4x4 row-major.</summary>
    [JsonPropertyName("affine_lps")] public double[]? AffineLps { get; init; }
    [JsonPropertyName("gantry_tilt_deg")] public double? GantryTiltDeg { get; init; }
    /// <summary>How the patient lay (supine, prone, decubitus_right, decubitus_left), from Patient Position; supine where not given.</summary>
    [JsonPropertyName("posture")] public string? Posture { get; init; }
    [JsonPropertyName("contrast")] public AnalysisContrast? Contrast { get; init; }
    [JsonPropertyName("body_parts")] public IReadOnlyList<AnalysisBodyPart>? BodyParts { get; init; }
}

public sealed record AnalysisContrast
{
    [JsonPropertyName("enhanced")] public bool Enhanced { get; init; }
    [JsonPropertyName("blood_pool_mean_hu")] public double BloodPoolMeanHu { get; init; }
    [JsonPropertyName("blood_pool_volume_mm3")] public double BloodPoolVolumeMm3 { get; init; }
    [JsonPropertyName("calcium_threshold_hu_in_vessels")] public double CalciumThresholdHuInVessels { get; init; }
    /// <summary>unenhanced, arterial or portal_venous.</summary>
    [JsonPropertyName("phase")] public string? Phase { get; init; }
    [JsonPropertyName("oral")] public bool Oral { get; init; }
    [JsonPropertyName("oral_volume_mm3")] public double OralVolumeMm3 { get; init; }
}

/// <summary>A run of slices of one body part (head, neck, chest, abdomen, pelvis, thigh, leg, arm), patient z in mm.</summary>
public sealed record AnalysisBodyPart
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("z_mm")] public required double[] ZMm { get; init; }
}

/// <summary>One calcification: where, how much, what it is like (the contract's fields first, then the measures).</summary>
public sealed record AnalysisLesion
{
    [JsonPropertyName("id")] public int Id { get; init; }
    [JsonPropertyName("centroid_mm")] public required double[] CentroidMm { get; init; }
    [JsonPropertyName("volume_mm3")] public double VolumeMm3 { get; init; }
    [JsonPropertyName("compartment")] public required string Compartment { get; init; }
    [JsonPropertyName("side")] public required string Side { get; init; }
    [JsonPropertyName("region")] public required string Region { get; init; }
    [JsonPropertyName("pattern")] public required string Pattern { get; init; }
    [JsonPropertyName("voxels")] public int Voxels { get; init; }
    [JsonPropertyName("mean_hu")] public double MeanHu { get; init; }
    [JsonPropertyName("max_hu")] public int MaxHu { get; init; }
    [JsonPropertyName("agatston")] public double Agatston { get; init; }
    [JsonPropertyName("mass_mg")] public double MassMg { get; init; }
    [JsonPropertyName("bbox_min_mm")] public double[]? BboxMinMm { get; init; }
    [JsonPropertyName("bbox_max_mm")] public double[]? BboxMaxMm { get; init; }
    [JsonPropertyName("principal_lengths_mm")] public double[]? PrincipalLengthsMm { get; init; }
    [JsonPropertyName("elongation")] public double Elongation { get; init; }
    [JsonPropertyName("flatness")] public double Flatness { get; init; }
    [JsonPropertyName("sphericity")] public double Sphericity { get; init; }
    [JsonPropertyName("hollowness")] public double Hollowness { get; init; }
    [JsonPropertyName("depth_mm")] public double DepthMm { get; init; }
    [JsonPropertyName("slices")] public int Slices { get; init; }
    /// <summary>The reference segmentation's structure at the lesion, with --anatomy.</summary>
    [JsonPropertyName("anatomy")] public string? Anatomy { get; init; }
}

/// <summary>The study's totals; soft-tissue means skin, subcutaneous, fascial, muscle and periarticular.</summary>
public sealed record AnalysisTotals
{
    [JsonPropertyName("volume_mm3_by_compartment")] public IReadOnlyDictionary<string, double>? VolumeMm3ByCompartment { get; init; }
    [JsonPropertyName("volume_mm3_by_side")] public IReadOnlyDictionary<string, double>? VolumeMm3BySide { get; init; }
    [JsonPropertyName("volume_mm3_by_region")] public IReadOnlyDictionary<string, double>? VolumeMm3ByRegion { get; init; }
    [JsonPropertyName("volume_mm3_by_pattern")] public IReadOnlyDictionary<string, double>? VolumeMm3ByPattern { get; init; }
    [JsonPropertyName("soft_tissue_volume_mm3")] public double? SoftTissueVolumeMm3 { get; init; }
    [JsonPropertyName("vascular_volume_mm3")] public double? VascularVolumeMm3 { get; init; }
    [JsonPropertyName("intracranial_volume_mm3")] public double? IntracranialVolumeMm3 { get; init; }
    [JsonPropertyName("right_left_ratio")] public double? RightLeftRatio { get; init; }
    [JsonPropertyName("symmetry")] public string? Symmetry { get; init; }
    [JsonPropertyName("dominant_pattern")] public string? DominantPattern { get; init; }
    [JsonPropertyName("lesion_count")] public int? LesionCount { get; init; }
    [JsonPropertyName("soft_tissue_lesion_count")] public int? SoftTissueLesionCount { get; init; }
    [JsonPropertyName("count_by_pattern")] public IReadOnlyDictionary<string, int>? CountByPattern { get; init; }
    [JsonPropertyName("skeleton_volume_mm3")] public double? SkeletonVolumeMm3 { get; init; }
}
