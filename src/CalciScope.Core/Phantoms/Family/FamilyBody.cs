namespace CalciScope.Phantoms.Family;

/// <summary>
/// The family's body as analytic shapes in body coordinates (mm: x to the patient's left, y posterior, z up, 0 at the
/// femoral heads). Trunk levels from the pelvis to the chest, or two thighs: skin, subcutaneous fat, a muscle wall, the
/// cavity with its organs, vessels and bones (ribs as sloping tubes that the scanned range cuts, vertebrae, pelvis,
/// femora), each bone a cortex round the case's marrow.
/// </summary>
internal sealed class FamilyBody(FamilyCase c)
{
    public const short Air = -1000, Skin = 40, Fat = -100, Muscle = 50, VisceralFat = -90, Lung = -850, Blood = 42,
        Liver = 60, Kidney = 35, BowelWall = 35, Urine = 8, Cartilage = 110, Brain = 35;
    public const double SkinMm = 2, CortexMm = 1.6, RibRadiusMm = 5, RibSpacingMm = 26, RibDropMm = 70;
    /// <summary>Levels on the body axis: iliac crest, the lowest ribs, the diaphragm's dome (lung bases), the lung apices.</summary>
    public const double BifurcationMm = 60;
    public const double IliacCrestZ = 150, LowestRibZ = 300, LungBaseZ = 390, LungApexZ = 650, HeartTopZ = 540;

    public FamilyCase Case { get; } = c;
    public double A { get; } = 165 * c.Habitus;
    public double B { get; } = 115 * c.Habitus;
    public double ThighR { get; } = 78 * c.Habitus;
    public double ThighX { get; } = 92 * c.Habitus;

    /// <summary>Below this level the body is two thighs; the pelvis's bones stop above it.</summary>
    public const double ThighZ = -45;

    public bool IsThigh(double z) => z < ThighZ;

    /// <summary>Whether a point of the thighs' levels lies on the side of a thigh that is scanned (the left is not, in a single limb).</summary>
    private bool ThighScanned(double x) => !Case.SingleLimb || x < 0;
    /// <summary>The neck starts above the thoracic inlet; the head (skull) above the skull base.</summary>
    public const double NeckZ = 690, SkullBaseZ = 770;
    public bool IsHeadNeck(double z) => z >= NeckZ;

    /// <summary>Half-axes of the outer skin at a level of the trunk, neck or head (x across, y front to back).</summary>
    public (double A, double B) Outline(double z) =>
        z >= SkullBaseZ ? (72 * Case.Habitus, 90 * Case.Habitus) : z >= NeckZ ? (60 * Case.Habitus, 55 * Case.Habitus) : (A, B);

    /// <summary>Subcutaneous fat at a level: the scalp's is thin, the neck's moderate.</summary>
    public double FatAt(double z) => z >= SkullBaseZ ? Math.Min(Case.FatMm, 5) : z >= NeckZ ? Math.Min(Case.FatMm, 14) : Case.FatMm;

    /// <summary>Half-axes of the inner edge of the subcutaneous fat (the muscle wall's outer edge).</summary>
    public (double A, double B) Wall => (A - SkinMm - Case.FatMm, B - SkinMm - Case.FatMm);
    /// <summary>Half-axes of the cavity inside the muscle wall.</summary>
    public (double A, double B) Cavity => (Wall.A - Case.WallMm, Wall.B - Case.WallMm);

    public static double E(double x, double y, double cx, double cy, double a, double b)
    {
        double dx = (x - cx) / a, dy = (y - cy) / b;
        return Math.Sqrt(dx * dx + dy * dy);
    }

    private short Bone(double depthFromSurfaceMm) => depthFromSurfaceMm < CortexMm ? Case.CortexHu : Case.MarrowHu;

    /// <summary>Depth (mm) inside an ellipse approximated from its normalised radius; negative outside.</summary>
    private static double Depth(double r, double a, double b) => (1 - r) * Math.Min(a, b);

    private short Lumen(bool artery) => Case.Contrast switch
    {
        FamilyContrast.Arterial => artery ? (short)330 : (short)150,
        FamilyContrast.Venous => artery ? (short)180 : (short)170,
        _ => Blood,
    };

    // Vessels of the trunk by level, and of each thigh.
    public (double X, double Y, double R, bool Artery)[] Vessels(double z)
    {
        var (ca, cb) = Cavity;
        if (IsHeadNeck(z))
        {
            var (_, nb) = Outline(z);
            return [(-24, -0.1 * nb, 3.5, true), (24, -0.1 * nb, 3.5, true), (-33, -0.02 * nb, 5, false), (33, -0.02 * nb, 5, false)];
        }
        if (IsThigh(z))
        {
            (double, double, double, bool)[] right = [(-ThighX + 18, -25, 4, true), (-ThighX + 26, -22, 5, false)];
            return Case.SingleLimb ? right : [.. right, (ThighX - 18, -25, 4, true), (ThighX - 26, -22, 5, false)];
        }
        (double, double, double, bool)[] trunk = [(0.06 * ca, 0.45 * cb, 11, true), (-0.14 * ca, 0.42 * cb, 12, false)];
        // The aorta and cava turn into the arch and the heart below the lung apices; the neck's vessels start above.
        if (z > LungApexZ) return [];
        if (z > IliacCrestZ) return trunk;
        // Below the bifurcation the iliac vessels run down and out from under the aorta and cava: continuous tubes.
        double t = Math.Clamp((IliacCrestZ - z) / BifurcationMm, 0, 1);
        (double, double, double, bool)[] iliac =
        [
            (0.06 * ca + t * (-0.41 * ca), 0.45 * cb + t * (-0.55 * cb), 4.5, true), (0.06 * ca + t * (0.29 * ca), 0.45 * cb + t * (-0.55 * cb), 4.5, true),
            (-0.14 * ca + t * (-0.31 * ca), 0.42 * cb + t * (-0.37 * cb), 6, false), (-0.14 * ca + t * (0.59 * ca), 0.42 * cb + t * (-0.37 * cb), 6, false),
        ];
        return z > IliacCrestZ - 10 ? [.. trunk, .. iliac] : iliac;
    }

    public short Hu(double x, double y, double z) => IsThigh(z) ? ThighHu(x, y, z) : IsHeadNeck(z) ? HeadNeckHu(x, y, z) : TrunkHu(x, y, z);

    /// <summary>Whether a point lies in a bone (cortex or marrow): where no calcified lesion can be placed.</summary>
    public bool IsBone(double x, double y, double z)
    {
        if (IsThigh(z)) return ThighScanned(x) && FemurDistance(x, y) < FemurR;
        if (IsHeadNeck(z))
        {
            var (a, b) = Outline(z);
            double r = E(x, y, 0, 0, a, b);
            if (r > 1) return false;
            double bone = Depth(r, a, b) - SkinMm - FatAt(z);
            if (z >= SkullBaseZ) return bone >= 0 && bone < SkullMm;
            return NeckVertebra(x, y, b) < 1;
        }
        // The bones of the trunk lie within its muscle wall (which lies within the skin).
        var (wa, wb) = Wall;
        return E(x, y, 0, 0, wa, wb) <= 1 && BoneHu(x, y, z) != 0;
    }

    /// <summary>Radius of the femoral shaft (mm).</summary>
    public double FemurR => 14 * Case.Habitus;

    /// <summary>The skull: two cortical tables of 2 mm round 2 mm of diploe, under the scalp's fat.</summary>
    private const double SkullMm = 6, SkullTableMm = 2;

    private double NeckVertebraA => 11 * Case.Habitus;
    private double NeckVertebraB => 10 * Case.Habitus;

    /// <summary>Normalised radius of a neck point from the cervical vertebral body (under 1 inside it).</summary>
    private double NeckVertebra(double x, double y, double b) => E(x, y, 0, 0.45 * b, NeckVertebraA, NeckVertebraB);

    /// <summary>Distance from the femoral shaft's axis in a thigh: a little medial and posterior of the thigh's centre.</summary>
    private double FemurDistance(double x, double y)
    {
        double cx = x < 0 ? -ThighX : ThighX, fx = cx - Math.Sign(cx) * 8, fy = 6;
        return Math.Sqrt((x - fx) * (x - fx) + (y - fy) * (y - fy));
    }

    /// <summary>
    /// The neck (cervical vertebra, airway, carotid arteries and jugular veins in muscle under a fat layer) and the head
    /// (scalp, a skull of two cortical tables round the diploe's marrow, the brain).
    /// </summary>
    private short HeadNeckHu(double x, double y, double z)
    {
        var (a, b) = Outline(z);
        double r = E(x, y, 0, 0, a, b);
        if (r > 1) return Air;
        double depth = Depth(r, a, b), fat = FatAt(z);
        if (depth < SkinMm) return Skin;
        if (depth < SkinMm + fat) return Fat;
        if (z >= SkullBaseZ)
        {
            double bone = depth - SkinMm - fat;
            if (bone < SkullTableMm) return Case.CortexHu;
            if (bone < SkullMm - SkullTableMm) return Case.MarrowHu;
            if (bone < SkullMm) return Case.CortexHu;
            return Brain;
        }
        double rv = NeckVertebra(x, y, b);
        if (rv < 1) return Bone(Depth(rv, NeckVertebraA, NeckVertebraB));
        if (Math.Sqrt(x * x + (y + 0.45 * b) * (y + 0.45 * b)) < 8) return Air; // the trachea
        foreach (var v in Vessels(z)) if (Math.Sqrt((x - v.X) * (x - v.X) + (y - v.Y) * (y - v.Y)) < v.R) return Lumen(v.Artery);
        return Muscle;
    }

    private short ThighHu(double x, double y, double z)
    {
        if (!ThighScanned(x)) return Air;
        double cx = x < 0 ? -ThighX : ThighX;
        double r = Math.Sqrt((x - cx) * (x - cx) + y * y);
        if (r > ThighR) return Air;
        if (r > ThighR - SkinMm) return Skin;
        double fat = Math.Min(Case.FatMm, 0.4 * ThighR);
        if (r > ThighR - SkinMm - fat) return Fat;
        // The femoral shaft: a tube of cortex round the marrow.
        double fr = FemurR, rf = FemurDistance(x, y);
        if (rf < fr) return fr - rf < 4 ? Case.CortexHu : Case.MarrowHu;
        foreach (var v in Vessels(z)) if (Math.Sqrt((x - v.X) * (x - v.X) + (y - v.Y) * (y - v.Y)) < v.R) return Lumen(v.Artery);
        return Muscle;
    }

    private short TrunkHu(double x, double y, double z)
    {
        double ro = E(x, y, 0, 0, A, B);
        // The table under the back, or under the front of a prone patient.
        double down = Case.Prone ? -y : y;
        if (ro > 1) return down > B + 25 && down < B + 35 && Math.Abs(x) < A ? (short)300 : Air;
        if (Depth(ro, A, B) < SkinMm) return Skin;
        var (wa, wb) = Wall;
        double rw = E(x, y, 0, 0, wa, wb);
        if (rw > 1) return Fat;
        short bone = BoneHu(x, y, z);
        if (bone != 0) return bone;
        var (ca, cb) = Cavity;
        double rc = E(x, y, 0, 0, ca, cb);
        if (rc > 1) return Muscle;
        foreach (var v in Vessels(z)) if (Math.Sqrt((x - v.X) * (x - v.X) + (y - v.Y) * (y - v.Y)) < v.R) return Lumen(v.Artery);
        if (z >= LungBaseZ && z <= LungApexZ)
        {
            // Heart in front, the lungs either side.
            if (z < HeartTopZ && E(x, y, 0.12 * ca, -0.3 * cb, 0.38 * ca, 0.45 * cb) < 1) return Case.Enhanced ? Lumen(true) : Blood;
            if (E(x, y, -0.5 * ca, 0.05 * cb, 0.42 * ca, 0.8 * cb) < 1 || E(x, y, 0.5 * ca, 0.05 * cb, 0.42 * ca, 0.8 * cb) < 1) return Lung;
            return Muscle;
        }
        if (z >= IliacCrestZ)
        {
            // Liver on the right under the diaphragm, kidneys behind, bowel in front.
            if (z > 260 && E(x, y, -0.35 * ca, -0.05 * cb, 0.5 * ca, 0.7 * cb) < 1)
                return (short)(Liver + (Case.Contrast == FamilyContrast.Arterial ? 15 : Case.Contrast == FamilyContrast.Venous ? 50 : 0));
            if (z > 200 && z < 320 && (E(x, y, -0.45 * ca, 0.45 * cb, 0.17 * ca, 0.25 * cb) < 1 || E(x, y, 0.45 * ca, 0.45 * cb, 0.17 * ca, 0.25 * cb) < 1))
                return (short)(Kidney + (Case.Enhanced ? 150 : 0));
            return BowelHu(x, y, z, ca, cb);
        }
        // Pelvis: bladder in front, the loops of bowel indenting its dome (a loop drawn under the bladder had lost its
        // gas to it, leaving its contrast as a gasless crescent: seed 519, 1.9 mL of 'vascular' calcification).
        short bowel = BowelHu(x, y, z, ca, cb);
        return bowel == VisceralFat && InBladder(x, y, z, ca, cb) ? Urine : bowel;
    }

    /// <summary>
    /// Fat or muscle always parts a loop of bowel from the arteries, veins and bones of the pelvis: the iliac vessels lie
    /// behind the peritoneum, the iliacus and obturator internus line the pelvic bones, and a capsule and muscles wrap the
    /// femoral head. A loop that would come closer is drawn narrower, collapsed, in that section. Loops drawn without it
    /// engulfed an iliac artery with its plaque (seed 486) and lay on the femoral heads (seed 74), so that calcium inside a
    /// loop's contrast was truth no reader could find.
    /// </summary>
    public const double LoopClearanceMm = 3;

    /// <summary>A loop's radius in the open, and the least a narrowed loop keeps: its gas cap and its content both show (narrower, it is drawn nowhere in that section).</summary>
    private const double LoopRadiusMm = 14, MinLoopRadiusMm = 10;

    /// <summary>Each loop's radius at a level (0: none there), found once per level.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<double, double[]> _loopRadii = new();

    /// <summary>Loops of bowel as tubes across the front of the cavity: a wall, gas in front, fluid or oral contrast behind.</summary>
    private short BowelHu(double x, double y, double z, double ca, double cb)
    {
        var radii = _loopRadii.GetOrAdd(z, level => LoopRadii(level, ca, cb));
        for (int i = -2; i <= 2; i++)
        {
            double r = radii[i + 2];
            if (r == 0) continue;
            var (bx, by) = LoopCentre(i, z, ca, cb);
            double d = Math.Sqrt((x - bx) * (x - bx) + (y - by) * (y - by));
            if (d > r) continue;
            if (d > r - 2.5) return BowelWall;
            // Gas rises anteriorly (negative y) with the patient supine, content lying behind it; prone, the reverse.
            if (Case.Prone ? y > by + 3 : y < by - 3) return Air;
            return Case.Contrast == FamilyContrast.Oral ? (short)500 : (short)20;
        }
        return VisceralFat;
    }

    private static bool InBladder(double x, double y, double z, double ca, double cb) => z < 70 && E(x, y, 0, -0.3 * cb, 0.3 * ca, 0.35 * cb) < 1;

    private static (double X, double Y) LoopCentre(int i, double z, double ca, double cb) => (i * 0.32 * ca, -0.35 * cb + 8 * Math.Sin(z / 23.0 + i));

    /// <summary>Each loop's radius at level <paramref name="z"/>: the open radius, or less so as to keep the clearance from vessels and bone.</summary>
    private double[] LoopRadii(double z, double ca, double cb)
    {
        var radii = new double[5];
        var vessels = Vessels(z);
        for (int i = -2; i <= 2; i++)
        {
            var (bx, by) = LoopCentre(i, z, ca, cb);
            double r = LoopRadiusMm;
            foreach (var v in vessels) r = Math.Min(r, Math.Sqrt((bx - v.X) * (bx - v.X) + (by - v.Y) * (by - v.Y)) - v.R - LoopClearanceMm);
            // The nearest bone within reach, in this section and the clearance above and below it (a femoral head's dome
            // rises under a loop that clears its section).
            r = ClearOf(bx, by, r, (x, y) => BoneHu(x, y, z - LoopClearanceMm) != 0 || BoneHu(x, y, z) != 0 || BoneHu(x, y, z + LoopClearanceMm) != 0);
            // Prone, the gas rises to a loop's back: a loop running into the muscular wall would show only its front, all
            // content and no gas, as no patient's does (the wall clipped the family's supine loops at their backs and sides,
            // where it hid content only; those cases keep their drawing, so that the seeds keep their cases).
            if (Case.Prone) r = ClearOf(bx, by, r, (x, y) => E(x, y, 0, 0, ca, cb) > 1);
            radii[i + 2] = r >= MinLoopRadiusMm ? r : 0;
        }
        return radii;
    }

    /// <summary>
    /// A loop's radius, at most <paramref name="r"/>, kept <see cref="LoopClearanceMm"/> clear of the nearest point that
    /// <paramref name="blocked"/> marks, looked for on rings half a millimetre apart round the loop's centre.
    /// </summary>
    private static double ClearOf(double bx, double by, double r, Func<double, double, bool> blocked)
    {
        for (double rr = 0.5; rr - LoopClearanceMm < r; rr += 0.5)
            for (int a = 0; a < 72; a++)
                if (blocked(bx + rr * Math.Cos(a * Math.PI / 36), by + rr * Math.Sin(a * Math.PI / 36))) return rr - LoopClearanceMm;
        return r;
    }

    /// <summary>Vertebrae, ribs and sternum, or the pelvic bones and femoral heads; 0 where there is no bone.</summary>
    private short BoneHu(double x, double y, double z)
    {
        var (ca, cb) = Cavity;
        var (wa, wb) = Wall;
        // Vertebral body at the back of the cavity; the posterior arch behind it, in the posterior wall.
        double vr = 17 * Case.Habitus, vy = cb - vr + 4;
        if (z > IliacCrestZ - 40)
        {
            double r = E(x, y, 0, vy, vr, vr * 0.85);
            if (r < 1) return Bone(Depth(r, vr, vr * 0.85));
            double ra = E(x, y, 0, vy + vr + 7, 6, 0.4 * Case.WallMm);
            if (ra < 1) return Bone(Depth(ra, 6, 0.4 * Case.WallMm));
        }
        if (z >= LowestRibZ - RibDropMm && z <= LungApexZ + 20)
        {
            // Ribs: tubes running round the middle of the wall from the spine to the front, sloping down as they go
            // forward. Each rib n starts at the back at RibSpacing intervals.
            double theta = Math.Atan2(y / wb, x / wa);
            double front = (1 - Math.Sin(theta)) / 2; // 0 at the back, 1 at the front
            double midA = wa - 0.5 * Case.WallMm, midB = wb - 0.5 * Case.WallMm;
            double rr = E(x, y, 0, 0, midA, midB);
            double radial = (rr - 1) * Math.Sqrt(Math.Pow(midA * Math.Cos(theta), 2) + Math.Pow(midB * Math.Sin(theta), 2));
            if (Math.Abs(radial) < RibRadiusMm + 1 && front < 0.92)
            {
                double zBack = z + RibDropMm * front;
                double n = Math.Round((zBack - LowestRibZ) / RibSpacingMm);
                double dz = zBack - (LowestRibZ + n * RibSpacingMm);
                if (n >= 0 && n < 12)
                {
                    double d = Math.Sqrt(radial * radial + dz * dz);
                    if (d < RibRadiusMm) return Bone(RibRadiusMm - d);
                }
            }
            // Sternum in front at chest level, costal cartilage (unmineralised) beside it.
            if (z > LungBaseZ - 20 && z < LungApexZ)
            {
                double rs = E(x, y, 0, -(wb - 0.5 * Case.WallMm), 14, 6);
                if (rs < 1) return Bone(Depth(rs, 14, 6));
            }
        }
        if (z < IliacCrestZ && z > ThighZ)
        {
            // Iliac wings above the hips, widening upwards; the sacrum behind; femoral heads and necks at the hips.
            if (z > 40)
            {
                double grow = 0.7 + 0.5 * (z - 40) / (IliacCrestZ - 40);
                foreach (var sx in new[] { -1.0, 1.0 })
                {
                    double r = E(x, y, sx * 0.62 * ca, 0.25 * cb, 0.3 * ca * grow, 10);
                    if (r < 1) return Bone(Depth(r, 0.3 * ca * grow, 10));
                }
                double rsac = E(x, y, 0, vy, 30, 16);
                if (rsac < 1) return Bone(Depth(rsac, 30, 16));
            }
            else
            {
                foreach (var sx in new[] { -1.0, 1.0 })
                {
                    double hx = sx * 0.62 * ca;
                    double d = Math.Sqrt((x - hx) * (x - hx) + y * y + z * z);
                    if (d < 24) return Bone(24 - d);
                    double rn = E(x, y, hx + sx * 14, 4, 15, 14);
                    if (z < -10 && rn < 1) return Bone(Depth(rn, 15, 14));
                }
            }
        }
        return 0;
    }
}
