using System.Text.Json.Nodes;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace CalciScope.Pacs;

/// <summary>
/// The PACS behind a time limit and a retry policy (Polly): each attempt is given the timeout,
/// a failed or timed-out attempt is tried again after an exponential back-off, and what still fails is one
/// <see cref="PacsException"/> saying what happened, never a hung request or an empty 500.
/// </summary>
public sealed class PacsLink
{
    /// <summary>Attempts after the first; with the back-off below a dead PACS is reported within about 3 timeouts + 1.5 s.</summary>
    public const int Retries = 2;
    private static readonly TimeSpan FirstBackOff = TimeSpan.FromMilliseconds(500);

    private readonly Func<HttpClient> _http;
    private readonly TimeSpan _timeout;
    private readonly ResiliencePipeline _pipeline;

    /// <param name="http">Gives the HTTP client for a call (a factory's, or one shared client).</param>
    /// <param name="timeout">How long one attempt may take.</param>
    public PacsLink(Func<HttpClient> http, TimeSpan timeout)
    {
        _http = http;
        _timeout = timeout;
        _pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Retries, BackoffType = DelayBackoffType.Exponential, Delay = FirstBackOff, UseJitter = true,
                ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>().Handle<TimeoutRejectedException>()
                    .Handle<PacsException>(e => e.Transient),
            })
            .AddTimeout(timeout)
            .Build();
    }

    private DicomWebClient Client(string baseUrl)
    {
        var c = _http();
        // The policy times each attempt; the client's own limit only guards against a body that never ends.
        c.Timeout = Timeout.InfiniteTimeSpan;
        return new DicomWebClient(c, baseUrl);
    }

    public Task<JsonArray> Search(string baseUrl, CancellationToken ct) =>
        Run(baseUrl, c => Client(baseUrl).SearchStudies(c), ct);

    /// <summary>Fetches a study into a folder; the answer's headers come under the policy, the body streams to disk.</summary>
    public async Task<int> Retrieve(string baseUrl, string studyUid, string folder, CancellationToken ct)
    {
        using var resp = await Run(baseUrl, c => Client(baseUrl).RequestStudy(studyUid, c), ct);
        try
        {
            return await DicomWebClient.SaveParts(resp, folder, ct);
        }
        catch (IOException e)
        {
            throw new PacsException($"the PACS at {Host(baseUrl)} broke off sending the study ({e.GetType().Name})");
        }
        catch (PacsException e)
        {
            throw Named(baseUrl, e);
        }
    }

    public Task<List<string>> SearchStudyUids(string baseUrl, string query, CancellationToken ct) =>
        Run(baseUrl, c => Client(baseUrl).SearchStudyUids(query, ct: c), ct);

    public Task Store(string baseUrl, IReadOnlyList<string> files, CancellationToken ct) =>
        Run(baseUrl, async c => { await Client(baseUrl).Store(files, c); return true; }, ct);

    private async Task<T> Run<T>(string baseUrl, Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        try
        {
            return await _pipeline.ExecuteAsync(async c => await call(c), ct);
        }
        catch (TimeoutRejectedException)
        {
            throw new PacsException($"the PACS at {Host(baseUrl)} did not answer within {_timeout.TotalSeconds:0} s ({Retries + 1} attempts)", timedOut: true);
        }
        catch (HttpRequestException e)
        {
            throw new PacsException($"the PACS at {Host(baseUrl)} cannot be reached ({e.HttpRequestError})");
        }
        catch (PacsException e)
        {
            throw Named(baseUrl, e);
        }
    }

    /// <summary>The client's own words ("it answered 503 ...", "its WADO-RS answer has no boundary") with the PACS's name.</summary>
    private static PacsException Named(string baseUrl, PacsException e) => new($"the PACS at {Host(baseUrl)}: {e.Message}", e.Transient);

    private static string Host(string baseUrl) => Uri.TryCreate(baseUrl, UriKind.Absolute, out var u) ? u.Authority : "the configured address";
}

/// <summary>The PACS failed us: unreachable, too slow, or it answered with an error.</summary>
public sealed class PacsException(string message, bool transient = false, bool timedOut = false) : CalciScopeException(message)
{
    /// <summary>Worth another attempt (a 5xx answer).</summary>
    public bool Transient { get; } = transient;
    public bool TimedOut { get; } = timedOut;
}
