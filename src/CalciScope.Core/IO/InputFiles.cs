using System.IO.Compression;

namespace CalciScope.IO;

/// <summary>
/// Resolves what a user points at (a file, a folder, a zip) into a list of files on disk. A zip is unpacked into a
/// private temporary folder, refusing entries that escape it and archives that expand beyond the limits.
/// </summary>
public sealed class InputFiles : IDisposable
{
    public const long MaxUnpackedBytes = 8L << 30;
    /// <summary>Beyond this many times its own size (and 64 MiB) an archive is a bomb, not a study: DICOM barely compresses 4:1.</summary>
    public const long MaxRatio = 100;
    public const int MaxEntries = 100_000;
    public const int MaxFolderDepth = 32;

    private readonly string? _tempDir;

    private InputFiles(string root, IReadOnlyList<string> files, string? tempDir, IReadOnlyList<string> warnings)
    {
        Root = root;
        Files = files;
        _tempDir = tempDir;
        Warnings = warnings;
    }

    public string Root { get; }
    public IReadOnlyList<string> Files { get; }
    public IReadOnlyList<string> Warnings { get; }

    public static bool IsNifti(string path) =>
        path.EndsWith(".nii", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".nii.gz", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A folder holding exactly one NIfTI file (an upload, a study fetched for a batch) stands for that file, which the
    /// readers take only by its own path; any other path stands for itself.
    /// </summary>
    public static string SingleNiftiOr(string path)
    {
        if (!Directory.Exists(path)) return path;
        var nifti = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Where(IsNifti).Take(2).ToList();
        return nifti.Count == 1 ? nifti[0] : path;
    }

    public static bool IsZip(string path)
    {
        if (path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)) return true;
        try
        {
            using var fs = File.OpenRead(path);
            Span<byte> h = stackalloc byte[4];
            return fs.Read(h) == 4 && h[0] == 'P' && h[1] == 'K' && h[2] == 3 && h[3] == 4;
        }
        catch (IOException) { return false; }
    }

    public static InputFiles Open(string path)
    {
        if (Directory.Exists(path))
        {
            var warnings = new List<string>();
            var files = new List<string>();
            Walk(path, files, warnings, 0, new HashSet<string>());
            if (files.Count == 0) throw new InputException(path, "folder contains no files");
            files.Sort(StringComparer.Ordinal);
            return new InputFiles(path, files, null, warnings);
        }
        if (!File.Exists(path)) throw new InputException(path, "no such file or folder");
        if (IsZip(path)) return Unzip(path);
        if (Dicom.DicomDirectory.Is(path))
        {
            var warnings = new List<string>();
            var listed = Dicom.DicomDirectory.ReferencedFiles(path, warnings);
            return new InputFiles(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", listed, null, warnings);
        }
        return new InputFiles(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", [path], null, []);
    }

    private static void Walk(string dir, List<string> files, List<string> warnings, int depth, HashSet<string> seen)
    {
        if (depth > MaxFolderDepth) { warnings.Add($"{dir}: folders nested deeper than {MaxFolderDepth} levels were skipped"); return; }
        var info = new DirectoryInfo(dir);
        string real = info.LinkTarget is null ? info.FullName : (info.ResolveLinkTarget(true)?.FullName ?? info.FullName);
        if (!seen.Add(real)) { warnings.Add($"{dir}: folder link loop skipped"); return; }
        try
        {
            foreach (var f in Directory.EnumerateFiles(dir))
            {
                if (files.Count >= MaxEntries) throw new InputException(dir, $"more than {MaxEntries} files");
                files.Add(f);
            }
            foreach (var d in Directory.EnumerateDirectories(dir)) Walk(d, files, warnings, depth + 1, seen);
        }
        catch (UnauthorizedAccessException) { warnings.Add($"{dir}: permission denied, skipped"); }
    }

    private static InputFiles Unzip(string zipPath)
    {
        var temp = Directory.CreateTempSubdirectory("calciscope-zip-").FullName;
        try
        {
            var files = new List<string>();
            using var zip = OpenZip(zipPath);
            if (zip.Entries.Count > MaxEntries) throw new InputException(zipPath, $"archive has {zip.Entries.Count} entries, more than {MaxEntries}");
            long total = 0;
            string root = Path.GetFullPath(temp) + Path.DirectorySeparatorChar;
            foreach (var entry in zip.Entries)
            {
                if (entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\')) continue;
                if (entry.FullName.Any(char.IsControl))
                    throw new InputException(zipPath, $"archive entry '{Sanitize(entry.FullName)}' has control characters in its name (refused)");
                var target = Path.GetFullPath(Path.Combine(temp, entry.FullName.Replace('\\', '/')));
                if (!target.StartsWith(root, StringComparison.Ordinal) || Path.IsPathRooted(entry.FullName) || entry.FullName.Contains(".."))
                    throw new InputException(zipPath, $"archive entry '{Sanitize(entry.FullName)}' points outside the archive folder (refused)");
                total += entry.Length;
                if (total > MaxUnpackedBytes) throw new InputException(zipPath, $"archive expands beyond {MaxUnpackedBytes >> 30} GiB (refused)");
                long limit = Math.Max(64L << 20, MaxRatio * new FileInfo(zipPath).Length);
                if (total > limit) throw new InputException(zipPath, $"archive expands more than {MaxRatio} times its size (refused as an archive bomb)");
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                using (var src = entry.Open())
                using (var dst = File.Create(target))
                {
                    // The declared length can lie; count what really comes out.
                    var buf = new byte[81920];
                    long written = 0;
                    int n;
                    while ((n = src.Read(buf)) > 0)
                    {
                        written += n;
                        if (written > entry.Length + 1 || total - entry.Length + written > MaxUnpackedBytes)
                            throw new InputException(zipPath, $"archive entry '{Sanitize(entry.FullName)}' expands beyond its declared size (refused)");
                        dst.Write(buf, 0, n);
                    }
                }
                files.Add(target);
            }
            if (files.Count == 0) throw new InputException(zipPath, "archive contains no files");
            files.Sort(StringComparer.Ordinal);
            return new InputFiles(temp, files, temp, []);
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException or EndOfStreamException or IOException && e is not InputException)
        {
            // Corrupt archives fail lazily, while entries are listed or read (found by fuzzing).
            TryDelete(temp);
            throw new InputException(zipPath, $"not a readable zip archive ({e.Message})");
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static ZipArchive OpenZip(string path)
    {
        try { return ZipFile.OpenRead(path); }
        catch (InvalidDataException e) { throw new InputException(path, $"not a readable zip archive ({e.Message})"); }
    }

    internal static string Sanitize(string s) => new(s.Take(120).Select(c => char.IsControl(c) ? '?' : c).ToArray());

    private static void TryDelete(string dir)
    {
        try { Directory.Delete(dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    public void Dispose()
    {
        if (_tempDir is not null) TryDelete(_tempDir);
    }
}
