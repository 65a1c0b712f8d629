using System.Diagnostics;

namespace CalciScope.Batch;

/// <summary>Where a batch stands, for a progress bar: done so far, of how many, skipped, failed, and the rate.</summary>
public sealed record BatchProgress(int Done, int Total, int Skipped, int Failed, double StudiesPerHour, TimeSpan? Left, string Current);

/// <summary>What a batch run did.</summary>
public sealed record BatchSummary(int Total, int Analysed, int Skipped, int Failed, TimeSpan Elapsed, string CsvPath);

/// <summary>
/// Runs a batch in this process against a store: each study is looked up by its key and skipped when done by this
/// analysis version, worked up otherwise, and its result committed before the next begins, so an interrupted batch
/// resumes where it stopped. One bad study never stops the batch.
/// </summary>
public static class BatchRunner
{
    public static BatchSummary Run(IReadOnlyList<BatchItem> items, ResultStore store, BatchOptions options, IProgress<BatchProgress>? progress = null,
        CancellationToken cancel = default)
    {
        var clock = Stopwatch.StartNew();
        int done = 0, skipped = 0, failed = 0, analysed = 0;
        foreach (var item in items)
        {
            cancel.ThrowIfCancellationRequested();
            var key = item.Key();
            if (store.IsDone(key, StudyProcessor.AnalysisVersion)) skipped++;
            else
            {
                var result = StudyProcessor.Process(item, key, options);
                store.Record(result);
                analysed++;
                if (result.Status == BatchResult.Failed) failed++;
            }
            done++;
            double rate = analysed > 0 ? analysed / clock.Elapsed.TotalHours : 0;
            TimeSpan? left = analysed > 0 ? TimeSpan.FromHours((items.Count - done) / rate) : null;
            progress?.Report(new BatchProgress(done, items.Count, skipped, failed, rate, left, item.Input));
        }
        var csv = WriteSummary(store, items, options.OutDir);
        return new BatchSummary(items.Count, analysed, skipped, failed, clock.Elapsed, csv);
    }

    /// <summary>The summary table (CSV) of this batch's studies from the store: one row per study, this analysis version.</summary>
    public static string WriteSummary(ResultStore store, IReadOnlyList<BatchItem> items, string outDir)
    {
        var inputs = items.Select(i => i.Input).ToHashSet(StringComparer.Ordinal);
        var rows = store.Results().Where(r => r.AnalysisVersion == StudyProcessor.AnalysisVersion && inputs.Contains(r.Input));
        var path = Path.Combine(outDir, "batch_summary.csv");
        Directory.CreateDirectory(outDir);
        AtomicFile.WriteAllText(path, string.Join(',', BatchResult.CsvColumns) + "\n" + string.Concat(rows.Select(r => r.ToCsv() + "\n")));
        return path;
    }
}
