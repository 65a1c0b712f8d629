using System.IO.Compression;
using CalciScope.Phantoms;
using CalciScope.Web;
using Microsoft.AspNetCore.Builder;

namespace CalciScope.Tests.Web;

/// <summary>A CalciScope server on a free loopback port, and a zip of the seed-like phantom to upload.</summary>
public sealed class WebHostFixture : IAsyncLifetime
{
    public WebApplication App { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";
    public string Root { get; } = Directory.CreateTempSubdirectory("calciscope-web-").FullName;
    public string PhantomZip => Path.Combine(Root, "seed.zip");
    public string PhantomDicom => Path.Combine(Root, "phantom", "dicom");
    public WebOptions Options { get; private set; } = null!;
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromMinutes(2) };

    public async Task InitializeAsync()
    {
        var study = PhantomGenerator.Generate(new PhantomOptions { Case = "seed", Size = 256, PixelMm = 1.42, Slices = 50, SliceMm = 3.2 });
        PhantomWriter.Write(study, Path.Combine(Root, "phantom"));
        ZipFile.CreateFromDirectory(PhantomDicom, PhantomZip);
        Options = new WebOptions
        {
            Urls = "http://127.0.0.1:0", DataDir = Path.Combine(Root, "data"), StorePath = Path.Combine(Root, "store.db"),
            MaxUploadBytes = 64L << 20, QueueCapacity = 2, PacsUrl = Environment.GetEnvironmentVariable("CALCISCOPE_TEST_PACS"),
        };
        App = WebServer.Build(Options);
        await App.StartAsync();
        BaseUrl = App.Urls.First().TrimEnd('/');
    }

    /// <summary>Options for a server of one test's own (its own folder and queue, no store or PACS).</summary>
    public WebOptions Fresh(string name) => Options with { DataDir = Path.Combine(Root, name), StorePath = null, PacsUrl = null };

    public async Task DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        try { Directory.Delete(Root, true); } catch (IOException) { }
    }
}
