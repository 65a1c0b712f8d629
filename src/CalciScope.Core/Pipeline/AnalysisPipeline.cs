using System.Diagnostics;
using CalciScope.Calcification;
using CalciScope.Imaging;
using CalciScope.Nifti;
using CalciScope.Segmentation;

namespace CalciScope.Pipeline;

/// <summary>The one entry point the CLI and the web app call: read, map tissues, detect, measure, name.</summary>
public static class AnalysisPipeline
{
    public static AnalysisResult Run(string input, AnalysisOptions options, IProgress<(string Stage, double Fraction)>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var times = new Dictionary<string, double>();
        void Lap(string stage) { times[stage] = Math.Round(clock.Elapsed.TotalSeconds, 3); clock.Restart(); }
        var study = StudyReader.Load(input, options.SeriesUid, progress is null ? null : new Progress<double>(f => progress.Report(("reading", f))));
        Lap("read");
        return Analyse(study, options, progress, times, clock, input);
    }

    public static AnalysisResult Analyse(LoadedStudy study, AnalysisOptions options, IProgress<(string Stage, double Fraction)>? progress = null,
        Dictionary<string, double>? times = null, Stopwatch? clock = null, string? input = null)
    {
        times ??= [];
        clock ??= Stopwatch.StartNew();
        void Lap(string stage) { times[stage] = Math.Round(clock.Elapsed.TotalSeconds, 3); clock.Restart(); }
        if (options.Posture is { } posture) study = study with { Hu = new Volume<short>(study.Hu.Geometry with { Posture = posture }, study.Hu.Data) };
        if (!string.IsNullOrEmpty(study.Info.Modality) && study.Info.Modality != "CT")
            throw new InputException(input, $"modality is {study.Info.Modality}, not CT; calcification analysis needs CT in HU");
        var tissue = TissueMapper.Map(study.Hu);
        if (tissue.Slices.All(s => s.BodyAreaMm2 <= 0))
            throw new InputException(input, "no body found in the study (nothing above -400 HU larger than 5 cm2 on any slice)");
        Lap("tissue_map");
        progress?.Report(("analysing", 0.5));
        var anatomy = options.Anatomy?.Load(study.Hu.Geometry);
        var detection = CalcificationDetector.Detect(study.Hu, tissue, anatomy: anatomy, stageSeconds: times);
        Lap("calcification");
        if (options.LabelMapPath is not null)
            NiftiWriter.Write(options.LabelMapPath, new Volume<byte>(study.Hu.Geometry, detection.LabelMap), "CalciScope labels: " + string.Join(',', CalcificationDetector.LabelNames));
        if (options.TissueMapPath is not null)
        {
            var classes = tissue.ExpandClasses();
            for (int i = 0; i < classes.Length; i++) if (detection.LabelMap[i] == CalcificationDetector.Skeleton) classes[i] = TissueClass.Bone;
            NiftiWriter.Write(options.TissueMapPath, new Volume<byte>(study.Hu.Geometry, classes), "CalciScope tissue: outside,skin,subcutaneous,inner_fat,inner_soft,bone");
        }
        Lap("write_maps");
        progress?.Report(("analysing", 1));
        return new AnalysisResult(study, detection, times);
    }
}
