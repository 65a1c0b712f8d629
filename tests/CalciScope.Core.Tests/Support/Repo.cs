namespace CalciScope.Tests.Support;

/// <summary>Paths of the repository and of the shared data beside it.</summary>
public static class Repo
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CalciScope.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
        }
    }

    /// <summary>../shared/data: real scans, never copied into the repository.</summary>
    public static string SharedData => Path.Combine(Root, "..", "shared", "data");
}
