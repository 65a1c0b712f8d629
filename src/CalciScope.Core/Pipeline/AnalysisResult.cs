using CalciScope.Calcification;
using CalciScope.Imaging;

namespace CalciScope.Pipeline;

/// <summary>Everything one analysis produced; analysis.json is written from it.</summary>
public sealed record AnalysisResult(LoadedStudy Study, DetectionResult Detection, IReadOnlyDictionary<string, double> StageSeconds)
{
    public IReadOnlyList<Lesion> Lesions => Detection.Lesions;
    public AnalysisSummary Summary => Detection.Summary;
}
