using CalciScope.Phantoms;

namespace CalciScope.Tests.Batch;

/// <summary>A folder of small phantom studies (one per seed, each its own StudyInstanceUID) and, on request, one broken study.</summary>
internal static class Studies
{
    public static string Make(string root, int count, bool withBroken, int size = 112, int slices = 20)
    {
        var dir = Path.Combine(root, "studies");
        for (int i = 1; i <= count; i++)
        {
            var study = PhantomGenerator.Generate(new PhantomOptions { Case = i % 3 == 0 ? "injection_granulomas" : "seed", Size = size, PixelMm = 360.0 / size, Slices = slices, SliceMm = 120.0 / slices, Seed = i });
            PhantomWriter.Write(study, Path.Combine(dir, $"study{i:D3}"));
        }
        if (withBroken)
        {
            // A DICOM preamble and magic, then a length that runs past the end of the file.
            var broken = Path.Combine(dir, "zz_broken");
            Directory.CreateDirectory(broken);
            var bytes = new byte[600];
            "DICM"u8.CopyTo(bytes.AsSpan(128));
            new Random(7).NextBytes(bytes.AsSpan(132));
            File.WriteAllBytes(Path.Combine(broken, "image.dcm"), bytes);
        }
        return dir;
    }

    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CalciScope.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
        }
    }

    /// <summary>The CLI built in the same configuration as this test, run as its own process.</summary>
    public static string CliDll
    {
        get
        {
            var config = AppContext.BaseDirectory.Contains("/Release/") ? "Release" : "Debug";
            return Path.Combine(RepoRoot, "src", "CalciScope.Cli", "bin", config, "net10.0", "calciscope.dll");
        }
    }
}
