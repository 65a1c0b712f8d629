using CalciScope.Diagnosis;
using CalciScope.Findings;
using CalciScope.Pipeline;
using CalciScope.Reports;

namespace CalciScope.Web;

/// <summary>One uploaded study on its way through the analysis, and what the page shows of it afterwards.</summary>
public sealed class StudyJob
{
    private double _progress;

    public required string JobId { get; init; }
    public required string StudyId { get; init; }
    public required string Folder { get; init; }
    public DateTime CreatedUtc { get; init; } = DateTime.UtcNow;
    public string State { get; set; } = "queued";
    /// <summary>What the analysis is doing now: reading, analysing, viewer, report, pacs, done.</summary>
    public string Stage { get; private set; } = "queued";
    /// <summary>Only moves forward: a later stage reporting a smaller fraction of its own never sets it back.</summary>
    public double Progress => _progress;
    public string? Error { get; set; }
    /// <summary>What the page should know but is not an error: a failed store-back, a resampled slice, a gantry tilt.</summary>
    public List<string> Warnings { get; } = [];
    public AnalysisResult? Result { get; set; }
    /// <summary>The findings the analysis gives the differential, kept typed so that re-ranking reads no file.</summary>
    public IReadOnlyList<ObservedFinding> ImagingFindings { get; set; } = [];
    /// <summary>The differential the page, the report and every download show now.</summary>
    public Differential? Differential { get; set; }
    public StudyBanner? Banner { get; set; }
    /// <summary>The DICOMweb base to store the SEG and SR back to, for studies fetched from a PACS.</summary>
    public string? StoreBackTo { get; init; }
    public string InputPath => Path.Combine(Folder, "input");
    public string ReportPath => Path.Combine(Folder, "report");
    /// <summary>The patient's studies in the case store when this one was analysed.</summary>
    public IReadOnlyList<Store.StoredStudy> History { get; set; } = [];

    public void Advance(string stage, double progress)
    {
        Stage = stage;
        if (progress > _progress) _progress = Math.Min(1, progress);
    }

    /// <summary>Takes the state written to the study's folder (by this server before a restart, or by a worker).</summary>
    public void Apply(JobStateFile s)
    {
        State = s.State;
        Advance(s.Stage, s.Progress);
        Error = s.Error;
        lock (Warnings)
        {
            Warnings.Clear();
            Warnings.AddRange(s.Warnings);
        }
    }

    public JobStateFile Snapshot()
    {
        lock (Warnings) return new JobStateFile(State, Stage, Progress, Error, Warnings.ToList());
    }

    public static StudyJob From(JobFile f, string folder) =>
        new() { JobId = f.JobId, StudyId = f.StudyId, Folder = folder, CreatedUtc = f.CreatedUtc, StoreBackTo = f.StoreBackTo };
}
