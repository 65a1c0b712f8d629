using CalciScope.Pipeline;

namespace CalciScope.Web;

/// <summary>One uploaded study on its way through the analysis.</summary>
public sealed class StudyJob
{
    public required string JobId { get; init; }
    public required string StudyId { get; init; }
    public required string Folder { get; init; }
    public string State { get; set; } = "queued";
    public double Progress { get; set; }
    public string? Error { get; set; }
    public AnalysisResult? Result { get; set; }
    /// <summary>The DICOMweb base to store the SEG and SR back to, for studies fetched from a PACS.</summary>
    public string? StoreBackTo { get; init; }
    public string InputPath => Path.Combine(Folder, "input");
    /// <summary>The patient's studies in the case store when this one was analysed.</summary>
    public IReadOnlyList<Store.StoredStudy> History { get; set; } = [];
}
