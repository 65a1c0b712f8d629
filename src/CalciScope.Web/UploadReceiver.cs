using Microsoft.AspNetCore.Http;

namespace CalciScope.Web;

/// <summary>
/// Takes an upload (a zip body or multipart files) into a study folder within the limits: size, file count, entries
/// that would escape the folder, and content that is neither DICOM nor NIfTI are refused with a reason.
/// </summary>
public static class UploadReceiver
{
    public static async Task Receive(HttpRequest request, string inputFolder, WebOptions options)
    {
        Directory.CreateDirectory(inputFolder);
        if (request.ContentLength is { } declared && declared > options.MaxUploadBytes)
            throw new UploadException(413, $"upload of {declared} bytes is larger than the limit of {options.MaxUploadBytes}");
        var contentType = request.ContentType ?? "";
        if (contentType.StartsWith("application/zip", StringComparison.OrdinalIgnoreCase) || contentType.StartsWith("application/octet-stream", StringComparison.OrdinalIgnoreCase))
        {
            var zip = Path.Combine(inputFolder, "..", "upload.zip");
            await CopyLimited(request.Body, zip, options.MaxUploadBytes);
            Unzip(zip, inputFolder, options);
        }
        else if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            if (form.Files.Count == 0) throw new UploadException(400, "no files in the form");
            if (form.Files.Count > options.MaxFiles) throw new UploadException(413, $"{form.Files.Count} files, more than the limit of {options.MaxFiles}");
            long total = 0;
            int n = 0;
            foreach (var f in form.Files)
            {
                total += f.Length;
                if (total > options.MaxUploadBytes) throw new UploadException(413, "upload is larger than the limit");
                var name = Path.GetFileName(f.FileName.Replace('\\', '/'));
                if (string.IsNullOrWhiteSpace(name) || name.Any(char.IsControl)) name = $"file{n}";
                var target = Path.Combine(inputFolder, $"{n++:D5}_{name}");
                await using var s = File.Create(target);
                await f.CopyToAsync(s);
                if (name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
                {
                    s.Close();
                    Unzip(target, Path.Combine(inputFolder, $"zip{n}"), options);
                    File.Delete(target);
                }
            }
        }
        else throw new UploadException(415, "send application/zip or multipart/form-data");
        if (!ContainsImages(inputFolder)) throw new UploadException(415, "no DICOM or NIfTI file in the upload");
    }

    private static async Task CopyLimited(Stream body, string path, long limit)
    {
        await using var f = File.Create(path);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            total += read;
            if (total > limit) throw new UploadException(413, $"upload is larger than the limit of {limit} bytes");
            await f.WriteAsync(buffer.AsMemory(0, read));
        }
    }

    private static void Unzip(string zip, string folder, WebOptions options)
    {
        try
        {
            using var files = IO.InputFiles.Open(zip);
            if (files.Files.Count > options.MaxFiles) throw new UploadException(413, $"{files.Files.Count} files, more than the limit of {options.MaxFiles}");
            Directory.CreateDirectory(folder);
            int n = 0;
            foreach (var f in files.Files) File.Move(f, Path.Combine(folder, $"{n++:D5}_{Path.GetFileName(f)}"));
        }
        catch (InputException e)
        {
            throw new UploadException(400, e.Problem);
        }
        finally
        {
            File.Delete(zip);
        }
    }

    private static bool ContainsImages(string folder)
    {
        Span<byte> head = stackalloc byte[132];
        foreach (var f in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            if (IO.InputFiles.IsNifti(f)) return true;
            using var s = File.OpenRead(f);
            int n = s.Read(head);
            if (Dicom.DicomReader.LooksLikeDicom(head[..n])) return true;
        }
        return false;
    }
}

/// <summary>An upload refused, with the HTTP status to answer.</summary>
public sealed class UploadException(int status, string message) : CalciScopeException(message)
{
    public int Status { get; } = status;
}
