namespace CalciScope.Web;

/// <summary>How `calciscope serve` runs: where, with which token, where it keeps studies, and its limits.</summary>
public sealed record WebOptions
{
    public string Urls { get; init; } = "http://127.0.0.1:5080";
    public string? Token { get; init; }
    public string DataDir { get; init; } = Path.Combine(Path.GetTempPath(), "calciscope-web");
    public string? StorePath { get; init; }
    public string? PacsUrl { get; init; }
    public long MaxUploadBytes { get; init; } = 2L << 30;
    public int MaxFiles { get; init; } = 5000;
    /// <summary>Analyses waiting at most; beyond it an upload is turned away (503) rather than queued in memory.</summary>
    public int QueueCapacity { get; init; } = 4;

    /// <summary>True when every URL binds a loopback address.</summary>
    public bool LoopbackOnly => Urls.Split(';', StringSplitOptions.RemoveEmptyEntries).All(IsLoopback);

    public static bool IsLoopback(string url)
    {
        if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0").Replace("://+", "://0.0.0.0"), UriKind.Absolute, out var u)) return false;
        if (u.Host == "localhost") return true;
        return System.Net.IPAddress.TryParse(u.Host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip);
    }

    public void Validate()
    {
        if (!LoopbackOnly && string.IsNullOrEmpty(Token))
            throw new InputException(null, $"serving on {Urls} (not loopback) needs an access token: --token or CALCISCOPE_TOKEN");
        if (Urls.Split(';').Any(u => !Uri.TryCreate(u.Replace("://*", "://0.0.0.0").Replace("://+", "://0.0.0.0"), UriKind.Absolute, out _)))
            throw new InputException(null, $"'{Urls}' is not a URL such as http://127.0.0.1:5080");
    }
}
