namespace CalciScope;

/// <summary>Writes a file under a temporary name and moves it into place when whole, so no partial output is left as if complete.</summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string text) => Write(path, s =>
    {
        using var w = new StreamWriter(s, leaveOpen: true);
        w.Write(text);
    });

    /// <summary>Writes <paramref name="path"/>; an output that cannot be written is the user's to fix, so it is an <see cref="InputException"/>.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        if (Directory.Exists(path)) throw new InputException(path, "is a folder; give the name of the file to write");
        // Unique, so that two runs writing the same output never share a temporary file.
        var tmp = $"{path}.partial-{Guid.NewGuid():N}";
        try
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (dir is not null) Directory.CreateDirectory(dir);
            using (var fs = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                write(fs);
            File.Move(tmp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(tmp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw new InputException(path, $"cannot be written ({e.Message})", e);
        }
    }
}
