using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CalciScope.Web;

/// <summary>`calciscope serve`: the page, the REST API with its OpenAPI document, and the PACS link, on Kestrel.</summary>
public static class WebServer
{
    public static WebApplication Build(WebOptions options)
    {
        options.Validate();
        Directory.CreateDirectory(options.DataDir);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Urls.Split(';'));
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.MaxUploadBytes);
        builder.Services.Configure<FormOptions>(f => { f.MultipartBodyLengthLimit = options.MaxUploadBytes; f.ValueCountLimit = options.MaxFiles + 16; });
        // Warnings and errors only, and never request bodies: no patient data in the logs.
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(options);
        builder.Services.AddHttpClient();
        builder.Services.AddSingleton<JobQueue>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<JobQueue>());
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info = new() { Title = "CalciScope", Version = "1", Description = "Soft-tissue calcification work-up: upload, analysis, differential, reports." };
            return Task.CompletedTask;
        }));
        var app = builder.Build();
        if (!string.IsNullOrEmpty(options.Token)) app.Use(RequireToken(options.Token));
        app.MapOpenApi("/openapi.json");
        app.MapGet("/", () => Results.Content(Asset("index.html"), "text/html; charset=utf-8")).ExcludeFromDescription();
        app.MapGet("/app.js", () => Results.Content(Asset("app.js"), "text/javascript; charset=utf-8")).ExcludeFromDescription();
        Api.Map(app, options, app.Services.GetRequiredService<JobQueue>());
        return app;
    }

    private static Func<HttpContext, RequestDelegate, Task> RequireToken(string token) => async (ctx, next) =>
    {
        // The page itself loads without a token; it then sends the token (from the URL fragment) with every API call.
        bool page = ctx.Request.Path == "/" || ctx.Request.Path == "/app.js";
        var header = ctx.Request.Headers.Authorization.ToString();
        // Images and downloads are fetched by the browser itself, which cannot add a header: they may carry it as a query.
        if (header.Length == 0 && ctx.Request.Method == "GET" && ctx.Request.Query.TryGetValue("access_token", out var q)) header = "Bearer " + q;
        if (!page && !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(header), System.Text.Encoding.UTF8.GetBytes("Bearer " + token)))
        {
            ctx.Response.StatusCode = 401;
            await ctx.Response.WriteAsJsonAsync(new { error = "missing or wrong access token" });
            return;
        }
        await next(ctx);
    };

    private static string Asset(string name)
    {
        var asm = Assembly.GetExecutingAssembly();
        using var s = asm.GetManifestResourceStream(asm.GetManifestResourceNames().Single(n => n.EndsWith(".wwwroot." + name, StringComparison.Ordinal)))!;
        return new StreamReader(s).ReadToEnd();
    }
}
