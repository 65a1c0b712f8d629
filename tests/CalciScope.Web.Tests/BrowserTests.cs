using Microsoft.Playwright;

namespace CalciScope.Tests.Web;

/// <summary>
/// The page in Debian's chromium, driven by Playwright (no browser download; WebGL2 through SwiftShader): upload the
/// seed-like phantom, then the viewer: scrolling, window presets, the overlay, lesion rows, measuring; re-ranking and
/// the PDF; the layout at phone width. Screenshots are kept in artifacts/screenshots.
/// </summary>
public class BrowserTests(WebHostFixture f) : IClassFixture<WebHostFixture>
{
    internal static string Artifacts
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

    internal static Task<IBrowser> Launch(IPlaywright pw) => pw.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = "/usr/bin/chromium",
        Headless = true,
        // WebGL2 without a GPU: ANGLE on SwiftShader.
        Args = ["--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });

    private static readonly PageWaitForFunctionOptions Long = new() { Timeout = 120_000, PollingInterval = 200 };

    private static async Task<double[]> Crosshair(IPage page) => await page.EvaluateAsync<double[]>("() => window.calciscopeViewer.state().crosshair");

    [Fact]
    public async Task Page_UploadViewScrollWindowOverlayLesionRerankPdf()
    {
        using var pw = await Playwright.CreateAsync();
        await using var browser = await Launch(pw);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1500, Height = 1000 }, AcceptDownloads = true });
        var cspErrors = new List<string>();
        var console = new List<string>();
        page.Console += (_, m) => { console.Add(m.Type + ": " + m.Text); if (m.Type == "error") cspErrors.Add(m.Text); };
        page.PageError += (_, e) => console.Add("page error: " + e);
        await page.GotoAsync(f.BaseUrl + "/");
        await page.SetInputFilesAsync("#files", Directory.GetFiles(f.PhantomDicom).Order().ToArray());
        await page.ClickAsync("#send");
        try
        {
            await page.WaitForFunctionAsync("() => document.querySelectorAll('#lesions tr[data-id]').length > 3 && window.calciscopeViewer?.state().volumes === 2", null, Long);
        }
        catch (TimeoutException)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, "viewer_0_timeout.png"), FullPage = true });
            throw new TimeoutException("the viewer did not load; the page said: " + string.Join(" | ", console));
        }
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('img.key')].every(i => i.complete && i.naturalWidth > 100)", null, Long);
        Assert.Contains("subcutaneous", await page.InnerTextAsync("#lesions"));
        Assert.Contains("PHANTOM", await page.InnerTextAsync("#banner"));
        Assert.Contains("done", await page.InnerTextAsync("#studies"));
        // Key images in slice order, the MIP among them.
        var names = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('img.key')].map(i => i.alt)");
        var axialZ = names.Where(n => n.Contains("axial_z")).Select(n => int.Parse(new string(n.Split("axial_z")[1].TakeWhile(char.IsAsciiDigit).ToArray()))).ToList();
        Assert.Equal(axialZ.Order(), axialZ);
        Assert.Contains(names, n => n.Contains("mip"));
        var canvas = page.Locator("#viewer");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, "viewer_1_loaded.png"), FullPage = true });
        // The overlay is the report's DICOM SEG read in the page: as many labelled voxels as the label map the server
        // decoded from the same SEG (an independent reader, CalciScope's C# one).
        var shownStudy = await page.GetAttributeAsync("#studies tr.current", "data-study");
        var labelMap = CalciScope.Nifti.NiftiReader.Read(Path.Combine(f.Options.DataDir, "studies", shownStudy!, "labels.nii.gz")).Hu.Data;
        long labelled = 0;
        foreach (var v in labelMap) if (v != 0) labelled++;
        Assert.True(labelled > 0);
        Assert.Equal(labelled, await page.EvaluateAsync<long>("() => window.calciscopeViewer.state().overlayVoxels"));

        // Scrolling over the image changes the slice.
        var before = await Crosshair(page);
        await canvas.HoverAsync();
        for (int i = 0; i < 5; i++) await page.Mouse.WheelAsync(0, 120);
        await page.WaitForTimeoutAsync(300);
        var after = await Crosshair(page);
        Assert.True(Math.Abs(after[2] - before[2]) > 1e-3, $"slice did not move: {before[2]} -> {after[2]}");

        // A window preset changes the window and the pixels.
        var soft = await canvas.ScreenshotAsync();
        await page.ClickAsync("[data-preset=bone]");
        await page.WaitForTimeoutAsync(300);
        Assert.Equal(new double[] { -500, 1500 }, await page.EvaluateAsync<double[]>("() => window.calciscopeViewer.state().window"));
        var bone = await canvas.ScreenshotAsync();
        Assert.NotEqual(soft, bone);
        await page.ClickAsync("[data-preset=soft]");

        // Clicking a lesion row moves the viewer to that lesion's slice; the row is highlighted.
        var row = page.Locator("#lesions tr[data-id]").Nth(1);
        var id = await row.GetAttributeAsync("data-id");
        await row.ClickAsync();
        await page.WaitForTimeoutAsync(300);
        var lesionZ = await page.EvaluateAsync<double>($"async () => (await (await fetch(location.origin + '/api/studies/' + document.querySelector('#studies tr.current').dataset.study + '/analysis')).json()).lesions.find(l => l.id == {id}).centroid_mm[2]");
        var viewZ = await page.EvaluateAsync<double>("() => window.calciscopeViewer.state().lps[2]");
        Assert.InRange(viewZ, lesionZ - 3.5, lesionZ + 3.5);
        Assert.Equal(id, await page.GetAttributeAsync("#lesions tr.current", "data-id"));
        Assert.Contains("HU", await page.InnerTextAsync("#probe"));

        // The overlay toggles per compartment.
        var withOverlay = await canvas.ScreenshotAsync();
        await page.UncheckAsync("#overlay-toggles input[data-label='2']");
        await page.WaitForTimeoutAsync(300);
        Assert.DoesNotContain(2, await page.EvaluateAsync<int[]>("() => window.calciscopeViewer.state().visible"));
        var withoutSubcutaneous = await canvas.ScreenshotAsync();
        Assert.NotEqual(withOverlay, withoutSubcutaneous);
        await page.CheckAsync("#overlay-toggles input[data-label='2']");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, "viewer_2_lesion.png"), FullPage = true });

        // Coronal view and a length measured by dragging.
        await page.ClickAsync("[data-view=coronal]");
        await page.SelectOptionAsync("#drag-mode", "measure");
        var box = (await canvas.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + box.Width * 0.3f, box.Y + box.Height * 0.5f);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + box.Width * 0.6f, box.Y + box.Height * 0.5f, new MouseMoveOptions { Steps = 8 });
        await page.Mouse.UpAsync();
        await page.WaitForTimeoutAsync(300);
        Assert.Equal("coronal", await page.EvaluateAsync<string>("() => window.calciscopeViewer.state().sliceType"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, "viewer_3_coronal_measure.png"), FullPage = true });

        // Re-ranking with SLE ticked, then the PDF says the same as the page.
        await page.CheckAsync("#checks input[value=sle]");
        await page.WaitForFunctionAsync("() => document.querySelector('#differential tr[data-id]')?.dataset.id === 'lupus_panniculitis'", null, Long);
        // Findings the case lacks are said as absent ("no ..."), never listed as if present.
        Assert.All(await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#differential span.absent')].map(s => s.textContent)"),
            t => Assert.StartsWith("no ", t));
        var pageTopName = (await page.InnerTextAsync("#differential tr[data-id] td:nth-child(2)")).Trim();
        var pageTopP = double.Parse((await page.InnerTextAsync("#differential tr[data-id] td:nth-child(3)")).Replace("%", "").Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#downloads a:text('PDF')"));
        var pdf = Path.Combine(Artifacts, "downloaded_report.pdf");
        await download.SaveAsAsync(pdf);
        var head = new byte[4];
        await using (var s = File.OpenRead(pdf)) s.ReadExactly(head);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(head));
        var pdfText = PdfText(pdf);
        // The report rewritten in the background carries the page's differential, not the one of the upload.
        var said = System.Text.RegularExpressions.Regex.Match(pdfText.ReplaceLineEndings(" "), System.Text.RegularExpressions.Regex.Escape(pageTopName) + @": (\d+) %");
        Assert.True(said.Success, $"the PDF does not rank {pageTopName}");
        // The page shows one decimal, the PDF whole per cent: the same probability within their rounding.
        Assert.InRange(int.Parse(said.Groups[1].Value), pageTopP - 0.55, pageTopP + 0.55);

        // Nothing the page does is refused by its own Content-Security-Policy.
        Assert.DoesNotContain(cspErrors, e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));

        // At tablet width the viewer spans the page; nothing scrolls sideways.
        await page.SetViewportSizeAsync(820, 1180);
        await page.WaitForTimeoutAsync(300);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "the page scrolls sideways at tablet width");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, "viewer_4_tablet.png"), FullPage = true });

        // At phone width the page reflows: no sideways scrolling, the controls still labelled.
        await page.SetViewportSizeAsync(390, 844);
        await page.WaitForTimeoutAsync(300);
        var wide = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).map(e => e.tagName + '#' + e.id + '.' + e.className).slice(0, 8)");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "the page scrolls sideways at phone width: " + string.Join(", ", wide));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => [...document.querySelectorAll('input:not([type=checkbox]), textarea, select')].filter(e => !e.labels?.length && !e.getAttribute('aria-label')).length"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, "viewer_5_phone.png"), FullPage = true });
    }

    [Fact]
    public async Task Page_PacsDown_SaysSoInsteadOfHidingTheList()
    {
        int closed = Ports.Free();
        await using var server = await TestServer.Start(f.Fresh("page-pacs-down") with { PacsUrl = $"http://127.0.0.1:{closed}/dicom-web", PacsTimeout = TimeSpan.FromSeconds(1) });
        using var pw = await Playwright.CreateAsync();
        await using var browser = await Launch(pw);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(server.Url + "/");
        await page.WaitForFunctionAsync("() => document.querySelector('#pacs-error')?.textContent.includes('cannot be reached')", null, Long);
        Assert.True(await page.IsVisibleAsync("#pacs"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, "pacs_down.png"), FullPage = true });
    }

    /// <summary>The text of a PDF by poppler's pdftotext (an independent reader).</summary>
    internal static string PdfText(string pdf)
    {
        var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("pdftotext", $"-layout \"{pdf}\" -") { RedirectStandardOutput = true })!;
        var text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return text;
    }
}
