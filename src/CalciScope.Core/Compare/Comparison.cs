using CalciScope.Calcification;

namespace CalciScope.Compare;

/// <summary>How one prior lesion fared: matched to a current one (grown, stable, shrunk) or gone; current ones unmatched are new.</summary>
public sealed record LesionChange(string Status, Lesion? Prior, Lesion? Current, double[]? PriorCentroidInCurrentMm);

/// <summary>The outcome of comparing a study with its prior.</summary>
public sealed record Comparison(string Verdict, RegistrationResult Registration, double VolumePriorMm3, double VolumeCurrentMm3, double ThresholdMm3,
    double RepeatabilitySdPriorMm3, double RepeatabilitySdCurrentMm3, IReadOnlyDictionary<string, double> ChangeBySide,
    IReadOnlyDictionary<string, double> ChangeByRegion, IReadOnlyList<LesionChange> Lesions, string PriorStudyUid, string CurrentStudyUid,
    string PriorDate, string CurrentDate)
{
    /// <summary>What makes the two measurements less comparable than their repeatability says (contrast, slice depth).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
