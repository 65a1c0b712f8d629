using System.Text.Json.Serialization;

namespace CalciScope.Phantoms;

/// <summary>What a phantom really contains, written beside it as truth.json.</summary>
public sealed record PhantomTruth
{
    [JsonPropertyName("schema")] public string Schema { get; init; } = "calciscope.phantom-truth/1";
    [JsonPropertyName("case")] public required string Case { get; init; }
    [JsonPropertyName("condition")] public string? Condition { get; init; }
    [JsonPropertyName("description")] public string Description { get; init; } = "";
    [JsonPropertyName("shift_mm")] public double[] ShiftMm { get; init; } = [0, 0, 0];
    [JsonPropertyName("rotation_deg")] public double RotationDeg { get; init; }
    [JsonPropertyName("lesions")] public List<TruthLesion> Lesions { get; init; } = [];
    [JsonPropertyName("dominant_pattern")] public string DominantPattern { get; init; } = "none";
    [JsonPropertyName("volume_mm3_soft_tissue")] public double SoftTissueVolumeMm3 { get; init; }
    [JsonPropertyName("volume_mm3_by_side")] public Dictionary<string, double> VolumeBySide { get; init; } = [];
    [JsonPropertyName("volume_mm3_by_compartment")] public Dictionary<string, double> VolumeByCompartment { get; init; } = [];
    [JsonPropertyName("volume_mm3_by_region")] public Dictionary<string, double> VolumeByRegion { get; init; } = [];
}

/// <summary>One calcified structure of the phantom (a network counts as one), with its measured truth.</summary>
public sealed record TruthLesion
{
    [JsonPropertyName("id")] public int Id { get; init; }
    [JsonPropertyName("pattern")] public required string Pattern { get; init; }
    [JsonPropertyName("compartment")] public required string Compartment { get; init; }
    [JsonPropertyName("side")] public required string Side { get; init; }
    [JsonPropertyName("region")] public required string Region { get; init; }
    /// <summary>Volume of the noise-free voxels >= 130 HU, the quantity analysis.json reports.</summary>
    [JsonPropertyName("volume_mm3")] public double VolumeMm3 { get; set; }
    [JsonPropertyName("geometric_volume_mm3")] public double GeometricVolumeMm3 { get; set; }
    [JsonPropertyName("centroid_mm")] public double[] CentroidMm { get; set; } = [0, 0, 0];
    [JsonPropertyName("parts")] public int Parts { get; set; }
}
