using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace CalciScope.Pacs;

/// <summary>DICOMweb against a PACS: QIDO-RS to list studies, WADO-RS to fetch one, STOW-RS to store results back.</summary>
public sealed class DicomWebClient(HttpClient http, string baseUrl)
{
    private readonly string _base = baseUrl.TrimEnd('/');

    public async Task<JsonArray> SearchStudies(CancellationToken ct = default)
    {
        using var resp = await http.GetAsync($"{_base}/studies?includefield=00100010&includefield=00100020&includefield=00081030&includefield=00080020", ct);
        Check(resp);
        var json = await resp.Content.ReadAsStringAsync(ct);
        return (json.Length == 0 ? null : JsonNode.Parse(json)) as JsonArray ?? [];
    }

    /// <summary>
    /// Study UIDs matching a QIDO-RS query (e.g. StudyDate=20260101-20261231&amp;ModalitiesInStudy=CT), page by page
    /// (limit and offset), so that a year of studies is listed without one enormous answer.
    /// </summary>
    public async Task<List<string>> SearchStudyUids(string query, int pageSize = 500, CancellationToken ct = default)
    {
        var uids = new List<string>();
        for (int offset = 0; ; offset += pageSize)
        {
            var sep = query.Length > 0 ? "&" : "";
            using var resp = await http.GetAsync($"{_base}/studies?{query}{sep}includefield=0020000D&limit={pageSize}&offset={offset}", ct);
            if (resp.StatusCode == System.Net.HttpStatusCode.NoContent) break;
            Check(resp);
            var json = await resp.Content.ReadAsStringAsync(ct);
            var page = (json.Length == 0 ? null : JsonNode.Parse(json)) as JsonArray ?? [];
            foreach (var s in page)
                if (s?["0020000D"]?["Value"]?[0]?.GetValue<string>() is { Length: > 0 } uid) uids.Add(uid);
            if (page.Count < pageSize) break;
        }
        return uids;
    }

    /// <summary>The WADO-RS answer for a study (multipart/related; type="application/dicom"), headers read, body not yet.</summary>
    public async Task<HttpResponseMessage> RequestStudy(string studyUid, CancellationToken ct = default)
    {
        using var req = new HttpRequestMessage(HttpMethod.Get, $"{_base}/studies/{Uri.EscapeDataString(studyUid)}");
        req.Headers.Accept.ParseAdd("multipart/related; type=\"application/dicom\"");
        var resp = await http.SendAsync(req, HttpCompletionOption.ResponseHeadersRead, ct);
        if (resp.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            resp.Dispose();
            throw new InputException(null, $"study {studyUid} is not in the PACS");
        }
        try { Check(resp); }
        catch { resp.Dispose(); throw; }
        return resp;
    }

    /// <summary>Streams each part of a WADO-RS answer to its own file: a study is never held in memory whole.</summary>
    public static async Task<int> SaveParts(HttpResponseMessage resp, string folder, CancellationToken ct = default)
    {
        Directory.CreateDirectory(folder);
        var boundary = resp.Content.Headers.ContentType?.Parameters.FirstOrDefault(p => p.Name == "boundary")?.Value?.Trim('"')
                       ?? throw new PacsException("its WADO-RS answer has no multipart boundary");
        var reader = new MultipartReader(boundary, await resp.Content.ReadAsStreamAsync(ct)) { BodyLengthLimit = null };
        int n = 0;
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            await using var f = File.Create(Path.Combine(folder, $"{n++:D5}.dcm"));
            await section.Body.CopyToAsync(f, ct);
        }
        return n;
    }

    /// <summary>Stores DICOM objects with one STOW-RS request.</summary>
    public async Task Store(IEnumerable<string> files, CancellationToken ct = default)
    {
        var boundary = "calciscope-" + Guid.NewGuid().ToString("N");
        using var content = new MultipartContent("related", boundary);
        content.Headers.ContentType!.Parameters.Add(new NameValueHeaderValue("type", "\"application/dicom\""));
        foreach (var f in files)
        {
            var part = new ByteArrayContent(await File.ReadAllBytesAsync(f, ct));
            part.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
            content.Add(part);
        }
        using var resp = await http.PostAsync($"{_base}/studies", content, ct);
        Check(resp);
    }

    private static void Check(HttpResponseMessage resp)
    {
        if (!resp.IsSuccessStatusCode) throw new PacsException($"it answered {(int)resp.StatusCode} {resp.ReasonPhrase}", (int)resp.StatusCode >= 500);
    }
}
