using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace CalciScope.Web;

/// <summary>DICOMweb against a PACS: QIDO-RS to list studies, WADO-RS to fetch one, STOW-RS to store results back.</summary>
public sealed class DicomWebClient(HttpClient http, string baseUrl)
{
    private readonly string _base = baseUrl.TrimEnd('/');

    public async Task<JsonArray> SearchStudies(CancellationToken ct = default)
    {
        var json = await http.GetStringAsync($"{_base}/studies?includefield=00100010&includefield=00081030&includefield=00080020", ct);
        return JsonNode.Parse(json) as JsonArray ?? [];
    }

    /// <summary>Fetches every instance of a study (multipart/related; type="application/dicom") into a folder.</summary>
    public async Task<int> RetrieveStudy(string studyUid, string folder, CancellationToken ct = default)
    {
        Directory.CreateDirectory(folder);
        using var req = new HttpRequestMessage(HttpMethod.Get, $"{_base}/studies/{Uri.EscapeDataString(studyUid)}");
        req.Headers.Accept.ParseAdd("multipart/related; type=\"application/dicom\"");
        using var resp = await http.SendAsync(req, HttpCompletionOption.ResponseHeadersRead, ct);
        if (resp.StatusCode == System.Net.HttpStatusCode.NotFound) throw new InputException(null, $"study {studyUid} is not in the PACS");
        resp.EnsureSuccessStatusCode();
        var boundary = resp.Content.Headers.ContentType?.Parameters.FirstOrDefault(p => p.Name == "boundary")?.Value?.Trim('"')
                       ?? throw new CalciScopeException("WADO-RS answer has no multipart boundary");
        var body = await resp.Content.ReadAsByteArrayAsync(ct);
        int n = 0;
        foreach (var part in Parts(body, boundary))
            await File.WriteAllBytesAsync(Path.Combine(folder, $"{n++:D5}.dcm"), part, ct);
        return n;
    }

    /// <summary>Stores DICOM objects with one STOW-RS request.</summary>
    public async Task Store(IEnumerable<string> files, CancellationToken ct = default)
    {
        var boundary = "calciscope-" + Guid.NewGuid().ToString("N");
        var content = new MultipartContent("related", boundary);
        content.Headers.ContentType!.Parameters.Add(new NameValueHeaderValue("type", "\"application/dicom\""));
        foreach (var f in files)
        {
            var part = new ByteArrayContent(await File.ReadAllBytesAsync(f, ct));
            part.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
            content.Add(part);
        }
        using var resp = await http.PostAsync($"{_base}/studies", content, ct);
        resp.EnsureSuccessStatusCode();
    }

    /// <summary>The bodies of a multipart/related message.</summary>
    internal static IEnumerable<byte[]> Parts(byte[] body, string boundary)
    {
        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        int pos = IndexOf(body, delimiter, 0);
        while (pos >= 0)
        {
            int start = pos + delimiter.Length;
            if (start + 2 <= body.Length && body[start] == '-' && body[start + 1] == '-') yield break;
            int headerEnd = IndexOf(body, "\r\n\r\n"u8.ToArray(), start);
            if (headerEnd < 0) yield break;
            int next = IndexOf(body, delimiter, headerEnd + 4);
            if (next < 0) yield break;
            int end = next - 2; // the CRLF before the delimiter
            yield return body[(headerEnd + 4)..end];
            pos = next;
        }
    }

    private static int IndexOf(byte[] hay, byte[] needle, int from) => hay.AsSpan(from).IndexOf(needle) is var i and >= 0 ? from + i : -1;
}
