namespace CalciScope.Web;

/// <summary>How `calciscope serve` runs: where, with which token, where it keeps studies, and its limits.</summary>
public sealed record WebOptions
{
    /// <summary>
    /// Shortest access token accepted: 12 characters, the length OWASP ASVS 4.0 (2.1.1) asks of a user's password; a
    /// word or a PIN is refused at start rather than giving a false sense of protection. A random token should be longer.
    /// </summary>
    public const int MinTokenLength = 12;

    public string Urls { get; init; } = "http://127.0.0.1:5080";
    public string? Token { get; init; }
    public string DataDir { get; init; } = DefaultDataDir();
    public string? StorePath { get; init; }
    public string? PacsUrl { get; init; }
    public long MaxUploadBytes { get; init; } = 2L << 30;
    public int MaxFiles { get; init; } = 5000;
    /// <summary>Analyses waiting or running at most; beyond it an upload is turned away (503) before its body is read.</summary>
    public int QueueCapacity { get; init; } = 4;
    /// <summary>Host names (with or without port) the server answers to; empty: the hosts of <see cref="Urls"/>, and localhost names when on loopback.</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];
    /// <summary>PEM certificate and key for HTTPS (Kestrel); both or neither.</summary>
    public string? TlsCertPath { get; init; }
    public string? TlsKeyPath { get; init; }
    /// <summary>Uploaded studies and their results are deleted this many days after they were written; 0 keeps them.</summary>
    public double RetainDays { get; init; } = 30;
    /// <summary>
    /// RabbitMQ URL: analyses go on the batch's durable queue for `calciscope worker` (sharing this server's data
    /// folder) instead of this process's own worker; null works them here.
    /// </summary>
    public string? BrokerUrl { get; init; }
    /// <summary>How long one PACS request may take before it is given up (and retried).</summary>
    public TimeSpan PacsTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>True when every URL binds a loopback address.</summary>
    public bool LoopbackOnly => UrlList.All(IsLoopback);

    public bool UsesTls => TlsCertPath is not null;

    private IEnumerable<string> UrlList => Urls.Split(';', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The private per-user state folder (XDG), never the shared temporary folder: uploads are patient data.</summary>
    public static string DefaultDataDir()
    {
        var state = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        if (string.IsNullOrEmpty(state)) state = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        return Path.Combine(state, "calciscope", "web");
    }

    public static bool IsLoopback(string url)
    {
        if (!TryParse(url, out var u)) return false;
        if (u.Host == "localhost") return true;
        return System.Net.IPAddress.TryParse(u.Host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip);
    }

    private static bool TryParse(string url, out Uri u) => Uri.TryCreate(url.Replace("://*", "://0.0.0.0").Replace("://+", "://0.0.0.0"), UriKind.Absolute, out u!);

    /// <summary>
    /// The host names a request may carry (DNS-rebinding defence): the explicit list, else the URLs' hosts; a wildcard
    /// binding without a list answers any name (it needs a token anyway). Null means any.
    /// </summary>
    public IReadOnlySet<string>? HostAllowList()
    {
        var hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var h in AllowedHosts) hosts.Add(h.Trim());
        if (hosts.Count > 0) return hosts;
        foreach (var url in UrlList)
        {
            if (!TryParse(url, out var u)) continue;
            if (u.Host is "0.0.0.0" or "[::]" or "::") return null;
            hosts.Add(u.Host);
        }
        if (LoopbackOnly) hosts.UnionWith(["localhost", "127.0.0.1", "[::1]"]);
        return hosts;
    }

    public void Validate()
    {
        if (!LoopbackOnly && string.IsNullOrEmpty(Token))
            throw new InputException(null, $"serving on {Urls} (not loopback) needs an access token: --token or CALCISCOPE_TOKEN");
        if (Token is { } t && t.Length < MinTokenLength)
            throw new InputException(null, $"the access token has {t.Length} characters; use a random one of at least {MinTokenLength}");
        if (Token is { } t2 && t2.Any(c => c <= ' ' || c > '~'))
            throw new InputException(null, "the access token must be printable ASCII without spaces");
        if (UrlList.Any(u => !TryParse(u, out _)))
            throw new InputException(null, $"'{Urls}' is not a URL such as http://127.0.0.1:5080");
        if ((TlsCertPath is null) != (TlsKeyPath is null))
            throw new InputException(TlsCertPath ?? TlsKeyPath, "HTTPS needs both --tls-cert and --tls-key");
        foreach (var p in new[] { TlsCertPath, TlsKeyPath })
            if (p is not null && !File.Exists(p)) throw new InputException(p, "file not found");
        if (UsesTls && UrlList.Any(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase)))
            throw new InputException(null, $"with --tls-cert the URLs must be https:// ('{Urls}')");
        if (BrokerUrl is { } broker && !(Uri.TryCreate(broker, UriKind.Absolute, out var b) && b.Scheme is "amqp" or "amqps"))
            throw new InputException(null, $"'{broker}' is not a broker URL such as amqp://user:password@host:5672/");
        if (RetainDays < 0) throw new InputException(null, "--retain-days must be 0 (keep) or more");
        if (QueueCapacity < 1) throw new InputException(null, "the queue needs room for at least one analysis");
    }
}
