using System.Diagnostics;
using System.Reflection;
using CalciScope.IO;
using CalciScope.Pipeline;
using CalciScope.Reports;

namespace CalciScope.Batch;

/// <summary>How each study of a batch is worked up and where its files go.</summary>
public sealed record BatchOptions
{
    /// <summary>Folder of per-study results (analysis.json, differential.json; report/ with <see cref="Reports"/>).</summary>
    public required string OutDir { get; init; }
    /// <summary>Also write each study's report (HTML, PDF, FHIR, SEG, SR): seconds per study more.</summary>
    public bool Reports { get; init; }
    /// <summary>Who did the work (host and process), recorded with each result.</summary>
    public string Worker { get; init; } = $"{Environment.MachineName}:{Environment.ProcessId}";
}

/// <summary>Works up one study of a batch: never throws for a bad study, it returns a failed result with the reason.</summary>
public static class StudyProcessor
{
    /// <summary>The analysis a result belongs to: a rerun by another build of CalciScope analyses again.</summary>
    public static readonly string AnalysisVersion = AnalysisJson.Schema + "+" +
        (typeof(AnalysisPipeline).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0");

    /// <summary>
    /// The PACS link of batches: one HTTP connection pool, each attempt given 30 s for the answer's headers (a study's
    /// body then streams to disk without a limit).
    /// </summary>
    private static readonly SocketsHttpHandler SharedHandler = new() { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
    public static readonly Pacs.PacsLink DefaultPacs = new(() => new HttpClient(SharedHandler, disposeHandler: false), TimeSpan.FromSeconds(30));

    public static BatchResult Process(BatchItem item, string key, BatchOptions options)
    {
        var clock = Stopwatch.StartNew();
        var folder = Path.Combine(options.OutDir, BatchItem.FolderName(key));
        var fetched = Path.Combine(options.OutDir, ".fetch", BatchItem.FolderName(key));
        try
        {
            var input = item.Input;
            if (item is { PacsBase: { } pacs, StudyUid: { } uid })
            {
                // Fetched next to the results and deleted after: a year of studies never piles up on the batch's disk.
                if (Directory.Exists(fetched)) Directory.Delete(fetched, true);
                if (DefaultPacs.Retrieve(pacs, uid, fetched, CancellationToken.None).GetAwaiter().GetResult() == 0)
                    throw new InputException(null, $"the PACS returned no instances of study {uid}");
                input = fetched;
            }
            var analysis = WorkUp.Analyse(InputFiles.SingleNiftiOr(input), folder, new AnalysisOptions());
            var d = WorkUp.Rank(WorkUp.ImagingFindings(analysis), []);
            WorkUp.WriteDifferential(d, folder);
            if (options.Reports) ReportWriter.Write(ReportModel.From(analysis, d, deidentify: false), Path.Combine(folder, "report"));
            var top = d.Ranked.Count > 0 ? d.Ranked[0] : null;
            var warnings = string.Join(" | ", analysis.Study.Warnings);
            return new BatchResult(key, AnalysisVersion, item.Input, BatchResult.Done, analysis.Summary.SoftTissueVolumeMm3, analysis.Summary.VascularVolumeMm3,
                top?.Id, top?.Probability, warnings, clock.Elapsed.TotalSeconds, null, options.Worker, DateTime.UtcNow);
        }
        catch (Exception e) when (e is CalciScopeException or IOException or UnauthorizedAccessException or InvalidDataException or OutOfMemoryException)
        {
            // The reason in one line, with the study's own path replaced: results are shared, paths can name patients.
            var reason = e is CalciScopeException c ? c.Message : e.GetType().Name + ": " + e.Message;
            return new BatchResult(key, AnalysisVersion, item.Input, BatchResult.Failed, null, null, null, null, "", clock.Elapsed.TotalSeconds,
                reason.Replace(item.Input, "<input>").Replace(fetched, "<input>").Split('\n')[0], options.Worker, DateTime.UtcNow);
        }
        finally
        {
            try { if (Directory.Exists(fetched)) Directory.Delete(fetched, true); } catch (IOException) { }
        }
    }
}
