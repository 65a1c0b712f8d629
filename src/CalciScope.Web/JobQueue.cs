using System.Collections.Concurrent;
using System.Threading.Channels;
using CalciScope.Pipeline;
using CalciScope.Reports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using System.Net.Http;

namespace CalciScope.Web;

/// <summary>
/// A bounded queue of analyses worked by one background worker: a burst of uploads waits in the channel or is turned
/// away, never piling volumes into memory. Only the latest analyses keep their volumes for reports and images.
/// </summary>
public sealed class JobQueue(WebOptions options, ILogger<JobQueue> log, IHttpClientFactory http) : BackgroundService
{
    private readonly Channel<StudyJob> _channel = Channel.CreateBounded<StudyJob>(new BoundedChannelOptions(options.QueueCapacity) { FullMode = BoundedChannelFullMode.Wait });
    private readonly ConcurrentDictionary<string, StudyJob> _jobs = new();
    private readonly ConcurrentDictionary<string, StudyJob> _studies = new();
    private readonly ConcurrentQueue<StudyJob> _withVolumes = new();
    private const int KeepVolumes = 2;

    public bool TryEnqueue(StudyJob job)
    {
        if (!_channel.Writer.TryWrite(job)) return false;
        _jobs[job.JobId] = job;
        _studies[job.StudyId] = job;
        return true;
    }

    public StudyJob? Job(string id) => _jobs.GetValueOrDefault(id);
    public StudyJob? Study(string id) => _studies.GetValueOrDefault(id);

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        await foreach (var job in _channel.Reader.ReadAllAsync(stop))
        {
            job.State = "running";
            try
            {
                await Task.Run(() => Analyse(job), stop);
                if (job.StoreBackTo is { } pacs)
                    await new DicomWebClient(http.CreateClient(), pacs).Store([Path.Combine(job.Folder, "report", "report.seg.dcm"), Path.Combine(job.Folder, "report", "report.sr.dcm")], stop);
                job.State = "done";
                job.Progress = 1;
            }
            catch (CalciScopeException e)
            {
                job.State = "failed";
                job.Error = e.Message.Replace(job.Folder, "upload");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                job.State = "failed";
                job.Error = "internal error: " + e.GetType().Name;
                // Type only: messages can carry paths or values from the study.
                log.LogError("analysis {Job} failed with {Type}", job.JobId, e.GetType().Name);
            }
        }
    }

    private void Analyse(StudyJob job)
    {
        var nifti = Directory.EnumerateFiles(job.InputPath, "*", SearchOption.AllDirectories).Where(IO.InputFiles.IsNifti).ToList();
        var input = nifti.Count == 1 ? nifti[0] : job.InputPath;
        var result = AnalysisPipeline.Run(input, new AnalysisOptions(), new Progress<(string, double)>(p => job.Progress = Math.Min(0.95, p.Item2 * 0.8)));
        AnalysisJson.Write(result, job.Folder);
        job.Result = result;
        _withVolumes.Enqueue(job);
        while (_withVolumes.Count > KeepVolumes && _withVolumes.TryDequeue(out var old)) old.Result = null;
        IReadOnlyList<Store.StoredStudy> history = [];
        if (options.StorePath is { } store)
        {
            using var s = new Store.CaseStore(store);
            s.RecordAnalysis(result, job.InputPath);
            history = s.History(string.IsNullOrEmpty(result.Study.Info.PatientId) ? "unknown" : result.Study.Info.PatientId);
        }
        job.History = history;
        ReportWriter.Write(ReportModel.From(result, null, deidentify: false) with { History = history }, Path.Combine(job.Folder, "report"));
    }
}
