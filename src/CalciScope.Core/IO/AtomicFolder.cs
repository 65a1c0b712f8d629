namespace CalciScope;

/// <summary>
/// Writes a whole folder or nothing: everything goes into a fresh staging folder beside the target (a unique name, so two
/// runs never share one), which then takes the target's place. A run killed half-way leaves the previous folder whole and
/// a staging folder aside, never a mix of old and new files.
/// </summary>
public static class AtomicFolder
{
    public static T Write<T>(string folder, Func<string, T> writeInto)
    {
        var full = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        if (File.Exists(full)) throw new InputException(folder, "is a file; give the name of a folder to write the report into");
        var staging = $"{full}.staging-{Guid.NewGuid():N}";
        T result;
        try
        {
            Directory.CreateDirectory(staging);
            result = writeInto(staging);
            Swap(staging, full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(staging);
            throw new InputException(folder, $"cannot be written ({e.Message})", e);
        }
        catch
        {
            TryDelete(staging);
            throw;
        }
        return result;
    }

    /// <summary>
    /// Moves the current folder aside and the staging folder in. Another run may be swapping at the same moment (its
    /// folder appears or vanishes between two steps): the steps are tried again, a few times, and the last run wins whole.
    /// </summary>
    private static void Swap(string staging, string full)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                string? old = null;
                if (Directory.Exists(full))
                {
                    old = $"{full}.old-{Guid.NewGuid():N}";
                    Directory.Move(full, old);
                }
                Directory.Move(staging, full);
                if (old is not null) TryDelete(old);
                return;
            }
            catch (IOException) when (attempt < SwapAttempts)
            {
                Thread.Sleep(10 * (attempt + 1));
            }
        }
    }

    public const int SwapAttempts = 8;

    /// <summary>A path written under the staging folder, as it reads once the folder is in place.</summary>
    public static string Rebase(string path, string staging, string folder) =>
        Path.Combine(Path.GetFullPath(folder), Path.GetRelativePath(staging, path));

    private static void TryDelete(string dir)
    {
        try { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
