namespace CalciScope.Tests.Support;

/// <summary>The real CTs of ../shared/data as analysable inputs.</summary>
public static class RealCt
{
    /// <summary>The path to analyse for a scan of ../shared/data/ct (the JPEG 2000 series is read as it is stored).</summary>
    public static string Input(string scan) => Path.Combine(Repo.SharedData, "ct", scan);
}
