namespace CalciScope.Tests;

/// <summary>A small seed-like phantom written once for the CLI tests.</summary>
public static class SmallPhantom
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        var root = Directory.CreateTempSubdirectory("calciscope-cli-phantom-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { Directory.Delete(root, true); } catch (IOException) { } };
        var r = CliRunner.Run("phantom", "--case", "seed", "--size", "128", "--slices", "16", "--pixel-mm", "2.8", "--slice-mm", "8", "--out", root);
        if (r.Exit != 0) throw new InvalidOperationException(r.Err);
        return Path.Combine(root, "dicom");
    });

    public static string Dicom => Folder.Value;
}
