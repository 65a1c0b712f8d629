using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CalciScope.Web;
using Microsoft.AspNetCore.Builder;

namespace CalciScope.Tests.Batch;

/// <summary>
/// `serve --broker`: an upload goes on the batch's durable queue, the server is restarted before any worker runs, and
/// a `calciscope worker` started afterwards finishes the job the restarted server then shows done, report and all.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class WebOnBrokerTests(ServersFixture servers) : IClassFixture<ServersFixture>, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("calciscope-webbroker-").FullName;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(2) };

    public void Dispose()
    {
        _http.Dispose();
        try { Directory.Delete(_root, true); } catch (IOException) { }
    }

    private async Task<(WebApplication App, string Url)> Serve(WebOptions options)
    {
        var app = WebServer.Build(options);
        await app.StartAsync();
        return (app, app.Urls.First().TrimEnd('/'));
    }

    [Fact]
    public async Task UploadQueued_ServerRestarted_WorkerFinishesIt_ServerShowsItDone()
    {
        var source = Studies.Make(_root, 1, withBroken: false, size: 128, slices: 24);
        var zip = Path.Combine(_root, "study.zip");
        ZipFile.CreateFromDirectory(Path.Combine(source, "study001", "dicom"), zip);
        var options = new WebOptions { Urls = "http://127.0.0.1:0", DataDir = Path.Combine(_root, "data"), BrokerUrl = servers.AmqpUrl };

        string job, study;
        var (app, url) = await Serve(options);
        try
        {
            var content = new ByteArrayContent(await File.ReadAllBytesAsync(zip));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
            var r = await _http.PostAsync(url + "/api/studies", content);
            Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
            var j = JsonNode.Parse(await r.Content.ReadAsStringAsync())!;
            (job, study) = (j["job_id"]!.GetValue<string>(), j["study_id"]!.GetValue<string>());
            Assert.Equal("queued", JsonNode.Parse(await _http.GetStringAsync($"{url}/api/jobs/{job}"))!["state"]!.GetValue<string>());
        }
        finally { await app.StopAsync(); await app.DisposeAsync(); }

        // Restarted; the job is still known, still queued.
        (app, url) = await Serve(options);
        try
        {
            Assert.Equal("queued", JsonNode.Parse(await _http.GetStringAsync($"{url}/api/jobs/{job}"))!["state"]!.GetValue<string>());
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { Studies.CliDll, "worker", "--broker", servers.AmqpUrl, "--store", Path.Combine(_root, "results.db"), "--out", Path.Combine(_root, "out"), "--exit-when-idle", "4" })
                psi.ArgumentList.Add(a);
            using var worker = Process.Start(psi)!;
            var log = worker.StandardError.ReadToEndAsync();
            JsonNode state = null!;
            for (int i = 0; i < 600; i++)
            {
                state = JsonNode.Parse(await _http.GetStringAsync($"{url}/api/jobs/{job}"))!;
                if (state["state"]!.GetValue<string>() is "done" or "failed") break;
                await Task.Delay(200);
            }
            Assert.True(state["state"]!.GetValue<string>() == "done", state.ToJsonString() + " " + (worker.HasExited ? await log : ""));
            var entry = JsonNode.Parse(await _http.GetStringAsync($"{url}/api/studies/{study}"))!;
            Assert.Contains("PHANTOM", entry["banner"]!["patient_name"]!.GetValue<string>());
            var pdf = await _http.GetAsync($"{url}/api/studies/{study}/report/report.pdf");
            Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
            var labels = await _http.GetAsync($"{url}/api/studies/{study}/volumes/labels.nii.gz");
            Assert.Equal(HttpStatusCode.OK, labels.StatusCode);
            var differential = JsonNode.Parse(await _http.GetStringAsync($"{url}/api/studies/{study}/differential"))!;
            Assert.Equal("calciscope.differential/1", differential["schema"]!.GetValue<string>());
            await worker.WaitForExitAsync();
        }
        finally { await app.StopAsync(); await app.DisposeAsync(); }
    }
}
