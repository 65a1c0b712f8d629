using System.Collections.Concurrent;
using System.Threading.Channels;
using CalciScope.Batch;
using CalciScope.Diagnosis;
using CalciScope.Findings;
using CalciScope.Pacs;
using CalciScope.Reports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CalciScope.Web;

/// <summary>
/// The analyses of the server. Each job lives in its study's folder (job.json, state.json), so a restarted server
/// finds its studies again and queues the unfinished ones anew. Without a broker one background worker works them
/// through <see cref="StudyFolder.WorkUp"/>; with a broker (`--broker`) they go on the batch's durable RabbitMQ queue
/// for `calciscope worker`, and the server follows their state files. Room is reserved before an upload is read;
/// only the latest analyses keep their volumes; reports are rewritten in the background, latest differential wins.
/// </summary>
public sealed class JobQueue : BackgroundService
{
    private readonly WebOptions _options;
    private readonly ILogger<JobQueue> _log;
    private readonly PacsLink _pacs;
    private readonly Channel<StudyJob> _channel = Channel.CreateUnbounded<StudyJob>();
    private readonly ConcurrentDictionary<string, StudyJob> _jobs = new();
    private readonly ConcurrentDictionary<string, StudyJob> _studies = new();
    private readonly ConcurrentQueue<StudyJob> _withVolumes = new();
    private readonly ConcurrentDictionary<string, ReportRewrite> _rewrites = new();
    private int _inFlight;
    private const int KeepVolumes = 2;
    /// <summary>How often the server reads the state files of jobs a broker's workers are working.</summary>
    private static readonly TimeSpan FollowEvery = TimeSpan.FromMilliseconds(500);

    public JobQueue(WebOptions options, ILogger<JobQueue> log, PacsLink pacs)
    {
        _options = options;
        _log = log;
        _pacs = pacs;
        Recover();
    }

    private bool UsesBroker => _options.BrokerUrl is not null;

    /// <summary>Finds the studies of an earlier run in the data folder: finished ones listed, unfinished ones queued again.</summary>
    private void Recover()
    {
        var root = Path.Combine(_options.DataDir, "studies");
        if (!Directory.Exists(root)) return;
        foreach (var folder in Directory.EnumerateDirectories(root))
        {
            if (StudyFolder.ReadJob(folder) is not { } file) continue;
            var job = StudyJob.From(file, folder);
            job.Apply(StudyFolder.ReadState(folder) ?? JobStateFile.Queued);
            _jobs[job.JobId] = job;
            _studies[job.StudyId] = job;
            if (job.State == "done") LoadResults(job);
            else if (job.State != "failed")
            {
                Interlocked.Increment(ref _inFlight);
                // With a broker its message is still in the queue; without one, the analysis the restart cut short starts again.
                if (!UsesBroker) { job.Apply(JobStateFile.Queued); _channel.Writer.TryWrite(job); }
            }
        }
    }

    /// <summary>Takes a place in the queue (queued or running analyses) if there is one; give it back with <see cref="Release"/> or use it with <see cref="Enqueue"/>.</summary>
    public bool TryReserve()
    {
        if (Interlocked.Increment(ref _inFlight) <= _options.QueueCapacity) return true;
        Interlocked.Decrement(ref _inFlight);
        return false;
    }

    public void Release() => Interlocked.Decrement(ref _inFlight);

    /// <summary>Queues a job on a place taken with <see cref="TryReserve"/>; its job file is written first, so it survives a restart.</summary>
    public async Task Enqueue(StudyJob job, CancellationToken ct = default)
    {
        StudyFolder.WriteJob(job.Folder, new JobFile(job.JobId, job.StudyId, job.CreatedUtc, job.StoreBackTo));
        StudyFolder.WriteState(job.Folder, JobStateFile.Queued);
        _jobs[job.JobId] = job;
        _studies[job.StudyId] = job;
        if (UsesBroker)
        {
            await using var queue = await StudyQueue.Connect(_options.BrokerUrl!, "calciscope-serve", ct);
            await queue.Enqueue([BatchItem.ForWebJob(job.Folder)], ct);
        }
        else _channel.Writer.TryWrite(job);
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

    protected override Task ExecuteAsync(CancellationToken stop) => UsesBroker ? Follow(stop) : Work(stop);

    private async Task Work(CancellationToken stop)
    {
        await foreach (var job in _channel.Reader.ReadAllAsync(stop))
        {
            job.State = "running";
            try
            {
                await Task.Run(() => Analyse(job), stop);
                await Finish(job, stop);
            }
            catch (CalciScopeException e)
            {
                Fail(job, e.Message.Replace(job.Folder, "upload"));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Type only: messages can carry paths or values from the study.
                _log.LogError("analysis {Job} failed with {Type}", job.JobId, e.GetType().Name);
                Fail(job, "internal error: " + e.GetType().Name);
            }
        }
    }

    /// <summary>Broker mode: the workers write the state files; the server reads them until each job ends.</summary>
    private async Task Follow(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(FollowEvery);
        while (await timer.WaitForNextTickAsync(stop))
        {
            foreach (var job in _jobs.Values.Where(j => j.State is "queued" or "running"))
            {
                if (StudyFolder.ReadState(job.Folder) is not { } s) continue;
                if (s.State == "done")
                {
                    job.Apply(s with { State = "running" });
                    LoadResults(job);
                    await Finish(job, stop);
                }
                else if (s.State == "failed")
                {
                    job.Apply(s);
                    Release();
                }
                else job.Apply(s);
            }
        }
    }

    private void Analyse(StudyJob job)
    {
        var w = StudyFolder.WorkUp(job.Folder, _options.StorePath, job.Advance);
        job.Banner = StudyBanner.From(w.Analysis.Study.Info);
        lock (job.Warnings) job.Warnings.AddRange(w.Analysis.Study.Warnings);
        job.ImagingFindings = w.ImagingFindings;
        job.Differential = w.Differential;
        job.History = w.History;
        job.Result = w.Analysis;
        _withVolumes.Enqueue(job);
        while (_withVolumes.Count > KeepVolumes && _withVolumes.TryDequeue(out var old)) old.Result = null;
    }

    /// <summary>What a finished job's folder holds, for a job finished by a worker or before a restart.</summary>
    private static void LoadResults(StudyJob job)
    {
        try
        {
            job.Banner = StudyFolder.ReadBanner(job.Folder);
            var analysis = Path.Combine(job.Folder, "analysis.json");
            if (File.Exists(analysis)) job.ImagingFindings = AnalysisFindings.FromFile(analysis);
            var differential = Path.Combine(job.Folder, "differential.json");
            if (File.Exists(differential)) job.Differential = DifferentialJsonReader.Read(differential);
        }
        catch (CalciScopeException) { }
    }

    /// <summary>Stores back to the PACS when asked, then marks the job done (in memory and in its state file).</summary>
    private async Task Finish(StudyJob job, CancellationToken stop)
    {
        if (job.StoreBackTo is not null) await StoreBack(job, stop);
        // The file before the answer: a client told "done" may stop the server at once, and the next one must know too.
        StudyFolder.WriteState(job.Folder, job.Snapshot() with { State = "done", Stage = "done", Progress = 1 });
        job.Advance("done", 1);
        job.State = "done";
        Release();
    }

    private void Fail(StudyJob job, string error)
    {
        StudyFolder.WriteState(job.Folder, job.Snapshot() with { State = "failed", Error = error });
        job.Error = error;
        job.State = "failed";
        Release();
    }

    /// <summary>A failed store-back leaves the analysis done, with a warning the page shows.</summary>
    private async Task StoreBack(StudyJob job, CancellationToken stop)
    {
        job.Advance("pacs", 0.96);
        var files = new[] { "report.seg.dcm", "report.sr.dcm" }.Select(f => Path.Combine(job.ReportPath, f)).Where(File.Exists).ToList();
        try
        {
            await _pacs.Store(job.StoreBackTo!, files, stop);
        }
        catch (PacsException e)
        {
            lock (job.Warnings) job.Warnings.Add("the SEG and SR could not be stored in the PACS: " + e.Message);
        }
    }

    /// <summary>
    /// Sets the study's differential now (the page and the API read it at once) and rewrites its report in the
    /// background; a burst of re-ranks writes the report once more at most, with the latest differential.
    /// </summary>
    public void SetDifferential(StudyJob job, Differential d)
    {
        job.Differential = d;
        _rewrites.GetOrAdd(job.StudyId, _ => new ReportRewrite(job, _log)).Request();
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
