using System.CommandLine;
using CalciScope.Batch;

namespace CalciScope.Cli.Commands;

/// <summary>`calciscope worker --broker amqp://... --store FILE|postgresql://... [--out DIR] [--exit-when-idle S]`: works the batch queue.</summary>
internal static class WorkerCommand
{
    public static Command Build(CliConsole console)
    {
        var broker = new Option<string>("--broker") { Description = "RabbitMQ URL (amqp://user:password@host:5672/)", Required = true };
        var store = new Option<string>("--store") { Description = "results store shared by the workers: postgresql://user@host:port/db (or a SQLite file for one worker)", Required = true };
        var output = new Option<string>("--out") { Description = "folder for per-study results", DefaultValueFactory = _ => "batch-out" };
        var reports = new Option<bool>("--reports") { Description = "also write each study's report" };
        var idle = new Option<double?>("--exit-when-idle") { Description = "stop after this many seconds with the queue empty (default: run until stopped)" };
        var cmd = new Command("worker", "Work studies from the batch queue, one at a time, until stopped") { broker, store, output, reports, idle };
        cmd.SetAction(r =>
        {
            using var results = ResultStore.Open(r.GetValue(store)!);
            var options = new BatchOptions { OutDir = Path.GetFullPath(r.GetValue(output)!), Reports = r.GetValue(reports) };
            using var stop = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
            var s = Task.Run(() => BatchWorker.Run(r.GetValue(broker)!, results, options,
                r.GetValue(idle) is { } sec ? TimeSpan.FromSeconds(sec) : null, m => console.Err.WriteLine("worker: " + m), stop.Token)).GetAwaiter().GetResult();
            console.Out.WriteLine($"worker: {s.Analysed} analysed, {s.Skipped} already done, {s.Retried} retried, {s.DeadLettered} dead-lettered");
            return ExitCodes.Success;
        });
        return cmd;
    }
}
