using CalciScope.Calcification;
using CalciScope.Diagnosis;
using CalciScope.Imaging;
using CalciScope.Pipeline;

namespace CalciScope.Reports;

/// <summary>Everything a report is written from. Images need the analysis in memory; the rest reads analysis.json's content.</summary>
public sealed record ReportModel
{
    public required StudyInfo Study { get; init; }
    public required IReadOnlyList<Lesion> Lesions { get; init; }
    public required AnalysisSummary Summary { get; init; }
    public required VolumeGeometry Geometry { get; init; }
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public ContrastPhase? Contrast { get; init; }
    public Differential? Differential { get; init; }
    /// <summary>The HU volume and label map, when the study was analysed in this process.</summary>
    public AnalysisResult? Analysis { get; init; }
    public bool Deidentified { get; init; }
    /// <summary>The patient's earlier studies from the case store, for the trend chart.</summary>
    public IReadOnlyList<CalciScope.Store.StoredStudy> History { get; init; } = [];
    public DateTime CreatedUtc { get; init; } = DateTime.UtcNow;
    /// <summary>Figures rendered earlier, used when <see cref="Analysis"/> is absent (a report rewritten after re-ranking).</summary>
    public IReadOnlyList<KeyImage> KeyImages { get; init; } = [];
    /// <summary>The DICOM SEG written earlier, kept when <see cref="Analysis"/> is absent.</summary>
    public byte[]? SegBytes { get; init; }

    public static ReportModel From(StoredAnalysis a, Differential? d, bool deidentify) => new()
    {
        Study = deidentify ? Deidentifier.Apply(a.Study) : a.Study,
        Lesions = a.Lesions,
        Summary = a.Summary,
        Geometry = a.Geometry,
        Warnings = a.Warnings,
        Contrast = a.Contrast,
        Differential = d,
        Deidentified = deidentify,
    };

    public static ReportModel From(AnalysisResult r, Differential? d, bool deidentify) => new()
    {
        Study = deidentify ? Deidentifier.Apply(r.Study.Info) : r.Study.Info,
        Lesions = r.Lesions,
        Summary = r.Summary,
        Geometry = r.Study.Hu.Geometry,
        Warnings = r.Study.Warnings.Concat(r.Detection.Notes).ToList(),
        Contrast = r.Detection.Contrast,
        Differential = d,
        Analysis = r,
        Deidentified = deidentify,
    };
}
