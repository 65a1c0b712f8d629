using CalciScope.Imaging;
using CalciScope.Segmentation;

namespace CalciScope.Calcification;

/// <summary>The outcome of detection: lesions with their summary, the skeleton volume and what was noticed on the way.</summary>
public sealed record DetectionResult(IReadOnlyList<Lesion> Lesions, AnalysisSummary Summary, ContrastPhase Contrast, IReadOnlyList<string> Notes,
    byte[] LabelMap);

/// <summary>Whether iodinated contrast fills the vessels, and how that was decided.</summary>
public sealed record ContrastPhase(bool Enhanced, double BloodPoolMeanHu, double BloodPoolVolumeMm3, double ThresholdHu);

/// <summary>
/// Finds every calcification outside the skeleton: voxels at or above 130 HU in the body, 26-connected into
/// components; components that are bone (large and corticated, dense cortex) or contrast-filled blood pool are set
/// aside; the rest are measured (<see cref="LesionMeasurer"/>), mapped to compartment, side and region, and named.
/// </summary>
public static class CalcificationDetector
{
    public const short ThresholdHu = 130;
    public const double LargeBoneMm3 = 15000;
    public const double MidBoneMm3 = 1000;
    public const short DenseCortexHu = 850;
    public const short MinPeakHu = 200;
    private static readonly bool Debug = Environment.GetEnvironmentVariable("CALCISCOPE_DEBUG") == "1";
    /// <summary>Cortical bone peaks well above what soft-tissue calcium reaches at CT resolution.</summary>
    public const short CortexPeakHu = 1800;

    public static readonly string[] LabelNames = ["background", "skin", "subcutaneous", "fascial", "muscle", "vascular", "visceral", "periarticular", "other", "skeleton"];

    public static DetectionResult Detect(Volume<short> hu, TissueMap tissue, IProgress<double>? progress = null)
    {
        var g = hu.Geometry;
        var notes = new List<string>();
        var pool = BloodPoolDetector.Detect(tissue.Coarse, tissue.Codes);
        var contrast = new ContrastPhase(pool.Enhanced, pool.MeanHu, pool.VolumeMm3, pool.Enhanced ? pool.CalciumThresholdHu : ThresholdHu);
        if (pool.Enhanced)
            notes.Add($"contrast-enhanced study: blood pool of {pool.VolumeMm3 / 1000:0} mL at {pool.MeanHu:0} ± {pool.SdHu:0} HU; inside it only voxels of {pool.CalciumThresholdHu} HU or more count as calcium");
        var enhancing = pool.Enhanced ? EnhancedTissueDetector.Detect(tissue, ThresholdHu) : null;
        // Inside the body; inside an enhanced lumen or enhancing tissue only what rises above the raised threshold.
        var runs = RunLabeler.Label(hu, ThresholdHu, (z, y, mask) =>
        {
            tissue.Row(z, y, mask);
            Span<byte> enhancedRow = stackalloc byte[enhancing is null ? 0 : mask.Length];
            if (enhancing is not null) tissue.Row(enhancing, z, y, enhancedRow);
            for (int x = 0; x < mask.Length; x++)
            {
                byte code = mask[x];
                mask[x] = code == 0 ? (byte)0 : enhancing is not null && ((code & TissueClass.Lumen) != 0 || enhancedRow[x] != 0) ? (byte)2 : (byte)1;
            }
        }, pool.Enhanced ? pool.CalciumThresholdHu : short.MaxValue);
        progress?.Report(0.3);
        var stats = Gather(hu, tissue, runs, pool.Enhanced);
        double voxel = g.VoxelVolumeMm3;

        ClassifyBone(stats, voxel, runs);
        MarkCostalCartilage(stats, voxel, tissue.Slices, g);
        var (labelMap, enclosed) = MarkSkeleton(hu, tissue, runs, stats, pool.Enhanced);
        progress?.Report(0.5);
        var slices = WithHead(WithLateralBone(tissue.Slices, runs, stats, g), enclosed, g);

        var measurer = new LesionMeasurer(hu, tissue, runs, stats, slices);
        var lesions = new List<Lesion>();
        int enhancedSkipped = 0, contrastSkipped = 0, externalSkipped = 0, boneEdgeSkipped = 0;
        foreach (var s in stats)
        {
            if (s.IsBone || s.Count < 2 || s.Count * voxel < 1.0) continue;
            if (External(s, voxel))
            {
                externalSkipped++;
                continue;
            }
            if (s.MaxHu < BoneEdgeMaxHu && s.Count * voxel < BoneEdgeMm3 && BesideSkeleton(s, runs, labelMap, g))
            {
                boneEdgeSkipped++;
                continue;
            }
            if (pool.Enhanced && DenseContrast(s, voxel, pool.CalciumThresholdHu, tissue.Slices))
            {
                contrastSkipped++;
                continue;
            }
            // Brightest voxel under 200 HU: enhancing tissue or noise as likely as calcium.
            if (s.MaxHu < MinPeakHu && s.Count * voxel < 50) continue;
            // With contrast, deep structures no brighter than the lumen are enhancing vessels or organs.
            if (pool.Enhanced && s.MaxHu < pool.CalciumThresholdHu && s.Inner > 0.5 * s.Count && s.SumHu / s.Count < pool.MeanHu + pool.SdHu)
            {
                enhancedSkipped++;
                continue;
            }
            bool lining = pool.Enhanced && LinesLumen(s);
            var voxels = measurer.Voxels(s);
            if (lining) voxels = WithoutLumen(voxels, hu, Math.Min(EnhancedTissueDetector.CortexHu, pool.CalciumThresholdHu));
            if (voxels.Length * voxel < 1.0) continue;
            lesions.Add(measurer.Measure(voxels, forceVascular: lining));
        }
        if (boneEdgeSkipped > 0) notes.Add($"{boneEdgeSkipped} faint speck(s) at the edge of bone were taken as its partial volume, not calcium");
        if (externalSkipped > 0) notes.Add($"{externalSkipped} thick shell(s) of plastic density at the body surface (head holder, table) were taken as outside the patient");
        if (contrastSkipped > 0) notes.Add($"{contrastSkipped} dense structure(s) in the contrast-filled lumen were taken as undiluted or swirling contrast, not calcified wall");
        if (enhancedSkipped > 0) notes.Add($"{enhancedSkipped} deep structure(s) no denser than the contrast-filled lumen were taken as enhancing vessels or organs, not calcium");
        lesions = PatternClassifier.ApplyNetworkRule(lesions);
        // Label the map while ids are still the measurer's, then number by size.
        LabelLesions(labelMap, lesions, measurer);
        lesions = lesions.OrderByDescending(l => l.VolumeMm3).Select((l, i) => l with { Id = i + 1 }).ToList();
        progress?.Report(0.9);
        double boneVolume = stats.Where(s => s.IsBone).Sum(s => s.Count) * voxel;
        var summary = Summarise(lesions, boneVolume);
        return new DetectionResult(lesions, summary, contrast, notes, labelMap);
    }

    private static List<ComponentStats> Gather(Volume<short> hu, TissueMap tissue, RunSet runs, bool enhanced)
    {
        var g = hu.Geometry;
        var stats = new ComponentStats[runs.ComponentCount + 1];
        for (int c = 1; c <= runs.ComponentCount; c++) stats[c] = new ComponentStats { Id = c };
        int nx = g.SizeX, ny = g.SizeY, nz = g.SizeZ, len = nx * ny;
        var data = hu.Data;
        bool InMask(int x, int y, int z)
        {
            if (x < 0 || y < 0 || z < 0 || x >= nx || y >= ny || z >= nz) return false;
            return data[z * len + y * nx + x] >= ThresholdHu && tissue.Code(x, y, z) != 0;
        }
        void Surround(ComponentStats s, int x, int y, int z)
        {
            if (x < 0 || y < 0 || x >= nx || y >= ny) return;
            int i = z * len + y * nx + x;
            byte code = tissue.Code(x, y, z);
            if ((code & TissueClass.BloodPool) != 0) s.BloodPoolContact++;
            if ((code & TissueClass.PoolWall) != 0) s.PoolWallContact++;
            s.Probes++;
            if ((code & TissueClass.Lumen) != 0) s.ProbesInLumen++;
            if (code == 0 || data[i] >= ThresholdHu) return;
            if (data[i] < TissueMapper.FatMinHu) return; // air (lung, bowel gas) says nothing about the tissue
            if (data[i] < TissueMapper.FatMaxHu) s.SurroundFat++; else s.SurroundSoft++;
        }
        // Only mid-sized components are judged by cortex and marrow: only they need the surface/interior split.
        var voxelCount = new long[runs.ComponentCount + 1];
        for (int r = 0; r < runs.Count; r++) voxelCount[runs.Component[r]] += runs.X1[r] - runs.X0[r] + 1;
        double voxel = g.VoxelVolumeMm3;
        for (int r = 0; r < runs.Count; r++)
        {
            int id = runs.Component[r];
            var s = stats[id];
            s.Runs.Add(r);
            int y = runs.Y[r], z = runs.Z[r], x0 = runs.X0[r], x1 = runs.X1[r];
            s.MinJ = Math.Min(s.MinJ, y); s.MaxJ = Math.Max(s.MaxJ, y);
            s.MinK = Math.Min(s.MinK, z); s.MaxK = Math.Max(s.MaxK, z);
            s.MinI = Math.Min(s.MinI, x0); s.MaxI = Math.Max(s.MaxI, x1);
            double v3 = voxelCount[id] * voxel;
            // With contrast, large structures too: a contrast-filled cava is told from bone by being densest inside.
            bool surface = v3 >= 100 && (enhanced || v3 < LargeBoneMm3);
            for (int x = x0; x <= x1; x++)
            {
                int i = z * len + y * nx + x;
                int v = data[i];
                byte code = tissue.Code(x, y, z);
                s.Count++;
                s.SumHu += v;
                if (v > s.MaxHu) s.MaxHu = v;
                if (v >= DenseCortexHu) s.Dense++;
                if (surface)
                {
                    bool interior = x != x0 && x != x1 && InMask(x, y - 1, z) && InMask(x, y + 1, z) && InMask(x, y, z - 1) && InMask(x, y, z + 1);
                    if (interior) { s.Interior++; s.InteriorHu += v; } else s.SurfaceHu += v;
                }
                switch (TissueClass.Of(code))
                {
                    case TissueClass.Skin: s.Skin++; break;
                    case TissueClass.Subcutaneous: s.Subcutaneous++; break;
                    default: s.Inner++; break;
                }
                if ((code & TissueClass.BloodPool) != 0) s.BloodPoolContact++;
                if ((code & TissueClass.PoolWall) != 0) s.PoolWallContact++;
            }
            Surround(s, x0 - 2, y, z); Surround(s, x1 + 2, y, z);
            int xm = (x0 + x1) / 2;
            Surround(s, xm, y - 2, z); Surround(s, xm, y + 2, z);
        }
        return stats.Skip(1).ToList();
    }

    private static void ClassifyBone(List<ComponentStats> stats, double voxel, RunSet runs)
    {
        foreach (var s in stats)
        {
            // The blood pool is kept clear of cortex: what lies along it is vessel wall or contrast, not bone.
            if (TouchesPool(s))
            {
                Trace(s, voxel, "touches the blood pool");
                continue;
            }
            // A dense structure cut by the edge of the field of view, deep in the body, is a bone running out of the
            // scan (a cropped chest: ribs, sternum); it cannot be measured as a lesion anyway.
            bool cut = s.MinI == 0 || s.MinJ == 0 || s.MinK == 0 || s.MaxI == runs.SizeX - 1 || s.MaxJ == runs.SizeY - 1 || s.MaxK == runs.SizeZ - 1;
            if (cut && s.MaxHu >= 700 && s.Skin + s.Subcutaneous < 0.1 * s.Count && s.Count * voxel >= 100)
            {
                s.IsBone = true;
                Trace(s, voxel, "cut by the field of view: bone");
                continue;
            }
            double v = s.Count * voxel;
            double fat = s.SurroundFat / Math.Max(1.0, s.SurroundFat + s.SurroundSoft);
            double outside = (double)(s.Skin + s.Subcutaneous) / s.Count;
            double p90Dense = (double)s.Dense / s.Count;
            bool corticated = s.Interior == 0 || s.SurfaceHu / Math.Max(1, s.Count - s.Interior) > s.InteriorHu / Math.Max(1, s.Interior) + 150;
            if (v >= LargeBoneMm3) s.IsBone = outside < 0.5 && fat < 0.6;
            else if (v >= MidBoneMm3) s.IsBone = outside < 0.3 && ((p90Dense >= 0.1 && corticated || Marrow(s) || s.MaxHu >= 1000) && fat < 0.5 || s.MaxHu >= CortexPeakHu);
            // Pieces of ribs cut by the field of view: cortex-bright, deep, of some size.
            else if (v >= 300 && outside < 0.1 && (s.MaxHu >= CortexPeakHu || s.MaxHu >= 1000 && fat < 0.5)) s.IsBone = true;
            else s.IsBone = p90Dense >= 0.1 && fat < 0.3 && outside < 0.1 && NearLargeBone(s, stats, voxel);
            if (v >= 50) Trace(s, voxel, $"fat {fat:0.00} outside {outside:0.00} corticated {corticated} marrow {Marrow(s)} bone {s.IsBone}");
        }
    }

    /// <summary>
    /// Calcified costal cartilage: dense deposits deep in the anterior chest wall, in line with the ribs and sternum and
    /// close to them. Radiologists read it as part of the skeleton, and so does the label map; muscle and fascial
    /// calcinosis of the chest wall lies superficial to it, in the pectoral muscles and the fat.
    /// </summary>
    private static void MarkCostalCartilage(List<ComponentStats> stats, double voxel, SliceStats[] slices, VolumeGeometry g)
    {
        var bones = stats.Where(b => b.IsBone && b.Count * voxel >= 300).ToList();
        int reach = (int)Math.Ceiling(CartilageReachMm / Math.Min(g.Spacing.X, g.Spacing.Y)), reachK = (int)Math.Ceiling(CartilageReachMm / g.Spacing.Z);
        foreach (var s in stats)
        {
            if (s.IsBone || TouchesPool(s) || s.MaxHu < 500 || s.Count * voxel > 5000) continue;
            int k = (s.MinK + s.MaxK) / 2;
            var st = slices[k];
            if (st.AirFraction <= RegionMapper.ChestAirFraction || st.HalfDepthJ <= 0 || s.Skin + s.Subcutaneous >= 0.1 * s.Count) continue;
            var centre = g.ToPatient(st.CentreI, st.CentreJ, k);
            var at = g.ToPatient((s.MinI + s.MaxI) / 2.0, (s.MinJ + s.MaxJ) / 2.0, k);
            // Anterior third of the chest (patient y grows posteriorly), beside a rib end or the sternum.
            if ((at.Y - centre.Y) / (st.HalfDepthJ * g.Spacing.Y) > -0.4) continue;
            s.IsBone = bones.Any(b => s.MinI <= b.MaxI + reach && s.MaxI >= b.MinI - reach && s.MinJ <= b.MaxJ + reach && s.MaxJ >= b.MinJ - reach
                && s.MinK <= b.MaxK + reachK && s.MaxK >= b.MinK - reachK);
            if (Debug && s.IsBone) Console.Error.WriteLine($"component {s.Id}: costal cartilage");
        }
    }

    public const double CartilageReachMm = 15;

    public const double PoolContactFraction = 0.2;
    public const double ContrastSpeckMm3 = 20;

    /// <summary>
    /// Head holders and table parts resting on padding join the body mask and are drawn as skin. They are shells of
    /// plastic or carbon fibre, thick enough for their inside to be free of partial volume and yet under 450 HU there;
    /// calcium laid down in plates that thick is far denser.
    /// </summary>
    private static bool External(ComponentStats s, double voxel) =>
        s.Skin >= 0.5 * s.Count && s.Count * voxel >= ExternalMinMm3 && s.Interior >= 0.3 * s.Count && s.InteriorHu / s.Interior < ExternalMaxInteriorHu;
    public const double ExternalMinMm3 = 1000;
    public const short ExternalMaxInteriorHu = 450;

    /// <summary>
    /// Faint specks just off a bone: the bone's partial volume where it runs obliquely through thick slices, or the
    /// ghost linear interpolation leaves between slices far apart. Calcium this faint and this close to bone cannot be
    /// told from them.
    /// </summary>
    public const short BoneEdgeMaxHu = 350;
    public const double BoneEdgeMm3 = 200;

    public const double BoneEdgeMm = 3;

    private static bool BesideSkeleton(ComponentStats s, RunSet runs, byte[] labelMap, VolumeGeometry g)
    {
        int nx = runs.SizeX, ny = runs.SizeY, nz = runs.SizeZ, len = nx * ny;
        int reach = Math.Max(1, (int)Math.Round(BoneEdgeMm / Math.Min(g.Spacing.X, g.Spacing.Y)));
        int reachZ = Math.Max(1, (int)Math.Round(BoneEdgeMm / g.Spacing.Z));
        bool Bone(int x, int y, int z) => x >= 0 && y >= 0 && z >= 0 && x < nx && y < ny && z < nz && labelMap[z * len + y * nx + x] == Skeleton;
        foreach (var r in s.Runs)
        {
            int x0 = runs.X0[r], x1 = runs.X1[r], y = runs.Y[r], z = runs.Z[r], xm = (x0 + x1) / 2;
            for (int d = 1; d <= reach; d++)
                if (Bone(x0 - d, y, z) || Bone(x1 + d, y, z) || Bone(xm, y - d, z) || Bone(xm, y + d, z)) return true;
            for (int d = 1; d <= reachZ; d++)
                if (Bone(xm, y, z - d) || Bone(xm, y, z + d)) return true;
        }
        return false;
    }

    /// <summary>
    /// Wall calcium along a contrast-filled lumen, without the enhanced voxels it closes round: a calcified aortic ring
    /// encloses the origins of its branches, whose lumen reaches the calcium threshold too. Under cortical density (or
    /// the lumen's calcium threshold, where that is lower) a voxel counts only as the partial volume of a denser one
    /// beside it.
    /// </summary>
    private static int[] WithoutLumen(int[] voxels, Volume<short> hu, short denseHu)
    {
        var g = hu.Geometry;
        int nx = g.SizeX, ny = g.SizeY, nz = g.SizeZ, len = nx * ny;
        int reach = Math.Max(1, (int)Math.Round(WallRimMm / Math.Min(g.Spacing.X, g.Spacing.Y))), reachZ = Math.Max(1, (int)Math.Round(WallRimMm / g.Spacing.Z));
        var data = hu.Data;
        var kept = new List<int>(voxels.Length);
        foreach (int i in voxels)
        {
            if (data[i] >= denseHu) { kept.Add(i); continue; }
            int z = i / len, y = i % len / nx, x = i % nx;
            bool rim = false;
            for (int dz = -reachZ; dz <= reachZ && !rim; dz++)
            for (int dy = -reach; dy <= reach && !rim; dy++)
            for (int dx = -reach; dx <= reach && !rim; dx++)
            {
                int xx = x + dx, yy = y + dy, zz = z + dz;
                rim = xx >= 0 && yy >= 0 && zz >= 0 && xx < nx && yy < ny && zz < nz && data[zz * len + yy * nx + xx] >= denseHu;
            }
            if (rim) kept.Add(i);
        }
        return kept.Count == voxels.Length ? voxels : kept.ToArray();
    }

    public const double WallRimMm = 1.5;

    /// <summary>With CALCISCOPE_DEBUG=1, one line per judged component on stderr (positions only, never patient data).</summary>
    private static void Trace(ComponentStats s, double voxel, string verdict)
    {
        if (!Debug) return;
        double edge = s.SurfaceHu / Math.Max(1, s.Count - s.Interior), inner = s.InteriorHu / Math.Max(1, s.Interior);
        Console.Error.WriteLine($"component {s.Id} at ({(s.MinI + s.MaxI) / 2},{(s.MinJ + s.MaxJ) / 2},{(s.MinK + s.MaxK) / 2}) k {s.MinK}-{s.MaxK}: " +
            $"{s.Count * voxel:0} mm3 max {s.MaxHu} mean {s.SumHu / s.Count:0} dense {(double)s.Dense / s.Count:0.00} pool {(double)s.BloodPoolContact / s.Count:0.00} " +
            $"wall {(double)s.PoolWallContact / s.Count:0.00} interior {(double)s.Interior / s.Count:0.00} in/edge {inner:0}/{edge:0} skin {(double)s.Skin / s.Count:0.00}: {verdict}");
    }

    /// <summary>Calcium against the lumen over even a small part of it is in the wall of the heart or a great vessel.</summary>
    private static bool LinesLumen(ComponentStats s) => s.BloodPoolContact + s.PoolWallContact >= LumenContactFraction * s.Count;
    public const double LumenContactFraction = 0.05;

    /// <summary>
    /// Along the lumen over a fifth of its voxels, or lying in it: a large body of dense contrast swirling in the right
    /// atrium touches the lumen only at its surface, but that surface is lumen all round.
    /// </summary>
    private static bool TouchesPool(ComponentStats s) => ContactAlongLumen(s) || s.ProbesInLumen >= InLumenProbeFraction * Math.Max(1, s.Probes);
    public const double InLumenProbeFraction = 0.5;

    private static bool ContactAlongLumen(ComponentStats s) => s.BloodPoolContact + s.PoolWallContact >= PoolContactFraction * s.Count;

    /// <summary>
    /// Undiluted contrast streaming into the right heart, the cavae or a refluxed vein: solid, denser inside than at its
    /// edge and lying in the lumen, where calcified plaque is a thin shell along the wall with fat or wall outside it.
    /// </summary>
    private static bool DenseContrast(ComponentStats s, double voxel, short contrastThreshold, SliceStats[] slices)
    {
        if (!TouchesPool(s)) return false;
        // Specks at the lumen's edge no denser than its calcium threshold: swirls of contrast, not plaque.
        if (s.MaxHu < contrastThreshold && s.Count * voxel < ContrastSpeckMm3) return true;
        // Undiluted contrast mixes in the veins of the injected arm and the right heart, all in the chest; a dense
        // body in a pelvic vein is a phlebolith.
        if (slices[(s.MinK + s.MaxK) / 2].AirFraction <= RegionMapper.ChestAirFraction) return false;
        double interior = (double)s.Interior / s.Count;
        double inner = s.InteriorHu / Math.Max(1, s.Interior), edge = s.SurfaceHu / Math.Max(1, s.Count - s.Interior);
        double walled = (double)(s.SurroundFat + s.SurroundSoft) / Math.Max(1, 4 * s.Runs.Count);
        return interior >= 0.1 && inner >= edge + 150 || walled < 0.25;
    }

    /// <summary>A cortex clearly brighter than an interior in the marrow range: a rib, a vertebra, a sternum.</summary>
    private static bool Marrow(ComponentStats s)
    {
        if (s.Interior < 0.05 * s.Count) return false;
        double inner = s.InteriorHu / s.Interior, surface = s.SurfaceHu / Math.Max(1, s.Count - s.Interior);
        return inner is >= 100 and <= 450 && surface > inner + 60;
    }

    private static bool NearLargeBone(ComponentStats s, List<ComponentStats> stats, double voxel)
    {
        // Small dense pieces inside the wall and close to a big bone are ossicles, osteophytes or bone fragments.
        foreach (var b in stats)
        {
            if (b == s || b.Count * voxel < LargeBoneMm3) continue;
            if (s.MinI <= b.MaxI + 8 && s.MaxI >= b.MinI - 8 && s.MinJ <= b.MaxJ + 8 && s.MaxJ >= b.MinJ - 8 && s.MinK <= b.MaxK + 3 && s.MaxK >= b.MinK - 3)
                return true;
        }
        return false;
    }

    /// <summary>The label map with the skeleton (code 9) in it: bone voxels and the marrow each bone encloses, filled per slice.</summary>
    private static (byte[] Map, double[] EnclosedMm2) MarkSkeleton(Volume<short> hu, TissueMap tissue, RunSet runs, List<ComponentStats> stats, bool enhanced)
    {
        double gapMm = enhanced ? EnhancedMarrowGapMm : MarrowGapMm;
        var g = hu.Geometry;
        int nx = g.SizeX, ny = g.SizeY, len = nx * ny;
        var map = new byte[hu.Data.Length];
        var isBone = new bool[runs.ComponentCount + 1];
        foreach (var s in stats) isBone[s.Id] = s.IsBone;
        var boneSlices = new bool[g.SizeZ];
        var enclosed = new double[g.SizeZ];
        for (int r = 0; r < runs.Count; r++)
        {
            if (!isBone[runs.Component[r]]) continue;
            int z = runs.Z[r], y = runs.Y[r];
            boneSlices[z] = true;
            if (!enhanced)
            {
                map.AsSpan(z * len + y * nx + runs.X0[r], runs.X1[r] - runs.X0[r] + 1).Fill(Skeleton);
                continue;
            }
            // The lumen is kept clear of cortex; contrast swirling in it that joined a bone is not drawn with it.
            for (int x = runs.X0[r]; x <= runs.X1[r]; x++)
                if ((tissue.Code(x, y, z) & TissueClass.Lumen) == 0) map[z * len + y * nx + x] = Skeleton;
        }
        Parallel.For(0, g.SizeZ, () => (new SliceOps(nx, ny, g.Spacing.X, g.Spacing.Y), new bool[len], new bool[len]), (z, _, w) =>
        {
            if (!boneSlices[z]) return w;
            var (ops, mask, holes) = w;
            var slice = map.AsSpan(z * len, len);
            for (int i = 0; i < len; i++) mask[i] = slice[i] == Skeleton;
            // A thin cortex leaves gaps under the threshold that would let the marrow out: the holes are found in the
            // bone grown over its gaps and grown back to the cortex, never across the space between two bones.
            if (gapMm > 0) ops.Dilate(mask, gapMm);
            mask.AsSpan().CopyTo(holes);
            // Marrow cavities, not what a ring of bones closes round: the brain in the skull, the pelvic cavity.
            enclosed[z] = enhanced ? ops.FillHoles(holes, MaxMarrowMm2, hu.Slice(z), MarrowMinMeanHu) : ops.FillHoles(holes, MaxMarrowMm2);
            for (int i = 0; i < len; i++) holes[i] &= !mask[i];
            if (gapMm > 0) ops.Dilate(holes, gapMm);
            for (int i = 0; i < len; i++)
                if (holes[i] && (tissue.Code(i % nx, i / nx, z) & TissueClass.Lumen) == 0) slice[i] = Skeleton;
            if (enhanced && tissue.Slices[z].AirFraction > RegionMapper.ChestAirFraction) UnmarkFilledVeins(ops, hu.Slice(z), slice, mask);
            return w;
        }, _ => { });
        return (map, enclosed);
    }

    /// <summary>
    /// A vein full of undiluted contrast (the injected arm's subclavian and brachiocephalic veins, the superior cava)
    /// runs into the first ribs, clavicles and sternum and is labelled with them. No bone of the chest is solid at
    /// cortical density across 7 mm in one slice (vertebrae, sternum and clavicles hold marrow, ribs are thinner), a
    /// contrast-filled vein is: such cores, with their rim, are not drawn as skeleton.
    /// </summary>
    private static void UnmarkFilledVeins(SliceOps ops, ReadOnlySpan<short> hu, Span<byte> slice, bool[] solid)
    {
        bool any = false;
        for (int i = 0; i < slice.Length; i++) any |= solid[i] = slice[i] == Skeleton && hu[i] >= FilledVeinHu;
        if (!any) return;
        ops.Erode(solid, FilledVeinRadiusMm);
        if (Array.IndexOf(solid, true) < 0) return;
        ops.Dilate(solid, FilledVeinRadiusMm + FilledVeinRimMm);
        for (int i = 0; i < slice.Length; i++) if (solid[i] && slice[i] == Skeleton) slice[i] = 0;
    }

    public const short FilledVeinHu = 600;
    public const double FilledVeinRadiusMm = 3.5;
    /// <summary>Past the cortical-density edge, the partial volume of the vein wall.</summary>
    public const double FilledVeinRimMm = 3;

    public const byte Skeleton = 9;
    /// <summary>The largest marrow cavity in one slice: a femoral head or a vertebral body is well under it.</summary>
    public const double MaxMarrowMm2 = 2500;
    /// <summary>A slice whose bone rings in this share of the body is inside the skull.</summary>
    public const double CranialFraction = 0.4;

    /// <summary>
    /// The skull rings in most of the head's cross-section, which nothing else does; below it, the skull base, face and
    /// neck are the slices that follow on towards the feet while the body stays no wider than the head.
    /// </summary>
    private static SliceStats[] WithHead(SliceStats[] slices, double[] enclosedMm2, VolumeGeometry g)
    {
        var result = (SliceStats[])slices.Clone();
        int top = -1;
        double headArea = 0;
        for (int z = 0; z < result.Length; z++)
        {
            if (Debug) Console.Error.WriteLine($"slice {z}: body {result[z].BodyAreaMm2:0} mm2, enclosed by bone {enclosedMm2[z]:0} mm2");
            if (result[z].BodyAreaMm2 <= 0 || enclosedMm2[z] < CranialFraction * result[z].BodyAreaMm2) continue;
            result[z] = result[z] with { Head = true, Cranial = true };
            headArea = Math.Max(headArea, result[z].BodyAreaMm2);
            top = z;
        }
        if (top < 0) return result;
        // Towards the feet: down the patient axis, whichever way the slices are stored.
        int step = g.ToPatient(0, 0, 1).Z < g.ToPatient(0, 0, 0).Z ? 1 : -1;
        for (int pass = 0; pass < 2; pass++)
            for (int z = 0; z < result.Length; z++)
            {
                if (!result[z].Cranial && !result[z].Head) continue;
                int next = z + step;
                while (next >= 0 && next < result.Length && !result[next].Head && result[next].BodyAreaMm2 > 0
                    && result[next].BodyAreaMm2 <= 1.5 * headArea && result[next].AirFraction <= RegionMapper.ChestAirFraction)
                {
                    result[next] = result[next] with { Head = true };
                    next += step;
                }
            }
        return result;
    }
    /// <summary>Without contrast the marrow reaches the threshold with its cortex and fills as it is.</summary>
    public const double MarrowGapMm = 0;
    /// <summary>
    /// With contrast the marrow, in the range of enhancing tissue, is set apart with it and only the cortex is left
    /// to enclose it; where a thin cortex falls under cortical density the gaps are wider.
    /// </summary>
    public const double EnhancedMarrowGapMm = 9;
    /// <summary>
    /// Bridging gaps that wide can also close round the fat between neighbouring bones; marrow, even fatty marrow with
    /// its trabeculae, averages above it.
    /// </summary>
    public const short MarrowMinMeanHu = 50;

    private static SliceStats[] WithLateralBone(SliceStats[] slices, RunSet runs, List<ComponentStats> stats, VolumeGeometry g)
    {
        var result = (SliceStats[])slices.Clone();
        var isBone = new bool[runs.ComponentCount + 1];
        foreach (var s in stats) isBone[s.Id] = s.IsBone;
        for (int r = 0; r < runs.Count; r++)
        {
            if (!isBone[runs.Component[r]]) continue;
            int z = runs.Z[r];
            var st = result[z];
            if (st.LateralBone || st.HalfWidthI <= 0) continue;
            double dx = Math.Max(Math.Abs(runs.X0[r] - st.CentreI), Math.Abs(runs.X1[r] - st.CentreI));
            if (dx > 0.35 * st.HalfWidthI) result[z] = st with { LateralBone = true };
        }
        return result;
    }

    private static void LabelLesions(byte[] map, List<Lesion> lesions, LesionMeasurer measurer)
    {
        foreach (var lesion in lesions)
        {
            byte code = (byte)Math.Max(1, Array.IndexOf(LabelNames, lesion.Compartment));
            foreach (var i in measurer.VoxelsOf(lesion)) map[i] = code;
        }
    }

    public static AnalysisSummary Summarise(IReadOnlyList<Lesion> lesions, double boneVolume)
    {
        var soft = lesions.Where(l => l.Compartment != "vascular").ToList();
        var byComp = new Dictionary<string, double>();
        foreach (var c in LabelNames[1..^1]) byComp[c] = 0;
        foreach (var l in lesions) byComp[l.Compartment] = Math.Round(byComp.GetValueOrDefault(l.Compartment) + l.VolumeMm3, 1);
        double right = soft.Where(l => l.Side == "right").Sum(l => l.VolumeMm3), left = soft.Where(l => l.Side == "left").Sum(l => l.VolumeMm3);
        var byPattern = soft.GroupBy(l => l.Pattern).ToDictionary(g => g.Key, g => Math.Round(g.Sum(l => l.VolumeMm3), 1));
        string dominant = byPattern.Count == 0 ? "none" : byPattern.OrderByDescending(kv => kv.Value).First().Key;
        double total = right + left + soft.Where(l => l.Side == "midline").Sum(l => l.VolumeMm3);
        string symmetry = total < 10 ? "none" : Math.Min(right, left) < 0.1 * total ? "unilateral" : Math.Abs(right - left) / (right + left) < 0.25 ? "bilateral_symmetric" : "bilateral_asymmetric";
        return new AnalysisSummary
        {
            VolumeByCompartment = byComp,
            VolumeBySide = new Dictionary<string, double> { ["right"] = Math.Round(right, 1), ["left"] = Math.Round(left, 1), ["midline"] = Math.Round(soft.Where(l => l.Side == "midline").Sum(l => l.VolumeMm3), 1) },
            VolumeByRegion = soft.GroupBy(l => l.Region).ToDictionary(g => g.Key, g => Math.Round(g.Sum(l => l.VolumeMm3), 1)),
            VolumeByPattern = byPattern,
            SoftTissueVolumeMm3 = Math.Round(total, 1),
            VascularVolumeMm3 = Math.Round(lesions.Where(l => l.Compartment == "vascular").Sum(l => l.VolumeMm3), 1),
            RightLeftRatio = left > 0 ? Math.Round(right / left, 2) : null,
            DominantPattern = dominant,
            LesionCount = lesions.Count,
            SoftTissueLesionCount = soft.Count,
            CountByPattern = lesions.GroupBy(l => l.Pattern).ToDictionary(g => g.Key, g => g.Count()),
            BoneVolumeMm3 = Math.Round(boneVolume, 0),
            Symmetry = symmetry,
        };
    }
}
