namespace CalciScope.Anatomy;

/// <summary>
/// What one axial slice shows that tells the body part: the body's cross-section, the limbs and arms apart from the
/// trunk, the air of the lungs, the skull's ring, and the largest piece of bone lying laterally (an iliac wing or a
/// femoral head, where ribs are cut as small pieces).
/// </summary>
public readonly record struct SliceLandmarks(
    double PatientZMm,
    double BodyAreaMm2,
    int LargeParts,
    double LungAirFraction,
    bool Skull,
    double LargestLateralBoneMm2,
    int LimbsWithBone)
{
    /// <summary>Enclosed air as a share of the cavity inside the muscular wall (<see cref="Segmentation.SliceStats.CavityAirFraction"/>).</summary>
    public double CavityAirFraction { get; init; }
}
