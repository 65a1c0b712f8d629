using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace CalciScope.Web;

/// <summary>
/// What stands between the network and the API, outermost first: every error as JSON, security headers, the Host
/// allow-list (DNS rebinding), the cross-site rules (CSRF) and the access token.
/// </summary>
public static class WebSecurity
{
    /// <summary>HttpOnly cookie that carries the access token for the page's own requests (images, downloads, the viewer's volumes).</summary>
    public const string AuthCookie = "calciscope_auth";
    /// <summary>Double-submit anti-forgery cookie: the page echoes it in <see cref="CsrfHeader"/>; another site can neither read nor set it.</summary>
    public const string CsrfCookie = "calciscope_csrf";
    public const string CsrfHeader = "X-CSRF-Token";

    /// <summary>No inline script or style, nothing from another origin, never framed; blob: workers and images for the viewer.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; worker-src 'self' blob:; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Paths served without a token: the page and its assets, which hold no patient data.</summary>
    private static readonly HashSet<string> PublicPaths = ["/", "/app.js", "/app.css", "/viewer.js", "/favicon.ico"];

    public static void Use(WebApplication app, WebOptions options, ILogger log)
    {
        app.Use(JsonErrors(log));
        app.Use(SecurityHeaders(options));
        if (options.HostAllowList() is { } hosts) app.Use(HostFilter(hosts));
        app.Use(CrossSiteRules);
        if (!string.IsNullOrEmpty(options.Token)) app.Use(RequireToken(options.Token));
    }

    /// <summary>Sets the anti-forgery cookie when the page is loaded without one.</summary>
    public static void IssueCsrfCookie(HttpContext ctx, WebOptions options)
    {
        if (ctx.Request.Cookies.ContainsKey(CsrfCookie)) return;
        ctx.Response.Cookies.Append(CsrfCookie, WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32)), new CookieOptions
        {
            HttpOnly = false, SameSite = SameSiteMode.Strict, Secure = options.UsesTls, Path = "/", IsEssential = true,
        });
    }

    /// <summary>Sets the HttpOnly session cookie after the page has shown the token once in the Authorization header.</summary>
    public static void IssueAuthCookie(HttpContext ctx, WebOptions options) =>
        ctx.Response.Cookies.Append(AuthCookie, options.Token ?? "", new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = options.UsesTls, Path = "/", IsEssential = true,
        });

    private static Func<HttpContext, RequestDelegate, Task> JsonErrors(ILogger log) => async (ctx, next) =>
    {
        try
        {
            await next(ctx);
        }
        catch (BadHttpRequestException e) when (!ctx.Response.HasStarted)
        {
            await WriteError(ctx, e.StatusCode, e.Message);
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException && !ctx.Response.HasStarted)
        {
            // The type only: a message can carry a path or a value from a study.
            log.LogError("request {Method} {Route} failed with {Type}", ctx.Request.Method, ctx.GetEndpoint()?.DisplayName, e.GetType().Name);
            await WriteError(ctx, 500, "internal error");
            return;
        }
        // Framework answers without a body (405, 404 of an unknown route, 415) still get a JSON reason.
        if (!ctx.Response.HasStarted && ctx.Response.StatusCode >= 400 && ctx.Response.ContentLength is null && ctx.Response.ContentType is null)
            await WriteError(ctx, ctx.Response.StatusCode, ReasonPhrases.GetReasonPhrase(ctx.Response.StatusCode).ToLowerInvariant());
    };

    public static Task WriteError(HttpContext ctx, int status, string message)
    {
        ctx.Response.Clear();
        ctx.Response.StatusCode = status;
        return ctx.Response.WriteAsJsonAsync(new ApiError(message));
    }

    private static Func<HttpContext, RequestDelegate, Task> SecurityHeaders(WebOptions options) => (ctx, next) =>
    {
        ctx.Response.OnStarting(() =>
        {
            var h = ctx.Response.Headers;
            h.ContentSecurityPolicy = ContentSecurityPolicy;
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "no-referrer";
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            h["Cross-Origin-Resource-Policy"] = "same-origin";
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            // Results are patient data: no shared or disk cache keeps them.
            if (ctx.Request.Path.StartsWithSegments("/api")) h.CacheControl = "no-store";
            if (options.UsesTls) h.StrictTransportSecurity = "max-age=31536000";
            return Task.CompletedTask;
        });
        return next(ctx);
    };

    private static Func<HttpContext, RequestDelegate, Task> HostFilter(IReadOnlySet<string> hosts) => (ctx, next) =>
    {
        var host = ctx.Request.Host;
        bool ok = host.HasValue && (hosts.Contains(host.Value) || hosts.Contains(host.Host) || hosts.Contains("[" + host.Host + "]"));
        return ok ? next(ctx) : WriteError(ctx, 400, "this server does not answer to that host name");
    };

    private static Task CrossSiteRules(HttpContext ctx, RequestDelegate next)
    {
        var req = ctx.Request;
        if (HttpMethods.IsGet(req.Method) || HttpMethods.IsHead(req.Method) || HttpMethods.IsOptions(req.Method)) return next(ctx);
        var site = req.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && site is not ("same-origin" or "none"))
            return WriteError(ctx, 403, "cross-site request refused");
        var origin = req.Headers.Origin.ToString();
        if (origin.Length > 0 && !SameOrigin(origin, req))
            return WriteError(ctx, 403, "request from another origin refused");
        // A browser request must prove it comes from the page (double-submit token). Browsers mark their requests with
        // Origin, Sec-Fetch-Site or Referer, and only a browser session rides on the auth cookie. A request carrying the
        // Authorization header (never added by a browser on its own), or none of these marks (curl, scripts, PACS
        // integrations with a cookie jar), cannot be forged by another site.
        bool fromBrowser = origin.Length > 0 || site.Length > 0 || req.Headers.Referer.Count > 0 || req.Cookies.ContainsKey(AuthCookie);
        if (fromBrowser && req.Headers.Authorization.Count == 0)
        {
            var cookie = req.Cookies[CsrfCookie] ?? "";
            var header = req.Headers[CsrfHeader].ToString();
            if (cookie.Length == 0 || !FixedEquals(cookie, header))
                return WriteError(ctx, 403, "missing or wrong anti-forgery token (reload the page)");
        }
        return next(ctx);
    }

    private static bool SameOrigin(string origin, HttpRequest req)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var o) || !req.Host.HasValue) return false;
        // Compared by authority, with the origin's scheme for the default port: a TLS-terminating proxy changes the scheme, not the host.
        return Uri.TryCreate(o.Scheme + "://" + req.Host.Value, UriKind.Absolute, out var self)
               && string.Equals(o.Authority, self.Authority, StringComparison.OrdinalIgnoreCase);
    }

    private static Func<HttpContext, RequestDelegate, Task> RequireToken(string token) => (ctx, next) =>
    {
        if (PublicPaths.Contains(ctx.Request.Path.Value ?? "")) return next(ctx);
        var presented = BearerToken(ctx.Request.Headers.Authorization.ToString()) ?? ctx.Request.Cookies[AuthCookie];
        return presented is not null && FixedEquals(presented, token) ? next(ctx) : WriteError(ctx, 401, "missing or wrong access token");
    };

    /// <summary>The credential of an `Authorization: Bearer ...` header; the scheme is case-insensitive (RFC 9110, 11.1).</summary>
    public static string? BearerToken(string header)
    {
        var parts = header.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2 && parts[0].Equals("Bearer", StringComparison.OrdinalIgnoreCase) ? parts[1].Trim() : null;
    }

    private static bool FixedEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));
}

/// <summary>Every error the API answers: one line saying what was wrong.</summary>
public sealed record ApiError(string Error);
