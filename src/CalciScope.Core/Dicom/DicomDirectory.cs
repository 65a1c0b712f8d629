namespace CalciScope.Dicom;

/// <summary>
/// A DICOMDIR: the directory of a file set on removable media (DICOM PS3.10 section 8, the Basic Directory IOD of PS3.3
/// annex F). Its directory records (patient, study, series, image...) name the files of the set by Referenced File ID,
/// a path of up to eight components relative to the folder holding the DICOMDIR. CD and DVD exports from a PACS come
/// this way, their files named IM000001 without an extension in folders several levels deep.
/// </summary>
public static class DicomDirectory
{
    /// <summary>Media Storage Directory Storage, the SOP class of a DICOMDIR (PS3.4 annex B.5).</summary>
    public const string SopClassUid = "1.2.840.10008.1.3.10";
    /// <summary>A DICOMDIR lists about 150-400 bytes per image; 256 MiB is over half a million images, more than any disc holds.</summary>
    public const long MaxBytes = 256L << 20;

    private static readonly DicomTag DirectoryRecordSequence = new(0x0004, 0x1220);
    private static readonly DicomTag RecordInUseFlag = new(0x0004, 0x1410);
    private static readonly DicomTag ReferencedFileId = new(0x0004, 0x1500);

    /// <summary>Whether <paramref name="path"/> names a DICOMDIR (by its name, or by the SOP class in its meta header).</summary>
    public static bool Is(string path)
    {
        if (string.Equals(Path.GetFileName(path), "DICOMDIR", StringComparison.OrdinalIgnoreCase)) return true;
        try
        {
            using var fs = File.OpenRead(path);
            var head = new byte[Math.Min(fs.Length, 4096)];
            fs.ReadExactly(head);
            if (!DicomReader.LooksLikeDicom(head)) return false;
            return DicomReader.ReadHeaders(path, head, fs.Length).Meta.GetString(DicomTags.MediaStorageSopClassUid) == SopClassUid;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CalciScopeException) { return false; }
    }

    /// <summary>
    /// The files the DICOMDIR's records in use refer to, resolved under its folder (case-insensitively where the media
    /// was copied with lower-case names), each once, in record order. Paths that would leave the folder are refused;
    /// files listed but missing are counted in <paramref name="warnings"/>.
    /// </summary>
    public static IReadOnlyList<string> ReferencedFiles(string dicomdir, List<string> warnings)
    {
        long length = new FileInfo(dicomdir).Length;
        if (length > MaxBytes) throw new InputException(dicomdir, $"DICOMDIR of {length} bytes is larger than any media directory ({MaxBytes >> 20} MiB; refused)");
        var file = DicomReader.ReadFile(dicomdir);
        var records = file.Dataset.GetSequence(DirectoryRecordSequence);
        if (!file.Dataset.Contains(DirectoryRecordSequence))
            throw new InputException(dicomdir, "DICOMDIR has no directory record sequence (0004,1220)");
        string root = Path.GetFullPath(Path.GetDirectoryName(Path.GetFullPath(dicomdir)) ?? ".");
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int missing = 0;
        foreach (var record in records)
        {
            // Records marked inactive (0000H) stand for deleted files (PS3.3 F.3.2.2).
            if (record.GetInt(RecordInUseFlag) == 0) continue;
            var parts = record.GetStrings(ReferencedFileId).Select(p => p.Trim()).Where(p => p.Length > 0).ToArray();
            if (parts.Length == 0) continue;
            if (parts.Any(p => p is "." or ".." || p.Contains('/') || p.Contains(':') || p.Any(char.IsControl)))
                throw new InputException(dicomdir, $"DICOMDIR refers to '{string.Join('\\', parts).Replace("\0", "")}', outside its folder (refused)");
            var path = Resolve(root, parts);
            if (path is null) { missing++; continue; }
            if (seen.Add(path)) files.Add(path);
        }
        if (missing > 0) warnings.Add($"{dicomdir}: {missing} file(s) listed in the DICOMDIR are missing from the media");
        if (files.Count == 0)
            throw new InputException(dicomdir, missing > 0 ? $"none of the {missing} file(s) the DICOMDIR lists is present" : "DICOMDIR lists no files");
        return files;
    }

    /// <summary>The file under <paramref name="root"/> named by the components, matching each case-insensitively when the exact name is absent.</summary>
    private static string? Resolve(string root, string[] parts)
    {
        string current = root;
        for (int i = 0; i < parts.Length; i++)
        {
            string exact = Path.Combine(current, parts[i]);
            bool last = i == parts.Length - 1;
            if (last ? File.Exists(exact) : Directory.Exists(exact)) { current = exact; continue; }
            if (!Directory.Exists(current)) return null;
            var match = (last ? Directory.EnumerateFiles(current) : Directory.EnumerateDirectories(current))
                .FirstOrDefault(p => string.Equals(Path.GetFileName(p), parts[i], StringComparison.OrdinalIgnoreCase));
            if (match is null) return null;
            current = match;
        }
        // Links on the media may still point elsewhere: the resolved file must lie under the DICOMDIR's folder.
        var full = Path.GetFullPath(current);
        return full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }
}
