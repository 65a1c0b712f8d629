using System.Text.Json.Nodes;
using CalciScope.Diagnosis;
using CalciScope.Findings;
using CalciScope.Findings.Text;
using CalciScope.Pipeline;
using CalciScope.Reports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CalciScope.Web;

/// <summary>The REST API of the contract (upload, job state, analysis, diagnose) and what the page needs besides.</summary>
public static class Api
{
    private static readonly string[] ReportFiles = ["report.pdf", "report.html", "report.fhir.json", "report.seg.dcm", "report.sr.dcm"];

    public static void Map(WebApplication app, WebOptions options, JobQueue jobs)
    {
        app.MapPost("/api/studies", async (HttpRequest request) =>
        {
            var studyId = Guid.NewGuid().ToString("N")[..16];
            var job = new StudyJob { JobId = Guid.NewGuid().ToString("N")[..16], StudyId = studyId, Folder = Path.Combine(options.DataDir, "studies", studyId) };
            try
            {
                await UploadReceiver.Receive(request, job.InputPath, options);
            }
            catch (UploadException e)
            {
                TryDelete(job.Folder);
                return Results.Json(new { error = e.Message }, statusCode: e.Status);
            }
            catch (BadHttpRequestException e)
            {
                TryDelete(job.Folder);
                return Results.Json(new { error = e.Message }, statusCode: e.StatusCode);
            }
            if (!jobs.TryEnqueue(job))
            {
                TryDelete(job.Folder);
                return Results.Json(new { error = "the analysis queue is full; try again shortly" }, statusCode: 503);
            }
            return Results.Json(new { job_id = job.JobId, study_id = job.StudyId }, statusCode: 202);
        }).WithName("UploadStudy").WithSummary("Upload a study (zip or multipart files of DICOM or NIfTI) for analysis").DisableAntiforgery();

        app.MapGet("/api/jobs/{jobId}", (string jobId) => jobs.Job(jobId) is { } j
                ? Results.Json(new { state = j.State, progress = Math.Round(j.Progress, 3), error = j.Error, study_id = j.StudyId })
                : Results.Json(new { error = "no such job" }, statusCode: 404))
            .WithName("JobState").WithSummary("State and progress of an analysis");

        app.MapGet("/api/studies/{studyId}/analysis", (string studyId) =>
        {
            var path = StudyFile(options, studyId, "analysis.json");
            return path is null ? Results.Json(new { error = "no analysis for this study (yet)" }, statusCode: 404)
                : Results.Text(File.ReadAllText(path), "application/json");
        }).WithName("StudyAnalysis").WithSummary("analysis.json of a study");

        app.MapPost("/api/diagnose", (JsonObject body) =>
        {
            try
            {
                var d = Diagnose(options, jobs, body);
                return Results.Text(DifferentialJson.ToJson(d).ToJsonString(), "application/json");
            }
            catch (CalciScopeException e)
            {
                return Results.Json(new { error = e.Message }, statusCode: 400);
            }
        }).WithName("Diagnose").WithSummary("Rank the differential from a study, free text and structured findings").DisableAntiforgery();

        app.MapGet("/api/studies/{studyId}/report/{file}", (string studyId, string file) =>
        {
            if (!ReportFiles.Contains(file)) return Results.Json(new { error = "unknown report file" }, statusCode: 404);
            var path = StudyFile(options, studyId, Path.Combine("report", file));
            var type = file.EndsWith(".pdf") ? "application/pdf" : file.EndsWith(".html") ? "text/html" : file.EndsWith(".json") ? "application/fhir+json" : "application/dicom";
            return path is null ? Results.Json(new { error = "no report yet" }, statusCode: 404) : Results.File(path, type, file);
        }).WithName("ReportFile").WithSummary("The report of a study: pdf, html, FHIR bundle, DICOM SEG or SR");

        app.MapGet("/api/studies/{studyId}/images/{name}", (string studyId, string name) =>
        {
            if (name.Contains('/') || name.Contains("..") || !name.EndsWith(".png")) return Results.NotFound();
            var path = StudyFile(options, studyId, Path.Combine("report", "key_images", name));
            return path is null ? Results.NotFound() : Results.File(path, "image/png");
        }).WithName("KeyImage").WithSummary("A key image of the report");

        app.MapGet("/api/studies/{studyId}/images", (string studyId) =>
        {
            var dir = StudyFile(options, studyId, Path.Combine("report", "key_images"), directory: true);
            return Results.Json(dir is null ? [] : Directory.GetFiles(dir, "*.png").Select(Path.GetFileName).Order().ToArray());
        }).WithName("KeyImages").WithSummary("Names of the key images of a study");

        app.MapGet("/api/studies/{studyId}/history", (string studyId) =>
        {
            if (options.StorePath is null || jobs.Study(studyId)?.Result is not { } r && StudyFile(options, studyId, "analysis.json") is null)
                return Results.Json(Array.Empty<object>());
            var patient = jobs.Study(studyId)?.Result?.Study.Info.PatientId ?? "";
            using var store = new Store.CaseStore(options.StorePath);
            return Results.Json(store.History(string.IsNullOrEmpty(patient) ? "unknown" : patient)
                .Select(h => new { h.StudyDate, h.SoftTissueMm3, h.RightMm3, h.LeftMm3, h.DominantPattern }));
        }).WithName("History").WithSummary("The patient's earlier studies from the case store");

        if (options.PacsUrl is { } pacs)
        {
            app.MapGet("/api/pacs/studies", async (IHttpClientFactory f) =>
                Results.Text((await new DicomWebClient(f.CreateClient(), pacs).SearchStudies()).ToJsonString(), "application/json"))
                .WithName("PacsStudies").WithSummary("Studies in the PACS (QIDO-RS)");
            app.MapPost("/api/pacs/studies/{studyUid}", async (string studyUid, IHttpClientFactory f) =>
            {
                var studyId = Guid.NewGuid().ToString("N")[..16];
                var job = new StudyJob { JobId = Guid.NewGuid().ToString("N")[..16], StudyId = studyId, Folder = Path.Combine(options.DataDir, "studies", studyId), StoreBackTo = pacs };
                try
                {
                    int n = await new DicomWebClient(f.CreateClient(), pacs).RetrieveStudy(studyUid, job.InputPath);
                    if (n == 0) return Results.Json(new { error = "the PACS returned no instances" }, statusCode: 404);
                }
                catch (InputException e) { return Results.Json(new { error = e.Message }, statusCode: 404); }
                return jobs.TryEnqueue(job) ? Results.Json(new { job_id = job.JobId, study_id = job.StudyId }, statusCode: 202)
                    : Results.Json(new { error = "the analysis queue is full" }, statusCode: 503);
            }).WithName("AnalysePacsStudy").WithSummary("Fetch a study from the PACS (WADO-RS), analyse it, store SEG and SR back (STOW-RS)").DisableAntiforgery();
        }
    }

    private static Differential Diagnose(WebOptions options, JobQueue jobs, JsonObject body)
    {
        var kb = KnowledgeBase.Default;
        var findings = new List<ObservedFinding>();
        string? studyId = StringField(body, "study_id");
        if (studyId is not null)
        {
            var path = StudyFile(options, studyId, "analysis.json") ?? throw new InputException(null, $"study {studyId} has no analysis");
            findings.AddRange(AnalysisFindings.FromFile(path));
        }
        if (StringField(body, "text") is { Length: > 0 } text) findings.AddRange(TextFindingExtractor.Default.Extract(text, "text"));
        if (body["case"] is { } caseNode && caseNode is not JsonObject) throw new InputException(null, "case must be an object (keys such as age, sex, present, absent)");
        if (body["case"] is JsonObject c) findings.AddRange(CaseFileReader.Parse(c.ToJsonString(), kb, "case"));
        if (findings.Count == 0 && studyId is null) throw new InputException(null, "give study_id, text or case");
        var d = new BayesianDifferential(kb).Diagnose(findings);
        if (studyId is not null && jobs.Study(studyId) is { Result: { } r } job)
        {
            // The report follows the clinical picture: rewritten with this differential.
            AtomicFile.WriteAllText(Path.Combine(job.Folder, "differential.json"), DifferentialJson.ToJson(d).ToJsonString());
            ReportWriter.Write(ReportModel.From(r, d, deidentify: false) with { History = job.History }, Path.Combine(job.Folder, "report"));
        }
        return d;
    }

    /// <summary>A string field of a request body, or null when absent; another JSON type is the caller's error (400), not ours (500).</summary>
    private static string? StringField(JsonObject body, string name) => body[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => throw new InputException(null, $"{name} must be a string"),
    };

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
