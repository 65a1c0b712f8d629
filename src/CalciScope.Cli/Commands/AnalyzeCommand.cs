using System.CommandLine;
using CalciScope.Pipeline;

namespace CalciScope.Cli.Commands;

/// <summary>`calciscope analyze INPUT [--out DIR] [--series UID] [--label-map FILE] [--anatomy SEG] [--posture P]`: writes analysis.json.</summary>
internal static class AnalyzeCommand
{
    public static Command Build(CliConsole console)
    {
        var input = new Argument<string>("INPUT") { Description = "DICOM folder, file or zip, or NIfTI" };
        var output = new Option<string>("--out") { Description = "output folder", DefaultValueFactory = _ => "." };
        var series = new Option<string?>("--series") { Description = "Series Instance UID" };
        var labelMap = new Option<string?>("--label-map") { Description = "also write the calcification label map (NIfTI, one label per compartment)" };
        var tissueMap = new Option<string?>("--tissue-map") { Description = "also write the tissue map (NIfTI)" };
        var anatomy = new Option<string?>("--anatomy") { Description = "a TotalSegmentator segmentation of the same CT (multi-label NIfTI of task total, or its folder of class masks) to judge candidates by" };
        var report = new Option<bool>("--report") { Description = "also write the report (imaging only) into OUT/report" };
        var deid = new Option<bool>("--deidentify") { Description = "with --report: remove identifiers and shift dates" };
        var store = StoreOption.Create();
        var posture = new Option<string?>("--posture") { Description = "how the patient lay (supine, prone, decubitus_right, decubitus_left), where the file does not say (NIfTI) or says it wrongly" };
        var cmd = new Command("analyze", "Find, measure, map and name every calcification outside the skeleton") { input, output, series, labelMap, tissueMap, anatomy, report, deid, store, posture };
        cmd.SetAction(r =>
        {
            var result = Run(console, r.GetValue(input)!, new AnalysisOptions
            {
                SeriesUid = r.GetValue(series), LabelMapPath = r.GetValue(labelMap), TissueMapPath = r.GetValue(tissueMap),
                Anatomy = r.GetValue(anatomy) is { } seg ? new Anatomy.TotalSegmentatorAnatomySource(seg) : null,
                Posture = r.GetValue(posture) is { } p ? Imaging.PatientPostures.TryName(p)
                    ?? throw new InputException(null, $"--posture {p}: expected supine, prone, decubitus_right or decubitus_left") : null,
            }, r.GetValue(output)!);
            var path = Path.Combine(r.GetValue(output)!, "analysis.json");
            var history = Reports.WorkUp.Record(result, r.GetValue(input)!, r.GetValue(store));
            if (r.GetValue(report))
                Reports.ReportWriter.Write(Reports.ReportModel.From(result, null, r.GetValue(deid)) with { History = r.GetValue(deid) ? [] : history },
                    Path.Combine(r.GetValue(output)!, "report"));
            console.Out.WriteLine(Path.GetFullPath(path));
            return ExitCodes.Success;
        });
        return cmd;
    }

    /// <summary>Analyses with a progress bar; with <paramref name="outDir"/> the work-up's first step, analysis.json written there.</summary>
    internal static AnalysisResult Run(CliConsole console, string input, AnalysisOptions options, string? outDir = null)
    {
        var result = console.WithProgress("analysing", p =>
        {
            var progress = new Progress<(string, double)>(x => p.Report(x.Item2));
            return outDir is null ? AnalysisPipeline.Run(input, options, progress) : Reports.WorkUp.Analyse(input, outDir, options, progress);
        });
        foreach (var w in result.Study.Warnings) console.Warn(w);
        return result;
    }
}
