using CalciScope.Imaging;

namespace CalciScope.Phantoms;

/// <summary>The catalogue of phantom cases: each places calcified shapes in the pelvis the way one condition does.</summary>
public static class PhantomCases
{
    public sealed record CaseInfo(string Name, string? Condition, string Description);

    public static readonly IReadOnlyList<CaseInfo> All =
    [
        new("seed", "lupus_panniculitis", "bilateral gluteal subcutaneous linear-reticular calcification, right > left, a little inguinal, a right gluteal sinus tract"),
        new("rice_grain", "cysticercosis", "many rice-grain calcifications along the fibres of both gluteal muscles"),
        new("fascial_sheet", "dermatomyositis_calcinosis", "sheet-like calcification along the fascia of both gluteal muscles"),
        new("injection_granulomas", "iatrogenic_calcinosis", "round and rim-calcified nodules in the upper outer gluteal subcutaneous fat"),
        new("myositis_ossificans", "myositis_ossificans_circumscripta", "a zonal mass (calcified rim, lucent centre) in the right gluteal muscle near the ilium"),
        new("vascular", "venous_insufficiency_calcification", "phleboliths in the pelvic veins and arterial wall calcification of the iliac arteries"),
        new("tumoral_calcinosis", "tumoral_calcinosis", "a lobulated amorphous periarticular mass lateral to the right hip"),
        new("normal", null, "a normal pelvis: no calcification outside the skeleton"),
    ];

    public static CaseInfo Find(string name) =>
        All.FirstOrDefault(c => c.Name == name) ?? throw new InputException(null, $"unknown phantom case '{name}'; cases: {string.Join(", ", All.Select(c => c.Name))}");

    internal static (List<CalcObject> Objects, List<TruthLesion> Lesions) Build(string name, Anatomy anatomy, int seed, double growth)
    {
        var b = new Builder(anatomy, seed, growth);
        switch (name)
        {
            case "seed": b.Seed(); break;
            case "rice_grain": b.RiceGrains(); break;
            case "fascial_sheet": b.FascialSheets(); break;
            case "injection_granulomas": b.Granulomas(); break;
            case "myositis_ossificans": b.MyositisOssificans(); break;
            case "vascular": b.Vascular(); break;
            case "tumoral_calcinosis": b.Tumoral(); break;
            case "normal": break;
            default: Find(name); break;
        }
        return (b.Objects, b.Lesions);
    }

    private sealed class Builder(Anatomy anatomy, int seed, double growth)
    {
        private Random rng = new(seed * 7919 + 17);

        /// <summary>Each network draws from its own stream, so growing one (more trees) leaves the others as they were.</summary>
        private void Reseed(int salt) => rng = new Random(seed * 7919 + 17 + salt * 1009);

        public List<CalcObject> Objects { get; } = [];
        public List<TruthLesion> Lesions { get; } = [];
        private double H => anatomy.Height;

        private int NewLesion(string pattern, string compartment, string side, string region)
        {
            int id = Lesions.Count + 1;
            Lesions.Add(new TruthLesion { Id = id, Pattern = pattern, Compartment = compartment, Side = side, Region = region });
            return id;
        }

        private double U(double a, double b) => a + rng.NextDouble() * (b - a);

        public void Seed()
        {
            // Patient right is -x. Right has about twice the strands of the left; the inguinal fat a little.
            Reseed(1);
            var right = NewLesion("linear_reticular", "subcutaneous", "right", "gluteal");
            Network(right, Anatomy.Buttocks[0], 95, 165, 0.3 * H, 0.9 * H, (int)Math.Round(7 * growth), 22);
            Reseed(2);
            var left = NewLesion("linear_reticular", "subcutaneous", "left", "gluteal");
            Network(left, Anatomy.Buttocks[1], 15, 85, 0.3 * H, 0.9 * H, (int)Math.Round(3 * growth), 22);
            Reseed(3);
            var ingR = NewLesion("linear_reticular", "subcutaneous", "right", "inguinal");
            Inguinal(ingR, -1);
            Reseed(4);
            var ingL = NewLesion("linear_reticular", "subcutaneous", "left", "inguinal");
            Inguinal(ingL, 1);
            // The sinus tract: a fluid-filled track from the skin of the lateral right buttock, ending blindly in the fat.
            var tract = NewLesion("sinus_tract", "subcutaneous", "right", "gluteal");
            var bt = Anatomy.Buttocks[0];
            double a = 150 * Math.PI / 180;
            var skin = new Vec3(bt.Cx + (bt.R - 1) * Math.Cos(a), bt.Cy + (bt.R - 1) * Math.Sin(a), 0.55 * H);
            var end = new Vec3(bt.Cx + 45 * Math.Cos(a), bt.Cy + 45 * Math.Sin(a), 0.55 * H);
            Objects.Add(new Capsule(skin, end, 2.2) { Lesion = tract, PeakHu = 15 });
        }

        private void Network(int lesion, (double Cx, double Cy, double R) buttock, double a0Deg, double a1Deg, double z0, double z1, int trees, int steps)
        {
            for (int t = 0; t < trees; t++)
            {
                Vec3 p;
                int guard = 0;
                do
                {
                    double a = U(a0Deg, a1Deg) * Math.PI / 180, r = U(44, 58);
                    p = new Vec3(buttock.Cx + r * Math.Cos(a), buttock.Cy + r * Math.Sin(a), U(z0, z1));
                } while (!Anatomy.InSubcutaneousFat(p.X, p.Y, 4) && ++guard < 100);
                Walk(lesion, p, RandomDirection(), steps, z0, z1, p => Anatomy.InSubcutaneousFat(p.X, p.Y, 4));
            }
        }

        private void Inguinal(int lesion, int sx)
        {
            var centre = new Vec3(sx * 105, -72, 0.2 * H);
            Func<Vec3, bool> inside = p => Anatomy.InSubcutaneousFat(p.X, p.Y, 3) && (p - centre).Length < 22;
            Walk(lesion, centre, RandomDirection(), (int)Math.Round(6 * growth), 0.05 * H, 0.4 * H, inside);
        }

        private Vec3 RandomDirection()
        {
            var v = new Vec3(U(-1, 1), U(-1, 1), U(-1, 1));
            return v.Length < 1e-3 ? new Vec3(0, 0, 1) : v.Normalized();
        }

        /// <summary>A branching random walk of thin capsules that stays where <paramref name="inside"/> allows.</summary>
        private void Walk(int lesion, Vec3 start, Vec3 dir, int steps, double z0, double z1, Func<Vec3, bool> inside)
        {
            var pending = new Stack<(Vec3, Vec3, int)>();
            pending.Push((start, dir, steps));
            int budget = steps * 3;
            while (pending.Count > 0 && budget > 0)
            {
                var (p, d, n) = pending.Pop();
                for (int s = 0; s < n && budget > 0; s++)
                {
                    Vec3 q = p;
                    bool ok = false;
                    for (int attempt = 0; attempt < 8 && !ok; attempt++)
                    {
                        var nd = (d + RandomDirection() * 0.6).Normalized();
                        q = p + nd * U(3, 5);
                        if (inside(q) && q.Z > z0 && q.Z < z1) { d = nd; ok = true; }
                        else d = RandomDirection();
                    }
                    if (!ok) break;
                    Objects.Add(new Capsule(p, q, U(0.6, 0.9)) { Lesion = lesion, PeakHu = (short)U(550, 800) });
                    budget--;
                    if (rng.NextDouble() < 0.18) pending.Push((q, RandomDirection(), n - s - 1));
                    p = q;
                }
            }
        }

        private bool InMuscle(Vec3 p, double margin)
        {
            foreach (var (dx, dy) in new[] { (0.0, 0.0), (margin, 0), (-margin, 0), (0, margin), (0, -margin) })
                if (anatomy.Hu(p.X + dx, p.Y + dy, p.Z) != Anatomy.MuscleHu) return false;
            return true;
        }

        public void RiceGrains()
        {
            foreach (var (side, sx) in new[] { ("right", -1), ("left", 1) })
            {
                int count = (int)Math.Round(18 * growth), placed = 0;
                for (int tries = 0; placed < count && tries < 2000; tries++)
                {
                    var m = Anatomy.GlutealMuscles[sx < 0 ? 0 : 1];
                    double a = U(0, 2 * Math.PI), r = U(0, m.R - 8);
                    var c = new Vec3(m.Cx + r * Math.Cos(a), m.Cy + r * Math.Sin(a), U(0.4 * H, 0.9 * H));
                    var axis = new Vec3(U(-0.25, 0.25), U(-0.25, 0.25), 1).Normalized();
                    if (!InMuscle(c, 5) || !InMuscle(c + axis * 6, 3) || !InMuscle(c - axis * 6, 3)) continue;
                    if (Objects.Any(o => o is Ellipsoid e && (e.Centre - c).Length < 13)) continue;
                    Objects.Add(new Ellipsoid(c, new Vec3(U(4, 5), U(1.1, 1.5), U(1.1, 1.5)), axis) { Lesion = NewLesion("rice_grain", "muscle", side, "gluteal"), PeakHu = (short)U(500, 700) });
                    placed++;
                }
            }
        }

        public void FascialSheets()
        {
            var m0 = Anatomy.GlutealMuscles[0];
            var right = NewLesion("sheet", "fascial", "right", "gluteal");
            Objects.Add(new ArcSheet(m0.Cx, m0.Cy, m0.R + 1.0, 1.8, 100 * Math.PI / 180, (100 + 55 * growth) * Math.PI / 180, 0.5 * H, 0.5 * H + 55 * growth) { Lesion = right, PeakHu = 600 });
            var m1 = Anatomy.GlutealMuscles[1];
            var left = NewLesion("sheet", "fascial", "left", "gluteal");
            Objects.Add(new ArcSheet(m1.Cx, m1.Cy, m1.R + 1.0, 1.8, (80 - 45 * growth) * Math.PI / 180, 80 * Math.PI / 180, 0.55 * H, 0.55 * H + 45 * growth) { Lesion = left, PeakHu = 600 });
        }

        public void Granulomas()
        {
            var spots = new (string Side, int Buttock, double AngleDeg, double Z, bool Rim)[]
            {
                ("right", 0, 130, 0.7, false), ("right", 0, 110, 0.82, true), ("right", 0, 150, 0.6, false),
                ("left", 1, 50, 0.72, true), ("left", 1, 70, 0.62, false),
            };
            foreach (var s in spots)
            {
                var lesion = NewLesion("nodular", "subcutaneous", s.Side, "gluteal");
                var bt = Anatomy.Buttocks[s.Buttock];
                double a = s.AngleDeg * Math.PI / 180, r = 52;
                var c = new Vec3(bt.Cx + r * Math.Cos(a), bt.Cy + r * Math.Sin(a), s.Z * H);
                double size = Math.Cbrt(growth);
                Objects.Add(new Ellipsoid(c, new Vec3(5.5, 4.5, 4.5) * size, new Vec3(Math.Cos(a), Math.Sin(a), 0.3), s.Rim ? 1.6 : 0)
                    { Lesion = lesion, PeakHu = (short)(s.Rim ? 650 : 420) });
            }
        }

        public void MyositisOssificans()
        {
            var lesion = NewLesion("zonal_mass", "muscle", "right", "gluteal");
            var c = new Vec3(-66, 58, 0.62 * H);
            double g = Math.Cbrt(growth);
            Objects.Add(new Ellipsoid(c, new Vec3(15, 11, 14) * g, new Vec3(0.3, 1, 0.2), 3.0) { Lesion = lesion, PeakHu = 520 });
        }

        public void Vascular()
        {
            foreach (var (side, i) in new[] { ("right", 0), ("left", 1) })
            {
                var vein = Anatomy.Veins[i];
                foreach (var z in new[] { 0.25, 0.45, 0.7 }.Take(i == 0 ? 3 : 2))
                    Objects.Add(new Ellipsoid(new Vec3(vein.Cx + U(-1.5, 1.5), vein.Cy + U(-1.5, 1.5), z * H), new Vec3(2.7, 2.7, 2.7), new Vec3(0, 0, 1), 1.2)
                        { Lesion = NewLesion("phlebolith", "vascular", side, "pelvis"), PeakHu = 650 });
                var artery = Anatomy.Arteries[i];
                // Plaques at separate heights along the artery, each its own lesion.
                foreach (var zf in new[] { 0.18, 0.42, 0.66 })
                {
                    double a0 = U(0, 2 * Math.PI), z0 = (zf + U(-0.03, 0.03)) * H;
                    Objects.Add(new ArcSheet(artery.Cx, artery.Cy, artery.R - 0.3, 1.2, a0, a0 + 1.9, z0, z0 + U(8, 14))
                        { Lesion = NewLesion("vascular_wall", "vascular", side, "pelvis"), PeakHu = 600 });
                }
            }
        }

        public void Tumoral()
        {
            var lesion = NewLesion("amorphous", "periarticular", "right", "hip");
            var centre = new Vec3(-112, -40, 0.3 * H);
            double g = Math.Cbrt(growth);
            for (int k = 0; k < 9; k++)
            {
                var c = centre + new Vec3(U(-6, 6), U(-6, 6), U(-8, 8)) * g;
                Objects.Add(new Ellipsoid(c, new Vec3(U(5, 7), U(5, 7), U(5, 7)) * g, RandomDirection()) { Lesion = lesion, PeakHu = (short)U(500, 750) });
            }
        }
    }
}
