namespace CalciScope.Calcification;

/// <summary>The shape and context of one lesion that compartment, pattern and region rules read.</summary>
internal sealed record LesionFeatures
{
    public double VolumeMm3 { get; init; }
    public double L1 { get; init; }
    public double L2 { get; init; }
    public double L3 { get; init; }
    public double InteriorFraction { get; init; }
    public double Hollowness { get; init; }
    public double Sphericity { get; init; }
    public double SkinFraction { get; init; }
    public double OutsideWallFraction { get; init; }
    public double BandFraction { get; init; }
    public double VesselFraction { get; init; }
    public double SurroundFatFraction { get; init; }
    public int NearbyBones { get; init; }
    public bool ForceVascular { get; init; }
    /// <summary>Extent along the patient's head-to-foot axis (slices spanned times their spacing), mm.</summary>
    public double AxialExtentMm { get; init; }
    /// <summary>Ellipsoid fill: volume over the volume of the ellipsoid with the principal lengths.</summary>
    public double Fill => VolumeMm3 / Math.Max(1e-6, Math.PI / 6 * L1 * L2 * L3);
    public bool Thin => InteriorFraction < 0.15;
}
