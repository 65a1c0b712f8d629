using System.Reflection;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CalciScope.Pacs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CalciScope.Web;

/// <summary>`calciscope serve`: the page with its viewer, the REST API with its OpenAPI document, and the PACS link, on Kestrel.</summary>
public static class WebServer
{
    /// <summary>The page's files, embedded at build time (the viewer bundled from the npm lockfile): nothing is fetched from elsewhere at run time.</summary>
    private static readonly Dictionary<string, string> Assets = new()
    {
        ["/app.js"] = "text/javascript; charset=utf-8", ["/app.css"] = "text/css; charset=utf-8", ["/viewer.js"] = "text/javascript; charset=utf-8",
    };

    public static WebApplication Build(WebOptions options)
    {
        options.Validate();
        DataFolder.CreatePrivate(options.DataDir);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Urls.Split(';'));
        if (options.UsesTls) builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = options.MaxUploadBytes;
            k.AddServerHeader = false;
            if (options.UsesTls)
            {
                var cert = X509Certificate2.CreateFromPemFile(options.TlsCertPath!, options.TlsKeyPath);
                k.ConfigureHttpsDefaults(h => h.ServerCertificate = cert);
            }
        });
        builder.Services.Configure<FormOptions>(f => { f.MultipartBodyLengthLimit = options.MaxUploadBytes; f.ValueCountLimit = options.MaxFiles + 16; });
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        // Warnings and errors only, and never request bodies: no patient data in the logs.
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(options);
        builder.Services.AddHttpClient();
        builder.Services.AddSingleton(sp => new PacsLink(() => sp.GetRequiredService<IHttpClientFactory>().CreateClient("pacs"), options.PacsTimeout));
        builder.Services.AddSingleton<JobQueue>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<JobQueue>());
        builder.Services.AddSingleton<DataFolder>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DataFolder>());
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info = new() { Title = "CalciScope", Version = "1", Description = "Soft-tissue calcification work-up: upload, analysis, differential, reports." };
            return Task.CompletedTask;
        }));
        var app = builder.Build();
        WebSecurity.Use(app, options, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CalciScope.Web"));
        app.MapOpenApi("/openapi.json");
        app.MapGet("/", (HttpContext ctx) =>
        {
            WebSecurity.IssueCsrfCookie(ctx, options);
            return Results.Content(Asset("index.html"), "text/html; charset=utf-8");
        }).ExcludeFromDescription();
        foreach (var (path, type) in Assets)
            app.MapGet(path, () => Asset(path[1..]) is { } text ? Results.Content(text, type) : Results.NotFound()).ExcludeFromDescription();
        Api.Map(app, options, app.Services.GetRequiredService<JobQueue>(), app.Services.GetRequiredService<PacsLink>());
        return app;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string?> AssetCache = new();

    /// <summary>An embedded file of the page, read once (the viewer bundle is megabytes).</summary>
    private static string? Asset(string name) => AssetCache.GetOrAdd(name, ReadAsset);

    private static string? ReadAsset(string name)
    {
        var asm = Assembly.GetExecutingAssembly();
        var resource = asm.GetManifestResourceNames().SingleOrDefault(n => n.EndsWith(".wwwroot." + name, StringComparison.Ordinal));
        if (resource is null) return null;
        using var s = asm.GetManifestResourceStream(resource)!;
        return new StreamReader(s).ReadToEnd();
    }
}
