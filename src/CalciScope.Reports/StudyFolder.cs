using System.Text.Json;
using CalciScope.IO;

namespace CalciScope.Reports;

/// <summary>Who and what the study is, for a banner and a list of studies (kept in the study's folder, never logged).</summary>
public sealed record StudyBanner(string PatientName, string PatientId, string PatientSex, string PatientBirthDate, string StudyDate, string Description, string Modality)
{
    public static StudyBanner From(Imaging.StudyInfo s) => new(s.PatientName, s.PatientId, s.PatientSex, s.PatientBirthDate, s.StudyDate, s.SeriesDescription, s.Modality);
}

/// <summary>A web job as queued: written once, when the upload is accepted.</summary>
public sealed record JobFile(string JobId, string StudyId, DateTime CreatedUtc, string? StoreBackTo);

/// <summary>Where a job stands, written by whoever works it (the server itself or a batch worker) and read by the server.</summary>
public sealed record JobStateFile(string State, string Stage, double Progress, string? Error, IReadOnlyList<string> Warnings)
{
    public static readonly JobStateFile Queued = new("queued", "queued", 0, null, []);
}

/// <summary>
/// A study's folder of the web server: input/, the job and its state, the banner, and the work-up's files. Everything a
/// restarted server or a worker on another process needs is in it, so jobs survive a restart.
/// </summary>
public static class StudyFolder
{
    public const string JobFileName = "job.json";
    public const string StateFileName = "state.json";
    public const string BannerFileName = "study.json";

    public static string Input(string folder) => Path.Combine(folder, "input");

    public static void WriteJob(string folder, JobFile job) => Write(folder, JobFileName, job);
    public static JobFile? ReadJob(string folder) => Read<JobFile>(folder, JobFileName);
    public static void WriteState(string folder, JobStateFile state) => Write(folder, StateFileName, state);
    public static JobStateFile? ReadState(string folder) => Read<JobStateFile>(folder, StateFileName);
    public static StudyBanner? ReadBanner(string folder) => Read<StudyBanner>(folder, BannerFileName);

    /// <summary>How often the state file is written during a work-up at most: the page polls twice a second.</summary>
    private static readonly TimeSpan StateEvery = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The web's work-up of an uploaded study: the whole work-up with the viewer's volumes, then the banner. The state
    /// file follows the stages ("running", at most every <see cref="StateEvery"/>, progress never going back) until
    /// the work-up returns; whoever called it then writes how it ended. <paramref name="onProgress"/> sees every report.
    /// </summary>
    public static WorkUpResult WorkUp(string folder, string? storePath, Action<string, double>? onProgress = null)
    {
        // The reader reports from its own threads and through posted Progress<T>: a report arriving after the work-up
        // has returned must neither set the stage back nor overwrite the state its caller writes next.
        var gate = new object();
        bool finished = false;
        var last = DateTime.MinValue;
        double furthest = 0;
        var progress = new SyncProgress<(string Stage, double Fraction)>(p =>
        {
            lock (gate)
            {
                if (finished) return;
                onProgress?.Invoke(p.Stage, p.Fraction);
                furthest = Math.Max(furthest, p.Fraction);
                if (DateTime.UtcNow - last < StateEvery) return;
                last = DateTime.UtcNow;
                WriteState(folder, new JobStateFile("running", p.Stage, furthest, null, []));
            }
        });
        try
        {
            var w = Reports.WorkUp.Run(InputFiles.SingleNiftiOr(Input(folder)), folder, new WorkUpOptions { StorePath = storePath, ViewerVolumes = true }, [], progress);
            Write(folder, BannerFileName, StudyBanner.From(w.Analysis.Study.Info));
            return w;
        }
        finally
        {
            lock (gate) finished = true;
        }
    }

    private static void Write<T>(string folder, string name, T value) => AtomicFile.WriteAllText(Path.Combine(folder, name), JsonSerializer.Serialize(value));

    private static T? Read<T>(string folder, string name) where T : class
    {
        var path = Path.Combine(folder, name);
        if (!File.Exists(path)) return null;
        try { return JsonSerializer.Deserialize<T>(File.ReadAllText(path)); }
        catch (JsonException) { return null; }
        catch (IOException) { return null; }
    }
}
