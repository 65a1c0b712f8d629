using CalciScope.Batch;

namespace CalciScope.Tests.Batch;

/// <summary>The embedded default, no server: a batch interrupted and run again finishes with each study analysed once.</summary>
public sealed class EmbeddedBatchTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("calciscope-batch-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_root, true); } catch (IOException) { }
    }

    [Fact]
    public void TwentyStudies_InterruptedThenRerun_EachAnalysedOnce_BrokenOneRecorded()
    {
        var source = Studies.Make(_root, 20, withBroken: true);
        var items = BatchSource.List(source);
        Assert.Equal(21, items.Count);
        var options = new BatchOptions { OutDir = Path.Combine(_root, "out") };
        var storePath = Path.Combine(_root, "out", "batch.db");

        // Interrupted after 8 studies, as a Ctrl-C or a reboot would.
        using (var store = ResultStore.Open(storePath))
        using (var stop = new CancellationTokenSource())
        {
            var progress = new SyncProgress<BatchProgress>(p => { if (p.Done == 8) stop.Cancel(); });
            Assert.Throws<OperationCanceledException>(() => BatchRunner.Run(items, store, options, progress, stop.Token));
            Assert.Equal(8, store.Results().Count);
        }

        // Run again: the 8 are skipped, the rest analysed, the broken study recorded with its error, the batch not stopped.
        using (var store = ResultStore.Open(storePath))
        {
            var summary = BatchRunner.Run(items, store, options);
            Assert.Equal(8, summary.Skipped);
            Assert.Equal(13, summary.Analysed);
            Assert.Equal(1, summary.Failed);
            var rows = store.Results();
            Assert.Equal(21, rows.Count);
            Assert.Equal(21, rows.Select(r => r.StudyKey).Distinct().Count());
            Assert.Equal(20, rows.Count(r => r.Status == BatchResult.Done));
            var broken = rows.Single(r => r.Status == BatchResult.Failed);
            Assert.Contains("zz_broken", broken.Input);
            Assert.False(string.IsNullOrWhiteSpace(broken.Error));
            Assert.DoesNotContain(broken.Input, broken.Error);
            // Every done study: a burden and a leading condition, its analysis.json and differential.json on disk.
            Assert.All(rows.Where(r => r.Status == BatchResult.Done), r =>
            {
                Assert.True(r.SoftTissueMm3 > 0, r.Input);
                Assert.False(string.IsNullOrEmpty(r.TopCondition));
                var folder = Path.Combine(options.OutDir, BatchItem.FolderName(r.StudyKey));
                Assert.True(File.Exists(Path.Combine(folder, "analysis.json")));
                Assert.True(File.Exists(Path.Combine(folder, "differential.json")));
            });
            var csv = File.ReadAllLines(summary.CsvPath);
            Assert.Equal(22, csv.Length);
            Assert.StartsWith("study_key,analysis_version,input,status", csv[0]);
        }

        // A third run has nothing left to do but the broken study, which fails again and is recorded once.
        using (var store = ResultStore.Open(storePath))
        {
            var again = BatchRunner.Run(items, store, options);
            Assert.Equal(20, again.Skipped);
            Assert.Equal(21, store.Results().Count);
        }
    }

    [Fact]
    public void Cli_BatchFolder_Exit0_SecondRunSkipsAll_BadSourceExit2()
    {
        var source = Studies.Make(_root, 3, withBroken: false, size: 96, slices: 16);
        var outDir = Path.Combine(_root, "cli-out");
        var o = new StringWriter();
        Assert.Equal(0, CalciScope.Cli.CliApp.Run(["batch", source, "--out", outDir], o, new StringWriter()));
        Assert.Contains("3 analysed", o.ToString());
        o = new StringWriter();
        Assert.Equal(0, CalciScope.Cli.CliApp.Run(["batch", source, "--out", outDir], o, new StringWriter()));
        Assert.Contains("3 already done", o.ToString());
        var e = new StringWriter();
        Assert.Equal(2, CalciScope.Cli.CliApp.Run(["batch", Path.Combine(_root, "nowhere"), "--out", outDir], new StringWriter(), e));
        Assert.Contains("nowhere", e.ToString());
    }

    [Theory]
    [InlineData("postgresql://user:secret-pw@127.0.0.1:1/results", "cannot open the results store")]
    [InlineData("Host=;bad", "nor a valid connection string")]
    [InlineData("/proc/no-such-folder/batch.db", "cannot create the results store's folder")]
    public void Cli_BadResultsStore_Exit2OneLine_NoPassword(string store, string reason)
    {
        var source = Studies.Make(_root, 1, withBroken: false, size: 96, slices: 12);
        var e = new StringWriter();
        Assert.Equal(2, CalciScope.Cli.CliApp.Run(["batch", source, "--out", Path.Combine(_root, "out"), "--store", store], new StringWriter(), e));
        Assert.Contains(reason, e.ToString());
        Assert.Single(e.ToString().Trim().Split('\n'));
        Assert.DoesNotContain("secret-pw", e.ToString());
    }

    [Fact]
    public void Manifest_RelativePathsAndPathColumn()
    {
        var source = Studies.Make(_root, 2, withBroken: false, size: 96, slices: 12);
        var manifest = Path.Combine(source, "list.csv");
        File.WriteAllText(manifest, "accession,path\nA1,study001\nA2,\"study002\"\n\n# a comment\n");
        var items = BatchSource.List(manifest);
        Assert.Equal([Path.Combine(source, "study001"), Path.Combine(source, "study002")], items.Select(i => i.Input).ToArray());
    }
}
