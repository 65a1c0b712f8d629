using Microsoft.Playwright;

namespace CalciScope.Tests.Web;

/// <summary>
/// The page in Debian's chromium, driven by Playwright (no browser download): upload the seed-like phantom, see the
/// lesion table and a key image, tick SLE and see lupus panniculitis first, download the PDF. Screenshots are kept in
/// artifacts/screenshots.
/// </summary>
public class BrowserTests(WebHostFixture f) : IClassFixture<WebHostFixture>
{
    private static string Artifacts
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CalciScope.sln"))) dir = dir.Parent;
            var path = Path.Combine(dir?.FullName ?? Path.GetTempPath(), "artifacts", "screenshots");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    [Fact]
    public async Task Page_UploadSeeTableTickSleDownloadPdf()
    {
        using var pw = await Playwright.CreateAsync();
        await using var browser = await pw.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 }, AcceptDownloads = true });
        await page.GotoAsync(f.BaseUrl + "/");
        await page.SetInputFilesAsync("#files", Directory.GetFiles(f.PhantomDicom).Order().ToArray());
        await page.ClickAsync("#send");
        await page.WaitForSelectorAsync("#lesions tr:nth-child(2)", new PageWaitForSelectorOptions { Timeout = 120_000 });
        var key = page.Locator("img.key").First;
        await key.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        // The element appears before its PNG has arrived: wait for the decode, and fail if it never comes.
        await page.WaitForFunctionAsync("() => { const img = document.querySelector('img.key'); return img && img.complete && img.naturalWidth > 100; }", null,
            new PageWaitForFunctionOptions { Timeout = 30_000 });
        Assert.Contains("subcutaneous", await page.InnerTextAsync("#lesions"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, "1_uploaded.png"), FullPage = true });

        await page.CheckAsync("#checks input[value=sle]");
        await page.WaitForFunctionAsync("() => document.querySelector('#differential tr[data-id]')?.dataset.id === 'lupus_panniculitis'", null,
            new PageWaitForFunctionOptions { Timeout = 30_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, "2_sle_ticked.png"), FullPage = true });

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#downloads a:text('PDF')"));
        var pdf = Path.Combine(Artifacts, "downloaded_report.pdf");
        await download.SaveAsAsync(pdf);
        var head = new byte[4];
        await using (var s = File.OpenRead(pdf)) s.ReadExactly(head);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(head));
    }
}
