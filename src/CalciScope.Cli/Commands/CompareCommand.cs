using System.CommandLine;
using CalciScope.Compare;
using CalciScope.Pipeline;

namespace CalciScope.Cli.Commands;

/// <summary>`calciscope compare PRIOR CURRENT [--out DIR]`: registration, change by side and region, verdict.</summary>
internal static class CompareCommand
{
    public static Command Build(CliConsole console)
    {
        var prior = new Argument<string>("PRIOR") { Description = "the earlier study (as for analyze), or a stored study id with --store" };
        var current = new Argument<string>("CURRENT") { Description = "the later study" };
        var output = new Option<string>("--out") { Description = "output folder", DefaultValueFactory = _ => "." };
        var store = StoreOption.Create();
        var cmd = new Command("compare", "Compare a study with its prior: did the calcification progress?") { prior, current, output, store };
        cmd.SetAction(r =>
        {
            var storePath = r.GetValue(store);
            var a = AnalyzeCommand.Run(console, StoreOption.Resolve(storePath, r.GetValue(prior)!), new AnalysisOptions());
            var b = AnalyzeCommand.Run(console, StoreOption.Resolve(storePath, r.GetValue(current)!), new AnalysisOptions());
            var c = console.WithProgress("registering", _ => StudyComparer.Compare(a, b));
            Directory.CreateDirectory(r.GetValue(output)!);
            var path = ComparisonJson.Write(c, r.GetValue(output)!);
            console.Out.WriteLine(Path.GetFullPath(path));
            console.Err.WriteLine($"{c.Verdict}: {c.VolumePriorMm3:0} -> {c.VolumeCurrentMm3:0} mm3 (threshold {c.ThresholdMm3:0} mm3), registration rms {c.Registration.RmsMm:0.0} mm");
            foreach (var w in c.Warnings) console.Err.WriteLine("note: " + w);
            return ExitCodes.Success;
        });
        return cmd;
    }
}
