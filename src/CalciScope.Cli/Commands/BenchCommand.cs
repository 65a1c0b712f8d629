using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using CalciScope.Pipeline;

namespace CalciScope.Cli.Commands;

/// <summary>
/// `calciscope bench INPUT [--runs N]`: times the analysis stage by stage on a study, with the floor (one pass over the
/// int16 volume in memory) and peak memory, as JSON on stdout for bench/run.sh to set beside the peer.
/// </summary>
internal static class BenchCommand
{
    public static Command Build(CliConsole console)
    {
        var input = new Argument<string>("INPUT");
        var runs = new Option<int>("--runs") { DefaultValueFactory = _ => 3 };
        var cmd = new Command("bench", "Time the analysis stages on a study (for bench/run.sh)") { input, runs };
        cmd.SetAction(r =>
        {
            var best = new Dictionary<string, double>();
            double total = double.MaxValue, floor = double.MaxValue;
            long voxels = 0;
            for (int i = 0; i < Math.Max(1, r.GetValue(runs)); i++)
            {
                var clock = Stopwatch.StartNew();
                var result = AnalysisPipeline.Run(r.GetValue(input)!, new AnalysisOptions());
                total = Math.Min(total, clock.Elapsed.TotalSeconds);
                foreach (var (k, v) in result.StageSeconds) best[k] = Math.Min(best.GetValueOrDefault(k, double.MaxValue), v);
                var data = result.Study.Hu.Data;
                voxels = data.LongLength;
                clock.Restart();
                long sum = 0;
                foreach (var v in data) sum += v;
                floor = Math.Min(floor, clock.Elapsed.TotalSeconds);
                if (sum == long.MinValue) console.Err.WriteLine("unreachable");
            }
            var doc = new JsonObject
            {
                ["voxels"] = voxels, ["end_to_end_s"] = Math.Round(total, 3), ["floor_s"] = Math.Round(floor, 4),
                ["peak_working_set_mb"] = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0, 0),
                ["volume_int16_mb"] = Math.Round(voxels * 2 / 1048576.0, 0),
                ["stages_s"] = new JsonObject(best.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)Math.Round(kv.Value, 3)))),
            };
            console.Out.WriteLine(doc.ToJsonString());
            return ExitCodes.Success;
        });
        return cmd;
    }
}
