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

    /// <summary>
    /// Or when enclosed air is more than this share of the cavity inside the muscular wall, whose area does not grow with
    /// the subcutaneous fat: the body's share halves in a heavy patient (the phantom family's chests of thick habitus had
    /// lungs of 14.7-15.0 % of the body, 29-37 % of the cavity: seeds 130, 423, 505), while bowel gas stays far under it
    /// (at most 4 % of the cavity on the abdominal slices of the four trunk CTs of ../shared/data and in the family's
    /// abdomens and pelves). In a lean patient the body's share passes first (0.15 of the body was 0.18-0.19 of the
    /// cavity on LIDC-IDRI 0001 and 0003).
    /// </summary>
    public const double LungLevelCavityAirFraction = 0.25;

    /// <summary>Enclosed air as a share of the cavity inside the muscular wall.</summary>
    public double CavityAirFraction { get; init; }

    /// <summary>The one test of "lung level" for the detection; <see cref="Anatomy.BodyPartOptions"/> takes its defaults from the same two values.</summary>
    public bool AtLungLevel => AirFraction > LungLevelAirFraction || CavityAirFraction > LungLevelCavityAirFraction;
}
