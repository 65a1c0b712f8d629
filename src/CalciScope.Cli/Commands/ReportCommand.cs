using System.CommandLine;
using CalciScope.Diagnosis;
using CalciScope.Pipeline;
using CalciScope.Reports;

namespace CalciScope.Cli.Commands;

/// <summary>`calciscope report --analysis FILE [--differential FILE] [--study INPUT] --out DIR [--deidentify]`.</summary>
internal static class ReportCommand
{
    public static Command Build(CliConsole console)
    {
        var analysis = new Option<string>("--analysis") { Description = "analysis.json", Required = true };
        var differential = new Option<string?>("--differential") { Description = "differential.json" };
        var study = new Option<string?>("--study") { Description = "the study analysed, for key images and the DICOM SEG" };
        var output = new Option<string>("--out") { Description = "output folder", Required = true };
        var deid = new Option<bool>("--deidentify") { Description = "remove patient identifiers and shift dates in every output" };
        var cmd = new Command("report", "Write the report: HTML, PDF, FHIR, DICOM SEG and SR, key images") { analysis, differential, study, output, deid };
        cmd.SetAction(r =>
        {
            var d = r.GetValue(differential) is { } dp ? DifferentialJsonReader.Read(dp) : null;
            var stored = AnalysisJsonReader.Read(r.GetValue(analysis)!);
            ReportModel model;
            if (r.GetValue(study) is { } input)
            {
                var fresh = AnalyzeCommand.Run(console, input, new AnalysisOptions { SeriesUid = stored.Study.SeriesUid.Length > 0 ? stored.Study.SeriesUid : null });
                if (stored.Study.StudyUid.Length > 0 && fresh.Study.Info.StudyUid != stored.Study.StudyUid)
                    throw new InputException(input, $"is study {fresh.Study.Info.StudyUid}, but the analysis is of {stored.Study.StudyUid}");
                model = ReportModel.From(fresh, d, r.GetValue(deid));
            }
            else model = ReportModel.From(stored, d, r.GetValue(deid));
            var files = console.WithProgress("writing report", _ => ReportWriter.Write(model, r.GetValue(output)!));
            console.Out.WriteLine(Path.GetFullPath(files.Html));
            return ExitCodes.Success;
        });
        return cmd;
    }
}
