namespace CalciScope.Batch;

/// <summary>What a batch recorded for one study: done with its burdens and leading condition, or failed with the reason.</summary>
public sealed record BatchResult(
    string StudyKey, string AnalysisVersion, string Input, string Status, double? SoftTissueMm3, double? VascularMm3,
    string? TopCondition, double? TopProbability, string Warnings, double Seconds, string? Error, string Worker, DateTime FinishedUtc)
{
    public const string Done = "done";
    public const string Failed = "failed";

    public static readonly string[] CsvColumns =
        ["study_key", "analysis_version", "input", "status", "soft_tissue_mm3", "vascular_mm3", "top_condition", "top_probability", "warnings", "seconds", "error", "worker", "finished_utc"];

    public string ToCsv()
    {
        static string Q(string? s) => s is null ? "" : s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
        static string N(double? v, string f) => v?.ToString(f, System.Globalization.CultureInfo.InvariantCulture) ?? "";
        return string.Join(',', Q(StudyKey), Q(AnalysisVersion), Q(Input), Status, N(SoftTissueMm3, "0.0"), N(VascularMm3, "0.0"), Q(TopCondition),
            N(TopProbability, "0.0000"), Q(Warnings), N(Seconds, "0.00"), Q(Error), Q(Worker), FinishedUtc.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }
}
