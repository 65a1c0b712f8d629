namespace CalciScope.Pipeline;

/// <summary>What to analyse and what to write besides analysis.json.</summary>
public sealed record AnalysisOptions
{
    public string? SeriesUid { get; init; }
    public string? LabelMapPath { get; init; }
    public string? TissueMapPath { get; init; }
    /// <summary>Named anatomy to judge candidates by (e.g. a TotalSegmentator segmentation); null: the built-in model alone.</summary>
    public Anatomy.IAnatomySource? Anatomy { get; init; }
    /// <summary>How the patient lay, where the file does not say (NIfTI) or says it wrongly; null: as Patient Position says, supine where absent.</summary>
    public Imaging.PatientPosture? Posture { get; init; }
}
