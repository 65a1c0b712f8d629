namespace CalciScope.Calcification;

/// <summary>One calcification outside the skeleton, measured, mapped and named.</summary>
public sealed record Lesion
{
    public int Id { get; init; }
    public double[] CentroidMm { get; init; } = [0, 0, 0];
    public double VolumeMm3 { get; init; }
    public string Compartment { get; init; } = "other";
    public string Side { get; init; } = "midline";
    public string Region { get; init; } = "other";
    public string Pattern { get; init; } = "none";
    public int VoxelCount { get; init; }
    public double MeanHu { get; init; }
    public int MaxHu { get; init; }
    public double AgatstonScore { get; init; }
    public double MassMg { get; init; }
    public double[] BoundingBoxMinMm { get; init; } = [0, 0, 0];
    public double[] BoundingBoxMaxMm { get; init; } = [0, 0, 0];
    /// <summary>Lengths (mm) along the principal axes, longest first.</summary>
    public double[] PrincipalLengthsMm { get; init; } = [0, 0, 0];
    public double Elongation { get; init; }
    public double Flatness { get; init; }
    public double Sphericity { get; init; }
    public double Hollowness { get; init; }
    public double DepthBelowSkinMm { get; init; }
    public int Slices { get; init; }
    /// <summary>
    /// The organ the lesion lies in, where an anatomy source names one (lung, stomach, bowel, kidney, ...); null where it
    /// lies in the body wall or no source was given.
    /// </summary>
    public string? Anatomy { get; init; }
}
