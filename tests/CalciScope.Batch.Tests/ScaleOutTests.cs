using System.Diagnostics;
using System.Text;
using CalciScope.Batch;
using RabbitMQ.Client;

namespace CalciScope.Tests.Batch;

/// <summary>
/// Scale-out on real servers: 40 phantom studies and a broken one on RabbitMQ (one study enqueued twice more), two
/// worker processes sharing PostgreSQL, one killed with SIGKILL in the middle of a study. Every study is stored exactly
/// once; the broken one ends in the dead-letter queue with its error.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class ScaleOutTests(ServersFixture servers) : IClassFixture<ServersFixture>, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("calciscope-scaleout-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_root, true); } catch (IOException) { }
    }

    private sealed class Worker
    {
        public required Process Process { get; init; }
        public List<string> Lines { get; } = [];
        public int Count(string prefix) { lock (Lines) return Lines.Count(l => l.StartsWith("worker: " + prefix, StringComparison.Ordinal)); }
    }

    private Worker Start(string name)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Studies.CliDll, "worker", "--broker", servers.AmqpUrl, "--store", servers.PostgresUrl, "--out", Path.Combine(_root, "out"), "--exit-when-idle", "6" })
            psi.ArgumentList.Add(a);
        var w = new Worker { Process = Process.Start(psi)! };
        w.Process.ErrorDataReceived += (_, e) => { if (e.Data is { } l) lock (w.Lines) w.Lines.Add(l); };
        w.Process.OutputDataReceived += (_, e) => { if (e.Data is { } l) lock (w.Lines) w.Lines.Add(l); };
        w.Process.BeginErrorReadLine();
        w.Process.BeginOutputReadLine();
        return w;
    }

    private static async Task Until(Func<bool> condition, TimeSpan limit, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > limit) throw new TimeoutException(what);
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task FortyStudies_TwoWorkers_OneKilledMidStudy_AllStoredExactlyOnce_BrokenDeadLettered()
    {
        var source = Studies.Make(_root, 40, withBroken: true, size: 160, slices: 32);
        var enqueued = new StringWriter();
        var errors = new StringWriter();
        Assert.True(CalciScope.Cli.CliApp.Run(["batch", source, "--broker", servers.AmqpUrl], enqueued, errors) == 0, errors.ToString());
        Assert.Contains("enqueued 41", enqueued.ToString());
        // The same study given twice more: whichever worker gets each copy, one result row.
        var twice = Path.Combine(_root, "twice.txt");
        File.WriteAllLines(twice, [Path.Combine(source, "study001", "dicom"), Path.Combine(source, "study001", "dicom")]);
        Assert.Equal(0, CalciScope.Cli.CliApp.Run(["batch", twice, "--broker", servers.AmqpUrl], new StringWriter(), new StringWriter()));

        var a = Start("a");
        var b = Start("b");
        // Worker a finishes two studies, starts a third, and is killed while it works on it.
        await Until(() => a.Count("done") >= 2 && a.Count("start") > a.Count("done") + a.Count("dead-lettered"), TimeSpan.FromMinutes(3), "worker a never got going");
        string inFlight;
        lock (a.Lines) inFlight = a.Lines.Last(l => l.StartsWith("worker: start ", StringComparison.Ordinal))["worker: start ".Length..];
        a.Process.Kill(); // SIGKILL: no clean-up, no acknowledgement
        await a.Process.WaitForExitAsync();
        Assert.Equal(137, a.Process.ExitCode);

        using (var limit = new CancellationTokenSource(TimeSpan.FromMinutes(8)))
            await b.Process.WaitForExitAsync(limit.Token);
        Assert.True(b.Process.ExitCode == 0, "worker b failed: " + string.Join("\n", b.Lines.TakeLast(20)));

        using var store = ResultStore.Open(servers.PostgresUrl);
        var rows = store.Results().Where(r => r.Input.StartsWith(source, StringComparison.Ordinal)).ToList();
        Assert.Equal(41, rows.Count);
        Assert.Equal(41, rows.Select(r => r.StudyKey).Distinct().Count());
        Assert.Equal(40, rows.Count(r => r.Status == BatchResult.Done));
        // The study a was killed on was redelivered and finished by b, once.
        var redone = rows.Single(r => r.StudyKey == inFlight);
        Assert.Equal(BatchResult.Done, redone.Status);
        Assert.EndsWith(":" + b.Process.Id, redone.Worker);
        var broken = rows.Single(r => r.Status == BatchResult.Failed);
        Assert.Contains("zz_broken", broken.Input);

        // The broken study waits in the dead-letter queue with its error, after every attempt.
        await using var queue = await StudyQueue.Connect(servers.AmqpUrl, "test");
        var dead = await queue.Channel.BasicGetAsync(StudyQueue.DeadLetters, autoAck: true);
        Assert.NotNull(dead);
        Assert.Contains("zz_broken", StudyQueue.Item(dead.Body).Input);
        Assert.Equal(BatchWorker.MaxAttempts, StudyQueue.Attempts(dead.BasicProperties));
        var error = dead.BasicProperties.Headers![StudyQueue.ErrorHeader] switch { byte[] bytes => Encoding.UTF8.GetString(bytes), var o => o?.ToString() };
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.Equal(0u, await queue.Waiting());

        // The summary table comes from the shared store.
        var summaryOut = new StringWriter();
        Assert.Equal(0, CalciScope.Cli.CliApp.Run(["batch", source, "--store", servers.PostgresUrl, "--out", Path.Combine(_root, "out"), "--summary-only"], summaryOut, new StringWriter()));
        Assert.Equal(42, File.ReadAllLines(summaryOut.ToString().Trim()).Length);
    }
}
