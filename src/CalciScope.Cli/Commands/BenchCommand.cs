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
    /// <summary>Reading every file's bytes and nothing else: the disk (page cache) floor for the read stage.</summary>
    private static double RawRead(string input)
    {
        if (!Directory.Exists(input)) return 0;
        var files = Directory.GetFiles(input, "*", SearchOption.AllDirectories);
        double best = double.MaxValue;
        for (int k = 0; k < 3; k++)
        {
            var clock = Stopwatch.StartNew();
            long n = 0;
            Parallel.ForEach(files, f => Interlocked.Add(ref n, File.ReadAllBytes(f).Length));
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        return best;
    }

    /// <summary>
    /// Text extraction and one diagnosis of a document in a warm process (the lexicon's expressions compiled, as in the web
    /// service or a batch worker), warmed up, averaged over many runs.
    /// </summary>
    private static int BenchDiagnosis(CliConsole console, string textFile)
    {
        var text = File.ReadAllText(textFile);
        var engine = new CalciScope.Diagnosis.BayesianDifferential(CalciScope.Diagnosis.KnowledgeBase.Default);
        var extractor = CalciScope.Findings.Text.TextFindingExtractor.Default;
        extractor.CompileInBackground().Wait();
        for (int i = 0; i < 20; i++) engine.Diagnose(extractor.Extract(text));
        const int n = 200;
        var clock = Stopwatch.StartNew();
        IReadOnlyList<CalciScope.Diagnosis.ObservedFinding> findings = [];
        for (int i = 0; i < n; i++) findings = extractor.Extract(text);
        double textMs = clock.Elapsed.TotalMilliseconds / n;
        clock.Restart();
        for (int i = 0; i < n; i++) engine.Diagnose(findings);
        double diagnoseMs = clock.Elapsed.TotalMilliseconds / n;
        console.Out.WriteLine(new JsonObject { ["characters"] = text.Length, ["findings"] = findings.Count, ["text_ms"] = Math.Round(textMs, 3), ["diagnose_ms"] = Math.Round(diagnoseMs, 3) }.ToJsonString());
        return ExitCodes.Success;
    }

    public static Command Build(CliConsole console)
    {
        var input = new Argument<string>("INPUT");
        var runs = new Option<int>("--runs") { DefaultValueFactory = _ => 3 };
        var diagnosis = new Option<bool>("--diagnosis") { Description = "time text reading and diagnosis instead (INPUT: a text file)" };
        var cmd = new Command("bench", "Time the analysis stages on a study (for bench/run.sh)") { input, runs, diagnosis };
        cmd.SetAction(r =>
        {
            if (r.GetValue(diagnosis)) return BenchDiagnosis(console, r.GetValue(input)!);
            var best = new Dictionary<string, double>();
            double total = double.MaxValue, floor = double.MaxValue;
            long voxels = 0;
            for (int i = 0; i < Math.Max(1, r.GetValue(runs)); i++)
            {
                var clock = Stopwatch.StartNew();
                AnalysisResult? result = AnalysisPipeline.Run(r.GetValue(input)!, new AnalysisOptions());
                total = Math.Min(total, clock.Elapsed.TotalSeconds);
                foreach (var (k, v) in result.StageSeconds) best[k] = Math.Min(best.GetValueOrDefault(k, double.MaxValue), v);
                short[]? data = result.Study.Hu.Data;
                if (i == 0) best["raw_file_read"] = RawRead(r.GetValue(input)!);
                voxels = data.LongLength;
                clock.Restart();
                long sum = 0;
                foreach (var v in data) sum += v;
                floor = Math.Min(floor, clock.Elapsed.TotalSeconds);
                if (sum == long.MinValue) console.Err.WriteLine("unreachable");
                // Each run starts from a collected heap, as a cold `calciscope analyze` does: the peak is one analysis's,
                // not this run's study beside the garbage of the one before (541-622 MB over two runs of the 512x512x400
                // seed phantom, 477 MB for one).
                result = null;
                data = null;
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
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
