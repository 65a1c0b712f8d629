using CalciScope.Imaging;

namespace CalciScope.Phantoms.Family;

/// <summary>Places the calcified shapes of a family case where the condition behind each pattern puts them.</summary>
internal sealed class FamilyLesions(FamilyBody body, Random rng)
{
    public List<CalcObject> Objects { get; } = [];
    public List<TruthLesion> Lesions { get; } = [];
    private FamilyCase C => body.Case;

    private double U(double a, double b) => a + rng.NextDouble() * (b - a);
    private short Peak() => (short)U(450, 900);

    public static string Compartment(string pattern) => pattern switch
    {
        "linear_reticular" or "nodular" or "punctate" => "subcutaneous",
        "rice_grain" or "zonal_mass" => "muscle",
        "sheet" => "fascial",
        "amorphous" => "periarticular",
        _ => "vascular",
    };

    /// <summary>The id the next lesion added by <see cref="New"/> gets (a shape is built with it before it is accepted).</summary>
    private int NextId => Lesions.Count + 1;

    private int New(string pattern, double x)
    {
        int id = NextId;
        Lesions.Add(new TruthLesion { Id = id, Pattern = pattern, Compartment = Compartment(pattern), Side = x < 0 ? "right" : "left", Region = C.Region.ToString().ToLowerInvariant() });
        return id;
    }

    /// <summary>A z inside the scanned range, clear of its ends by <paramref name="margin"/>, and inside [lo, hi].</summary>
    private double? Z(double margin, double lo = double.MinValue, double hi = double.MaxValue)
    {
        double a = Math.Max(C.FromZMm + margin, lo), b = Math.Min(C.ToZMm - margin, hi);
        return a < b ? U(a, b) : null;
    }

    /// <summary>A point in the subcutaneous fat at the given depth below the skin (mm), at a random angle.</summary>
    private Vec3 InFat(double z, double depth)
    {
        double t = U(0, 2 * Math.PI);
        if (body.IsThigh(z))
        {
            double cx = ThighCentreX(), r = body.ThighR - depth;
            return new Vec3(cx + r * Math.Cos(t), r * Math.Sin(t), z);
        }
        // On the trunk, neck or head, along the normal of the outline at that angle (depth is about radial there).
        var (a, b) = body.Outline(z);
        double ex = a * Math.Cos(t), ey = b * Math.Sin(t);
        double nx = ex / (a * a), ny = ey / (b * b), nl = Math.Sqrt(nx * nx + ny * ny);
        return new Vec3(ex - depth * nx / nl, ey - depth * ny / nl, z);
    }

    /// <summary>The centre of a thigh drawn at random (its draw kept in a single limb, so the seed's later draws stay the same): the right one alone where the left is not scanned.</summary>
    private double ThighCentreX() => rng.Next(2) == 0 || C.SingleLimb ? -body.ThighX : body.ThighX;

    private double FatDepth(double z) => body.IsThigh(z) ? Math.Min(C.FatMm, 0.4 * body.ThighR) : body.FatAt(z);

    public void Place(string pattern)
    {
        switch (pattern)
        {
            case "linear_reticular": Network(); break;
            case "nodular": Nodule(); break;
            case "punctate": Dots(); break;
            case "rice_grain": RiceGrains(); break;
            case "sheet": Sheet(); break;
            case "zonal_mass": ZonalMass(); break;
            case "amorphous": Tumoral(); break;
            case "phlebolith": Phlebolith(); break;
            case "vascular_wall": Plaque(); break;
        }
    }

    private void Network()
    {
        if (Z(15) is not double z) return;
        double fat = FatDepth(z);
        if (fat < 8) return;
        var start = InFat(z, FamilyBody.SkinMm + fat / 2);
        int id = New("linear_reticular", start.X);
        bool Inside(Vec3 p) => FatDepthAt(p) is double d && d > FamilyBody.SkinMm + 2.5 && d < FamilyBody.SkinMm + fat - 2.5 && p.Z > C.FromZMm + 5 && p.Z < C.ToZMm - 5;
        var pending = new Stack<(Vec3, Vec3, int)>();
        pending.Push((start, Direction(), 18));
        int budget = 40;
        while (pending.Count > 0 && budget > 0)
        {
            var (p, d, n) = pending.Pop();
            for (int s = 0; s < n && budget > 0; s++)
            {
                Vec3 q = p; bool ok = false;
                for (int attempt = 0; attempt < 8 && !ok; attempt++)
                {
                    var nd = (d + Direction() * 0.6).Normalized();
                    q = p + nd * U(3, 5);
                    if (Inside(q)) { d = nd; ok = true; } else d = Direction();
                }
                if (!ok) break;
                Objects.Add(new Capsule(p, q, U(0.6, 0.9)) { Lesion = id, PeakHu = Peak() });
                budget--;
                if (rng.NextDouble() < 0.2) pending.Push((q, Direction(), n - s - 1));
                p = q;
            }
        }
    }

    /// <summary>Depth of a point below the skin of the part it lies in (mm), or null outside the body.</summary>
    private double? FatDepthAt(Vec3 p)
    {
        if (body.IsThigh(p.Z))
        {
            double cx = p.X < 0 ? -body.ThighX : body.ThighX;
            double r = Math.Sqrt((p.X - cx) * (p.X - cx) + p.Y * p.Y);
            return r > body.ThighR ? null : body.ThighR - r;
        }
        var (a, b) = body.Outline(p.Z);
        double ro = FamilyBody.E(p.X, p.Y, 0, 0, a, b);
        return ro > 1 ? null : (1 - ro) * Math.Min(a, b);
    }

    private Vec3 Direction()
    {
        var v = new Vec3(U(-1, 1), U(-1, 1), U(-1, 1));
        return v.Length < 1e-3 ? new Vec3(0, 0, 1) : v.Normalized();
    }

    private void Nodule()
    {
        if (Z(10) is not double z) return;
        double fat = FatDepth(z);
        double r = Math.Min(U(3, 6), (fat - 3) / 2);
        if (r < 2) return;
        var c = InFat(z, FamilyBody.SkinMm + fat / 2);
        bool rim = rng.NextDouble() < 0.4;
        Objects.Add(new Ellipsoid(c, new Vec3(r * 1.2, r, r), Direction(), rim ? 1.6 : 0) { Lesion = New("nodular", c.X), PeakHu = Peak() });
    }

    private void Dots()
    {
        if (Z(10) is not double z) return;
        double fat = FatDepth(z);
        if (fat < 6) return;
        var centre = InFat(z, FamilyBody.SkinMm + fat / 2);
        int id = New("punctate", centre.X);
        int n = 4 + rng.Next(5);
        for (int i = 0; i < n; i++)
        {
            var c = centre + new Vec3(U(-12, 12), U(-12, 12), U(-8, 8));
            if (FatDepthAt(c) is not double d || d < FamilyBody.SkinMm + 2 || d > FamilyBody.SkinMm + fat - 2) continue;
            Objects.Add(new Ellipsoid(c, new Vec3(1.5, 1.5, 1.5), new Vec3(0, 0, 1)) { Lesion = id, PeakHu = Peak() });
        }
    }

    /// <summary>A point in a thigh's muscle between the femur and the fat, at least <paramref name="margin"/> mm from both.</summary>
    private Vec3? InThighMuscle(double z, double margin)
    {
        double fat = Math.Min(C.FatMm, 0.4 * body.ThighR);
        double outer = body.ThighR - FamilyBody.SkinMm - fat - margin, inner = body.FemurR + 10 + margin;
        if (outer <= inner) return null;
        double cx = ThighCentreX(), t = U(0, 2 * Math.PI), r = U(inner, outer);
        return new Vec3(cx + r * Math.Cos(t), r * Math.Sin(t), z);
    }

    private void RiceGrains()
    {
        for (int i = 0; i < 6; i++)
        {
            if (Z(10) is not double z || InThighMuscle(z, 6) is not Vec3 c) continue;
            var axis = new Vec3(U(-0.25, 0.25), U(-0.25, 0.25), 1).Normalized();
            Objects.Add(new Ellipsoid(c, new Vec3(U(4, 5), U(1.1, 1.5), U(1.1, 1.5)), axis) { Lesion = New("rice_grain", c.X), PeakHu = Peak() });
        }
    }

    private void Sheet()
    {
        if (Z(25) is not double z) return;
        double fat = Math.Min(C.FatMm, 0.4 * body.ThighR);
        double cx = ThighCentreX(), radius = body.ThighR - FamilyBody.SkinMm - fat - 1.0;
        double a0 = U(0, 2 * Math.PI);
        int id = New("sheet", cx);
        Objects.Add(new ArcSheet(cx, 0, radius, 1.8, a0, a0 + U(0.6, 1.2), z - 20, z + 20) { Lesion = id, PeakHu = (short)U(500, 700) });
    }

    private void ZonalMass()
    {
        if (Z(22) is not double z || InThighMuscle(z, 16) is not Vec3 c) return;
        Objects.Add(new Ellipsoid(c, new Vec3(U(12, 16), U(10, 13), U(12, 16)), Direction(), 3.0) { Lesion = New("zonal_mass", c.X), PeakHu = (short)U(480, 650) });
    }

    private void Tumoral()
    {
        if (Z(20, -25, 25) is not double z) return;
        double sx = rng.Next(2) == 0 ? -1 : 1;
        var (ca, _) = body.Cavity;
        var centre = new Vec3(sx * (0.62 * ca + 36), U(-10, 10), z);
        var lobes = new List<CalcObject>();
        for (int k = 0; k < 8; k++)
        {
            var lobe = new Ellipsoid(centre + new Vec3(U(-6, 6), U(-6, 6), U(-7, 7)), new Vec3(U(5, 7), U(5, 7), U(5, 7)), Direction()) { Lesion = NextId, PeakHu = (short)U(500, 800) };
            // Tumoral calcinosis lies in the soft tissue round the joint, outside its capsule: never in the femur's neck.
            if (!OverlapsBone(lobe)) lobes.Add(lobe);
        }
        if (lobes.Count == 0) return;
        New("amorphous", centre.X);
        Objects.AddRange(lobes);
    }

    private void Phlebolith()
    {
        for (int attempt = 0; attempt < PlacementAttempts; attempt++)
        {
            if (Z(6, -40, FamilyBody.IliacCrestZ - 10) is not double z) return;
            var veins = body.Vessels(z).Where(v => !v.Artery).ToArray();
            var v = veins[rng.Next(veins.Length)];
            var c = new Vec3(v.X + U(-1.5, 1.5), v.Y + U(-1.5, 1.5), z);
            var stone = new Ellipsoid(c, new Vec3(2.7, 2.7, 2.7), new Vec3(0, 0, 1), 1.2) { Lesion = NextId, PeakHu = (short)U(550, 800) };
            if (OverlapsBone(stone)) continue;
            New("phlebolith", c.X);
            Objects.Add(stone);
            return;
        }
    }

    private void Plaque()
    {
        for (int attempt = 0; attempt < PlacementAttempts; attempt++)
        {
            double? at = C.Region == FamilyRegion.HeadNeck ? Z(12, FamilyBody.NeckZ, FamilyBody.SkullBaseZ) : Z(12);
            if (at is not double z) return;
            var arteries = body.Vessels(z).Where(v => v.Artery).ToArray();
            var a = arteries[rng.Next(arteries.Length)];
            double a0 = U(0, 2 * Math.PI);
            // Thicker and denser than the lumen of an enhanced study can hide.
            var plaque = new ArcSheet(a.X, a.Y, a.R - 0.3, 1.4, a0, a0 + 1.9, z - 5, z + 6) { Lesion = NextId, PeakHu = (short)U(900, 1200) };
            if (OverlapsBone(plaque)) continue;
            New("vascular_wall", a.X);
            Objects.Add(plaque);
            return;
        }
    }

    /// <summary>
    /// Where a vessel of the body's simple shapes runs through a bone (the aorta of a slim trunk into the vertebral body,
    /// an iliac vein through the wing), the bone is drawn over it; a plaque or phlebolith placed there would be calcium
    /// inside bone, which no reader could find (seeds 24 and 25 had such). Another place is tried.
    /// </summary>
    private const int PlacementAttempts = 20;

    /// <summary>Whether any part of the shape (sampled every millimetre over its bounds) lies in a bone.</summary>
    private bool OverlapsBone(CalcObject o)
    {
        var (lo, hi) = o.Bounds;
        for (double z = lo.Z; z <= hi.Z; z += 1)
            for (double y = lo.Y; y <= hi.Y; y += 1)
                for (double x = lo.X; x <= hi.X; x += 1)
                    if (o.Coverage(new Vec3(x, y, z), 0.5) > 0.5 && body.IsBone(x, y, z)) return true;
        return false;
    }
}
