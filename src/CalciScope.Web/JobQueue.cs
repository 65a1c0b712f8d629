using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using CalciScope.Diagnosis;
using CalciScope.Findings;
using CalciScope.IO;
using CalciScope.Pacs;
using CalciScope.Reports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CalciScope.Web;

/// <summary>
/// The analyses of the server, worked by one background worker through <see cref="WorkUp"/>. Room is reserved before
/// an upload is read, so a burst of uploads is turned away at the door rather than piled on disk or in memory. Only
/// the latest analyses keep their volumes; reports are rewritten in the background, latest differential wins.
/// </summary>
public sealed class JobQueue(WebOptions options, ILogger<JobQueue> log, PacsLink pacs) : BackgroundService
{
    private readonly Channel<StudyJob> _channel = Channel.CreateUnbounded<StudyJob>();
    private readonly ConcurrentDictionary<string, StudyJob> _jobs = new();
    private readonly ConcurrentDictionary<string, StudyJob> _studies = new();
    private readonly ConcurrentQueue<StudyJob> _withVolumes = new();
    private readonly ConcurrentDictionary<string, ReportRewrite> _rewrites = new();
    private int _inFlight;
    private const int KeepVolumes = 2;
    public const string BannerFile = "study.json";

    /// <summary>Takes a place in the queue (queued or running analyses) if there is one; give it back with <see cref="Release"/> or use it with <see cref="Enqueue"/>.</summary>
    public bool TryReserve()
    {
        if (Interlocked.Increment(ref _inFlight) <= options.QueueCapacity) return true;
        Interlocked.Decrement(ref _inFlight);
        return false;
    }

    public void Release() => Interlocked.Decrement(ref _inFlight);

    /// <summary>Queues a job on a place taken with <see cref="TryReserve"/>.</summary>
    public void Enqueue(StudyJob job)
    {
        _jobs[job.JobId] = job;
        _studies[job.StudyId] = job;
        _channel.Writer.TryWrite(job);
    }

    public StudyJob? Job(string id) => _jobs.GetValueOrDefault(id);
    public StudyJob? Study(string id) => _studies.GetValueOrDefault(id);
    public IEnumerable<StudyJob> Studies => _studies.Values;

    /// <summary>Drops a study the retention sweep deleted.</summary>
    public void Forget(string studyId)
    {
        if (_studies.TryRemove(studyId, out var job)) _jobs.TryRemove(job.JobId, out _);
        _rewrites.TryRemove(studyId, out _);
    }

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        await foreach (var job in _channel.Reader.ReadAllAsync(stop))
        {
            job.State = "running";
            try
            {
                await Task.Run(() => Analyse(job), stop);
                if (job.StoreBackTo is not null) await StoreBack(job, stop);
                job.Advance("done", 1);
                job.State = "done";
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
            finally
            {
                Release();
            }
        }
    }

    private void Analyse(StudyJob job)
    {
        var nifti = Directory.EnumerateFiles(job.InputPath, "*", SearchOption.AllDirectories).Where(InputFiles.IsNifti).ToList();
        var input = nifti.Count == 1 ? nifti[0] : job.InputPath;
        var w = WorkUp.Run(input, job.Folder, new WorkUpOptions { StorePath = options.StorePath, ViewerVolumes = true }, [],
            new Progress<(string Stage, double Fraction)>(p => job.Advance(p.Stage, p.Fraction)));
        job.Banner = StudyBanner.From(w.Analysis.Study.Info);
        AtomicFile.WriteAllText(Path.Combine(job.Folder, BannerFile), JsonSerializer.Serialize(job.Banner));
        job.Warnings.AddRange(w.Analysis.Study.Warnings);
        job.ImagingFindings = w.ImagingFindings;
        job.Differential = w.Differential;
        job.History = w.History;
        job.Result = w.Analysis;
        _withVolumes.Enqueue(job);
        while (_withVolumes.Count > KeepVolumes && _withVolumes.TryDequeue(out var old)) old.Result = null;
    }

    /// <summary>A failed store-back leaves the analysis done, with a warning the page shows.</summary>
    private async Task StoreBack(StudyJob job, CancellationToken stop)
    {
        job.Advance("pacs", 0.96);
        var files = new[] { "report.seg.dcm", "report.sr.dcm" }.Select(f => Path.Combine(job.ReportPath, f)).Where(File.Exists).ToList();
        try
        {
            await pacs.Store(job.StoreBackTo!, files, stop);
        }
        catch (PacsException e)
        {
            job.Warnings.Add("the SEG and SR could not be stored in the PACS: " + e.Message);
        }
    }

    /// <summary>
    /// Sets the study's differential now (the page and the API read it at once) and rewrites its report in the
    /// background; a burst of re-ranks writes the report once more at most, with the latest differential.
    /// </summary>
    public void SetDifferential(StudyJob job, Differential d)
    {
        job.Differential = d;
        _rewrites.GetOrAdd(job.StudyId, _ => new ReportRewrite(job, log)).Request();
    }

    /// <summary>Completes when the study's report shows its current differential.</summary>
    public Task ReportCurrent(string studyId) => _rewrites.TryGetValue(studyId, out var r) ? r.Current() : Task.CompletedTask;

    /// <summary>One study's report writer: one rewrite at a time, and one more if the differential changed meanwhile.</summary>
    private sealed class ReportRewrite(StudyJob job, ILogger log)
    {
        private readonly object _gate = new();
        private Task _running = Task.CompletedTask;
        private int _requested, _written;
        private bool _busy;

        public void Request()
        {
            lock (_gate)
            {
                _requested++;
                if (_busy) return;
                _busy = true;
                _running = Task.Run(Loop);
            }
        }

        public Task Current()
        {
            lock (_gate) return _running;
        }

        /// <summary>The model of a study whose volume is no longer held: analysis.json (de-identified) and the banner's patient.</summary>
        private ReportModel FromFiles(Differential d)
        {
            var m = ReportModel.From(Pipeline.AnalysisJsonReader.Read(Path.Combine(job.Folder, "analysis.json")), d, deidentify: false);
            return job.Banner is { } b
                ? m with { Study = m.Study with { PatientName = b.PatientName, PatientId = b.PatientId, PatientSex = b.PatientSex, PatientBirthDate = b.PatientBirthDate, StudyDate = b.StudyDate } }
                : m;
        }

        private void Loop()
        {
            while (true)
            {
                int version;
                lock (_gate)
                {
                    if (_written == _requested) { _busy = false; return; }
                    version = _requested;
                }
                try
                {
                    var d = job.Differential!;
                    WorkUp.WriteDifferential(d, job.Folder);
                    ReportModel model = job.Result is { } r ? ReportModel.From(r, d, deidentify: false) : FromFiles(d);
                    ReportWriter.Rewrite(model with { History = job.History }, job.ReportPath);
                }
                catch (Exception e) when (e is IOException or CalciScopeException or UnauthorizedAccessException)
                {
                    log.LogError("report rewrite failed with {Type}", e.GetType().Name);
                }
                lock (_gate) _written = version;
            }
        }
    }
}
