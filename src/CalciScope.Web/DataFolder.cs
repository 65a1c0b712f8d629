using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CalciScope.Web;

/// <summary>
/// The server's folder of uploaded studies and their results: private to the user that runs the server (0700), and
/// swept of studies older than the retention time, so that patient data does not stay forever.
/// </summary>
public sealed class DataFolder(WebOptions options, JobQueue jobs, ILogger<DataFolder> log) : BackgroundService
{
    /// <summary>How often the folder is swept; a day's retention needs no finer grain than an hour.</summary>
    private static readonly TimeSpan SweepEvery = TimeSpan.FromHours(1);

    public string Studies => Path.Combine(options.DataDir, "studies");

    /// <summary>Creates the folder owner-only, and narrows an existing one that others could read.</summary>
    public static void CreatePrivate(string path)
    {
        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        if (OperatingSystem.IsWindows()) { Directory.CreateDirectory(path); return; }
        Directory.CreateDirectory(path, ownerOnly);
        if ((File.GetUnixFileMode(path) & ~ownerOnly) != 0) File.SetUnixFileMode(path, ownerOnly);
    }

    /// <summary>Deletes the studies last written before the retention time; returns how many.</summary>
    public int Sweep(DateTime nowUtc)
    {
        if (options.RetainDays <= 0 || !Directory.Exists(Studies)) return 0;
        var cutoff = nowUtc - TimeSpan.FromDays(options.RetainDays);
        int removed = 0;
        foreach (var dir in Directory.EnumerateDirectories(Studies))
        {
            var id = Path.GetFileName(dir);
            if (jobs.Study(id) is { State: "queued" or "running" }) continue;
            if (LastWrite(dir) >= cutoff) continue;
            try
            {
                Directory.Delete(dir, true);
                jobs.Forget(id);
                removed++;
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return removed;
    }

    private static DateTime LastWrite(string dir)
    {
        var latest = Directory.GetLastWriteTimeUtc(dir);
        foreach (var f in Directory.EnumerateFileSystemEntries(dir, "*", SearchOption.AllDirectories))
        {
            var t = File.GetLastWriteTimeUtc(f);
            if (t > latest) latest = t;
        }
        return latest;
    }

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        if (options.RetainDays <= 0) return;
        using var timer = new PeriodicTimer(SweepEvery);
        do
        {
            int n = Sweep(DateTime.UtcNow);
            if (n > 0) log.LogWarning("retention: deleted {Count} studies older than {Days} days", n, options.RetainDays);
        }
        while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false));
    }
}
