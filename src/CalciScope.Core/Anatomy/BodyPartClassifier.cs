namespace CalciScope.Anatomy;

/// <summary>Options of <see cref="BodyPartClassifier"/>; every value is an anatomical size with its source.</summary>
public sealed record BodyPartOptions
{
    /// <summary>A slice is at chest level above this share of enclosed air in the body (<see cref="Segmentation.SliceStats.LungLevelAirFraction"/>)...</summary>
    public double LungAirFraction { get; init; } = Segmentation.SliceStats.LungLevelAirFraction;

    /// <summary>... or above this share in the cavity inside the muscular wall (<see cref="Segmentation.SliceStats.LungLevelCavityAirFraction"/>).</summary>
    public double LungCavityAirFraction { get; init; } = Segmentation.SliceStats.LungLevelCavityAirFraction;

    /// <summary>
    /// An iliac wing or femoral head cut axially covers 15-40 cm2; a rib cut obliquely at most about 4 cm2 and the lower
    /// costal margin about 6 cm2 (measured on the same scans). 8 cm2 of one lateral bone piece marks the pelvis.
    /// </summary>
    public double PelvicBoneMm2 { get; init; } = 800;

    /// <summary>
    /// The neck's cross-section is 80-200 cm2 in adults (neck circumference 32-42 cm, Ben-Noun et al., Obes Res 2001);
    /// a slice under this, above the chest and below the skull, is neck.
    /// </summary>
    public double NeckMaxAreaMm2 { get; init; } = 25000;

    /// <summary>
    /// The abdomen between the diaphragm's dome and the iliac crest is 15-25 cm tall in adults; a pelvis called closer
    /// than this below the lungs is a misread rib cage (half the shortest adult span, allowing for children).
    /// </summary>
    public double MinChestToPelvisMm { get; init; } = 80;

    /// <summary>
    /// The iliac wings run 5-8 cm from the crest to the acetabulum in adults, and a femoral head is 4-5 cm across; a rib
    /// cut obliquely at the costal margin crosses a few slices. Large lateral bone over less than this along the body
    /// axis is a rib: the phantom family's seed 5, an abdomen, had one slice of 805 mm2 at its lowest rib and all below it
    /// called pelvis. A run that the scanned range cuts counts whatever its length.
    /// </summary>
    public double MinPelvicBoneRunMm { get; init; } = 15;

    /// <summary>
    /// The lungs run 15 cm and more from apex to base in adults (8 cm and more in small children); the air of the nasopharynx
    /// and the sinuses, or of a bowel loop, at lung level in a slice or two is not lungs. The phantom family's seed 78, a
    /// head and neck, had one slice at the skull base with 16 % air called chest, and its neck below called abdomen. A run
    /// that the scanned range cuts counts whatever its length.
    /// </summary>
    public double MinLungRunMm { get; init; } = 20;

    /// <summary>
    /// The airway runs through every slice of the neck: the larynx and trachea (15-25 mm across) are 1-3 % of the neck's
    /// section. In a scan that holds neither the skull nor the lungs, a neck-sized slice is neck where it holds at least
    /// this share of enclosed air: a limb scanned alone holds none.
    /// </summary>
    public double NeckMinAirwayFraction { get; init; } = 0.005;
}

/// <summary>
/// Names the body part of every slice from landmarks in the image, never from an assumed scan range: the skull's ring
/// is head; the lungs' air is chest; two limbs each holding bone below the pelvis are thighs (or legs, once the knee is
/// passed and the limbs are slimmer); a large lateral bone (iliac wing, femoral head) below the abdomen is pelvis; the
/// narrow section between skull and chest is neck; between chest and pelvis is abdomen. The parts are then put in their
/// head-to-foot order, so that a slice can never be pelvis above a chest.
/// </summary>
public sealed class BodyPartClassifier(BodyPartOptions options)
{
    public BodyPartClassifier() : this(new BodyPartOptions()) { }

    public BodyPart[] Classify(IReadOnlyList<SliceLandmarks> slices)
    {
        int n = slices.Count;
        var parts = new BodyPart[n];
        // Order slices from head to foot by patient z (higher z is more cranial).
        var order = Enumerable.Range(0, n).OrderByDescending(k => slices[k].PatientZMm).ToArray();
        double lowestLungZ = double.NaN, highestLungZ = double.NaN;
        var lungs = Runs(slices, order, s => !s.Skull && (s.LungAirFraction > options.LungAirFraction || s.CavityAirFraction > options.LungCavityAirFraction),
            options.MinLungRunMm);
        foreach (var k in order)
        {
            var s = slices[k];
            if (s.BodyAreaMm2 <= 0) continue;
            if (s.Skull) parts[k] = BodyPart.Head;
            else if (lungs[k])
            {
                parts[k] = BodyPart.Chest;
                if (double.IsNaN(lowestLungZ) || s.PatientZMm < lowestLungZ) lowestLungZ = s.PatientZMm;
                if (double.IsNaN(highestLungZ) || s.PatientZMm > highestLungZ) highestLungZ = s.PatientZMm;
            }
        }
        var pelvicBone = Runs(slices, order, s => s.LargestLateralBoneMm2 >= options.PelvicBoneMm2, options.MinPelvicBoneRunMm);
        bool headSeen = order.Any(k => parts[k] == BodyPart.Head);
        // Neither skull nor lungs: a neck scanned between them (the phantom family's seeds 23, 32, 107) is told by its size
        // and its airway; a small child's abdomen scanned without its lung bases would pass too, and is the known risk.
        bool neitherSkullNorLungs = !headSeen && double.IsNaN(lowestLungZ);
        double lowestHeadZ = headSeen ? order.Where(k => parts[k] == BodyPart.Head).Min(k => slices[k].PatientZMm) : double.NaN;
        foreach (var k in order)
        {
            var s = slices[k];
            if (s.BodyAreaMm2 <= 0 || parts[k] != BodyPart.Unknown) continue;
            double z = s.PatientZMm;
            bool aboveLungs = !double.IsNaN(highestLungZ) && z > highestLungZ;
            bool belowHead = headSeen && z < lowestHeadZ;
            bool farBelowChest = double.IsNaN(lowestLungZ) || lowestLungZ - z >= options.MinChestToPelvisMm;
            bool neckSized = s.BodyAreaMm2 <= options.NeckMaxAreaMm2 && s.LimbsWithBone < 2;
            // The vertex above the skull's widest ring is still head.
            if (headSeen && z > lowestHeadZ)
                parts[k] = BodyPart.Head;
            else if (aboveLungs || belowHead && double.IsNaN(lowestLungZ) && neckSized
                || neitherSkullNorLungs && neckSized && !pelvicBone[k] && s.LungAirFraction >= options.NeckMinAirwayFraction)
                parts[k] = BodyPart.Neck;
            else if (s.LimbsWithBone >= 2 && farBelowChest)
                parts[k] = BodyPart.Thigh;
            // A scan that holds a head but no lungs ends in the neck: a large lateral bone there is the mandible.
            else if (pelvicBone[k] && farBelowChest && (!headSeen || !double.IsNaN(lowestLungZ)))
                parts[k] = BodyPart.Pelvis;
            else
                parts[k] = BodyPart.Abdomen;
        }
        Order(parts, order, slices);
        return parts;
    }

    /// <summary>
    /// The slices that show a landmark (lungs, a pelvic bone) in a run of consecutive slices of the body at least
    /// <paramref name="minRunMm"/> long, or in a run that the scanned range cuts: a landmark of a part that spans
    /// centimetres, never one slice's look-alike.
    /// </summary>
    private static bool[] Runs(IReadOnlyList<SliceLandmarks> slices, int[] order, Func<SliceLandmarks, bool> shows, double minRunMm)
    {
        var result = new bool[slices.Count];
        var withBody = order.Where(k => slices[k].BodyAreaMm2 > 0).ToArray();
        double step = withBody.Length > 1 ? Math.Abs(slices[withBody[1]].PatientZMm - slices[withBody[0]].PatientZMm) : 0;
        for (int a = 0; a < withBody.Length;)
        {
            if (!shows(slices[withBody[a]])) { a++; continue; }
            int b = a;
            while (b + 1 < withBody.Length && shows(slices[withBody[b + 1]])) b++;
            double length = Math.Abs(slices[withBody[a]].PatientZMm - slices[withBody[b]].PatientZMm) + step;
            if (length >= minRunMm || a == 0 || b == withBody.Length - 1)
                for (int i = a; i <= b; i++) result[withBody[i]] = true;
            a = b + 1;
        }
        return result;
    }

    /// <summary>
    /// Head to foot the parts come in one order; a slice that breaks it (a pelvis-sized bone piece in the middle of the
    /// abdomen, an abdominal slice between two pelvic ones) takes the part of its neighbours. Thighs become legs below the
    /// knee, where each limb's section has shrunk to under 60 % of the thighs' widest (calf to thigh girth is about
    /// 0.6-0.7 in adults).
    /// </summary>
    private static void Order(BodyPart[] parts, int[] order, IReadOnlyList<SliceLandmarks> slices)
    {
        // Pelvis can only lie below abdomen: an abdominal slice below the first pelvic slice is pelvis (the pelvic
        // cavity between the iliac wings and the femoral heads has no large lateral bone on every slice).
        bool pelvisSeen = false, thighSeen = false;
        double widestThigh = 0;
        foreach (var k in order)
        {
            if (parts[k] == BodyPart.Pelvis) pelvisSeen = true;
            else if (parts[k] == BodyPart.Abdomen && pelvisSeen && !thighSeen) parts[k] = BodyPart.Pelvis;
            if (parts[k] == BodyPart.Thigh)
            {
                thighSeen = true;
                widestThigh = Math.Max(widestThigh, slices[k].BodyAreaMm2);
            }
            else if (thighSeen && parts[k] is BodyPart.Pelvis or BodyPart.Abdomen) parts[k] = BodyPart.Thigh;
        }
        foreach (var k in order)
            if (parts[k] == BodyPart.Thigh && widestThigh > 0 && slices[k].BodyAreaMm2 < CalfToThighArea * widestThigh) parts[k] = BodyPart.Leg;
    }

    public const double CalfToThighArea = 0.6 * 0.6;

    /// <summary>The slices grouped into runs of one part, head first.</summary>
    public static IReadOnlyList<BodyPartRange> Ranges(BodyPart[] parts, IReadOnlyList<SliceLandmarks> slices, double sliceMm)
    {
        var ranges = new List<BodyPartRange>();
        var order = Enumerable.Range(0, parts.Length).Where(k => parts[k] != BodyPart.Unknown).OrderByDescending(k => slices[k].PatientZMm);
        BodyPart current = BodyPart.Unknown;
        double from = 0, to = 0;
        foreach (var k in order)
        {
            double z = slices[k].PatientZMm;
            if (parts[k] != current)
            {
                if (current != BodyPart.Unknown) ranges.Add(new BodyPartRange(current, Math.Round(from - sliceMm / 2, 1), Math.Round(to + sliceMm / 2, 1)));
                current = parts[k];
                to = z;
            }
            from = z;
        }
        if (current != BodyPart.Unknown) ranges.Add(new BodyPartRange(current, Math.Round(from - sliceMm / 2, 1), Math.Round(to + sliceMm / 2, 1)));
        return ranges;
    }
}
