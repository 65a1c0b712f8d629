namespace CalciScope.Phantoms;

/// <summary>
/// The phantom's pelvis as analytic shapes in body coordinates (mm; x to the patient's left, y posterior, z up from the
/// bottom of the scan): skin, subcutaneous fat, muscle wall with gluteal muscles, pelvic fat and organs, bones, vessels.
/// </summary>
internal sealed class Anatomy(double heightMm, short contrastHu = 0)
{
    public const double SkinMm = 2.0;
    public const short AirHu = -1000, SkinHu = 40, FatHu = -100, MuscleHu = 50, VisceralFatHu = -90, FluidHu = 8, BowelHu = 35,
        VesselHu = 42, CortexHu = 1100, MarrowHu = 230, TableHu = 300;

    public double Height { get; } = heightMm;
    private short Lumen { get; } = contrastHu > 0 ? contrastHu : VesselHu;

    // Body: trunk ellipse and two buttocks; inner (muscle) wall: a smaller ellipse and the gluteal muscles.
    public static readonly (double Cx, double Cy, double Ax, double Ay) Trunk = (0, 0, 170, 115);
    public static readonly (double Cx, double Cy, double R)[] Buttocks = [(-72, 55, 68), (72, 55, 68)];
    public static readonly (double Cx, double Cy, double Ax, double Ay) InnerTrunk = (0, 0, 145, 92);
    public static readonly (double Cx, double Cy, double R)[] GlutealMuscles = [(-72, 52, 36), (72, 52, 36)];
    public static readonly (double Cx, double Cy, double Ax, double Ay) Cavity = (0, 5, 75, 55);
    public static readonly (double Cx, double Cy, double R)[] Arteries = [(-46, -24, 4.5), (46, -24, 4.5)];
    public static readonly (double Cx, double Cy, double R)[] Veins = [(-55, -12, 6.0), (55, -12, 6.0)];

    public static bool InEllipse(double x, double y, (double Cx, double Cy, double Ax, double Ay) e, double grow = 0)
    {
        double dx = (x - e.Cx) / (e.Ax + grow), dy = (y - e.Cy) / (e.Ay + grow);
        return dx * dx + dy * dy <= 1;
    }

    public static bool InCircle(double x, double y, (double Cx, double Cy, double R) c, double grow = 0)
    {
        double dx = x - c.Cx, dy = y - c.Cy, r = c.R + grow;
        return dx * dx + dy * dy <= r * r;
    }

    public static bool InBody(double x, double y, double grow = 0) =>
        InEllipse(x, y, Trunk, grow) || InCircle(x, y, Buttocks[0], grow) || InCircle(x, y, Buttocks[1], grow);

    public static bool InInner(double x, double y, double grow = 0) =>
        InEllipse(x, y, InnerTrunk, grow) || InCircle(x, y, GlutealMuscles[0], grow) || InCircle(x, y, GlutealMuscles[1], grow);

    /// <summary>Inside the subcutaneous fat layer with a margin from the skin and from the muscle wall.</summary>
    public static bool InSubcutaneousFat(double x, double y, double margin = 0) =>
        InBody(x, y, -SkinMm - margin) && !InInner(x, y, margin);

    /// <summary>Tissue HU at a body-space point, calcification aside.</summary>
    public short Hu(double x, double y, double z)
    {
        if (!InBody(x, y))
        {
            // The scanner table: a curved slab under the patient's back, apart from the body.
            if (y > 140 && y < 150 && Math.Abs(x) < 200) return TableHu;
            return AirHu;
        }
        if (!InBody(x, y, -SkinMm)) return SkinHu;
        if (!InInner(x, y)) return FatHu;
        var bone = BoneHu(x, y, z);
        if (bone != 0) return bone;
        if (InEllipse(x, y, Cavity))
        {
            foreach (var a in Arteries) if (InCircle(x, y, a)) return Lumen;
            foreach (var v in Veins) if (InCircle(x, y, v)) return Lumen;
            if (z < 0.6 * Height && InEllipse(x, y, (0, -22, 36, 28))) return FluidHu;
            if (InCircle(x, y, (0, 40, 14))) return BowelHu;
            return VisceralFatHu;
        }
        return MuscleHu;
    }

    /// <summary>
    /// Cortex and marrow of the pelvic bones present at this level. Their sections change with height (wings widen
    /// upwards, femoral heads are spheres, the sacrum tapers) as real bones do, which registration needs.
    /// </summary>
    private short BoneHu(double x, double y, double z)
    {
        double f = z / Height;
        const double cortex = 2.5;
        if (f > 0.45)
        {
            // Iliac wings widen towards the crest; the sacrum narrows downwards.
            double grow = 0.75 + 0.45 * (f - 0.45) / 0.55;
            foreach (var sx in new[] { -1.0, 1.0 })
            {
                var h = Ellipse(x, y, sx * 100, 25, 42 * grow, 11, sx * (0.45 + 0.3 * (f - 0.45)));
                if (h >= 0) return h < cortex ? CortexHu : MarrowHu;
            }
            var s = Ellipse(x, y, 0, 72 - 8 * (f - 0.45), 24 + 20 * (f - 0.45) / 0.55, 17, 0);
            if (s >= 0) return s < cortex ? CortexHu : MarrowHu;
        }
        else
        {
            foreach (var sx in new[] { -1.0, 1.0 })
            {
                // Femoral heads: spheres centred at 0.3 of the height; the neck and shaft continue below them.
                double dz = z - 0.3 * Height;
                double headR = dz > -16 ? Math.Sqrt(Math.Max(0, 22 * 22 - dz * dz)) : 15;
                if (headR > 3)
                {
                    var femur = Ellipse(x, y, sx * (95 + Math.Min(0, dz) * 0.2), 8, headR, headR * 0.95, 0);
                    if (femur >= 0) return femur < cortex ? CortexHu : MarrowHu;
                }
                var acetabulum = Ellipse(x, y, sx * 95, 8, 30, 28, 0);
                if (acetabulum >= 0 && acetabulum < 4 && f > 0.25) return CortexHu;
                if (f < 0.3)
                {
                    var pubis = Ellipse(x, y, sx * (32 + 20 * (0.3 - f)), -72, 26, 9, sx * -0.3);
                    if (pubis >= 0) return pubis < cortex ? CortexHu : MarrowHu;
                }
                var ischium = Ellipse(x, y, sx * 70, 60, 14 * (0.6 + f), 20, 0);
                if (f < 0.35 && ischium >= 0) return ischium < cortex ? CortexHu : MarrowHu;
            }
            var coccyx = Ellipse(x, y, 0, 80, 6 + 20 * (f - 0.3), 9, 0);
            if (f > 0.3 && coccyx >= 0) return coccyx < cortex ? CortexHu : MarrowHu;
        }
        return 0;
    }

    /// <summary>Approximate depth (mm) of a point inside a rotated ellipse, negative outside.</summary>
    private static double Ellipse(double x, double y, double cx, double cy, double ax, double ay, double angle)
    {
        double c = Math.Cos(angle), s = Math.Sin(angle);
        double dx = (x - cx) * c + (y - cy) * s, dy = -(x - cx) * s + (y - cy) * c;
        double r = Math.Sqrt(dx * dx / (ax * ax) + dy * dy / (ay * ay));
        return (1 - r) * Math.Min(ax, ay);
    }
}
