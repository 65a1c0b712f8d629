using CalciScope.Calcification;
using CalciScope.Diagnosis;
using CalciScope.Findings;
using CalciScope.Imaging;
using CalciScope.IO;
using CalciScope.Nifti;
using CalciScope.Pipeline;

namespace CalciScope.Reports;

/// <summary>How a study is worked up: where results go and what besides the analysis is written.</summary>
public sealed record WorkUpOptions
{
    public AnalysisOptions Analysis { get; init; } = new();
    /// <summary>The case store that records the study and gives the patient's history; none when null.</summary>
    public string? StorePath { get; init; }
    /// <summary>Writes the HU volume and the label map as NIfTI beside analysis.json, for a viewer.</summary>
    public bool ViewerVolumes { get; init; }
    public bool Deidentify { get; init; }
}

/// <summary>What a work-up produced, typed from the analysis to the report: no JSON round trip inside the process.</summary>
public sealed record WorkUpResult(AnalysisResult Analysis, IReadOnlyList<ObservedFinding> ImagingFindings, Differential Differential,
    IReadOnlyList<Store.StoredStudy> History, ReportFiles Report, string Folder);

/// <summary>
/// The one work-up that the demo, the web server and batch call: analyse -> store -> findings -> differential ->
/// report. Each step reports its stage; files are written whole (analysis.json, differential.json, report/).
/// </summary>
public static class WorkUp
{
    public const string VolumeFile = "volume.nii.gz";
    public const string LabelFile = "labels.nii.gz";

    /// <summary>Fractions of the whole at which each stage starts (reading is the longest on large studies).</summary>
    private static readonly (string Stage, double From, double To)[] Stages =
        [("reading", 0.02, 0.45), ("analysing", 0.45, 0.7), ("viewer", 0.7, 0.78), ("differential", 0.78, 0.8), ("report", 0.8, 0.95)];

    public static WorkUpResult Run(string input, string folder, WorkUpOptions options, IReadOnlyList<ObservedFinding> clinical,
        IProgress<(string Stage, double Fraction)>? progress = null)
    {
        void Report(string stage, double f)
        {
            var s = Stages.First(x => x.Stage == stage);
            progress?.Report((stage, s.From + (s.To - s.From) * Math.Clamp(f, 0, 1)));
        }
        var analysis = Analyse(input, folder, options.Analysis, new SyncProgress<(string Stage, double Fraction)>(p => Report(p.Stage == "reading" ? "reading" : "analysing", p.Fraction)));
        Report("viewer", 0);
        if (options.ViewerVolumes) NiftiWriter.Write(Path.Combine(folder, VolumeFile), analysis.Study.Hu, "CalciScope HU");
        var history = Record(analysis, input, options.StorePath);
        Report("differential", 0);
        var imaging = ImagingFindings(analysis);
        var differential = Rank(imaging, clinical);
        WriteDifferential(differential, folder);
        Report("report", 0);
        var report = ReportWriter.Write(ReportModel.From(analysis, differential, options.Deidentify) with { History = history }, Path.Combine(folder, "report"));
        if (options.ViewerVolumes) WriteViewerLabels(analysis, report, folder);
        Report("report", 1);
        return new WorkUpResult(analysis, imaging, differential, history, report, folder);
    }

    /// <summary>Step 1: the analysis of a study, written as analysis.json into the folder.</summary>
    public static AnalysisResult Analyse(string input, string folder, AnalysisOptions options, IProgress<(string Stage, double Fraction)>? progress = null)
    {
        var analysis = AnalysisPipeline.Run(input, options, progress);
        AnalysisJson.Write(analysis, folder);
        return analysis;
    }

    /// <summary>Step 2: the study recorded in the case store (when one is given), and the patient's studies there.</summary>
    public static IReadOnlyList<Store.StoredStudy> Record(AnalysisResult analysis, string input, string? storePath)
    {
        if (storePath is null) return [];
        using var store = new Store.CaseStore(storePath);
        store.RecordAnalysis(analysis, input);
        return store.History(string.IsNullOrEmpty(analysis.Study.Info.PatientId) ? "unknown" : analysis.Study.Info.PatientId);
    }

    /// <summary>The findings an analysis gives the differential (from the same record analysis.json is written from).</summary>
    public static IReadOnlyList<ObservedFinding> ImagingFindings(AnalysisResult analysis) => AnalysisFindings.From(AnalysisJson.ToDocument(analysis));

    public static Differential Rank(IReadOnlyList<ObservedFinding> imaging, IReadOnlyList<ObservedFinding> clinical) =>
        new BayesianDifferential(KnowledgeBase.Default).Diagnose(imaging.Concat(clinical));

    public static string WriteDifferential(Differential d, string folder)
    {
        var path = Path.Combine(folder, "differential.json");
        AtomicFile.WriteAllText(path, DifferentialJson.ToJson(d).ToJsonString(AnalysisJson.Options));
        return path;
    }

    /// <summary>
    /// The viewer's overlay (uint8, the contract's values, on the study's grid), decoded from the report's DICOM SEG: the
    /// page shows what the PACS receives. Without a SEG, the analysis's own label map.
    /// </summary>
    public static void WriteViewerLabels(AnalysisResult analysis, ReportFiles report, string folder)
    {
        var g = analysis.Study.Hu.Geometry;
        var labels = report.Seg is { } seg && File.Exists(seg)
            ? Dicom.DicomSegReader.ToLabelMap(CalciScope.Dicom.DicomReader.ReadFile(seg).Dataset, g)
            : analysis.Detection.LabelMap;
        NiftiWriter.Write(Path.Combine(folder, LabelFile), new Volume<byte>(g, labels),
            "CalciScope labels: " + string.Join(',', CalcificationDetector.LabelNames));
    }
}
