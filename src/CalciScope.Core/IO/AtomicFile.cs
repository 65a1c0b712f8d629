namespace CalciScope;

/// <summary>Writes a file under a temporary name and moves it into place when whole, so no partial output is left as if complete.</summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string text)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        var tmp = path + ".partial";
        File.WriteAllText(tmp, text);
        File.Move(tmp, path, overwrite: true);
    }
}
