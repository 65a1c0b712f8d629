using System.Security.Cryptography;
using System.Text;
using CalciScope.Dicom;
using CalciScope.IO;

namespace CalciScope.Batch;

/// <summary>
/// One study of a batch: where it is read from (a path, or a PACS study's WADO-RS address). A file study's key is found
/// when it is looked at, not when it is listed; a PACS study's is its UID.
/// </summary>
public sealed record BatchItem(string Input)
{
    /// <summary>The DICOMweb base of a study listed from a PACS (null for files).</summary>
    public string? PacsBase { get; init; }
    /// <summary>The StudyInstanceUID of a study listed from a PACS.</summary>
    public string? StudyUid { get; init; }

    /// <summary>The study folder of a web server's job (input/ inside it), worked up whole for the page by a worker.</summary>
    public string? WebFolder { get; init; }

    public static BatchItem ForWebJob(string folder) => new(Reports.StudyFolder.Input(folder)) { WebFolder = Path.GetFullPath(folder) };

    public static BatchItem FromPacs(string baseUrl, string studyUid) =>
        new($"{baseUrl.TrimEnd('/')}/studies/{studyUid}") { PacsBase = baseUrl.TrimEnd('/'), StudyUid = studyUid };

    /// <summary>
    /// The study's identity for resuming and for exactly-once results: its StudyInstanceUID from the first DICOM header
    /// (a cheap read, no pixels), else the input's full path (NIfTI carries no UID).
    /// </summary>
    public string Key()
    {
        if (StudyUid is { } known) return known;
        if (Directory.Exists(Input))
        {
            foreach (var f in Directory.EnumerateFiles(Input, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                if (InputFiles.IsNifti(f)) break;
                if (TryStudyUid(f) is { } uid) return uid;
            }
        }
        else if (File.Exists(Input) && !InputFiles.IsNifti(Input) && !InputFiles.IsZip(Input) && TryStudyUid(Input) is { } uid) return uid;
        return "file:" + Path.GetFullPath(Input);
    }

    private static string? TryStudyUid(string file)
    {
        try
        {
            Span<byte> head = stackalloc byte[132];
            using (var s = File.OpenRead(file))
                if (!DicomReader.LooksLikeDicom(head[..s.Read(head)])) return null;
            var uid = DicomReader.ReadFile(file, headersOnly: true).Dataset.GetString(DicomTags.StudyInstanceUid);
            return string.IsNullOrWhiteSpace(uid) ? null : uid.Trim();
        }
        catch (Exception e) when (e is CalciScopeException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>A file-system-safe folder name for a key (hashed: a UID can be 64 characters, a path anything).</summary>
    public static string FolderName(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..20].ToLowerInvariant();
}
