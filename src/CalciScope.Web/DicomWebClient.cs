using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace CalciScope.Web;

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
