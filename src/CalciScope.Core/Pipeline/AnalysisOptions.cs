namespace CalciScope.Pipeline;

/// <summary>What to analyse and what to write besides analysis.json.</summary>
public sealed record AnalysisOptions
{
    public string? SeriesUid { get; init; }
    public string? LabelMapPath { get; init; }
    public string? TissueMapPath { get; init; }
    /// <summary>Named anatomy to judge candidates by (e.g. a TotalSegmentator segmentation); null: the built-in model alone.</summary>
    public Anatomy.IAnatomySource? Anatomy { get; init; }
}
