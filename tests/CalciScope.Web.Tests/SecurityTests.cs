using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using CalciScope.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CalciScope.Tests.Web;

/// <summary>A server started for one test with its own options, stopped and deleted afterwards.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    public WebApplication App { get; }
    public string Url { get; }
    public WebOptions Options { get; }

    private TestServer(WebApplication app, WebOptions options)
    {
        App = app;
        Options = options;
        Url = app.Urls.First().TrimEnd('/');
    }

    public static async Task<TestServer> Start(WebOptions options)
    {
        var app = WebServer.Build(options);
        await app.StartAsync();
        return new TestServer(app, options);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

/// <summary>Each rule of the server's security, tried as an attacker would, against a real Kestrel.</summary>
public class SecurityTests(WebHostFixture f) : IClassFixture<WebHostFixture>
{
    private const string Token = "correct-horse-battery-staple-42";

    private WebOptions Fresh(string name) => f.Fresh(name);

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task CrossOriginPost_Refused()
    {
        var req = new HttpRequestMessage(HttpMethod.Post, f.BaseUrl + "/api/diagnose") { Content = Json("{\"text\":\"SLE\"}") };
        req.Headers.Add("Origin", "http://evil.example");
        var r = await f.Http.SendAsync(req);
        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        Assert.Contains("another origin", await r.Content.ReadAsStringAsync());

        req = new HttpRequestMessage(HttpMethod.Post, f.BaseUrl + "/api/pacs/studies/1.2.3") { Content = Json("{}") };
        req.Headers.Add("Sec-Fetch-Site", "cross-site");
        Assert.Equal(HttpStatusCode.Forbidden, (await f.Http.SendAsync(req)).StatusCode);
    }

    [Fact]
    public async Task BrowserPostWithoutAntiForgeryToken_Refused_WithIt_Accepted()
    {
        // A browser's request carries cookies by itself; without the page's token echoed in the header it is refused.
        var req = new HttpRequestMessage(HttpMethod.Post, f.BaseUrl + "/api/diagnose") { Content = Json("{\"text\":\"SLE\"}") };
        req.Headers.Add("Cookie", "calciscope_csrf=abc123");
        req.Headers.Add("Sec-Fetch-Site", "same-origin");
        var r = await f.Http.SendAsync(req);
        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        Assert.Contains("anti-forgery", await r.Content.ReadAsStringAsync());

        // The page's own request: the cookie the server set on the page, echoed.
        var page = await f.Http.GetAsync(f.BaseUrl + "/");
        var cookie = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(WebSecurity.CsrfCookie + "="));
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        var value = cookie.Split(';')[0].Split('=', 2)[1];
        req = new HttpRequestMessage(HttpMethod.Post, f.BaseUrl + "/api/diagnose") { Content = Json("{\"text\":\"SLE\"}") };
        req.Headers.Add("Cookie", $"{WebSecurity.CsrfCookie}={value}");
        req.Headers.Add("Sec-Fetch-Site", "same-origin");
        req.Headers.Add(WebSecurity.CsrfHeader, value);
        req.Headers.Add("Origin", f.BaseUrl);
        Assert.Equal(HttpStatusCode.OK, (await f.Http.SendAsync(req)).StatusCode);
    }

    [Fact]
    public async Task ForgedHost_Refused()
    {
        // DNS rebinding: a page of evil.example that resolves to 127.0.0.1 sends Host: evil.example.
        var req = new HttpRequestMessage(HttpMethod.Get, f.BaseUrl + "/api/studies");
        req.Headers.Host = "evil.example";
        var r = await f.Http.SendAsync(req);
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Contains("host name", await r.Content.ReadAsStringAsync());
        req = new HttpRequestMessage(HttpMethod.Get, f.BaseUrl + "/api/studies");
        req.Headers.Host = "localhost:" + new Uri(f.BaseUrl).Port;
        Assert.Equal(HttpStatusCode.OK, (await f.Http.SendAsync(req)).StatusCode);
    }

    [Fact]
    public async Task Token_OnlyInHeaderOrHttpOnlyCookie_NeverFromUrl_BearerAnyCase()
    {
        await using var s = await TestServer.Start(Fresh("token") with { Token = Token });
        // Its own client: cookies are kept per host, not per port, and this one's session cookie must not reach other tests' servers.
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false });
        // In a URL (query) the token is ignored: URLs end up in logs, history and Referer headers.
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync($"{s.Url}/api/studies?access_token={Token}")).StatusCode);
        foreach (var scheme in new[] { "Bearer", "bearer", "BEARER" })
        {
            var req = new HttpRequestMessage(HttpMethod.Get, s.Url + "/api/studies");
            req.Headers.TryAddWithoutValidation("Authorization", $"{scheme} {Token}");
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(req)).StatusCode);
        }
        var wrong = new HttpRequestMessage(HttpMethod.Get, s.Url + "/api/studies");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(wrong)).StatusCode);

        // The page signs in once with the header and gets an HttpOnly, SameSite=Strict cookie.
        var login = new HttpRequestMessage(HttpMethod.Post, s.Url + "/api/session");
        login.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var r = await http.SendAsync(login);
        Assert.Equal(HttpStatusCode.NoContent, r.StatusCode);
        var cookie = r.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(WebSecurity.AuthCookie + "="));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        var withCookie = new HttpRequestMessage(HttpMethod.Get, s.Url + "/api/studies");
        withCookie.Headers.Add("Cookie", cookie.Split(';')[0]);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(withCookie)).StatusCode);
        // The page and its scripts load without a token; they hold no patient data.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(s.Url + "/app.js")).StatusCode);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("short-token")]
    public void ShortToken_RefusedAtStart(string token)
    {
        var e = Assert.Throws<InputException>(() => WebServer.Build(Fresh("short") with { Token = token }));
        Assert.Contains("at least 12", e.Message);
        var err = new StringWriter();
        Assert.Equal(2, CalciScope.Cli.CliApp.Run(["serve", "--token", token, "--data", Path.Combine(f.Root, "short-cli")], new StringWriter(), err));
        Assert.Contains("at least 12", err.ToString());
    }

    [Fact]
    public void BadBrokerUrl_Exit2AtStart()
    {
        var err = new StringWriter();
        Assert.Equal(2, CalciScope.Cli.CliApp.Run(["serve", "--broker", "rabbit-host", "--data", Path.Combine(f.Root, "bad-broker")], new StringWriter(), err));
        Assert.Contains("not a broker URL", err.ToString());
    }

    [Fact]
    public async Task SecurityHeaders_OnPageAndApi()
    {
        foreach (var path in new[] { "/", "/api/studies", "/api/jobs/none" })
        {
            var r = await f.Http.GetAsync(f.BaseUrl + path);
            var csp = string.Join(";", r.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Contains("script-src 'self'", csp);
            Assert.DoesNotContain("unsafe-inline", csp);
            Assert.Equal("nosniff", r.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", r.Headers.GetValues("Referrer-Policy").Single());
            if (path.StartsWith("/api")) Assert.Equal("no-store", r.Headers.CacheControl?.ToString());
        }
        // No inline script or style in the page, so the policy holds without exceptions.
        var html = await f.Http.GetStringAsync(f.BaseUrl + "/");
        Assert.DoesNotMatch(@"<script(?![^>]*\bsrc=)[^>]*>", html);
        Assert.DoesNotContain("<style", html);
        Assert.DoesNotContain(" style=", html);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task DataFolder_Private_AndSweptAfterRetention()
    {
        await using var s = await TestServer.Start(Fresh("retention") with { RetainDays = 7 });
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(s.Options.DataDir));
        var old = Path.Combine(s.Options.DataDir, "studies", "aaaaaaaaaaaaaaaa");
        var recent = Path.Combine(s.Options.DataDir, "studies", "bbbbbbbbbbbbbbbb");
        foreach (var d in new[] { old, recent })
        {
            Directory.CreateDirectory(d);
            File.WriteAllText(Path.Combine(d, "analysis.json"), "{}");
        }
        var longAgo = DateTime.UtcNow.AddDays(-8);
        File.SetLastWriteTimeUtc(Path.Combine(old, "analysis.json"), longAgo);
        Directory.SetLastWriteTimeUtc(old, longAgo);
        Assert.Equal(1, s.App.Services.GetRequiredService<DataFolder>().Sweep(DateTime.UtcNow));
        Assert.False(Directory.Exists(old));
        Assert.True(Directory.Exists(recent));

        // An existing folder others could read is narrowed at start.
        var open = Path.Combine(f.Root, "open-data");
        Directory.CreateDirectory(open);
        File.SetUnixFileMode(open, (UnixFileMode)0b111_101_101);
        await using var s2 = await TestServer.Start(Fresh("open-data") with { DataDir = open });
        Assert.Equal((UnixFileMode)0b111_000_000, File.GetUnixFileMode(open));
    }

    [Fact]
    public async Task FullQueue_AnswersBeforeTheBodyIsRead()
    {
        await using var s = await TestServer.Start(Fresh("queue") with { QueueCapacity = 1 });
        var jobs = s.App.Services.GetRequiredService<JobQueue>();
        Assert.True(jobs.TryReserve());
        try
        {
            // Headers announcing 60 MB and not one byte of body: the answer must come anyway.
            using var tcp = new TcpClient();
            var uri = new Uri(s.Url);
            await tcp.ConnectAsync(uri.Host, uri.Port);
            var stream = tcp.GetStream();
            var head = $"POST /api/studies HTTP/1.1\r\nHost: {uri.Authority}\r\nContent-Type: application/zip\r\nContent-Length: 60000000\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            var buffer = new byte[4096];
            int n = await stream.ReadAsync(buffer, cts.Token);
            var answer = Encoding.ASCII.GetString(buffer, 0, n);
            Assert.StartsWith("HTTP/1.1 503", answer);
            Assert.Contains("Retry-After", answer);
        }
        finally { jobs.Release(); }
    }

    [Theory]
    [InlineData("POST", "/api/diagnose", "{not json", "application/json", 400)]
    [InlineData("POST", "/api/diagnose", "[1,2]", "application/json", 400)]
    [InlineData("POST", "/api/diagnose", "text=SLE", "application/x-www-form-urlencoded", 415)]
    [InlineData("PUT", "/api/studies", "", "text/plain", 405)]
    [InlineData("GET", "/api/nothing-here", "", "", 404)]
    [InlineData("POST", "/api/studies", "PK\u0003\u0004broken", "application/zip", 400)]
    public async Task MalformedRequests_JsonErrorNever500(string method, string path, string body, string type, int status)
    {
        var req = new HttpRequestMessage(new HttpMethod(method), f.BaseUrl + path);
        if (type.Length > 0) req.Content = new StringContent(body, Encoding.UTF8, type);
        var r = await f.Http.SendAsync(req);
        Assert.Equal(status, (int)r.StatusCode);
        var json = JsonNode.Parse(await r.Content.ReadAsStringAsync())!;
        Assert.False(string.IsNullOrWhiteSpace(json["error"]!.GetValue<string>()));
    }

    [Fact]
    public async Task OpenApi_SchemasAndStatusCodes()
    {
        var doc = JsonNode.Parse(await f.Http.GetStringAsync(f.BaseUrl + "/openapi.json"))!;
        var upload = doc["paths"]!["/api/studies"]!["post"]!;
        Assert.NotNull(upload["responses"]!["202"]);
        Assert.Null(upload["responses"]!["200"]);
        foreach (var code in new[] { "400", "413", "415", "503" }) Assert.NotNull(upload["responses"]![code]);
        Assert.NotNull(upload["requestBody"]!["content"]!["application/zip"]);
        var accepted = Resolve(doc, upload["responses"]!["202"]!["content"]!["application/json"]!["schema"]!);
        Assert.NotNull(accepted["properties"]!["job_id"]);
        Assert.NotNull(accepted["properties"]!["study_id"]);
        var diagnose = doc["paths"]!["/api/diagnose"]!["post"]!;
        var request = Resolve(doc, diagnose["requestBody"]!["content"]!["application/json"]!["schema"]!);
        foreach (var p in new[] { "study_id", "text", "case" }) Assert.NotNull(request["properties"]![p]);
        var error = Resolve(doc, diagnose["responses"]!["400"]!["content"]!["application/json"]!["schema"]!);
        Assert.NotNull(error["properties"]!["error"]);
        var job = Resolve(doc, doc["paths"]!["/api/jobs/{jobId}"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!);
        foreach (var p in new[] { "state", "progress", "stage", "error" }) Assert.NotNull(job["properties"]![p]);
        // analysis.json's schema comes from the same type the file is written from.
        var analysis = Resolve(doc, doc["paths"]!["/api/studies/{studyId}/analysis"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!);
        foreach (var p in new[] { "schema", "study", "lesions", "summary" }) Assert.NotNull(analysis["properties"]![p]);
    }

    private static JsonNode Resolve(JsonNode doc, JsonNode schema)
    {
        if (schema["$ref"] is { } r)
        {
            var name = r.GetValue<string>().Split('/').Last();
            return doc["components"]!["schemas"]![name]!;
        }
        return schema;
    }

    [Fact]
    public async Task Tls_ServesHttpsWithTheGivenCertificate()
    {
        using var key = RSA.Create(2048);
        var req = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        req.CertificateExtensions.Add(san.Build());
        using var cert = req.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var dir = Path.Combine(f.Root, "tls");
        Directory.CreateDirectory(dir);
        var certPath = Path.Combine(dir, "cert.pem");
        var keyPath = Path.Combine(dir, "key.pem");
        File.WriteAllText(certPath, cert.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        await using var s = await TestServer.Start(Fresh("tls-data") with { Urls = "https://127.0.0.1:0", TlsCertPath = certPath, TlsKeyPath = keyPath });
        Assert.StartsWith("https://", s.Url);
        using var handler = new HttpClientHandler
        {
            // Trust exactly this certificate.
            ServerCertificateCustomValidationCallback = (_, c, _, _) => c is not null && c.Thumbprint == cert.Thumbprint,
        };
        using var http = new HttpClient(handler);
        var r = await http.GetAsync(s.Url + "/api/studies");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Contains("max-age", r.Headers.GetValues("Strict-Transport-Security").Single());
        var page = await http.GetAsync(s.Url + "/");
        Assert.Contains("secure", page.Headers.GetValues("Set-Cookie").Single(), StringComparison.OrdinalIgnoreCase);

        Assert.Throws<InputException>(() => WebServer.Build(Fresh("tls-bad") with { TlsCertPath = certPath }));
    }

    [Fact]
    public async Task PacsDown_Or_Slow_ClearErrorInSeconds()
    {
        // Down: nothing listens on the port. The refusal comes at once; the attempt's timeout is kept well above it so
        // that a loaded machine (thread pool slow to run the continuation) cannot turn 'refused' into 'timed out'.
        int closed = Ports.Free();
        await using (var s = await TestServer.Start(Fresh("pacs-down") with { PacsUrl = $"http://127.0.0.1:{closed}/dicom-web", PacsTimeout = TimeSpan.FromSeconds(10) }))
        {
            var r = await f.Http.GetAsync(s.Url + "/api/pacs/studies");
            Assert.Equal(HttpStatusCode.BadGateway, r.StatusCode);
            Assert.Contains("cannot be reached", await r.Content.ReadAsStringAsync());
        }
        // Slow: a server that accepts the connection and never answers.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var held = new List<TcpClient>();
        _ = Task.Run(async () => { try { while (true) held.Add(await silent.AcceptTcpClientAsync()); } catch (Exception) { } });
        await using (var s = await TestServer.Start(Fresh("pacs-slow") with { PacsUrl = $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/dicom-web", PacsTimeout = TimeSpan.FromSeconds(1) }))
        {
            var clock = Stopwatch.StartNew();
            var r = await f.Http.GetAsync(s.Url + "/api/pacs/studies");
            Assert.Equal(HttpStatusCode.GatewayTimeout, r.StatusCode);
            Assert.Contains("did not answer within 1 s", await r.Content.ReadAsStringAsync());
            // Three attempts of one second and the back-off, not the 100 s of a default client.
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), clock.Elapsed.ToString());
            var post = await f.Http.PostAsync(s.Url + "/api/pacs/studies/1.2.3", null);
            Assert.Equal(HttpStatusCode.GatewayTimeout, post.StatusCode);
        }
        foreach (var c in held) c.Dispose();
    }

    [Fact]
    public async Task FailedStoreBack_LeavesAnalysisDoneWithWarning()
    {
        int closed = Ports.Free();
        await using var s = await TestServer.Start(Fresh("storeback") with { PacsTimeout = TimeSpan.FromSeconds(1) });
        var jobs = s.App.Services.GetRequiredService<JobQueue>();
        var job = new StudyJob { JobId = "storebackjob0001", StudyId = "storebackstudy01", Folder = Path.Combine(s.Options.DataDir, "studies", "storebackstudy01"), StoreBackTo = $"http://127.0.0.1:{closed}/dicom-web" };
        Directory.CreateDirectory(job.InputPath);
        foreach (var file in Directory.GetFiles(f.PhantomDicom)) File.Copy(file, Path.Combine(job.InputPath, Path.GetFileName(file)));
        Assert.True(jobs.TryReserve());
        await jobs.Enqueue(job);
        var state = await ApiTests.WaitDone(f.Http, s.Url, job.JobId);
        Assert.Equal("done", state["state"]!.GetValue<string>());
        Assert.Contains(state["warnings"]!.AsArray(), w => w!.GetValue<string>().Contains("could not be stored in the PACS"));
    }
}
