using System.CommandLine;
using CalciScope.Batch;

namespace CalciScope.Cli.Commands;

/// <summary>
/// `calciscope batch SOURCE [--out DIR] [--store FILE|postgresql://...] [--broker amqp://...] [--reports] [--summary-only]`:
/// every study of a folder tree or manifest, resumable, one result row per study; with --broker the studies are put on
/// the durable queue for `calciscope worker` instead.
/// </summary>
internal static class BatchCommand
{
    public static Command Build(CliConsole console)
    {
        var source = new Argument<string>("SOURCE") { Description = "folder tree of studies, a manifest (.csv/.txt of paths), or a DICOMweb query (http://pacs/dicom-web?StudyDate=20260101-20261231&ModalitiesInStudy=CT)" };
        var output = new Option<string>("--out") { Description = "folder for per-study results and batch_summary.csv", DefaultValueFactory = _ => "batch-out" };
        var store = new Option<string?>("--store") { Description = "results store: SQLite file (default OUT/batch.db) or postgresql://user@host:port/db" };
        var broker = new Option<string?>("--broker") { Description = "enqueue on this RabbitMQ (amqp://...) for `calciscope worker` instead of working here" };
        var reports = new Option<bool>("--reports") { Description = "also write each study's report (HTML, PDF, FHIR, SEG, SR)" };
        var summaryOnly = new Option<bool>("--summary-only") { Description = "only write batch_summary.csv from the store (after workers finished)" };
        var cmd = new Command("batch", "Work up every study of a folder tree or manifest (resumable; scale out with --broker)") { source, output, store, broker, reports, summaryOnly };
        cmd.SetAction(r =>
        {
            var outDir = Path.GetFullPath(r.GetValue(output)!);
            var items = BatchSource.List(r.GetValue(source)!);
            if (items.Count == 0) throw new InputException(r.GetValue(source), "no study found (DICOM folders, NIfTI or zip files)");
            if (r.GetValue(broker) is { } amqp && !r.GetValue(summaryOnly))
            {
                int n = Task.Run(async () =>
                {
                    await using var queue = await StudyQueue.Connect(amqp, "calciscope-batch");
                    return await queue.Enqueue(items);
                }).GetAwaiter().GetResult();
                console.Out.WriteLine($"enqueued {n} studies on {StudyQueue.Queue}; run `calciscope worker --broker ...` to work them");
                return ExitCodes.Success;
            }
            using var results = ResultStore.Open(r.GetValue(store) ?? Path.Combine(outDir, "batch.db"));
            if (r.GetValue(summaryOnly))
            {
                console.Out.WriteLine(BatchRunner.WriteSummary(results, items, outDir));
                return ExitCodes.Success;
            }
            var options = new BatchOptions { OutDir = outDir, Reports = r.GetValue(reports) };
            var summary = console.WithProgress("batch", p => BatchRunner.Run(items, results, options, new Progress<BatchProgress>(b =>
            {
                p.Report(b.Done / (double)b.Total);
                console.Err.WriteLine($"batch: {b.Done}/{b.Total} ({b.Skipped} skipped, {b.Failed} failed), {b.StudiesPerHour:0} studies/h" +
                    (b.Left is { } left ? $", {left:hh\\:mm\\:ss} left" : ""));
            })));
            console.Out.WriteLine($"{summary.Total} studies: {summary.Analysed} analysed ({summary.Failed} failed), {summary.Skipped} already done; {summary.Elapsed.TotalSeconds:0} s");
            console.Out.WriteLine(summary.CsvPath);
            return ExitCodes.Success;
        });
        return cmd;
    }
}
