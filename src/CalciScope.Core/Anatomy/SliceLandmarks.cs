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

    /// <summary>
    /// How far the bone of the largest body part lies from that part's centre, as a share of its equivalent radius (the
    /// radius of a disc of its area); NaN where it holds no bone. A limb's bone lies near its middle, the trunk's spine at
    /// its back.
    /// </summary>
    public double BoneOffsetShare { get; init; } = double.NaN;

    /// <summary>The largest and second largest bone pieces of the largest body part (mm2, marrow included).</summary>
    public double LargestBoneMm2 { get; init; }

    /// <inheritdoc cref="LargestBoneMm2"/>
    public double SecondBoneMm2 { get; init; }

    /// <summary>Bone pieces of the largest body part of at least <see cref="SliceLandmarkFinder.MinBonePieceMm2"/>: a limb's one or two long bones, the trunk's spine with its ribs or pelvic bones.</summary>
    public int BonePieces { get; init; }

    /// <summary>
    /// The share of fat in the largest body part's inner compartment (inside its muscular wall, air left out): the
    /// trunk's viscera lie in mesenteric and retroperitoneal fat, a limb's muscles hold little fat between them.
    /// </summary>
    public double InnerFatShare { get; init; }
}
