using CalciScope.Dicom;
using CalciScope.IO;

namespace CalciScope.Batch;

/// <summary>
/// The studies a batch works on: a folder tree (every NIfTI file, zip, and folder holding DICOM files is a study), a
/// manifest (CSV or text, one path per line, a `path` column when there is a header; relative paths are relative to
/// the manifest), or a DICOMweb query: the QIDO-RS base with its filters, e.g.
/// `http://pacs/dicom-web?StudyDate=20260101-20261231&amp;ModalitiesInStudy=CT`.
/// </summary>
public static class BatchSource
{
    public static IReadOnlyList<BatchItem> List(string source, Pacs.PacsLink? pacs = null)
    {
        if (source.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || source.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            return FromPacs(source, pacs ?? StudyProcessor.DefaultPacs);
        if (Directory.Exists(source)) return FromTree(source);
        if (File.Exists(source) && (source.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || source.EndsWith(".txt", StringComparison.OrdinalIgnoreCase)))
            return FromManifest(source);
        if (File.Exists(source)) throw new InputException(source, "a batch source is a folder of studies or a manifest (.csv or .txt of paths)");
        throw new InputException(source, "not found");
    }

    private static List<BatchItem> FromPacs(string query, Pacs.PacsLink pacs)
    {
        int q = query.IndexOf('?');
        var baseUrl = (q < 0 ? query : query[..q]).TrimEnd('/');
        var filters = q < 0 ? "" : query[(q + 1)..];
        var uids = pacs.SearchStudyUids(baseUrl, filters, CancellationToken.None).GetAwaiter().GetResult();
        return uids.Distinct(StringComparer.Ordinal).Select(uid => BatchItem.FromPacs(baseUrl, uid)).ToList();
    }

    private static List<BatchItem> FromTree(string root)
    {
        var items = new List<BatchItem>();
        var stack = new Stack<string>([root]);
        Span<byte> head = stackalloc byte[132];
        while (stack.Count > 0)
        {
            var dir = stack.Pop();
            bool hasDicom = false;
            foreach (var f in Directory.EnumerateFiles(dir).Order(StringComparer.Ordinal))
            {
                if (InputFiles.IsNifti(f) || InputFiles.IsZip(f)) { items.Add(new BatchItem(f)); continue; }
                if (hasDicom) continue;
                try
                {
                    using var s = File.OpenRead(f);
                    hasDicom = DicomReader.LooksLikeDicom(head[..s.Read(head)]);
                }
                catch (IOException) { }
                catch (UnauthorizedAccessException) { }
            }
            // A folder of DICOM files is one study with everything beneath it (series in subfolders stay together).
            if (hasDicom) { items.Add(new BatchItem(dir)); continue; }
            foreach (var sub in Directory.EnumerateDirectories(dir).OrderDescending(StringComparer.Ordinal)) stack.Push(sub);
        }
        return items.OrderBy(i => i.Input, StringComparer.Ordinal).ToList();
    }

    private static List<BatchItem> FromManifest(string manifest)
    {
        var lines = File.ReadAllLines(manifest).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        int column = 0;
        if (lines.Count > 0)
        {
            var header = lines[0].Split(',').Select(h => h.Trim().Trim('"').ToLowerInvariant()).ToList();
            if (header.Contains("path")) { column = header.IndexOf("path"); lines.RemoveAt(0); }
        }
        var baseDir = Path.GetDirectoryName(Path.GetFullPath(manifest))!;
        return lines.Select(l =>
        {
            var cells = l.Split(',');
            var p = (column < cells.Length ? cells[column] : cells[0]).Trim().Trim('"');
            return new BatchItem(Path.IsPathRooted(p) ? p : Path.Combine(baseDir, p));
        }).ToList();
    }
}
