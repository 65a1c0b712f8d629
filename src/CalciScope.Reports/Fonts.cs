using SkiaSharp;

namespace CalciScope.Reports;

/// <summary>The report's typeface: DejaVu Sans from the system when present (the dependency-free Skia has no font lookup).</summary>
internal static class Fonts
{
    private static readonly string[] Candidates =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/lato/Lato-Regular.ttf",
    ];

    private static readonly string[] BoldCandidates =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
    ];

    public static readonly SKTypeface Regular = Load(Candidates);
    public static readonly SKTypeface Bold = Load(BoldCandidates, Regular);

    private static SKTypeface Load(string[] paths, SKTypeface? fallback = null)
    {
        foreach (var p in paths)
            if (File.Exists(p) && SKTypeface.FromFile(p) is { } t) return t;
        return fallback ?? SKTypeface.Default;
    }

    public static bool HasRealFont => Candidates.Any(File.Exists);
}
