namespace CalciScope.Calcification;

/// <summary>The study-level totals of analysis.json.</summary>
public sealed record AnalysisSummary
{
    public Dictionary<string, double> VolumeByCompartment { get; init; } = [];
    public Dictionary<string, double> VolumeBySide { get; init; } = [];
    public Dictionary<string, double> VolumeByRegion { get; init; } = [];
    public Dictionary<string, double> VolumeByPattern { get; init; } = [];
    public double SoftTissueVolumeMm3 { get; init; }
    public double VascularVolumeMm3 { get; init; }
    /// <summary>Calcification inside the skull, reported apart from soft-tissue calcification.</summary>
    public double IntracranialVolumeMm3 { get; init; }
    public double? RightLeftRatio { get; init; }
    public string DominantPattern { get; init; } = "none";
    public int LesionCount { get; init; }
    public int SoftTissueLesionCount { get; init; }
    public Dictionary<string, int> CountByPattern { get; init; } = [];
    public double BoneVolumeMm3 { get; init; }
    public string Symmetry { get; init; } = "none";
}
