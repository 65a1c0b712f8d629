namespace CalciScope.Tests.Support;

/// <summary>The real CTs of ../shared/data as analysable inputs.</summary>
public static class RealCt
{
    private static readonly Lazy<string> UpperAbdomen = new(ConvertUpperAbdomen);

    /// <summary>
    /// The path to analyse for a scan of ../shared/data/ct. The upper-abdomen series is stored as JPEG 2000, which
    /// CalciScope's codec does not decode yet (the archives issue); dcm2niix (OpenJPEG inside) converts it to NIfTI once.
    /// </summary>
    public static string Input(string scan) =>
        scan == "upper_abdomen_j2k" ? UpperAbdomen.Value : Path.Combine(Repo.SharedData, "ct", scan);

    private static string ConvertUpperAbdomen()
    {
        var dir = Path.Combine(Path.GetTempPath(), "calciscope-tests-upper-abdomen-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "upper_abdomen.nii.gz");
        if (!File.Exists(path))
            Tool.Run("dcm2niix", "-z", "y", "-b", "n", "-o", dir, "-f", "upper_abdomen", Path.Combine(Repo.SharedData, "ct", "upper_abdomen_j2k")).Ok();
        return path;
    }
}
