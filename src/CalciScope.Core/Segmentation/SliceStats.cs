namespace CalciScope.Segmentation;

/// <summary>
/// What one axial slice of the body looks like: where its centre is, how wide, lungs or legs; whether it is at the level
/// of the head (<see cref="Head"/>) and inside the skull's ring (<see cref="Cranial"/>).
/// </summary>
public readonly record struct SliceStats(double BodyAreaMm2, double CentreI, double CentreJ, double HalfWidthI, double HalfDepthJ,
    double AirFraction, int BodyParts, bool LateralBone, bool Head = false, bool Cranial = false);
