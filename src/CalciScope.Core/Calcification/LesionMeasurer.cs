using CalciScope.Imaging;
using CalciScope.Segmentation;

namespace CalciScope.Calcification;

/// <summary>
/// Measures one lesion from its voxels: volume, HU, Agatston-like score and mass, principal axes, sphericity,
/// hollowness, depth below the skin; and maps it to compartment, side and region.
/// </summary>
internal sealed class LesionMeasurer(Volume<short> hu, TissueMap tissue, RunSet runs, List<ComponentStats> stats, SliceStats[] slices, Anatomy.BodyPart[] parts,
    bool oneLimb = false)
{
    /// <summary>
    /// The least depth below the skin of a vein of the pelvic plexuses: past the skin, the subcutaneous fat and the wall's
    /// muscles. The phantom family's pelvic stones lay 81-110 mm deep (seeds 37, 160, 415, 455, 498, 521), a misplaced
    /// subcutaneous nodule 3 mm (seed 453).
    /// </summary>
    public const double PelvicVeinMinDepthMm = 20;

    /// <summary>
    /// Inside the trunk's muscular wall by this much or more, a calcification amid soft tissue lies in the cavity, among
    /// the organs and their vessels (the splenic artery's wall, nodes, stones), not in a muscle: the anterolateral
    /// abdominal wall's three muscles are together about 15-25 mm thick and the rectus about 10 mm (Rankin G, Stokes M,
    /// Newham DJ. Abdominal muscle size and symmetry in normal subjects. Muscle Nerve. 2006;34(3):320-326), so 45 mm clears
    /// the wall with room for the thickest. The muscles that lie deeper (the psoas, quadratus lumborum, the erector spinae
    /// and the pelvis's own) lie on bone: <see cref="CavityBoneClearMm"/>.
    /// </summary>
    public const double CavityMinDepthMm = 45;
    /// <summary>
    /// A deep trunk muscle lies on the skeleton (the psoas on the vertebral bodies, the erector spinae on the laminae, the
    /// iliacus and obturator internus on the pelvis): within this of bone a deep calcification may still be in muscle.
    /// </summary>
    public const double CavityBoneClearMm = 20;

    /// <summary>mg of calcium hydroxyapatite per mm3 per HU: about 0.8 mg/cm3 per HU at 120 kVp.</summary>
    public const double MassMgPerHuMm3 = 0.0008;

    private readonly VolumeGeometry _g = hu.Geometry;
    /// <summary>The voxels of each measured lesion, by the id it was measured with (kept through pattern renaming).</summary>
    private readonly List<int[]> _voxels = [];
    private readonly bool[] _isBone = BoneFlags(runs, stats);

    private static bool[] BoneFlags(RunSet runs, List<ComponentStats> stats)
    {
        var b = new bool[runs.ComponentCount + 1];
        foreach (var s in stats) b[s.Id] = s.IsBone;
        return b;
    }

    /// <summary>The voxels of a lesion measured here, found by its measurement id.</summary>
    public int[] VoxelsOf(Lesion lesion) => _voxels[lesion.Id - 1];

    public int[] Voxels(ComponentStats s)
    {
        int nx = _g.SizeX, len = nx * _g.SizeY;
        var list = new List<int>((int)s.Count);
        foreach (var r in s.Runs)
        {
            int off = runs.Z[r] * len + runs.Y[r] * nx;
            for (int x = runs.X0[r]; x <= runs.X1[r]; x++) list.Add(off + x);
        }
        return list.ToArray();
    }

    public Lesion Measure(ComponentStats s, bool forceVascular) => Measure(Voxels(s), forceVascular);

    /// <param name="onPelvicBone">
    /// The voxels were carved from a bone's surface, joined to it only through blood or soft tissue
    /// (<see cref="NoduleOnBone"/>): a stone of them in the pelvis is a phlebolith of the side wall's veins.
    /// </param>
    /// <param name="massOnBone">
    /// The voxels are a solid mass carved from beside a bone (<see cref="MassOnBone"/>): where the tissue map's surroundings
    /// would call it muscle or viscera, it lies at the joint that bone makes (tumoral calcinosis in the fat round a hip).
    /// </param>
    public Lesion Measure(int[] voxels, bool forceVascular, bool onPelvicBone = false, bool massOnBone = false)
    {
        var g = _g;
        int nx = g.SizeX, ny = g.SizeY, nz = g.SizeZ, len = nx * ny;
        var set = new HashSet<int>(voxels);
        var data = hu.Data;
        double sx = g.Spacing.X, sy = g.Spacing.Y, sz = g.Spacing.Z;
        double voxel = g.VoxelVolumeMm3;
        long n = voxels.Length;
        double sumHu = 0, minDepth = double.MaxValue;
        int maxHu = short.MinValue;
        double cx = 0, cy = 0, cz = 0;
        long skin = 0, outside = 0, band = 0, vessel = 0, interior = 0, surFat = 0, surSoft = 0;
        double area = 0;
        int minI = int.MaxValue, maxI = int.MinValue, minJ = int.MaxValue, maxJ = int.MinValue, minK = int.MaxValue, maxK = int.MinValue;
        var pts = new Vec3[n];
        var perSlice = new Dictionary<int, (int Area, int Max)>();
        for (int q = 0; q < n; q++)
        {
            int i = voxels[q];
            int z = i / len, y = i % len / nx, x = i % nx;
            int v = data[i];
            sumHu += v;
            if (v > maxHu) maxHu = v;
            var p = g.ToPatient(x, y, z);
            pts[q] = p;
            cx += p.X; cy += p.Y; cz += p.Z;
            minI = Math.Min(minI, x); maxI = Math.Max(maxI, x); minJ = Math.Min(minJ, y); maxJ = Math.Max(maxJ, y); minK = Math.Min(minK, z); maxK = Math.Max(maxK, z);
            byte code = tissue.Code(i);
            switch (TissueClass.Of(code))
            {
                case TissueClass.Skin: skin++; break;
                case TissueClass.Subcutaneous: outside++; break;
            }
            if ((code & TissueClass.FascialBand) != 0) band++;
            if ((code & TissueClass.Vessel) != 0) vessel++;
            minDepth = Math.Min(minDepth, tissue.Depth(i));
            int exposed = 0;
            foreach (var (dx, dy, dz, a) in new[] { (-1, 0, 0, sy * sz), (1, 0, 0, sy * sz), (0, -1, 0, sx * sz), (0, 1, 0, sx * sz), (0, 0, -1, sx * sy), (0, 0, 1, sx * sy) })
            {
                int xx = x + dx, yy = y + dy, zz = z + dz;
                bool inside = xx >= 0 && yy >= 0 && zz >= 0 && xx < nx && yy < ny && zz < nz && set.Contains(zz * len + yy * nx + xx);
                if (!inside) { exposed++; area += a; }
            }
            if (exposed == 0) interior++;
            foreach (var (dx, dy) in new[] { (-2, 0), (2, 0), (0, -2), (0, 2) })
            {
                int xx = x + dx, yy = y + dy;
                if (xx < 0 || yy < 0 || xx >= nx || yy >= ny) continue;
                int j = z * len + yy * nx + xx;
                byte cj = tissue.Code(j);
                if (set.Contains(j) || cj == 0 || data[j] >= CalcificationDetector.ThresholdHu) continue;
                if ((cj & TissueClass.Vessel) != 0) vessel++;
                if (data[j] < TissueMapper.FatMinHu) continue;
                if (data[j] < TissueMapper.FatMaxHu) surFat++; else surSoft++;
            }
            var ps = perSlice.GetValueOrDefault(z);
            perSlice[z] = (ps.Area + 1, Math.Max(ps.Max, v));
        }
        var centroid = new Vec3(cx / n, cy / n, cz / n);
        double cxx = 0, cyy = 0, czz = 0, cxy = 0, cxz = 0, cyz = 0;
        foreach (var p in pts)
        {
            var d = p - centroid;
            cxx += d.X * d.X; cyy += d.Y * d.Y; czz += d.Z * d.Z; cxy += d.X * d.Y; cxz += d.X * d.Z; cyz += d.Y * d.Z;
        }
        // Each voxel spreads its own extent: add its variance so single-voxel-thick shapes keep their thickness.
        var eig = SymmetricEigen3.Values(cxx / n + sx * sx / 12, cyy / n + sy * sy / 12, czz / n + sz * sz / 12, cxy / n, cxz / n, cyz / n);
        var lengths = eig.Select(e => Math.Sqrt(12 * Math.Max(e, 0))).ToArray();
        double volume = n * voxel;

        double agatston = 0;
        foreach (var (_, (a, mx)) in perSlice)
        {
            int w = mx >= 400 ? 4 : mx >= 300 ? 3 : mx >= 200 ? 2 : 1;
            agatston += a * sx * sy * w;
        }
        agatston *= sz / 3.0; // the score is defined on 3 mm slices

        double hollowness = Hollowness(voxels, set, minI, maxI, minJ, maxJ, minK, maxK);
        int nearbyBones = NearbyBones(minI, maxI, minJ, maxJ, minK, maxK);
        double surround = surFat + surSoft;
        double sphericity = area > 0 ? Math.Cbrt(Math.PI) * Math.Pow(6 * volume, 2.0 / 3) / (area * 2.0 / 3) : 0;
        var f = new LesionFeatures
        {
            VolumeMm3 = volume, L1 = lengths[0], L2 = lengths[1], L3 = lengths[2],
            InteriorFraction = (double)interior / n, Hollowness = hollowness, Sphericity = Math.Min(1, sphericity),
            SkinFraction = (double)skin / n, OutsideWallFraction = (double)outside / n, BandFraction = (double)band / n,
            VesselFraction = (double)vessel / (n + surround), SurroundFatFraction = surround == 0 ? 0 : surFat / surround,
            NearbyBones = nearbyBones, ForceVascular = forceVascular, AxialExtentMm = (maxK - minK + 1) * g.Spacing.Z,
        };
        string compartment = PatternClassifier.Compartment(f);
        var centreIndex = g.ToIndex(centroid);
        int kc = Math.Clamp((int)Math.Round(centreIndex.Z), 0, nz - 1);
        if (compartment == "muscle" && InTrunkCavity(centreIndex, kc)) compartment = "visceral";
        // A stone standing on a pelvic bone, apart from it but for a blur, lies in the veins that run on the pelvic side
        // wall (the internal iliac tributaries; Mattsson 1980 below: the stones lie along the lateral pelvic wall), the
        // vein seldom drawn between stone and bone; at thick slices the tissue map puts it in the muscle there.
        if (onPelvicBone && parts[kc] == Anatomy.BodyPart.Pelvis && PatternClassifier.Stone(f)) compartment = "vascular";
        if (massOnBone && compartment is "muscle" or "visceral") compartment = "periarticular";
        string pattern = PatternClassifier.Pattern(f, compartment);
        var (side, region) = RegionMapper.Map(g, slices, parts, centroid, kc, compartment, oneLimb);
        // Inside the skull there is no muscle or viscera to speak of: dura, choroid plexus, pineal, brain.
        if (region == "intracranial" && compartment != "vascular") compartment = "other";
        // Phleboliths form in the pelvic and leg veins; a round calcification in the chest's vessels is plaque.
        if (pattern == "phlebolith" && region is "thorax" or "chest_wall") pattern = "vascular_wall";
        // A stone-shaped calcification in the fat of the pelvic cavity lies in the veins of the pelvic plexuses whether or not
        // the tissue map drew the vein round it: phleboliths are the commonest calcification there in adults (Mattsson T.
        // Frequency and location of pelvic phleboliths. Clin Radiol. 1980;31(1):115-118), and the phantom family's stones in
        // the unenhanced veins of an arterial phase had fallen to 'visceral' (seed 160). The cavity lies inside the wall's
        // muscles: what the tissue map calls visceral within reach of the skin is its error (seed 453's subcutaneous
        // nodule, 3 mm deep), not a pelvic vein.
        if (compartment == "visceral" && region == "pelvis" && minDepth >= PelvicVeinMinDepthMm && PatternClassifier.Stone(f))
            (compartment, pattern) = ("vascular", "phlebolith");
        // So does one the tissue map put in muscle where it lies within the pelvic ring, medial to the hip bone: the veins
        // of the side wall run on the obturator internus and the piriformis, and at thick slices the vein, the muscle and the
        // stone's blur are one soft tissue round it (the family's seeds 853 and 944). A calcinosis nodule of the
        // gluteal muscles lies outside the ring, lateral or posterior to the bone.
        if (compartment == "muscle" && parts[kc] == Anatomy.BodyPart.Pelvis && minDepth >= PelvicVeinMinDepthMm && PatternClassifier.Stone(f)
            && WithinPelvicRing(centreIndex, kc))
            (compartment, pattern) = ("vascular", "phlebolith");
        double meanHu = sumHu / n;
        var lo = pts.Aggregate(new Vec3(double.MaxValue, double.MaxValue, double.MaxValue), (a, p) => new Vec3(Math.Min(a.X, p.X), Math.Min(a.Y, p.Y), Math.Min(a.Z, p.Z)));
        var hi = pts.Aggregate(new Vec3(double.MinValue, double.MinValue, double.MinValue), (a, p) => new Vec3(Math.Max(a.X, p.X), Math.Max(a.Y, p.Y), Math.Max(a.Z, p.Z)));
        _voxels.Add(voxels);
        var lesion = new Lesion
        {
            Id = _voxels.Count,
            CentroidMm = [R(centroid.X, 2), R(centroid.Y, 2), R(centroid.Z, 2)],
            VolumeMm3 = R(volume, 2), Compartment = compartment, Side = side, Region = region, Pattern = pattern,
            VoxelCount = (int)n, MeanHu = R(meanHu, 1), MaxHu = maxHu, AgatstonScore = R(agatston, 1),
            MassMg = R(volume * meanHu * MassMgPerHuMm3, 2),
            BoundingBoxMinMm = [R(lo.X, 2), R(lo.Y, 2), R(lo.Z, 2)], BoundingBoxMaxMm = [R(hi.X, 2), R(hi.Y, 2), R(hi.Z, 2)],
            PrincipalLengthsMm = [R(lengths[0], 2), R(lengths[1], 2), R(lengths[2], 2)],
            Elongation = R(lengths[1] / Math.Max(lengths[0], 1e-9), 3), Flatness = R(lengths[2] / Math.Max(lengths[1], 1e-9), 3),
            Sphericity = R(Math.Min(1, sphericity), 3), Hollowness = R(hollowness, 3),
            DepthBelowSkinMm = R(minDepth, 1), Slices = perSlice.Count,
        };
        return lesion;
    }

    private static double R(double v, int d) => Math.Round(v, d);

    /// <summary>
    /// Share of the lesion's in-plane outline that encloses non-calcified tissue (a lucent centre), over its slices. A
    /// closed shell's first and last slices are its caps, solid at any slice thickness; where it spans three slices or
    /// more they are left out (a myositis ossificans mass of the phantom family at 3.8 mm: 0.249 with its caps, 0.29 without).
    /// </summary>
    private double Hollowness(int[] voxels, HashSet<int> set, int minI, int maxI, int minJ, int maxJ, int minK, int maxK)
    {
        if (maxK - minK >= 2) { minK++; maxK--; }
        int w = maxI - minI + 3, h = maxJ - minJ + 3;
        if ((long)w * h > 4_000_000) return 0;
        int nx = _g.SizeX, len = nx * _g.SizeY;
        var grid = new byte[w * h];
        var stack = new Stack<int>();
        long own = 0, holes = 0;
        for (int z = minK; z <= maxK; z++)
        {
            Array.Clear(grid);
            bool any = false;
            for (int y = minJ; y <= maxJ; y++)
            for (int x = minI; x <= maxI; x++)
                if (set.Contains(z * len + y * nx + x)) { grid[(y - minJ + 1) * w + x - minI + 1] = 1; own++; any = true; }
            if (!any) continue;
            // Flood the outside from the padded border; what stays 0 is enclosed.
            stack.Push(0);
            grid[0] = 2;
            while (stack.Count > 0)
            {
                int i = stack.Pop(), x = i % w, y = i / w;
                void Try(int j) { if (grid[j] == 0) { grid[j] = 2; stack.Push(j); } }
                if (x > 0) Try(i - 1);
                if (x < w - 1) Try(i + 1);
                if (y > 0) Try(i - w);
                if (y < h - 1) Try(i + w);
            }
            foreach (var c in grid) if (c == 0) holes++;
        }
        return own + holes == 0 ? 0 : (double)holes / (own + holes);
    }

    /// <summary>
    /// Whether a lesion lies in the chest, abdomen or pelvis at least <see cref="CavityMinDepthMm"/> inside the muscular
    /// wall (no ray of its slice from its centre meets skin or subcutaneous fat, or leaves the image, within that) and no
    /// bone lies within <see cref="CavityBoneClearMm"/> of it.
    /// </summary>
    private bool InTrunkCavity(Vec3 index, int k)
    {
        if (parts[k] is not (Anatomy.BodyPart.Chest or Anatomy.BodyPart.Abdomen or Anatomy.BodyPart.Pelvis)) return false;
        bool wallLeft = AnyRay(index, k, CavityMinDepthMm, offImage: true,
            (x, y) => TissueClass.Of(tissue.Code(x, y, k)) is TissueClass.Outside or TissueClass.Skin or TissueClass.Subcutaneous);
        return !wallLeft && !BoneNear(index, CavityBoneClearMm);
    }

    /// <summary>
    /// Whether a point lies within the pelvic ring in its slice: a ray from it toward its own side (lateral, or 45 degrees
    /// in front of or behind that) meets bone before the subcutaneous fat, the skin or the image's edge, and its row holds
    /// no bone between it and the body's midline. A point in the gluteal muscles lies lateral or posterior to the hip
    /// bone: its row meets the bone medially, or no ray on its side meets bone.
    /// </summary>
    private bool WithinPelvicRing(Vec3 index, int k)
    {
        int y0 = (int)Math.Round(index.Y), x0 = (int)Math.Round(index.X), mid = (int)Math.Round(slices[k].CentreI);
        if (y0 < 0 || y0 >= _g.SizeY || x0 == mid) return false;
        int lateral = Math.Sign(x0 - mid);
        for (int x = x0; x != mid; x -= lateral)
            if (IsBoneAt(x, y0, k)) return false;
        foreach (int dy in (ReadOnlySpan<int>)[0, -1, 1])
        {
            double norm = Math.Sqrt(1.0 + dy * dy);
            if (Walk(index, lateral / norm, dy / norm, double.PositiveInfinity, whenOffImage: null, (x, y) =>
                    IsBoneAt(x, y, k) ? true
                    : TissueClass.Of(tissue.Code(x, y, k)) is TissueClass.Outside or TissueClass.Skin or TissueClass.Subcutaneous ? false
                    : null) == true)
                return true;
        }
        return false;
    }

    /// <summary>Whether bone lies within <paramref name="reachMm"/> of a point: along the rays of its slice and of each slice within reach.</summary>
    private bool BoneNear(Vec3 index, double reachMm)
    {
        int k0 = (int)Math.Round(index.Z), dk = (int)Math.Floor(reachMm / _g.Spacing.Z);
        for (int k = Math.Max(0, k0 - dk); k <= Math.Min(_g.SizeZ - 1, k0 + dk); k++)
        {
            double dz = (k - k0) * _g.Spacing.Z;
            int slice = k;
            if (AnyRay(index, k, Math.Sqrt(Math.Max(0, reachMm * reachMm - dz * dz)), offImage: false, (x, y) => IsBoneAt(x, y, slice))) return true;
        }
        return false;
    }

    /// <summary>
    /// Whether any of 16 rays in slice <paramref name="k"/>, from the point's column out to <paramref name="lengthMm"/>,
    /// meets a pixel that <paramref name="meets"/> accepts; a ray leaving the image counts as meeting when <paramref name="offImage"/>.
    /// </summary>
    private bool AnyRay(Vec3 index, int k, double lengthMm, bool offImage, Func<int, int, bool> meets)
    {
        for (int a = 0; a < 16; a++)
        {
            double t = a * Math.PI / 8;
            if (Walk(index, Math.Cos(t), Math.Sin(t), lengthMm, offImage ? true : null, (x, y) => meets(x, y) ? true : null) == true) return true;
        }
        return false;
    }

    /// <summary>
    /// Walks a ray in the point's slice along the direction (<paramref name="ux"/>, <paramref name="uy"/>) (a unit vector
    /// in mm), one step of the finer pixel spacing at a time, out to <paramref name="lengthMm"/>: the first verdict
    /// <paramref name="at"/> gives (null: walk on), <paramref name="whenOffImage"/> where the ray leaves the image first,
    /// null where it reaches its length.
    /// </summary>
    private bool? Walk(Vec3 index, double ux, double uy, double lengthMm, bool? whenOffImage, Func<int, int, bool?> at)
    {
        double step = Math.Min(_g.Spacing.X, _g.Spacing.Y), dx = ux / _g.Spacing.X, dy = uy / _g.Spacing.Y;
        for (double d = 0; d <= lengthMm; d += step)
        {
            int x = (int)Math.Round(index.X + dx * d), y = (int)Math.Round(index.Y + dy * d);
            if (x < 0 || y < 0 || x >= _g.SizeX || y >= _g.SizeY) return whenOffImage;
            if (at(x, y) is { } verdict) return verdict;
        }
        return null;
    }

    /// <summary>Whether the voxel lies in a run of a component taken for bone (the runs of a row are sorted by x).</summary>
    private bool IsBoneAt(int x, int y, int z)
    {
        int row = z * _g.SizeY + y;
        for (int r = runs.RowStart[row]; r < runs.RowStart[row + 1]; r++)
        {
            if (runs.X0[r] > x) return false;
            if (runs.X1[r] >= x) return _isBone[runs.Component[r]];
        }
        return false;
    }

    /// <summary>Distinct bones with a voxel within about 15 mm of the lesion box.</summary>
    private int NearbyBones(int minI, int maxI, int minJ, int maxJ, int minK, int maxK)
    {
        int mi = (int)Math.Ceiling(15 / _g.Spacing.X), mj = (int)Math.Ceiling(15 / _g.Spacing.Y), mk = (int)Math.Ceiling(15 / _g.Spacing.Z);
        var found = new HashSet<int>();
        int ny = _g.SizeY;
        for (int z = Math.Max(0, minK - mk); z <= Math.Min(_g.SizeZ - 1, maxK + mk); z++)
        for (int y = Math.Max(0, minJ - mj); y <= Math.Min(ny - 1, maxJ + mj); y++)
        {
            int row = z * ny + y;
            for (int r = runs.RowStart[row]; r < runs.RowStart[row + 1]; r++)
            {
                if (runs.X1[r] < minI - mi || runs.X0[r] > maxI + mi) continue;
                int c = runs.Component[r];
                if (_isBone[c]) found.Add(c);
            }
        }
        return found.Count;
    }
}
