namespace CalciScope.Segmentation;

/// <summary>
/// What one axial slice of the body looks like: where its centre is, how wide, how much air it encloses; whether it is at the level
/// of the head (<see cref="Head"/>) and inside the skull's ring (<see cref="Cranial"/>).
/// </summary>
public readonly record struct SliceStats(double BodyAreaMm2, double CentreI, double CentreJ, double HalfWidthI, double HalfDepthJ,
    double AirFraction, bool Head = false, bool Cranial = false)
{
    /// <summary>
    /// A slice is at the lungs' level when enclosed air is more than this share of the body's section: the lungs fill
    /// 30-60 % of a mid-thoracic slice, bowel gas rarely 10 % of an abdominal one (the LIDC and upper-abdomen CTs in
    /// ../shared/data: lowest lung slices 16-20 %, stomach gas slices under 12 %). The one definition of "lung level".
    /// </summary>
    public const double LungLevelAirFraction = 0.15;

    public bool AtLungLevel => AirFraction > LungLevelAirFraction;
}
