using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CalciScope.Diagnosis;
using CalciScope.Findings;
using CalciScope.Findings.Text;
using CalciScope.Pacs;
using CalciScope.Reports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CalciScope.Web;

/// <summary>The REST API of the contract (upload, job state, analysis, diagnose) and what the page needs besides.</summary>
public static partial class Api
{
    private static readonly string[] ReportFiles = ["report.pdf", "report.html", "report.fhir.json", "report.seg.dcm", "report.sr.dcm"];
    private static readonly string[] ViewerFiles = [WorkUp.VolumeFile, WorkUp.LabelFile];

    public static void Map(WebApplication app, WebOptions options, JobQueue jobs, PacsLink pacs)
    {
        app.MapPost("/api/session", (HttpContext ctx) =>
        {
            // Reached only with the right token (or none configured): the page keeps it as an HttpOnly cookie from here on.
            if (!string.IsNullOrEmpty(options.Token)) WebSecurity.IssueAuthCookie(ctx, options);
            return Results.NoContent();
        }).WithName("OpenSession").WithSummary("Exchange the token in the Authorization header for an HttpOnly session cookie")
            .Produces(204).Produces<ApiError>(401).Produces<ApiError>(403);
        app.MapDelete("/api/session", (HttpContext ctx) =>
        {
            ctx.Response.Cookies.Delete(WebSecurity.AuthCookie);
            return Results.NoContent();
        }).WithName("CloseSession").WithSummary("Forget the session cookie").Produces(204);

        app.MapPost("/api/studies", async (HttpRequest request) =>
        {
            // Room is taken before a byte of the body is read: a full queue costs the client nothing to learn.
            if (!jobs.TryReserve()) return QueueFull(request.HttpContext);
            var job = NewJob(options);
            try
            {
                await UploadReceiver.Receive(request, job.InputPath, options);
            }
            catch (Exception e) when (e is UploadException or BadHttpRequestException)
            {
                jobs.Release();
                TryDelete(job.Folder);
                return e is UploadException u ? Error(u.Status, u.Message) : Error(((BadHttpRequestException)e).StatusCode, e.Message);
            }
            return await Start(jobs, job, request.HttpContext.RequestAborted);
        }).WithName("UploadStudy").WithSummary("Upload a study (zip or multipart files of DICOM or NIfTI) for analysis")
            .Accepts<IFormFileCollection>("multipart/form-data", "application/zip", "application/octet-stream")
            .Produces<UploadAccepted>(202).Produces<ApiError>(400).Produces<ApiError>(403).Produces<ApiError>(413).Produces<ApiError>(415).Produces<ApiError>(503)
            .DisableAntiforgery();

        app.MapGet("/api/studies", () => Results.Json(jobs.Studies.OrderByDescending(j => j.CreatedUtc).Select(StudyEntry.From).ToList()))
            .WithName("Studies").WithSummary("The studies analysed by this server, newest first: patient, date, state")
            .Produces<List<StudyEntry>>();

        app.MapGet("/api/jobs/{jobId}", (string jobId) => jobs.Job(jobId) is { } j
                ? Results.Json(JobState.From(j))
                : Error(404, "no such job"))
            .WithName("JobState").WithSummary("State, stage and progress of an analysis").Produces<JobState>().Produces<ApiError>(404);

        app.MapGet("/api/studies/{studyId}", (string studyId) => jobs.Study(studyId) is { } j
                ? Results.Json(StudyEntry.From(j))
                : Error(404, "no such study"))
            .WithName("Study").WithSummary("Banner, state and warnings of a study").Produces<StudyEntry>().Produces<ApiError>(404);

        app.MapGet("/api/studies/{studyId}/analysis", (string studyId) =>
        {
            var path = StudyFile(options, studyId, "analysis.json");
            return path is null ? Error(404, "no analysis for this study (yet)") : Results.Text(File.ReadAllText(path), "application/json");
        }).WithName("StudyAnalysis").WithSummary("analysis.json of a study (schema calciscope.analysis/1)")
            .Produces<Pipeline.AnalysisDocument>(200, "application/json").Produces<ApiError>(404);

        app.MapGet("/api/studies/{studyId}/differential", (string studyId) => jobs.Study(studyId)?.Differential is { } d
                ? Results.Text(DifferentialJson.ToJson(d).ToJsonString(), "application/json")
                : Error(404, "no differential for this study (yet)"))
            .WithName("StudyDifferential").WithSummary("The differential the study's report shows now (schema calciscope.differential/1)")
            .Produces<JsonObject>(200, "application/json").Produces<ApiError>(404);

        app.MapPost("/api/diagnose", async (HttpRequest request) =>
        {
            try
            {
                // Read by hand, not bound: a field of the wrong type is named in the answer (see StringField).
                var body = await JsonNode.ParseAsync(request.Body) as JsonObject ?? throw new InputException(null, "the body must be a JSON object");
                return Results.Text(DifferentialJson.ToJson(Diagnose(options, jobs, body)).ToJsonString(), "application/json");
            }
            catch (JsonException e)
            {
                return Error(400, "the body is not valid JSON: " + e.Message.Split('.')[0]);
            }
            catch (CalciScopeException e)
            {
                return Error(400, e.Message);
            }
        }).WithName("Diagnose").WithSummary("Rank the differential from a study, free text and structured findings; a study's report follows in the background")
            .Accepts<DiagnoseRequest>("application/json").Produces<JsonObject>(200, "application/json").Produces<ApiError>(400).Produces<ApiError>(403)
            .DisableAntiforgery();

        app.MapGet("/api/studies/{studyId}/report/{file}", async (string studyId, string file) =>
        {
            if (!ReportFiles.Contains(file)) return Error(404, "unknown report file");
            // A download always shows the differential the page shows: wait for a rewrite in flight.
            await jobs.ReportCurrent(studyId);
            var path = StudyFile(options, studyId, Path.Combine("report", file));
            var type = file.EndsWith(".pdf") ? "application/pdf" : file.EndsWith(".html") ? "text/html" : file.EndsWith(".json") ? "application/fhir+json" : "application/dicom";
            return path is null ? Error(404, "no report yet") : Results.File(path, type, file);
        }).WithName("ReportFile").WithSummary("The report of a study: pdf, html, FHIR bundle, DICOM SEG or SR")
            .Produces(200, contentType: "application/octet-stream").Produces<ApiError>(404);

        app.MapGet("/api/studies/{studyId}/volumes/{file}", (string studyId, string file) =>
        {
            var path = ViewerFiles.Contains(file) ? StudyFile(options, studyId, file) : null;
            return path is null ? Error(404, "no such volume") : Results.File(path, "application/gzip", file);
        }).WithName("ViewerVolume").WithSummary("The study's HU volume or calcification label map as NIfTI, for the viewer")
            .Produces(200, contentType: "application/gzip").Produces<ApiError>(404);

        app.MapGet("/api/studies/{studyId}/images/{name}", (string studyId, string name) =>
        {
            if (name.Contains('/') || name.Contains("..") || !name.EndsWith(".png")) return Error(404, "no such image");
            var path = StudyFile(options, studyId, Path.Combine("report", "key_images", name));
            return path is null ? Error(404, "no such image") : Results.File(path, "image/png");
        }).WithName("KeyImage").WithSummary("A key image of the report").Produces(200, contentType: "image/png").Produces<ApiError>(404);

        app.MapGet("/api/studies/{studyId}/images", (string studyId) =>
        {
            var dir = StudyFile(options, studyId, Path.Combine("report", "key_images"), directory: true);
            return Results.Json(dir is null ? [] : Directory.GetFiles(dir, "*.png").Select(p => Path.GetFileName(p)).OrderBy(NaturalKey, StringComparer.Ordinal).ToArray());
        }).WithName("KeyImages").WithSummary("Names of the key images of a study, in slice order").Produces<string[]>();

        app.MapGet("/api/studies/{studyId}/history", (string studyId) =>
        {
            var patient = jobs.Study(studyId)?.Banner?.PatientId;
            if (options.StorePath is null || patient is null) return Results.Json(Array.Empty<HistoryEntry>());
            using var store = new Store.CaseStore(options.StorePath);
            return Results.Json(store.History(patient.Length == 0 ? "unknown" : patient)
                .Select(h => new HistoryEntry(h.StudyDate, h.SoftTissueMm3, h.RightMm3, h.LeftMm3, h.DominantPattern)).ToList());
        }).WithName("History").WithSummary("The patient's earlier studies from the case store").Produces<List<HistoryEntry>>();

        if (options.PacsUrl is { } pacsUrl)
        {
            app.MapGet("/api/pacs/studies", async (CancellationToken ct) =>
            {
                try { return Results.Text((await pacs.Search(pacsUrl, ct)).ToJsonString(), "application/json"); }
                catch (PacsException e) { return Error(e.TimedOut ? 504 : 502, e.Message); }
            }).WithName("PacsStudies").WithSummary("Studies in the PACS (QIDO-RS)")
                .Produces<JsonArray>(200, "application/json").Produces<ApiError>(502).Produces<ApiError>(504);
            app.MapPost("/api/pacs/studies/{studyUid}", async (string studyUid, HttpContext ctx, CancellationToken ct) =>
            {
                if (!jobs.TryReserve()) return QueueFull(ctx);
                var job = NewJob(options, pacsUrl);
                try
                {
                    if (await pacs.Retrieve(pacsUrl, studyUid, job.InputPath, ct) == 0) throw new InputException(null, "the PACS returned no instances of that study");
                }
                catch (Exception e) when (e is CalciScopeException or OperationCanceledException)
                {
                    jobs.Release();
                    TryDelete(job.Folder);
                    return e switch
                    {
                        PacsException p => Error(p.TimedOut ? 504 : 502, p.Message),
                        CalciScopeException c => Error(404, c.Message),
                        _ => Error(499, "cancelled"),
                    };
                }
                return await Start(jobs, job, ct);
            }).WithName("AnalysePacsStudy").WithSummary("Fetch a study from the PACS (WADO-RS), analyse it, store SEG and SR back (STOW-RS)")
                .Produces<UploadAccepted>(202).Produces<ApiError>(404).Produces<ApiError>(502).Produces<ApiError>(503).Produces<ApiError>(504).DisableAntiforgery();
        }
    }

    private static StudyJob NewJob(WebOptions options, string? storeBackTo = null)
    {
        var studyId = Guid.NewGuid().ToString("N")[..16];
        return new StudyJob { JobId = Guid.NewGuid().ToString("N")[..16], StudyId = studyId, Folder = Path.Combine(options.DataDir, "studies", studyId), StoreBackTo = storeBackTo };
    }

    /// <summary>Queues a received study; a broker that cannot be reached turns it away whole (503), leaving nothing behind.</summary>
    private static async Task<IResult> Start(JobQueue jobs, StudyJob job, CancellationToken ct)
    {
        try
        {
            await jobs.Enqueue(job, ct);
            return Results.Json(new UploadAccepted(job.JobId, job.StudyId), statusCode: 202);
        }
        catch (CalciScopeException e)
        {
            jobs.Forget(job.StudyId);
            jobs.Release();
            TryDelete(job.Folder);
            return Error(503, e.Message);
        }
    }

    private static IResult QueueFull(HttpContext ctx)
    {
        ctx.Response.Headers.RetryAfter = "10";
        return Error(503, "the analysis queue is full; try again shortly");
    }

    private static IResult Error(int status, string message) => Results.Json(new ApiError(message), statusCode: status);

    private static Differential Diagnose(WebOptions options, JobQueue jobs, JsonObject body)
    {
        var kb = KnowledgeBase.Default;
        IReadOnlyList<ObservedFinding> imaging = [];
        var clinical = new List<ObservedFinding>();
        string? studyId = StringField(body, "study_id");
        var job = studyId is null ? null : jobs.Study(studyId);
        if (studyId is not null)
        {
            if (job is { ImagingFindings.Count: > 0 }) imaging = job.ImagingFindings;
            else imaging = AnalysisFindings.FromFile(StudyFile(options, studyId, "analysis.json") ?? throw new InputException(null, $"study {studyId} has no analysis"));
        }
        if (StringField(body, "text") is { Length: > 0 } text) clinical.AddRange(TextFindingExtractor.Default.Extract(text, "text"));
        if (body["case"] is { } caseNode && caseNode is not JsonObject) throw new InputException(null, "case must be an object (keys such as age, sex, present, absent)");
        if (body["case"] is JsonObject c) clinical.AddRange(CaseFileReader.Parse(c.ToJsonString(), kb, "case"));
        if (clinical.Count == 0 && studyId is null) throw new InputException(null, "give study_id, text or case");
        var d = WorkUp.Rank(imaging, clinical);
        // The report follows the clinical picture, written in the background; downloads wait for it.
        if (job is { State: "done" }) jobs.SetDifferential(job, d);
        return d;
    }

    /// <summary>A string field of a request body, or null when absent; another JSON type is the caller's error (400), not ours (500).</summary>
    internal static string? StringField(JsonObject body, string name) => body[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => throw new InputException(null, $"{name} must be a string"),
    };

    /// <summary>Names with their numbers zero-padded, so that axial_z76 sorts before axial_z126.</summary>
    internal static string NaturalKey(string name) => Digits().Replace(name, m => m.Value.PadLeft(10, '0'));

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();

    private static string? StudyFile(WebOptions options, string studyId, string relative, bool directory = false)
    {
        if (studyId.Length is 0 or > 64 || !studyId.All(char.IsAsciiLetterOrDigit)) return null;
        var path = Path.Combine(options.DataDir, "studies", studyId, relative);
        return directory ? (Directory.Exists(path) ? path : null) : (File.Exists(path) ? path : null);
    }

    private static void TryDelete(string dir)
    {
        try { if (Directory.Exists(dir)) Directory.Delete(dir, true); } catch (IOException) { }
    }
}

/// <summary>An upload taken: follow the job, then read the study.</summary>
public sealed record UploadAccepted(string JobId, string StudyId);

/// <summary>An analysis in progress: state, stage and a progress that only moves forward.</summary>
public sealed record JobState(string State, string Stage, double Progress, string? Error, string StudyId, IReadOnlyList<string> Warnings)
{
    public static JobState From(StudyJob j) => new(j.State, j.Stage, Math.Round(j.Progress, 3), j.Error, j.StudyId, j.Warnings.ToList());
}

/// <summary>A study of the server's list: who, when, what state, and what the page should warn of.</summary>
public sealed record StudyEntry(string StudyId, string JobId, string State, string Stage, double Progress, string? Error, StudyBanner? Banner,
    IReadOnlyList<string> Warnings, IReadOnlyList<string> Conflicts, DateTime CreatedUtc)
{
    public static StudyEntry From(StudyJob j) => new(j.StudyId, j.JobId, j.State, j.Stage, Math.Round(j.Progress, 3), j.Error, j.Banner,
        j.Warnings.ToList(), j.Differential?.Conflicts.ToList() ?? [], j.CreatedUtc);
}

/// <summary>The body of POST /api/diagnose: any of a study, free text and structured findings.</summary>
public sealed record DiagnoseRequest(string? StudyId, string? Text, JsonObject? Case);

/// <summary>One of the patient's studies in the case store.</summary>
public sealed record HistoryEntry(string StudyDate, double? SoftTissueMm3, double? RightMm3, double? LeftMm3, string? DominantPattern);
