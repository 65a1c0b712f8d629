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

    /// <summary>
    /// The airway runs the whole neck (10-12 cm in adults), and bowel gas fills loops centimetres long; air over fewer
    /// slices than this is a pocket of gas in a wound or a sinus, which a limb can hold too.
    /// </summary>
    public double MinAirwayRunMm { get; init; } = 20;

    /// <summary>
    /// A limb's bone lies near the middle of its section: the femur's and humerus's axes are within 0.1-0.2 of the limb's
    /// radius of its centre, the tibia and fibula together within about 0.25 (cross-sectional anatomy of the limbs). The
    /// trunk's spine lies at its back, 0.3-0.6 of its equivalent radius from the centre (the abdominal and chest CTs of
    /// ../shared/data; the phantom family's trunks 0.28-0.59). A scan is of limbs alone where the bone lies within this on
    /// most slices.
    /// </summary>
    public double LimbBoneOffsetShare { get; init; } = 0.3;

    /// <summary>
    /// Fat between a limb's muscles is a few per cent of its muscle compartment, up to about 15 % in the elderly and the
    /// obese (intermuscular adipose tissue of the thigh, Goodpaster et al., Am J Clin Nutr 2000); the abdomen's cavity
    /// is a fifth to a half fat (mesenteric and retroperitoneal), and so are the phantom family's abdomens (seed 129's,
    /// without gas over 20 mm and its spine 0.3 of its radius from the centre, had been called thigh). A scan whose inner
    /// compartment is more fat than this on most slices is no limb.
    /// </summary>
    public double LimbMaxInnerFatShare { get; init; } = 0.25;

    /// <summary>
    /// A limb's section holds one or two long bones (three at the knee or the elbow, with the patella or the olecranon);
    /// the trunk's holds the spine with the ribs cut around it (a median of 6-15 pieces on the chest and upper-abdomen
    /// CTs of ../shared/data, where the ribs also bring the bone's centre to the middle: 0.17 of the radius on the upper
    /// abdomen) or the pelvic bones. A scan with more pieces than this on most slices is no limb (a hand or a foot
    /// scanned alone is missed with it).
    /// </summary>
    public int LimbMaxBonePieces { get; init; } = 3;

    /// <summary>
    /// A limb scanned alone whose widest section reaches this is a lower limb: 140 cm2 is the section of a circumference
    /// of 42 cm, under the 5th percentile of adults' mid-thigh circumference (about 45 cm) and at about the 95th of their
    /// mid-upper-arm circumference (about 40 cm; McDowell et al., Anthropometric reference data for children and adults,
    /// United States 2003-2006, Natl Health Stat Report 10, 2008).
    /// </summary>
    public double LowerLimbMinAreaMm2 { get; init; } = 14000;

    /// <summary>
    /// A limb scanned alone whose single bone's shaft has at least this section (median over the slices holding one bone,
    /// marrow included) is a thigh, however thin the limb: 410 mm2 is a disc of 72 mm circumference, midway between the
    /// means of the adult male humerus's midshaft circumference (about 65 mm; Martin's M7a in osteometric sex-estimation
    /// studies, e.g. Kranioti and Michalodimitrakis, J Forensic Sci 2009) and of the adult female femur's (about 79 mm;
    /// Black, Am J Phys Anthropol 1978). The phantom family's thin thighs (122-139 cm2 at their widest, under
    /// <see cref="LowerLimbMinAreaMm2"/>) hold femora of 450-560 mm2.
    /// </summary>
    public double FemurMinShaftMm2 { get; init; } = 410;

    /// <summary>
    /// Below the knee the leg holds two bones of unequal size: the fibula's shaft (10-15 mm across, 0.8-1.8 cm2) is a
    /// quarter to a third of the tibia's section (Gray's Anatomy); the forearm's radius and ulna are alike (0.6-1 of each
    /// other along most of the shaft). A second bone of at least <see cref="MinSecondBoneMm2"/> and at most this share of
    /// the first marks a leg.
    /// </summary>
    public double FibulaMaxShare { get; init; } = 0.4;

    /// <summary>A second bone piece smaller than this is a sesamoid, an osteophyte or a crumb, not a fibula or an ulna.</summary>
    public double MinSecondBoneMm2 { get; init; } = 60;

    /// <summary>
    /// The tibia and fibula run side by side for 30 cm and more in adults; a second bone beside the femur over a slice or
    /// two (the patella's edge, a crumb of the condyles) is no leg.
    /// </summary>
    public double MinLegRunMm { get; init; } = 20;
}

/// <summary>
/// Names the body part of every slice from landmarks in the image, never from an assumed scan range: the skull's ring
/// is head; the lungs' air is chest; two limbs each holding bone below the pelvis are thighs (or legs, once the knee is
/// passed: a tibia and fibula, or a calf's section); a large lateral bone (iliac wing, femoral head) below the abdomen is
/// pelvis; the narrow section between skull and chest is neck; between chest and pelvis is abdomen; a limb scanned alone
/// (one section without air, one or two bones near its middle, little fat inside its muscle) is thigh, leg or arm. The parts are then put in their
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
        bool neitherSkullNorLungs = !headSeen && double.IsNaN(lowestLungZ);
        // The airway's (or the bowel's) air over a run of slices: a pocket of gas in a wound over a slice or two is neither.
        var airway = Runs(slices, order, s => s.LungAirFraction >= options.NeckMinAirwayFraction, options.MinAirwayRunMm, edgesCount: false);
        if (neitherSkullNorLungs && !pelvicBone.Any(b => b) && LimbsAlone(slices, airway))
        {
            Limbs(slices, order, parts);
            return parts;
        }
        // Neither skull nor lungs: a neck scanned between them (the phantom family's seeds 23, 32, 107) is told by its size
        // and its airway; a small child's abdomen scanned without its lung bases would pass too, and is the known risk.
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
                || neitherSkullNorLungs && neckSized && !pelvicBone[k] && airway[k])
                parts[k] = BodyPart.Neck;
            else if (s.LimbsWithBone >= 2 && farBelowChest)
                parts[k] = BodyPart.Thigh;
            // A scan that holds a head but no lungs ends in the neck: a large lateral bone there is the mandible.
            else if (pelvicBone[k] && farBelowChest && (!headSeen || !double.IsNaN(lowestLungZ)))
                parts[k] = BodyPart.Pelvis;
            else
                parts[k] = BodyPart.Abdomen;
        }
        Order(parts, order);
        ThighsAndLegs(slices, order, parts);
        return parts;
    }

    /// <summary>
    /// A scan of one limb alone (no skull, lungs or pelvic bone, already checked): one body part on every slice, no run of
    /// enclosed air (the trunk holds bowel gas or the airway), and on most slices few bone pieces (the ribs), little fat
    /// inside the muscular wall (the trunk's viscera lie in fat) and, where there is bone, that bone near the middle.
    /// </summary>
    private bool LimbsAlone(IReadOnlyList<SliceLandmarks> slices, bool[] airway)
    {
        var body = slices.Where(s => s.BodyAreaMm2 > 0).ToList();
        if (body.Count == 0 || body.Any(s => s.LargeParts != 1) || airway.Any(a => a)) return false;
        if (2 * body.Count(s => s.InnerFatShare > options.LimbMaxInnerFatShare) > body.Count) return false;
        if (2 * body.Count(s => s.BonePieces > options.LimbMaxBonePieces) > body.Count) return false;
        var withBone = body.Where(s => !double.IsNaN(s.BoneOffsetShare)).ToList();
        return 2 * withBone.Count >= body.Count && 2 * withBone.Count(s => s.BoneOffsetShare <= options.LimbBoneOffsetShare) > withBone.Count;
    }

    /// <summary>
    /// The slices of a limb scanned alone: an arm, or a lower limb where its widest section is a thigh's, its one bone a
    /// femur's shaft, or its bones a tibia and fibula on most slices (<see cref="ThighsAndLegs"/> then tells thigh from leg).
    /// </summary>
    private void Limbs(IReadOnlyList<SliceLandmarks> slices, int[] order, BodyPart[] parts)
    {
        var body = order.Where(k => slices[k].BodyAreaMm2 > 0).ToList();
        var withBone = body.Where(k => slices[k].LargestBoneMm2 > 0).ToList();
        var shaft = withBone.Where(k => OneBone(slices[k])).Select(k => slices[k].LargestBoneMm2).Order().ToArray();
        bool lower = WidestHeld(slices, body) >= options.LowerLimbMinAreaMm2
            || shaft.Length > 0 && shaft[shaft.Length / 2] >= options.FemurMinShaftMm2
            || 2 * withBone.Count(k => TibiaAndFibula(slices[k])) > withBone.Count;
        foreach (var k in body) parts[k] = lower ? BodyPart.Thigh : BodyPart.Arm;
        if (lower) ThighsAndLegs(slices, order, parts);
    }

    /// <summary>The slice holds one long bone alone: no second piece large enough for a fibula or an ulna.</summary>
    private bool OneBone(SliceLandmarks s) => s.LargestBoneMm2 > 0 && s.SecondBoneMm2 < options.MinSecondBoneMm2;

    private bool TibiaAndFibula(SliceLandmarks s) =>
        s.SecondBoneMm2 >= options.MinSecondBoneMm2 && s.SecondBoneMm2 <= options.FibulaMaxShare * s.LargestBoneMm2;

    /// <summary>
    /// Head to foot the lower limb is thigh, then leg from the knee down (the foot included). The leg starts below the
    /// thigh's shaft (the lowest slice holding one bone alone on a section at least <see cref="ThighShaftAreaShare"/> of
    /// the widest: the ischium beside the femur at the top of a thigh is no fibula) where the tibia and fibula show over
    /// <see cref="BodyPartOptions.MinLegRunMm"/>, or where the section has shrunk to a calf's (<see cref="CalfToThighArea"/>).
    /// </summary>
    private void ThighsAndLegs(IReadOnlyList<SliceLandmarks> slices, int[] order, BodyPart[] parts)
    {
        var lower = order.Where(k => parts[k] == BodyPart.Thigh).ToArray();
        if (lower.Length == 0) return;
        double widest = WidestHeld(slices, lower);
        var tibiaAndFibula = Runs(slices, lower, TibiaAndFibula, options.MinLegRunMm, edgesCount: false);
        int shaftEnd = Array.FindLastIndex(lower, k => OneBone(slices[k]) && slices[k].BodyAreaMm2 >= ThighShaftAreaShare * widest);
        bool leg = false;
        for (int i = 0; i < lower.Length; i++)
        {
            int k = lower[i];
            leg |= i > shaftEnd && tibiaAndFibula[k] || slices[k].BodyAreaMm2 < CalfToThighArea * widest;
            if (leg) parts[k] = BodyPart.Leg;
        }
    }

    /// <summary>
    /// The widest section that the limb keeps over <see cref="BodyPartOptions.MinLegRunMm"/> of slices: a thigh's girth
    /// changes over centimetres, so a slice or two of something wider (the phantom family's seed 2255: a thigh of 176 cm2
    /// under two slices of pelvis at 551 cm2, whose whole thigh had been taken for a calf) is not the thigh's widest.
    /// </summary>
    private double WidestHeld(IReadOnlyList<SliceLandmarks> slices, IReadOnlyList<int> limb)
    {
        var areas = limb.Select(k => slices[k].BodyAreaMm2).OrderDescending().ToArray();
        double step = StepMm(slices, limb);
        int held = step > 0 ? (int)Math.Ceiling(options.MinLegRunMm / step) : 1;
        return areas[Math.Min(held, areas.Length) - 1];
    }

    /// <summary>
    /// The thigh's shaft keeps most of its section (the thigh tapers to about 0.7 of its widest above the knee, its
    /// circumference 0.85 of it); a calf is at most about 0.5 of the widest thigh (<see cref="CalfToThighArea"/>).
    /// </summary>
    public const double ThighShaftAreaShare = 0.6;

    /// <summary>
    /// The slices that show a landmark (lungs, a pelvic bone) in a run of consecutive slices of the body at least
    /// <paramref name="minRunMm"/> long, or in a run that the scanned range cuts (unless <paramref name="edgesCount"/> is
    /// false: the airway and the leg's two bones are asked of their whole length): a landmark of a part that spans
    /// centimetres, never one slice's look-alike.
    /// </summary>
    private static bool[] Runs(IReadOnlyList<SliceLandmarks> slices, int[] order, Func<SliceLandmarks, bool> shows, double minRunMm, bool edgesCount = true)
    {
        var result = new bool[slices.Count];
        var withBody = order.Where(k => slices[k].BodyAreaMm2 > 0).ToArray();
        double step = StepMm(slices, withBody);
        for (int a = 0; a < withBody.Length;)
        {
            if (!shows(slices[withBody[a]])) { a++; continue; }
            int b = a;
            while (b + 1 < withBody.Length && shows(slices[withBody[b + 1]])) b++;
            double length = Math.Abs(slices[withBody[a]].PatientZMm - slices[withBody[b]].PatientZMm) + step;
            if (length >= minRunMm || edgesCount && (a == 0 || b == withBody.Length - 1))
                for (int i = a; i <= b; i++) result[withBody[i]] = true;
            a = b + 1;
        }
        return result;
    }

    /// <summary>The distance between the first two of <paramref name="ordered"/> slices (0 for one slice): the scan's slice step.</summary>
    private static double StepMm(IReadOnlyList<SliceLandmarks> slices, IReadOnlyList<int> ordered) =>
        ordered.Count > 1 ? Math.Abs(slices[ordered[1]].PatientZMm - slices[ordered[0]].PatientZMm) : 0;

    /// <summary>
    /// Head to foot the parts come in one order; a slice that breaks it (a pelvis-sized bone piece in the middle of the
    /// abdomen, an abdominal slice between two pelvic ones) takes the part of its neighbours.
    /// </summary>
    private static void Order(BodyPart[] parts, int[] order)
    {
        // Pelvis can only lie below abdomen: an abdominal slice below the first pelvic slice is pelvis (the pelvic
        // cavity between the iliac wings and the femoral heads has no large lateral bone on every slice).
        bool pelvisSeen = false, thighSeen = false;
        foreach (var k in order)
        {
            if (parts[k] == BodyPart.Pelvis) pelvisSeen = true;
            else if (parts[k] == BodyPart.Abdomen && pelvisSeen && !thighSeen) parts[k] = BodyPart.Pelvis;
            if (parts[k] == BodyPart.Thigh) thighSeen = true;
            else if (thighSeen && parts[k] is BodyPart.Pelvis or BodyPart.Abdomen) parts[k] = BodyPart.Thigh;
        }
    }

    /// <summary>A calf's section is under this share of the widest thigh's: calf to thigh girth is about 0.6-0.7 in adults.</summary>
    public const double CalfToThighArea = 0.6 * 0.6;

    /// <summary>
    /// Whether the scan is of one limb alone: every slice a limb's, each one section. Its lesions lie in that limb, on
    /// the patient's side where the limb lies (<see cref="Calcification.RegionMapper"/>), never on either side of its middle.
    /// </summary>
    public static bool OneLimb(BodyPart[] parts, IReadOnlyList<SliceLandmarks> slices) =>
        parts.Any(p => p != BodyPart.Unknown)
        && Enumerable.Range(0, parts.Length).All(k => parts[k] is BodyPart.Unknown || parts[k] is BodyPart.Thigh or BodyPart.Leg or BodyPart.Arm && slices[k].LargeParts == 1);

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
