using System.Diagnostics;
using CalciScope.Reports;

namespace CalciScope.Batch;

/// <summary>What became of a web server's job on a worker: done, skipped (done before), to retry, or failed for good.</summary>
public sealed record WebJobOutcome(bool Skipped, bool Retry, int Attempts, string? Error);

/// <summary>
/// A web server's job worked by a batch worker: the page's whole work-up into the job's folder (shared with the
/// server), its state file kept current for the server to follow, and the study's row in the results store.
/// </summary>
public static class WebJobs
{
    public static WebJobOutcome Work(string folder, int attempt, int maxAttempts, ResultStore store, BatchOptions options, Action<string>? log)
    {
        if (StudyFolder.ReadState(folder) is { State: "done" }) return new WebJobOutcome(true, false, attempt, null);
        var clock = Stopwatch.StartNew();
        try
        {
            StudyFolder.WriteState(folder, new JobStateFile("running", "reading", 0.01, null, []));
            var w = StudyFolder.WorkUp(folder, storePath: null);
            var top = w.Differential.Ranked.Count > 0 ? w.Differential.Ranked[0] : null;
            var key = string.IsNullOrEmpty(w.Analysis.Study.Info.StudyUid) ? "file:" + folder : w.Analysis.Study.Info.StudyUid;
            store.Record(new BatchResult(key, StudyProcessor.AnalysisVersion, folder, BatchResult.Done, w.Analysis.Summary.SoftTissueVolumeMm3,
                w.Analysis.Summary.VascularVolumeMm3, top?.Id, top?.Probability, string.Join(" | ", w.Analysis.Study.Warnings), clock.Elapsed.TotalSeconds,
                null, options.Worker, DateTime.UtcNow));
            // "done" is the server's to declare (it may still store back to its PACS): the worker says the work-up is finished.
            StudyFolder.WriteState(folder, new JobStateFile("done", "report", 0.95, null, w.Analysis.Study.Warnings.ToList()));
            log?.Invoke("done web job " + Path.GetFileName(folder));
            return new WebJobOutcome(false, false, attempt, null);
        }
        catch (Exception e) when (e is CalciScopeException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            var error = (e is CalciScopeException c ? c.Message : e.GetType().Name).Replace(folder, "upload").Split('\n')[0];
            bool retry = attempt < maxAttempts && e is not InputException;
            StudyFolder.WriteState(folder, retry ? JobStateFile.Queued : new JobStateFile("failed", "failed", 0, error, []));
            return new WebJobOutcome(false, retry, attempt, error);
        }
    }
}
