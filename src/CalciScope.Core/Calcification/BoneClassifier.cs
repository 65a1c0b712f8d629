using CalciScope.Imaging;
using CalciScope.Segmentation;

namespace CalciScope.Calcification;

/// <summary>
/// Which components are skeleton: large and corticated, cortex round marrow, cut by the field of view deep in the body,
/// small dense pieces beside a large bone, and calcified costal cartilage; never what lines the blood pool.
/// </summary>
internal static class BoneClassifier
{
    public const double LargeBoneMm3 = 15000;
    /// <summary>
    /// Share of a component's voxels in or beside marrow of a pool core from which it is bone: the phantom family's
    /// vertebral and pelvic cortex cut into halves and strands by the lumen's calcium threshold (seeds 5 and 87).
    /// </summary>
    public const double AlongMarrowBoneShare = 0.2;
    /// <summary>
    /// The peak a bone cut by the field of view reaches: its cortex. Osteopenic cortex is 400-575 HU (the upper-abdomen
    /// series in ../shared/data), the phantom family's red-marrow vertebrae peak at 540-690 HU; contrast in a lumen cut
    /// by the range is judged before this (the blood pool, a contrast-filled tube).
    /// </summary>
    public const short CutBoneMinPeakHu = 500;
    /// <summary>
    /// With contrast, an enhancing organ cut by the range (the spleen of the contrast chest CT in ../shared/data) reaches
    /// past 500 HU in places; there the cut bone must show a cortex denser than enhancing tissue gets.
    /// </summary>
    public const short CutBoneMinPeakEnhancedHu = 700;
    /// <summary>A cortex round a marrow cavity leaves a fifth or more of the voxels interior (the family's iliac wings: 0.8).</summary>
    public const double LargeBoneMinInterior = 0.2;
    public const double MidBoneMm3 = 1000;
    /// <summary>Cortical bone peaks well above what soft-tissue calcium reaches at CT resolution.</summary>
    public const short CortexPeakHu = 1800;

    /// <summary>Plaques this small are judged by the size rules alone; nothing this small is taken for bone by size.</summary>
    public const double VesselWallMinMm3 = 20;

    // The size rules below date from the first build, set on its eight seed phantoms (cortex 1000-1800 HU, red marrow
    // 150-260 HU) and kept since; the real-CT table and the phantom family are their check (bench/real_ct_table.md,
    // bench/phantom_family.md). Shares are of the component's voxels; "outside" is skin and subcutaneous fat, "fat" the
    // share of fat among the soft tissue probed 2 voxels round it.

    /// <summary>Deep: under a tenth of the voxels in skin or subcutaneous fat (bone lies under the fascia; calcinosis cutis does not).</summary>
    public const double DeepMaxOutsideShare = 0.1;
    /// <summary>A structure cut by the field of view is measured as bone from this size (smaller cut specks are judged as candidates).</summary>
    public const double CutBoneMinMm3 = 100;
    /// <summary>A cortex: the surface denser than the interior by this much (cortical bone against marrow differs by hundreds of HU).</summary>
    public const short CortexOverInteriorHu = 150;
    /// <summary>Large components: bone unless half lies outside the fascia; in fat (60 % or more of the probes) only with a cortex round marrow.</summary>
    public const double LargeMaxOutsideShare = 0.5, LargeMaxFatShare = 0.6;
    /// <summary>Mid-sized components: under 30 % outside the fascia.</summary>
    public const double MidMaxOutsideShare = 0.3;
    /// <summary>A tenth of the voxels at cortical density (<see cref="CalcificationDetector.DenseCortexHu"/>) marks a cortex.</summary>
    public const double MinDenseShare = 0.1;
    /// <summary>A peak this dense is bone's cortex or dense calcium; among mid-sized deep structures not in fat, bone.</summary>
    public const short DenseBonePeakHu = 1000;
    /// <summary>Bone lies in muscle or against other bone: under half of its surroundings fat (calcinosis of the panniculus lies in fat).</summary>
    public const double MaxFatShare = 0.5;
    /// <summary>Small pieces beside a large bone: under 30 % fat round them.</summary>
    public const double SmallMaxFatShare = 0.3;
    /// <summary>Rib pieces cut by the field of view: from this size.</summary>
    public const double RibPieceMinMm3 = 300;
    /// <summary>
    /// How close a small dense piece must lie to a large bone's box to be an ossicle, osteophyte or fragment of it: in
    /// voxels and slices, not millimetres (8 voxels is 4-8 mm in plane at 0.5-1 mm pixels; 3 slices 1.5-15 mm), as the
    /// first build set it.
    /// </summary>
    public const int NearLargeBoneVoxels = 8, NearLargeBoneSlices = 3;
    /// <summary>
    /// Marrow under a cortex: an interior of at least 5 % of the voxels, averaging 100-450 HU (fatty to red and early
    /// sclerotic marrow averaged with trabeculae), under a surface at least 60 HU denser.
    /// </summary>
    public const double MarrowMinInteriorShare = 0.05;
    public const short MarrowMinHu = 100, MarrowMaxHu = 450, MarrowCortexAboveHu = 60;

    /// <summary>
    /// Whether the component's middle slice is a trunk's (half its width <see cref="CalcificationDetector.TrunkMinHalfWidthMm"/>
    /// or more): ribs lie there, a neck holds none.
    /// </summary>
    private static bool InTrunk(ComponentStats s, SliceStats[] slices, VolumeGeometry g) => CalcificationDetector.TrunkWide(slices[s.MidK(slices.Length)], g);

    /// <param name="code">The tissue map's code at a voxel (<see cref="TissueMap.Code(int, int, int)"/>): where the blood pool lies.</param>
    /// <param name="poolMeanHu">The blood pool's mean with contrast (<see cref="Segmentation.BloodPoolDetector.Result.MeanHu"/>).</param>
    /// <param name="plaquedStumps">
    /// Ids of vessels' stumps holding a plaque, each mirrored by its even twin across the body
    /// (<see cref="ContrastFilledTube.MirroredStumps"/>): no bone for being cut by the range and reaching a bone's peak.
    /// </param>
    public static void Classify(List<ComponentStats> stats, double voxel, RunSet runs, SliceStats[] slices, Volume<short> hu, bool enhanced,
        Func<int, int, int, byte> code, double poolMeanHu, IReadOnlySet<int> plaquedStumps)
    {
        short cutPeak = enhanced ? CutBoneMinPeakEnhancedHu : CutBoneMinPeakHu;
        var arcOptions = new VesselWallArcOptions();
        foreach (var s in stats)
        {
            // Loops of contrast-filled bowel are large, deep and dense, and run out of the scanned range as bones do: the
            // phantom family's pelvic loops (4-17 mL at 500 HU, cut by the first or last slice) had been drawn as skeleton,
            // and a phlebolith beside one taken for a piece of it (seed 74). They are judged as enteric content.
            if (CalcificationDetector.LoopOfOralContrast(s, voxel))
            {
                CalcificationDetector.Trace(s, voxel, "a loop of contrast-filled bowel: not bone");
                continue;
            }
            if (RingRoundTheBody(s, voxel, slices))
            {
                s.IsBone = true;
                CalcificationDetector.Trace(s, voxel, "a cortical ring round the body's section (skull): bone");
                continue;
            }
            // Cortex along the marrow of a bone that joined the pool's core (a vertebral body whose red marrow is as
            // dense as venous blood): bone, however the calcium threshold cut it up. Cortex is denser than that marrow, so
            // than the blood: fainter specks beside it (LIDC-IDRI 0001's enhancing epidural and paravertebral veins, 130-183
            // HU against a pool of 316 HU) are not cortex and would ring the vertebral body with bone in the label map.
            // Cortex lies along its marrow more than in the blood; a stone in a vein lies in the blood, and the lumen left
            // round it in the coarse grid can look like a rimmed piece of marrow (a phlebolith of the enhanced pelvis
            // phantom: 0.42 of its voxels by such a piece, 1.30 probes in the pool per voxel; the family's cortex along
            // marrow 0.2-1.0 against 0.0-0.6).
            if (s.AlongMarrow >= AlongMarrowBoneShare * s.Count && s.MaxHu > poolMeanHu && s.BloodPoolContact <= s.AlongMarrow)
            {
                s.IsBone = true;
                CalcificationDetector.Trace(s, voxel, "along the marrow of a bone joined to the blood pool: bone");
                continue;
            }
            // The blood pool is kept clear of cortex: what lies along it is vessel wall or contrast, not bone, unless it
            // closes round a marrow cavity, or is a solid body of a bone's size (SolidBody), judged then as bones are.
            if (LumenContact.TouchesPool(s) && !LumenContact.RingsMarrow(s, runs, hu.Geometry, code))
            {
                if (LumenContact.RingsMarrowWithNeighbours(s, runs, hu, code, poolMeanHu))
                {
                    s.IsBone = true;
                    CalcificationDetector.Trace(s, voxel, "touches the blood pool, but closes round a marrow cavity with its neighbours: cortex, bone");
                    continue;
                }
                if (!SolidBody(s, voxel))
                {
                    CalcificationDetector.Trace(s, voxel, "touches the blood pool");
                    continue;
                }
                CalcificationDetector.Trace(s, voxel, "touches the blood pool, but solid and of a large bone's size: judged as bones are");
            }
            double v = s.Count * voxel;
            if (v >= VesselWallMinMm3 && v < LargeBoneMm3 && VesselWallArc.Is(s, runs, hu, arcOptions))
            {
                s.VesselWall = true;
                CalcificationDetector.Trace(s, voxel, "an arc round a lumen of blood: vessel wall");
                continue;
            }
            bool UnderPeak() => ContrastFilledTube.SectionsUnderPeak(s, runs, hu);
            if (ContrastFilledTube.IsLong(s, voxel, hu.Geometry, UnderPeak, () => ContrastFilledTube.Branches(s, runs, hu.Geometry)) || ContrastFilledTube.IsSmallCut(s, voxel, hu.Geometry, UnderPeak))
            {
                s.ContrastTube = true;
                CalcificationDetector.Trace(s, voxel, "a tube of contrast density, long or cut by the range: vessel, not bone");
                continue;
            }
            if (plaquedStumps.Contains(s.Id))
            {
                s.ContrastTube = true;
                CalcificationDetector.Trace(s, voxel, "a vessel's stump with a plaque, mirrored by its even twin: not bone");
                continue;
            }
            // A dense structure cut by the edge of the field of view, deep in the body, is a bone running out of the
            // scan (a cropped chest: ribs, sternum); it cannot be measured as a lesion anyway.
            bool cut = s.MinI == 0 || s.MinJ == 0 || s.MinK == 0 || s.MaxI == runs.SizeX - 1 || s.MaxJ == runs.SizeY - 1 || s.MaxK == runs.SizeZ - 1;
            if (cut && s.MaxHu >= cutPeak && s.Deep && v >= CutBoneMinMm3)
            {
                s.IsBone = true;
                CalcificationDetector.Trace(s, voxel, "cut by the field of view: bone");
                continue;
            }
            double fat = s.SurroundFat / Math.Max(1.0, s.SurroundFat + s.SurroundSoft);
            double outside = s.OutsideShare;
            double p90Dense = (double)s.Dense / s.Count;
            // One slice thick, nothing is interior across slices and a cortex cannot show: a rib lying in the plane of a
            // thick slice (the phantom family's posterior ribs at 4.6 mm, 1.4-1.6 mL, red or sclerotic marrow averaging
            // 620 HU) is judged by its density alone.
            bool corticated = s.Interior == 0 || s.MinK == s.MaxK || s.SurfaceHu / Math.Max(1, s.Count - s.Interior) > s.InteriorHu / Math.Max(1, s.Interior) + CortexOverInteriorHu;
            // Large and deep is bone where muscle surrounds it; where fat does (a pelvis whose iliac wings lie in fat:
            // the phantom family's, 128 mL each, had been 'visceral calcification') it is bone when it has a cortex round
            // a marrow cavity. Large calcified masses in fat are densest inside (tumoral calcinosis, contrast in bowel).
            if (v >= LargeBoneMm3) s.IsBone = outside < LargeMaxOutsideShare && (fat < LargeMaxFatShare || corticated && s.Interior >= LargeBoneMinInterior * s.Count);
            else if (v >= MidBoneMm3) s.IsBone = outside < MidMaxOutsideShare && ((p90Dense >= MinDenseShare && corticated || Marrow(s) || s.MaxHu >= DenseBonePeakHu) && fat < MaxFatShare || s.MaxHu >= CortexPeakHu);
            // Pieces of ribs: cortex-bright, deep, of some size, cut by the field of view or in the trunk, where the ribs
            // are. In a neck, a carotid's plaque is as dense and as large (the phantom family's seed 520 at 4.35 mm,
            // 313 mm3 peaking at 1034 HU, had been taken for bone by this rule).
            else if ((cut || InTrunk(s, slices, hu.Geometry)) && v >= RibPieceMinMm3 && s.Deep && (s.MaxHu >= CortexPeakHu || s.MaxHu >= DenseBonePeakHu && fat < MaxFatShare)) s.IsBone = true;
            else s.IsBone = p90Dense >= MinDenseShare && fat < SmallMaxFatShare && s.Deep && NearLargeBone(s, stats, voxel);
            if (!s.IsBone && v >= MidBoneMm3 && s.Deep && SpinalColumn(s, slices, hu.Geometry))
            {
                s.IsBone = true;
                CalcificationDetector.Trace(s, voxel, "a column of bone density along the midline, deep, longer than it is wide: the spine");
                continue;
            }
            if (v >= 50) CalcificationDetector.Trace(s, voxel, $"fat {fat:0.00} outside {outside:0.00} corticated {corticated} marrow {Marrow(s)} bone {s.IsBone}");
        }
        // Once the vertebral bodies are known: an 'arc' behind one on the midline is its posterior arch.
        PosteriorArch.Mark(stats, slices, hu.Geometry, new PosteriorArchOptions());
    }

    /// <summary>
    /// A body of a large bone's size (<see cref="LargeBoneMm3"/>) whose interior is a fifth of it or more
    /// (<see cref="LargeBoneMinInterior"/>): a spine whose sclerotic or red marrow is as dense as the calcium threshold and
    /// joins its cortex into one solid body closes round no cavity, and where part of that marrow was taken into the blood
    /// pool it touches the pool (the phantom family's seeds 1371 and 1220, venous abdomens: spines of 95 and 80 mL with
    /// interiors of 0.61 and 0.53, whose 94 and 62 mL had been 'vessel wall'). A swirl of contrast lies in the lumen and
    /// never reaches a bone's size; a great vessel's calcified wall may (the chest CT of ../shared/data: the aorta's, 17 mL
    /// with an interior of 0.23), but it lies in the lumen's wall zone, which a bone only touches from one side
    /// (<see cref="SolidBodyMaxWallContact"/>).
    /// </summary>
    private static bool SolidBody(ComponentStats s, double voxel) =>
        s.Count * voxel >= LargeBoneMm3 && s.Interior >= LargeBoneMinInterior * s.Count && s.PoolWallContact < SolidBodyMaxWallContact * s.Count;

    /// <summary>
    /// Contacts with the lumen's wall zone (<see cref="Segmentation.TissueClass.PoolWall"/>) per voxel under which a solid
    /// body is a bone touching the lumen: the family's spines and pelvis that touched it had 0.13-0.26, the chest CT's
    /// calcified aorta 0.65; the cut lies between them (their geometric mean, 0.41, rounded).
    /// </summary>
    public const double SolidBodyMaxWallContact = 0.4;

    /// <summary>
    /// The vertebral column where its cortex is too faint or too thin to show as one (the phantom family's neck at 4.6 mm
    /// with fatty marrow: a shell of 755-780 HU round fat, 7 mL over 80 mm; an arterial-phase lumbar spine at 4.8 mm with
    /// red marrow, cortex peaking at 576 HU): centred on the body's midline, running along the body over
    /// <see cref="SpineMinLengthMm"/> (two vertebrae and more) and no shorter than it is wide, peaking at bone density.
    /// Calcinosis does not run so along the midline deep in the trunk or neck; the aorta's calcified wall, which does,
    /// has been taken as vessel wall before this (<see cref="VesselWallArc"/>), and heterotopic bone lies in a limb's muscles.
    /// </summary>
    private static bool SpinalColumn(ComponentStats s, SliceStats[] slices, VolumeGeometry g)
    {
        var (x, y, along) = s.ExtentMm(g);
        double across = Math.Max(x, y);
        return along >= SpineMinLengthMm && along >= across && s.MaxHu >= SpineMinPeakHu && OnMidline(s, slices, SpineMidlineShare);
    }

    /// <summary>Whether the component's box is centred on the body's midline, within <paramref name="share"/> of the half-width of its middle slice.</summary>
    internal static bool OnMidline(ComponentStats s, SliceStats[] slices, double share)
    {
        var mid = slices[s.MidK(slices.Length)];
        return mid.HalfWidthI > 0 && Math.Abs((s.MinI + s.MaxI) / 2.0 - mid.CentreI) <= share * mid.HalfWidthI;
    }

    /// <summary>Two vertebrae at the least: a cervical vertebra is about 15 mm high with its disc, a lumbar one about 35 mm.</summary>
    public const double SpineMinLengthMm = 50;
    /// <summary>
    /// The spine's centre lies on the midline within this share of the body's half-width (the bounding box's centre, so
    /// a scoliotic curve or an asymmetric process shifts it a little); the aorta lies 20-30 mm to the left in adults.
    /// </summary>
    public const double SpineMidlineShare = 0.08;
    /// <summary>Faint cortex still peaks at 500 HU and more (the phantom family's faintest spine: 576 HU); enhancing tissue does not.</summary>
    public const short SpineMinPeakHu = 500;

    /// <summary>
    /// Calcified costal cartilage: dense deposits deep in the anterior chest wall, in line with the ribs and sternum and
    /// close to them. Radiologists read it as part of the skeleton, and so does the label map; muscle and fascial
    /// calcinosis of the chest wall lies superficial to it, in the pectoral muscles and the fat.
    /// </summary>
    public static void MarkCostalCartilage(List<ComponentStats> stats, double voxel, SliceStats[] slices, VolumeGeometry g)
    {
        var bones = stats.Where(b => b.IsBone && b.Count * voxel >= RibPieceMinMm3).ToList();
        int reach = (int)Math.Ceiling(CartilageReachMm / Math.Min(g.Spacing.X, g.Spacing.Y)), reachK = (int)Math.Ceiling(CartilageReachMm / g.Spacing.Z);
        foreach (var s in stats)
        {
            if (s.IsBone || LumenContact.TouchesPool(s) || s.MaxHu < CartilageMinPeakHu || s.Count * voxel > CartilageMaxMm3) continue;
            int k = (s.MinK + s.MaxK) / 2;
            var st = slices[k];
            if (!st.AtLungLevel || st.HalfDepthJ <= 0 || !s.Deep) continue;
            var at = g.ToPatient((s.MinI + s.MaxI) / 2.0, (s.MinJ + s.MaxJ) / 2.0, k);
            // Anterior third of the chest, beside a rib end or the sternum.
            if (CostalCartilageRule.FrontToBack(g, st, k, at.Y) > CostalCartilageRule.MaxAnteriorPosition) continue;
            s.IsBone = bones.Any(b => s.MinI <= b.MaxI + reach && s.MaxI >= b.MinI - reach && s.MinJ <= b.MaxJ + reach && s.MaxJ >= b.MinJ - reach
                && s.MinK <= b.MaxK + reachK && s.MaxK >= b.MinK - reachK);
            if (s.IsBone) CalcificationDetector.Trace(s, voxel, "costal cartilage: bone");
        }
    }

    public const double CartilageReachMm = 15;
    /// <summary>Calcified cartilage peaks at 500 HU and more; a larger structure than this is not one cartilage.</summary>
    public const short CartilageMinPeakHu = 500;
    public const double CartilageMaxMm3 = 5000;

    /// <summary>
    /// A skull under a thin scalp lies within a few millimetres of the skin, where the size rule below would not take it
    /// for bone. It is told by its shape: a large structure of cortical density spanning nearly the whole width and depth
    /// of the body's section. Calcinosis never rings a section at cortical density.
    /// </summary>
    private static bool RingRoundTheBody(ComponentStats s, double voxel, SliceStats[] slices) =>
        s.Count * voxel >= LargeBoneMm3 && s.Dense >= RingDenseShare * s.Count && SpansTheSection(s, slices[s.MidK(slices.Length)]);

    private static bool SpansTheSection(ComponentStats s, SliceStats st) =>
        st.HalfWidthI > 0 && st.HalfDepthJ > 0 && s.MaxI - s.MinI >= RingSpan * 2 * st.HalfWidthI && s.MaxJ - s.MinJ >= RingSpan * 2 * st.HalfDepthJ;

    /// <summary>Share of cortical-density voxels (850 HU and up) in a skull's tables; share of the body's section it spans.</summary>
    public const double RingDenseShare = 0.5, RingSpan = 0.8;

    /// <summary>
    /// The skull's outer table where thick slices average it under cortical density and a diploe of fat parts it from
    /// the inner table (the phantom family's seed 140 at 4.6 mm: a 67 mL shell at 784 HU, 91 % of it within the scalp,
    /// had been a 'zonal mass'): a large structure of bone density ringing the section of slices that the skull
    /// already encloses (<see cref="SliceStats.Cranial"/>: its inner table has been taken as bone round the brain). A
    /// ring round the skull is its outer table; calcification of the scalp is a nodule or a plaque, never a ring.
    /// </summary>
    public static int TakeOuterTables(List<ComponentStats> stats, double voxel, RunSet runs, SliceStats[] slices, byte[] labelMap)
    {
        int taken = 0;
        foreach (var s in stats)
        {
            if (s.IsBone || s.VesselWall || s.ContrastTube || s.Count * voxel < LargeBoneMm3 || s.MaxHu < CutBoneMinPeakHu) continue;
            var st = slices[s.MidK(slices.Length)];
            if (!st.Cranial || !SpansTheSection(s, st)) continue;
            TakeAsBone(s, runs, labelMap, voxel, "a ring of bone density round the skull's section: its outer table");
            taken++;
        }
        return taken;
    }

    /// <summary>
    /// Osteopenic bone that the size and cortex rules miss: the scapulae, rib heads, costal margins and vertebral
    /// processes of an elderly patient at 2.5 mm slices (LIDC-IDRI 0001 and 0003 in ../shared/data) peak at 650-970 HU
    /// with a mean of 280-460 HU, and where their interior is measured it is as dense as their edge, because at that
    /// slice thickness the thin cortex is averaged with trabecular bone. A structure like that, deep to the subcutaneous
    /// fat and within a joint space of the skeleton already drawn (<see cref="BoneNeighbourMm"/>), is bone: it is
    /// painted into the label map and no longer a candidate. Heterotopic ossification and myositis ossificans mature
    /// from the rim inwards (zonal: edge denser than centre) and so stay lesions, as do calcified masses denser than bone.
    /// </summary>
    /// <returns>The pieces taken as bone.</returns>
    public static List<ComponentStats> AttachBoneLike(List<ComponentStats> stats, double voxel, RunSet runs, SliceStats[] slices, byte[] labelMap, Func<ComponentStats, double, bool> besideSkeleton)
    {
        var attached = new List<ComponentStats>();
        // Twice, so that a chain (spine -> rib head -> rib) attaches one link at a time.
        const int passes = 2;
        for (int pass = 0; pass < passes; pass++)
        {
            foreach (var s in stats)
            {
                if (s.IsBone || s.VesselWall || LumenContact.TouchesPool(s)) continue;
                double reach = BoneLikeReachMm(s, voxel);
                // The muscle-layer reach is the scapula's on the ribs: only where the lungs are. In a limb, a thick
                // ossified mass a muscle layer from the femur is myositis ossificans, the lesion to be found.
                if (!slices[s.MidK(slices.Length)].AtLungLevel) reach = Math.Min(reach, BoneNeighbourMm);
                if (reach <= 0 || !besideSkeleton(s, reach)) continue;
                TakeAsBone(s, runs, labelMap, voxel, "bone-like beside the skeleton: bone");
                attached.Add(s);
            }
        }
        return attached;
    }

    /// <summary>
    /// Ribs, costal margin and scapular blade cut obliquely by slices of a few millimetres fall apart into pieces lying
    /// apart along their course, a muscle layer or an intercostal space from the rest of the cage (on LIDC-IDRI 0001 a
    /// 400 mm3 piece of the costal margin 8 mm from its rib; on LIDC-IDRI 0003 scapular pieces 2.5 mm thick). In the chest
    /// and abdomen, a bone-like piece (<see cref="BoneLikeReachMm"/>) lying laterally, where the cage is and the aorta and
    /// spine are not, is bone within <see cref="ThickBoneNeighbourMm"/> of the skeleton whatever its thickness; near the
    /// midline (aortic plaque on the spine) and in the pelvis and limbs (phleboliths, calcium beside the femur) the
    /// narrower reach of <see cref="AttachBoneLike"/> stays.
    /// </summary>
    public static int AttachRibPieces(List<ComponentStats> stats, double voxel, RunSet runs, SliceStats[] slices, Anatomy.BodyPart[] parts, byte[] labelMap,
        Func<ComponentStats, double, bool> besideSkeleton)
    {
        int attached = 0;
        foreach (var s in stats)
        {
            if (s.IsBone || s.VesselWall || LumenContact.TouchesPool(s)) continue;
            int k = s.MidK(parts.Length);
            if (parts[k] is not (Anatomy.BodyPart.Chest or Anatomy.BodyPart.Abdomen)) continue;
            var st = slices[k];
            if (st.HalfWidthI <= 0 || Math.Abs((s.MinI + s.MaxI) / 2.0 - st.CentreI) < CageLateralShare * st.HalfWidthI) continue;
            if (BoneLikeReachMm(s, voxel, requireInterior: false) <= 0 || !besideSkeleton(s, ThickBoneNeighbourMm)) continue;
            TakeAsBone(s, runs, labelMap, voxel, "piece of the cage beside the skeleton: bone");
            attached++;
        }
        return attached;
    }

    /// <summary>
    /// The end of a bone cut by thick slices: the dome of a femoral head or the top of an iliac wing lies in one or two
    /// slices as a ring of cortex round marrow under the threshold, inside the outline that the same bone draws on the
    /// next slice, and touches it nowhere (its voxels stand over that bone's marrow); or, where the slice holds only its
    /// cortex, a solid disc over a good part of that section. Such a cap looks like a zonal mass or a sheet; heterotopic
    /// bone lies beside a bone, never over its own marrow. The phantom family's seed 58 (pelvis at 4.5 mm) had two rings
    /// of 1 mL each called myositis ossificans, seed 441 (4.8 mm) two discs of 1.6 mL called sheets in muscle.
    /// </summary>
    public static int AttachBoneCaps(List<ComponentStats> stats, RunSet runs, VolumeGeometry g, byte[] labelMap, SliceStats[] slices)
    {
        var narrow = new List<ComponentStats>();
        int nx = g.SizeX, ny = g.SizeY, len = nx * ny, attached = 0;
        var outlines = new Dictionary<int, bool[]>();
        var ops = new Segmentation.SliceOps(nx, ny, g.Spacing.X, g.Spacing.Y);
        bool[] Outline(int k)
        {
            if (outlines.TryGetValue(k, out var m)) return m;
            // Components come in the order of their first slice: a few slices' outlines at a time are enough.
            if (outlines.Count >= CachedOutlines) outlines.Remove(outlines.Keys.Min());
            m = new bool[len];
            var labels = labelMap.AsSpan(k * len, len);
            for (int i = 0; i < len; i++) m[i] = labels[i] == CalcificationDetector.Skeleton;
            ops.FillHoles(m);
            return outlines[k] = m;
        }
        foreach (var s in stats)
        {
            if (s.IsBone || s.VesselWall || s.MaxK - s.MinK + 1 > CapMaxSlices || s.Count * g.VoxelVolumeMm3 < CapMinMm3) continue;
            foreach (int k in new[] { s.MinK - 1, s.MaxK + 1 })
            {
                if (k < 0 || k >= g.SizeZ) continue;
                var outline = Outline(k);
                long inside = 0;
                foreach (int r in s.Runs)
                    for (int x = runs.X0[r]; x <= runs.X1[r]; x++)
                        if (outline[runs.Y[r] * nx + x]) inside++;
                if (inside < CapInsideShare * s.Count) continue;
                if (!Hollow(s, runs, g))
                {
                    double cover = Cover(s, runs, g, outline, k);
                    if (cover < CapMinCoverShare)
                    {
                        if (cover >= MirroredCapMinCoverShare) narrow.Add(s);
                        continue;
                    }
                }
                TakeAsBone(s, runs, labelMap, g.VoxelVolumeMm3, "a cap of bone over the outline of the bone on the next slice: its end");
                attached++;
                break;
            }
        }
        // Narrower caps in mirrored pairs: the tops of both femoral heads, each over its own bone.
        foreach (var s in narrow)
        {
            if (s.IsBone || !narrow.Any(t => t != s && MirroredCaps(s, t, slices, g))) continue;
            TakeAsBone(s, runs, labelMap, g.VoxelVolumeMm3, "a cap of bone over the bone on the next slice, mirrored by another: the ends of paired bones");
            attached++;
        }
        return attached;
    }

    /// <summary>
    /// Two caps mirror each other: in the same slices, their centres mirrored about the body's midline within
    /// <see cref="MirroredCapToleranceMm"/> and level front to back within it, their volumes within
    /// <see cref="MirroredCapMaxVolumeRatio"/> of each other.
    /// </summary>
    private static bool MirroredCaps(ComponentStats a, ComponentStats b, SliceStats[] slices, VolumeGeometry g)
    {
        if (a.MinK != b.MinK || a.MaxK != b.MaxK) return false;
        var mid = slices[a.MidK(slices.Length)];
        if (mid.HalfWidthI <= 0) return false;
        double ax = (a.MinI + a.MaxI) / 2.0, bx = (b.MinI + b.MaxI) / 2.0, ay = (a.MinJ + a.MaxJ) / 2.0, by = (b.MinJ + b.MaxJ) / 2.0;
        if ((ax - mid.CentreI) * (bx - mid.CentreI) >= 0) return false;
        bool mirrored = Math.Abs(ax + bx - 2 * mid.CentreI) * g.Spacing.X <= MirroredCapToleranceMm && Math.Abs(ay - by) * g.Spacing.Y <= MirroredCapToleranceMm;
        return mirrored && Math.Max(a.Count, b.Count) <= MirroredCapMaxVolumeRatio * Math.Min(a.Count, b.Count);
    }

    /// <summary>
    /// A solid cap mirrored by another may cover less of its bone's section: the top slice of a femoral head whose next
    /// section joins the acetabulum on the outer side covers a tenth to a sixth of it at 3.7-4.8 mm (the phantom family's
    /// seeds 494, 1762, 2074 and 2932: pairs of 339-475 mm3 taken for vessel wall or phleboliths, one of each side at the
    /// same slice). A calcific deposit is seldom mirrored by its like over the other hip in the same slice.
    /// </summary>
    public const double MirroredCapMinCoverShare = 0.08;
    /// <summary>How far off a mirror image two caps may lie (mm): the body's midline is its box's centre, a patient off-centre shifts it.</summary>
    public const double MirroredCapToleranceMm = 8;
    /// <summary>Two caps of paired bones are within this ratio of each other's volume.</summary>
    public const double MirroredCapMaxVolumeRatio = 1.3;

    /// <summary>
    /// A ring of cortex round marrow under the threshold: its outline, holes filled, covers at least
    /// <see cref="CapMinFilledRatio"/> times its own voxels. A solid deposit over a bone's end (calcific tendinitis above
    /// a humeral head) is not.
    /// </summary>
    private static bool Hollow(ComponentStats s, RunSet runs, VolumeGeometry g)
    {
        int w = s.MaxI - s.MinI + 1, h = s.MaxJ - s.MinJ + 1;
        var ops = new Segmentation.SliceOps(w, h, g.Spacing.X, g.Spacing.Y);
        long filled = 0;
        for (int k = s.MinK; k <= s.MaxK; k++)
        {
            var m = new bool[w * h];
            foreach (int r in s.Runs)
                if (runs.Z[r] == k) m.AsSpan((runs.Y[r] - s.MinJ) * w + runs.X0[r] - s.MinI, runs.X1[r] - runs.X0[r] + 1).Fill(true);
            ops.FillHoles(m);
            foreach (bool b in m) if (b) filled++;
        }
        return filled >= CapMinFilledRatio * s.Count;
    }

    public const double CapMinFilledRatio = 1.5;

    /// <summary>
    /// The share of the bone's section under it (the piece of the next slice's outline that it stands over, 4-connected)
    /// that a piece covers on its widest slice.
    /// </summary>
    private static double Cover(ComponentStats s, RunSet runs, VolumeGeometry g, bool[] outline, int k)
    {
        int nx = g.SizeX, ny = g.SizeY;
        var seen = new bool[outline.Length];
        var queue = new Queue<int>();
        var widest = new Dictionary<int, long>();
        foreach (int r in s.Runs)
        {
            widest[runs.Z[r]] = widest.GetValueOrDefault(runs.Z[r]) + runs.X1[r] - runs.X0[r] + 1;
            for (int x = runs.X0[r]; x <= runs.X1[r]; x++)
            {
                int i = runs.Y[r] * nx + x;
                if (outline[i] && !seen[i]) { seen[i] = true; queue.Enqueue(i); }
            }
        }
        long area = 0;
        while (queue.Count > 0)
        {
            int i = queue.Dequeue();
            area++;
            int x = i % nx, y = i / nx;
            foreach (int j in new[] { x > 0 ? i - 1 : -1, x < nx - 1 ? i + 1 : -1, y > 0 ? i - nx : -1, y < ny - 1 ? i + nx : -1 })
                if (j >= 0 && outline[j] && !seen[j]) { seen[j] = true; queue.Enqueue(j); }
        }
        double cover = (double)widest.Values.Max() / Math.Max(1, area);
        CalcificationDetector.Trace(s, g.VoxelVolumeMm3, $"covers {cover:0.00} of the bone's section on slice {k}");
        return cover;
    }

    /// <summary>
    /// Or solid, covering this share of the bone's section beneath: the top slice of a femoral head is a disc over a
    /// large part of the head's section on the next (a quarter to a third in the phantom family's seed 441, where the
    /// section beneath joins the acetabulum on one side); a calcific deposit of 5-15 mm over a humeral head (about 1,500
    /// mm2 in section) covers a tenth of it at most.
    /// </summary>
    public const double CapMinCoverShare = 0.2;

    /// <summary>Smaller pieces are specks of the bone's edge, judged as such (<see cref="CalcificationDetector"/>'s trabecular specks).</summary>
    public const double CapMinMm3 = 50;
    private const int CachedOutlines = 6;

    /// <summary>A cap is the end of a bone in one or two slices: thicker pieces are judged by their own shape.</summary>
    public const int CapMaxSlices = 2;
    /// <summary>Share of a cap's voxels that stand over the next slice's bone outline (its marrow filled): nearly all.</summary>
    public const double CapInsideShare = 0.9;

    /// <summary>A component found to be bone after the skeleton was drawn: marked, and painted into the label map.</summary>
    private static void TakeAsBone(ComponentStats s, RunSet runs, byte[] labelMap, double voxel, string why)
    {
        int nx = runs.SizeX, len = nx * runs.SizeY;
        s.IsBone = true;
        foreach (var r in s.Runs)
            labelMap.AsSpan(runs.Z[r] * len + runs.Y[r] * nx + runs.X0[r], runs.X1[r] - runs.X0[r] + 1).Fill(CalcificationDetector.Skeleton);
        CalcificationDetector.Trace(s, voxel, why);
    }

    /// <summary>
    /// Lateral to this share of the half-width lie the ribs and scapulae; within it the spine, the aorta and the sternum
    /// (the same share marks lateral bone for the landmarks, <see cref="Anatomy.SliceLandmarkFinder.LateralShare"/>).
    /// </summary>
    public const double CageLateralShare = Anatomy.SliceLandmarkFinder.LateralShare;

    /// <summary>The widest joint space of the trunk and shoulder (costovertebral, glenohumeral, acromioclavicular: 2-4 mm in adults).</summary>
    public const double BoneNeighbourMm = 4;
    /// <summary>
    /// A thick bone-like structure of some size (a scapula, a whole rib segment) is bone as far as a muscle layer from
    /// the skeleton: the scapula lies on the ribs across subscapularis and serratus anterior (about 10 mm in the LIDC scans).
    /// Thin sheets (fascial calcinosis) never qualify here: they have almost no interior (but see <see cref="AttachRibPieces"/>).
    /// </summary>
    public const double ThickBoneNeighbourMm = 12;
    public const double ThickBoneMinMm3 = 1000;
    public const double ThickBoneMinInterior = 0.15;
    public const double BoneLikeMinMm3 = 30;
    /// <summary>
    /// Trabecular bone of the elderly averaged with its thin cortex: 280-460 HU on the LIDC scans. Calcified masses are
    /// denser throughout (the tumoral calcinosis phantom, 530 HU; tumoral calcinosis is typically 400-1000 HU on CT).
    /// </summary>
    public const short BoneLikeMinMeanHu = 220, BoneLikeMaxMeanHu = 480;
    /// <summary>
    /// Ribs, scapulae and processes are tubes and plates: under half their voxels are interior at CT resolution (0.17-0.46
    /// on the LIDC scans); a lobulated calcified mass is solid (0.67 for the tumoral calcinosis phantom).
    /// </summary>
    public const double BoneLikeMaxInterior = 0.5;
    /// <summary>A bone piece reaches cortical density somewhere (the LIDC scans: 650 HU and up).</summary>
    public const short BoneLikeMinPeakHu = 600;
    /// <summary>
    /// Pieces of an osteopenic vertebra (the upper-abdomen series in ../shared/data: T11-T12 trabecular bone 120-250 HU
    /// under a cortex of 400-575 HU) average 220-330 HU and peak at 350-560 HU; beside the skeleton they are bone.
    /// </summary>
    public const short TrabecularMaxMeanHu = 330, TrabecularMinPeakHu = 350;

    /// <summary>How far from the skeleton a structure may lie and still be taken as bone; 0 where it does not look like bone.</summary>
    private static double BoneLikeReachMm(ComponentStats s, double voxel, bool requireInterior = true)
    {
        double v = s.Count * voxel;
        double mean = (double)s.SumHu / s.Count;
        // Trabecular bone of an osteopenic spine, split from its vertebra at the calcium threshold, never reaches cortical
        // density; calcium deposits of this size are denser on average.
        short minPeak = mean <= TrabecularMaxMeanHu ? TrabecularMinPeakHu : BoneLikeMinPeakHu;
        if (v < BoneLikeMinMm3 || !s.Deep || s.MaxHu < minPeak) return 0;
        if (mean < BoneLikeMinMeanHu || mean > BoneLikeMaxMeanHu) return 0;
        double fat = s.SurroundFat / Math.Max(1.0, s.SurroundFat + s.SurroundSoft);
        if (fat >= MaxFatShare) return 0;
        if (s.Interior == 0 || !requireInterior) return BoneNeighbourMm;
        double inner = s.InteriorHu / s.Interior, edge = s.SurfaceHu / Math.Max(1, s.Count - s.Interior);
        if (inner < edge || s.Interior > BoneLikeMaxInterior * s.Count) return 0;
        return v >= ThickBoneMinMm3 && s.Interior >= ThickBoneMinInterior * s.Count ? ThickBoneNeighbourMm : BoneNeighbourMm;
    }

    /// <summary>A cortex clearly brighter than an interior in the marrow range: a rib, a vertebra, a sternum.</summary>
    private static bool Marrow(ComponentStats s)
    {
        if (s.Interior < MarrowMinInteriorShare * s.Count) return false;
        double inner = s.InteriorHu / s.Interior, surface = s.SurfaceHu / Math.Max(1, s.Count - s.Interior);
        return inner is >= MarrowMinHu and <= MarrowMaxHu && surface > inner + MarrowCortexAboveHu;
    }

    private static bool NearLargeBone(ComponentStats s, List<ComponentStats> stats, double voxel)
    {
        // Small dense pieces inside the wall and close to a big bone are ossicles, osteophytes or bone fragments.
        foreach (var b in stats)
        {
            if (b == s || b.Count * voxel < LargeBoneMm3) continue;
            const int r = NearLargeBoneVoxels, rk = NearLargeBoneSlices;
            if (s.MinI <= b.MaxI + r && s.MaxI >= b.MinI - r && s.MinJ <= b.MaxJ + r && s.MaxJ >= b.MinJ - r && s.MinK <= b.MaxK + rk && s.MaxK >= b.MinK - rk)
                return true;
        }
        return false;
    }
}
