using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using CalciScope.Web;
using Microsoft.AspNetCore.Builder;

namespace CalciScope.Tests.Web;

/// <summary>A real Orthanc (Debian's package, with its DICOMweb plugin) on a loopback port, started for the tests.</summary>
public sealed class OrthancFixture : IAsyncLifetime
{
    private Process? _orthanc;
    public string Root { get; } = Directory.CreateTempSubdirectory("calciscope-orthanc-").FullName;
    public string RestUrl { get; private set; } = "";
    public string DicomWebUrl => RestUrl + "/dicom-web";
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromMinutes(2) };

    public async Task InitializeAsync()
    {
        int http = Ports.Free(), dicom = Ports.Free();
        var config = new JsonObject
        {
            ["Name"] = "CalciScopeTest", ["StorageDirectory"] = Path.Combine(Root, "db"), ["IndexDirectory"] = Path.Combine(Root, "db"),
            ["HttpPort"] = http, ["DicomPort"] = dicom, ["RemoteAccessAllowed"] = false, ["AuthenticationEnabled"] = false,
            ["HttpBindAddress"] = "127.0.0.1", ["DicomServerEnabled"] = false,
            ["Plugins"] = new JsonArray("/usr/share/orthanc/plugins/libOrthancDicomWeb.so"),
            ["DicomWeb"] = new JsonObject { ["Enable"] = true, ["Root"] = "/dicom-web/" },
        };
        var path = Path.Combine(Root, "orthanc.json");
        await File.WriteAllTextAsync(path, config.ToJsonString());
        _orthanc = Process.Start(new ProcessStartInfo("/usr/sbin/Orthanc", path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        _orthanc.BeginOutputReadLine();
        _orthanc.BeginErrorReadLine();
        RestUrl = $"http://127.0.0.1:{http}";
        for (int i = 0; i < 100; i++)
        {
            try { if ((await Http.GetAsync(RestUrl + "/system")).IsSuccessStatusCode) return; }
            catch (HttpRequestException) { }
            await Task.Delay(200);
        }
        throw new InvalidOperationException("Orthanc did not start");
    }

    public Task DisposeAsync()
    {
        try { _orthanc?.Kill(true); _orthanc?.WaitForExit(5000); } catch (InvalidOperationException) { }
        try { Directory.Delete(Root, true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}

public class OrthancTests(OrthancFixture orthanc) : IClassFixture<OrthancFixture>
{
    [Fact]
    public async Task Pacs_StoreStudyAnalyseByUidFindSegAndSrBack()
    {
        using var tmp = new TempDirectory();
        var study = CalciScope.Phantoms.PhantomGenerator.Generate(new CalciScope.Phantoms.PhantomOptions { Case = "seed", Size = 192, PixelMm = 1.9, Slices = 36, SliceMm = 4.4 });
        var dicom = CalciScope.Phantoms.PhantomWriter.Write(study, tmp.Path);
        foreach (var file in Directory.GetFiles(dicom))
            (await orthanc.Http.PostAsync(orthanc.RestUrl + "/instances", new ByteArrayContent(await File.ReadAllBytesAsync(file)))).EnsureSuccessStatusCode();

        var options = new WebOptions { Urls = "http://127.0.0.1:0", DataDir = Path.Combine(tmp.Path, "data"), PacsUrl = orthanc.DicomWebUrl };
        var app = WebServer.Build(options);
        await app.StartAsync();
        try
        {
            var url = app.Urls.First().TrimEnd('/');
            var http = orthanc.Http;
            var list = JsonNode.Parse(await http.GetStringAsync(url + "/api/pacs/studies"))!.AsArray();
            Assert.Contains(list, s => s!["0020000D"]!["Value"]![0]!.GetValue<string>() == study.Info.StudyUid);
            var r = await http.PostAsync($"{url}/api/pacs/studies/{study.Info.StudyUid}", null);
            Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
            var job = JsonNode.Parse(await r.Content.ReadAsStringAsync())!["job_id"]!.GetValue<string>();
            var state = await ApiTests.WaitDone(http, url, job);
            Assert.True(state["state"]!.GetValue<string>() == "done", state.ToJsonString());
            // The SEG and SR are now series of the same study in Orthanc.
            var series = JsonNode.Parse(await http.GetStringAsync($"{orthanc.DicomWebUrl}/studies/{study.Info.StudyUid}/series"))!.AsArray();
            var modalities = series.Select(s => s!["00080060"]!["Value"]![0]!.GetValue<string>()).ToList();
            Assert.Contains("SEG", modalities);
            Assert.Contains("SR", modalities);
            Assert.Contains("CT", modalities);
            // The SR stored back carries the differential (imaging only at this point).
            var srSeries = series.Single(s => s!["00080060"]!["Value"]![0]!.GetValue<string>() == "SR")!["0020000E"]!["Value"]![0]!.GetValue<string>();
            var srInstances = JsonNode.Parse(await http.GetStringAsync($"{orthanc.RestUrl}/series/{await OrthancId(http, "Series", srSeries)}/instances"))!.AsArray();
            var srBytes = await http.GetByteArrayAsync($"{orthanc.RestUrl}/instances/{srInstances[0]!["ID"]!.GetValue<string>()}/file");
            var srText = System.Text.Encoding.UTF8.GetString(srBytes);
            var top = JsonNode.Parse(await http.GetStringAsync($"{url}/api/studies/{state["study_id"]!.GetValue<string>()}/differential"))!["differential"]![0]!;
            Assert.Contains(top["name"]!.GetValue<string>() + ":", srText);

            // Analysing the same study again replaces nothing and adds nothing: the same SEG and SR, not another pair.
            var again = await http.PostAsync($"{url}/api/pacs/studies/{study.Info.StudyUid}", null);
            var job2 = JsonNode.Parse(await again.Content.ReadAsStringAsync())!["job_id"]!.GetValue<string>();
            Assert.Equal("done", (await ApiTests.WaitDone(http, url, job2))["state"]!.GetValue<string>());
            var seriesAfter = JsonNode.Parse(await http.GetStringAsync($"{orthanc.DicomWebUrl}/studies/{study.Info.StudyUid}/series"))!.AsArray();
            Assert.Equal(3, seriesAfter.Count);
            var instances = JsonNode.Parse(await http.GetStringAsync($"{orthanc.RestUrl}/studies/{await OrthancId(http, "Study", study.Info.StudyUid)}/instances"))!.AsArray();
            Assert.Equal(Directory.GetFiles(dicom).Length + 2, instances.Count);
            Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync($"{url}/api/pacs/studies/1.2.3.4.5", null)).StatusCode);
        }
        finally { await app.StopAsync(); }
    }

    /// <summary>Orthanc's own id of a study or series, by its DICOM UID.</summary>
    private async Task<string> OrthancId(HttpClient http, string level, string uid)
    {
        var r = await http.PostAsync(orthanc.RestUrl + "/tools/lookup", new StringContent(uid));
        return JsonNode.Parse(await r.Content.ReadAsStringAsync())!.AsArray().Single(x => x!["Type"]!.GetValue<string>() == level)!["ID"]!.GetValue<string>();
    }

    private sealed class TempDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("calciscope-pacs-").FullName;
        public void Dispose() { try { Directory.Delete(Path, true); } catch (IOException) { } }
    }
}

/// <summary>`calciscope batch` over a QIDO-RS query: the PACS's CTs of a date range, fetched, analysed, keyed by their UIDs.</summary>
public class BatchFromPacsTests(OrthancFixture orthanc) : IClassFixture<OrthancFixture>
{
    [Fact]
    public async Task Batch_DicomWebQueryByDate_AnalysesOnlyTheMatchingStudies_ThenSkipsThem()
    {
        var root = Directory.CreateTempSubdirectory("calciscope-pacs-batch-").FullName;
        try
        {
            var wanted = new List<string>();
            foreach (var (date, seed) in new[] { ("20250110", 1), ("20260315", 2), ("20260601", 3) })
            {
                var study = CalciScope.Phantoms.PhantomGenerator.Generate(new CalciScope.Phantoms.PhantomOptions { Case = "seed", Size = 112, PixelMm = 3.2, Slices = 20, SliceMm = 6, Seed = seed, StudyDate = date });
                var dicom = CalciScope.Phantoms.PhantomWriter.Write(study, Path.Combine(root, "s" + seed));
                foreach (var file in Directory.GetFiles(dicom))
                    (await orthanc.Http.PostAsync(orthanc.RestUrl + "/instances", new ByteArrayContent(await File.ReadAllBytesAsync(file)))).EnsureSuccessStatusCode();
                if (date.StartsWith("2026")) wanted.Add(study.Info.StudyUid);
            }
            var query = $"{orthanc.DicomWebUrl}?StudyDate=20260101-20261231&ModalitiesInStudy=CT";
            var outDir = Path.Combine(root, "out");
            var o = new StringWriter();
            var e = new StringWriter();
            Assert.True(CalciScope.Cli.CliApp.Run(["batch", query, "--out", outDir], o, e) == 0, e.ToString());
            Assert.Contains("2 studies: 2 analysed (0 failed)", o.ToString());
            using (var store = CalciScope.Batch.ResultStore.Open(Path.Combine(outDir, "batch.db")))
                Assert.Equal(wanted.Order(), store.Results().Where(r => r.Status == "done").Select(r => r.StudyKey).Order());
            // The fetched images are gone; the results stay.
            Assert.Empty(Directory.Exists(Path.Combine(outDir, ".fetch")) ? Directory.GetFileSystemEntries(Path.Combine(outDir, ".fetch")) : []);
            o = new StringWriter();
            Assert.Equal(0, CalciScope.Cli.CliApp.Run(["batch", query, "--out", outDir], o, new StringWriter()));
            Assert.Contains("2 already done", o.ToString());
        }
        finally { try { Directory.Delete(root, true); } catch (IOException) { } }
    }
}
