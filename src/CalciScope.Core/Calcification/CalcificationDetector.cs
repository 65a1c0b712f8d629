using CalciScope.Anatomy;
using CalciScope.Imaging;
using CalciScope.Segmentation;

namespace CalciScope.Calcification;

/// <summary>The outcome of detection: lesions with their summary, the skeleton volume and what was noticed on the way.</summary>
public sealed record DetectionResult(IReadOnlyList<Lesion> Lesions, AnalysisSummary Summary, ContrastPhase Contrast, IReadOnlyList<string> Notes,
    byte[] LabelMap, IReadOnlyList<BodyPartRange> BodyParts, string AnatomySource = "built-in");

/// <summary>Components of contrast density set aside as vessels of one kind: how many, their volume and their voxels' sum and count (for the mean).</summary>
internal sealed class ContrastTally
{
    public int Count { get; private set; }
    public double VolumeMm3 { get; private set; }
    public double SumHu { get; private set; }
    public long Voxels { get; private set; }

    public void Add(ComponentStats s, double voxel)
    {
        Count++;
        VolumeMm3 += s.Count * voxel;
        SumHu += s.SumHu;
        Voxels += s.Count;
    }
}

/// <summary>Whether iodinated contrast fills the vessels or the bowel, and how that was decided.</summary>
public sealed record ContrastPhase(bool Enhanced, double BloodPoolMeanHu, double BloodPoolVolumeMm3, double ThresholdHu,
    bool OralContrast = false, double OralContrastVolumeMm3 = 0)
{
    /// <summary>
    /// Enhanced blood this dense is the arterial phase: CT angiography is judged adequate from about 250 HU in the aorta,
    /// while the portal-venous phase leaves the aorta at about 150-200 HU (the blood pool here is measured in the heart,
    /// aorta and great veins together).
    /// </summary>
    public const double ArterialPoolHu = 250;

    /// <summary>unenhanced, arterial or portal_venous, from the blood pool.</summary>
    public string Phase => !Enhanced ? "unenhanced" : BloodPoolMeanHu >= ArterialPoolHu ? "arterial" : "portal_venous";
}

/// <summary>
/// Finds every calcification outside the skeleton: voxels at or above 130 HU in the body (with contrast, above the
/// lumen's threshold inside the lumen and enhancing tissue), 26-connected into components; bone
/// (<see cref="BoneClassifier"/>), contrast (<see cref="LumenContact"/>), things outside the patient and the partial
/// volume of bone are set aside; the rest are measured (<see cref="LesionMeasurer"/>), mapped to compartment, side and
/// region, and named. The label map's skeleton comes from <see cref="SkeletonLabeller"/>.
/// </summary>
public static class CalcificationDetector
{
    public const short ThresholdHu = 130;
    /// <summary>Unenhanced components this large and up have their interior measured (a cortex or a zonal rim shows from here).</summary>
    public const double BoneInteriorMinMm3 = 300;
    public const short DenseCortexHu = 850;
    /// <summary>
    /// A vessel cut from the blood pool (<see cref="BloodLumpMaxDenseShare"/>): from this size, larger than the plaques and
    /// nodules the rule must leave alone.
    /// </summary>
    public const double BloodLumpMinMm3 = 150;
    /// <summary>
    /// Share of such a structure's voxels at or above the lumen's calcium threshold that is still contrast swirling in it
    /// (the real CTs of ../shared/data averaged to 5 mm: a subclavian vein and an aortic arch cut from the pool, 1.0-1.1 mL,
    /// means 332-378 HU against pools of 280-312 HU, 1.0-1.5 %; LIDC-IDRI 0003's left brachiocephalic vein in the neck,
    /// full of undiluted contrast, 336 and 508 mm3 at 321 and 287 HU, 4.0 % each).
    /// </summary>
    public const double BloodLumpMaxDenseShare = 0.05;
    public const short MinPeakHu = 200;
    /// <summary>
    /// A component's mean this close to <see cref="ThresholdHu"/> (20 HU, about one noise spread of a standard-dose
    /// soft-tissue kernel) is the threshold cutting through noise, where it peaks under <see cref="MinPeakHu"/> too.
    /// </summary>
    public const short NoiseTailMaxMeanHu = ThresholdHu + 20;
    /// <summary>
    /// Half a millilitre of calcium has a core that partial volume does not reach, and calcium there is denser than any
    /// soft tissue: in the phantom family (seeds 1-200) every lesion of 500 mm3 and more peaks at 316 HU or more, the
    /// faintest of 300 mm3 and more at 257 HU (a reticular network, which falls apart at the threshold into smaller
    /// pieces). A structure this large that nowhere reaches <see cref="FaintMassMaxPeakHu"/> is enhancing tissue or a
    /// weakly opacified vessel: a venous-phase neck's jugular veins and carotids at 165 HU, cut by the range after 10 mm
    /// (too short for a tube), had been 1.9 mL of 'periarticular amorphous' calcification (seed 551).
    /// </summary>
    public const double FaintMassMinMm3 = 500;
    public const short FaintMassMaxPeakHu = 250;
    /// <summary>
    /// The aorta and the venae cavae are 15-30 mm across in adults (the abdominal aorta about 20 mm, ectatic at 30;
    /// Johnston 1991, J Vasc Surg 13:452), so a lumen fitted at 7 mm radius or more with its wall is a great vessel.
    /// </summary>
    public const double GreatVesselMinRadiusMm = 7;
    /// <summary>
    /// The great vessels run in the trunk, whose section is 250 mm wide and more in adults; a head is at most about 160 mm
    /// wide (maximum cranial breadth 130-160 mm) and a neck narrower.
    /// </summary>
    public const double TrunkMinHalfWidthMm = 100;

    /// <summary>Whether a slice is as wide as a trunk's (<see cref="TrunkMinHalfWidthMm"/>): not a head, a neck or a limb.</summary>
    internal static bool TrunkWide(SliceStats slice, VolumeGeometry g) => slice.HalfWidthI * g.Spacing.X >= TrunkMinHalfWidthMm;

    /// <summary>Label of the skeleton in the label map (after the compartments, in <see cref="LabelNames"/> order).</summary>
    public const byte Skeleton = 9;

    public static readonly string[] LabelNames = ["background", "skin", "subcutaneous", "fascial", "muscle", "vascular", "visceral", "periarticular", "other", "skeleton", "costal_cartilage"];

    /// <summary>The compartments whose calcification is the calcinosis the differential is about (contract: summary.soft_tissue_volume_mm3).</summary>
    public static readonly string[] SoftTissueCompartments = ["skin", "subcutaneous", "fascial", "muscle", "periarticular"];

    /// <summary>Label of costal cartilage in the label map (anatomy labels start at 10, as the contract says).</summary>
    public const byte CostalCartilage = 10;

    public static DetectionResult Detect(Volume<short> hu, TissueMap tissue, IProgress<double>? progress = null, AnatomyMasks? anatomy = null,
        IDictionary<string, double>? stageSeconds = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Lap(string step) { if (stageSeconds is not null) stageSeconds["detect." + step] = Math.Round(clock.Elapsed.TotalSeconds, 3); clock.Restart(); }
        var g = hu.Geometry;
        var notes = new List<string>();
        var lungLevels = OralContrastDetector.LungLevels(tissue);
        var bowelGas = BowelGas.Find(tissue);
        var pool = BloodPoolDetector.Detect(tissue.Coarse, tissue.Codes, lungLevels, tissue.DepthMm, tissue.CoarsePeak, bowelGas);
        Lap("blood_pool");
        var oral = OralContrastDetector.Detect(tissue, lungLevels, bowelGas, pool.Marrow);
        // Whether a voxel lies in bowel holding positive oral contrast (null: none), for the steps that set it aside.
        Func<int, bool>? inOralContrast = oral.Present ? i => oral.Mask[tissue.Cell(i)] != 0 : null;
        var contrast = new ContrastPhase(pool.Enhanced, pool.MeanHu, pool.VolumeMm3, pool.Enhanced ? pool.CalciumThresholdHu : ThresholdHu,
            oral.Present, Math.Round(oral.VolumeMm3));
        if (oral.Present) notes.Add($"positive oral contrast in the bowel: {oral.VolumeMm3 / 1000:0} mL at {oral.MeanHu:0} HU; dense content there is not counted as calcification");
        if (pool.Enhanced)
            notes.Add($"contrast-enhanced study: blood pool of {pool.VolumeMm3 / 1000:0} mL at {pool.MeanHu:0} ± {pool.SdHu:0} HU; inside each vessel only voxels rising clearly above its own lumen count as calcium ({(pool.LowestThresholdHu == pool.HighestThresholdHu ? $"{pool.LowestThresholdHu}" : $"{pool.LowestThresholdHu}-{pool.HighestThresholdHu}")} HU or more), in enhancing tissue {pool.CalciumThresholdHu} HU or more");
        Lap("oral_contrast");
        var enhancing = pool.Enhanced ? EnhancedTissueDetector.Detect(tissue, ThresholdHu) : null;
        Lap("enhancing_tissue");
        // Inside the body; inside an enhanced lumen only what rises above that lumen's own calcium threshold, and inside
        // enhancing tissue above that of all lumens together.
        var runs = RunLabeler.LabelAtLevels(hu, ThresholdHu, (z, y, levels) =>
        {
            Span<byte> codes = stackalloc byte[levels.Length];
            tissue.Row(z, y, codes);
            Span<byte> enhancedRow = stackalloc byte[enhancing is null ? 0 : levels.Length];
            Span<short> lumenRow = stackalloc short[enhancing is null ? 0 : levels.Length];
            if (enhancing is not null)
            {
                tissue.Row(enhancing, z, y, enhancedRow);
                tissue.Row(pool.CellThresholdHu, z, y, lumenRow);
            }
            for (int x = 0; x < levels.Length; x++)
            {
                byte code = codes[x];
                levels[x] = code == 0 ? short.MaxValue
                    : enhancing is null ? ThresholdHu
                    : lumenRow[x] != 0 ? lumenRow[x]
                    : (code & TissueClass.Lumen) != 0 || enhancedRow[x] != 0 ? pool.CalciumThresholdHu
                    : ThresholdHu;
            }
        });
        progress?.Report(0.3);
        Lap("labelling");
        var stats = Gather(hu, tissue, runs, pool.Enhanced, pool.MarrowInPool);
        double voxel = g.VoxelVolumeMm3;
        Lap("gather");

        if (oral.Present)
            foreach (var s in stats) s.OralContrastShare = InMask(s, runs, tissue, oral.Mask);
        // Without a blood pool, even round stumps cut by the range in mirrored pairs are the carotids where a neck scan's
        // edge cuts them short; a plaque makes one of them as dense as a bone cut by the range, which it is not.
        var pairedFirst = pool.Enhanced ? [] : ContrastFilledTube.MirroredStumps(stats, voxel, g, tissue.Slices, runs, hu);
        var plaquedStumps = stats.Where(s => pairedFirst.ContainsKey(s.Id) && s.MaxHu >= ContrastFilledTube.TubeMaxPeakHu).Select(s => s.Id).ToHashSet();
        BoneClassifier.Classify(stats, voxel, runs, tissue.Slices, hu, pool.Enhanced, tissue.Code, pool.MeanHu, plaquedStumps);
        int pairedBones = MirroredBone.Mark(stats, voxel, runs, tissue.Slices);
        if (pairedBones > 0) notes.Add($"{pairedBones} large structure(s) of bone density mirrored across the midline by bone or by each other were taken as paired bone (iliac wings), not calcification");
        BoneClassifier.MarkCostalCartilage(stats, voxel, tissue.Slices, g);
        Lap("bone_classes");
        // Arcs round a lumen: of blood, or with contrast of the enhanced lumen under its calcium threshold.
        var arcOptions = pool.Enhanced ? VesselWallArcOptions.Enhanced(pool.CalciumThresholdHu) : new VesselWallArcOptions();
        // A lumen is where the tissue map found one: with contrast, enhanced blood (trabecular bone is as dense as an
        // enhanced lumen, and the rim of an osteopenic vertebra beside the azygos vein of LIDC-IDRI 0003, 2.5 mL, had been
        // taken for plaque round it); without, a round soft-tissue tube in fat (soft tissue between the styloid process
        // and the temporal bone of the head CT in ../shared/data had been taken for one, 68 mm3).
        byte lumenFlag = pool.Enhanced ? TissueClass.Lumen : TissueClass.Vessel;
        // Without contrast the aorta and the cavae are no small vessel in fat: they lie on the spine, in the mediastinum's
        // soft tissue, and are larger than the tissue map's vessels; an arc of great-vessel calibre round blood in the
        // trunk is theirs (in a head, soft tissue by the skull base fits such a circle too: 68 mm3 on the head CT).
        // Marrow of a vertebral body joined to the pool is marked lumen too; nothing curves round it as a vessel's wall
        // (the phantom family's seed 556: each half of the cortex of its vertebral bodies, 3.2-3.3 mL, an 'arc' round it).
        bool InLumen(int centre, double radiusMm) => (tissue.Code(centre) & lumenFlag) != 0 && !pool.MarrowInPool[tissue.Cell(centre)]
            || !pool.Enhanced && radiusMm >= GreatVesselMinRadiusMm && TrunkWide(tissue.Slices[centre / (g.SizeX * g.SizeY)], g);
        var carving = PlaqueOnBone.Carve(stats, runs, hu, arcOptions, new PlaqueOnBoneOptions(), InLumen, tissue.Code);
        Lap("plaque_on_bone");
        if (anatomy is not null) AnatomyJudge.Judge(stats, runs, anatomy);
        Lap("anatomy_judge");
        var (labelMap, enclosed) = SkeletonLabeller.Mark(hu, tissue, runs, stats, pool.Enhanced);
        if (anatomy is not null) AnatomyJudge.PaintSkeleton(labelMap, hu, anatomy, ThresholdHu);
        Lap("skeleton_labeller");
        var boneLike = BoneClassifier.AttachBoneLike(stats, voxel, runs, tissue.Slices, labelMap, (s, reach) => BesideSkeleton(s, runs, labelMap, g, reach));
        if (boneLike.Count > 0) notes.Add($"{boneLike.Count} bone-like piece(s) within a joint space of the skeleton were taken as bone (rib ends, processes, osteopenic bone)");
        int caps = BoneClassifier.AttachBoneCaps(stats, runs, g, labelMap, tissue.Slices);
        if (caps > 0) notes.Add($"{caps} cap(s) of bone in one or two slices, standing over the outline of a bone on the next slice, were taken as the bone's end");
        progress?.Report(0.5);
        var slices = SkeletonLabeller.WithHead(tissue.Slices, enclosed, g);
        int tables = BoneClassifier.TakeOuterTables(stats, voxel, runs, slices, labelMap);
        if (tables > 0) notes.Add($"{tables} ring(s) of bone density round the skull's section were taken as its outer table");
        Lap("bone_attachments");

        var landmarks = SliceLandmarkFinder.Find(tissue, labelMap, Skeleton, slices);
        var parts = new BodyPartClassifier().Classify(landmarks);
        int ribPieces = BoneClassifier.AttachRibPieces(stats, voxel, runs, slices, parts, labelMap, (s, reach) => BesideSkeleton(s, runs, labelMap, g, reach));
        if (ribPieces > 0) notes.Add($"{ribPieces} bone-like piece(s) of the rib cage or scapula, lying laterally within {BoneClassifier.ThickBoneNeighbourMm:0} mm of the skeleton, were taken as bone");
        Lap("landmarks");
        // The skeleton completed before the candidates are judged, so that what lies beside bone is measured from the
        // whole bone (its trabecular marrow too), never through a candidate: their voxels are held apart meanwhile.
        var completion = new SkeletonCompletionOptions();
        var completedFirst = SkeletonCompletion.CompleteAround(labelMap, hu, tissue, runs, stats.Where(s => !s.IsBone).Select(s => s.Runs), completion);
        Lap("skeleton_completion");
        var measurer = new LesionMeasurer(hu, tissue, runs, stats, slices, parts, BodyPartClassifier.OneLimb(parts, landmarks));
        var lesions = new List<Lesion>();
        int trabecularSkipped = 0, faintMasses = 0, enhancedSkipped = 0, contrastSkipped = 0, externalSkipped = 0, boneEdgeSkipped = 0, oralSkipped = 0, ribSegments = 0, endSliceBones = 0, cartilage = 0;
        // The contrast-filled structures apart from the pool, counted for the notes and for the study's contrast.
        var vesselTubes = new ContrastTally();
        var faintStumps = new ContrastTally();
        // Even round stumps cut by the range in mirrored pairs: the carotids where a neck scan's edge cuts them short.
        var mirroredStumps = pool.Enhanced ? [] : ContrastFilledTube.MirroredStumps(stats.Where(s => !s.IsBone), voxel, g, tissue.Slices, runs, hu);
        // Without a blood pool, lumens joined to a bone at the threshold show the contrast as the tubes apart from bone do.
        LumensInBone? lumensInBone = pool.Enhanced ? null : TubeInBone.Measure(
            stats.Where(s => s.IsBone && s.Count * voxel >= BoneClassifier.MidBoneMm3), runs, hu, new TubeInBoneOptions(),
            inOralContrast);
        // Contrast is in the vessels where the blood pool was found, or where the long tubes of contrast density and the
        // lumens inside bone alone are enough to call the study enhanced (the tubes are judged below, one by one; their
        // total is needed first for the stumps that the scanned range cuts: the phantom family's seed 492, an arterial
        // pelvis whose only lumens lay inside its bones, had its femoral vessels' stumps, cut after two slices, as 0.9 mL
        // of 'linear' calcium in muscle). Under a vessel's stump only the lumen's peak is contrast.
        short? stumpPeakHu = pool.Enhanced ? pool.CalciumThresholdHu
            : stats.Where(s => !s.IsBone && ContrastFilledTube.IsLong(s, voxel, g, () => ContrastFilledTube.SectionsUnderPeak(s, runs, hu), () => ContrastFilledTube.Branches(s, runs, g)))
                .Sum(s => s.Count * voxel) + lumensInBone!.VolumeMm3 + pool.LongVesselMm3 >= ContrastFilledTube.MinEnhancedMm3
                ? ContrastFilledTube.TubeMaxPeakHu : null;
        // The calcified wall of such a lumen lies in the bone's component with it: carved as vessel wall. Only where the
        // study holds contrast: without it, a round, even core of contrast density inside a bone is red marrow (the phantom
        // family's seed 42, an unenhanced pelvis with oral contrast, had 1.9 mL of cortex round such cores taken for wall).
        if (stumpPeakHu is not null && lumensInBone is { Lumens.Count: > 0 })
        {
            var walls = WallOnLumenInBone.Carve(lumensInBone.Lumens, runs, hu, new WallOnLumenInBoneOptions(), z => WallOnLumenInBone.Searched(parts[z]),
                inOralContrast);
            if (walls.Count > 0) carving = carving with { Walls = [.. carving.Walls, .. walls] };
        }
        Lap("tubes_in_bone");
        int sliceLen = g.SizeX * g.SizeY;
        // The bones' dense voxels, from which masses and nodules are told apart, are drawn at the nodules' level
        // (NoduleOnBoneOptions.DenseHu), and inside a contrast-filled lumen from the lumen's calcium threshold where higher:
        // the heart and the great vessels lie against the ribs and spine, and drawn at 300 HU the bones of LIDC-IDRI 0001
        // gave up three 'nodules' of 49-141 mm3 in its abdominal wall and back (0.06 -> 0.32 mL).
        short boneDenseHu = new NoduleOnBoneOptions().DenseHu;
        short lumenDenseHu = pool.Enhanced ? Math.Max(boneDenseHu, pool.CalciumThresholdHu) : boneDenseHu;
        // In a lumen, its own threshold.
        short LumenDenseHuAt(int i) => pool.Enhanced ? Math.Max(boneDenseHu, pool.ThresholdAt(tissue.Cell(i))) : boneDenseHu;
        {
            // Masses beside a bone (MassOnBone), round the hips and in the legs only: there the skeleton lies paired about
            // the sacrum and the symphysis, and the scans are taken with the legs side by side. Above, bones that are paired
            // show unpaired in real sections: the shoulders with the arms raised unevenly, scapulae and humeral heads turned
            // with the trunk, ribs breathing apart, the skull's base in a tilted head (searched there, the unenhanced head CT
            // of ../shared/data gave up 1.1 mL of its base, and LIDC-IDRI 0003's shoulders, paraspinal ribs and vertebral lips
            // 11 pieces of 0.6-4.5 mL).
            Func<int, short> denseHuAt = i => (tissue.Code(i) & TissueClass.Lumen) == 0 ? boneDenseHu : LumenDenseHuAt(i);
            bool Searched(int z) => parts[z] is Anatomy.BodyPart.Pelvis or Anatomy.BodyPart.Thigh or Anatomy.BodyPart.Leg;
            Func<int, bool> excluded = i => !Searched(i / sliceLen) || inOralContrast?.Invoke(i) == true;
            // Bowel gas within two cells of the voxel's, in its slice or the next: a loop of oral contrast lies against the
            // femoral head in a pelvis under its gas, which the level's blur keeps a cell or two off the dense fluid (the
            // phantom family's seed 357, 6.1 mL carved so), while calcinosis does not meet bowel gas.
            bool BesideGas(int i) => tissue.AnyCellNear(bowelGas, i, inPlane: 2, slices: 1);
            var masses = MassOnBone.Carve(stats, runs, hu, new NoduleOnBoneOptions(), new MassOnBoneOptions(), denseHuAt, carving.Walls.Concat(carving.Deposits).SelectMany(p => p).ToHashSet(),
                tissue.Slices, Searched, excluded, BesideGas);
            if (masses.Count > 0) carving = carving with { Masses = masses };
        }
        Lap("mass_on_bone");
        // Round nodules on the bones' surface (NoduleOnBone). Where the vessels hold contrast, its enhanced venous blood
        // (170-200 HU) is what joins a stone to a bone below the saddle; without it nothing but the bone's own marrow does,
        // and read so the real CTs of ../shared/data gave up rib heads, transverse processes and costal ends joined to their
        // bone through marrow at 133-194 HU (0.44 mL of 'soft-tissue calcification' on LIDC-IDRI 0001, 0.92 mL on 0003).
        // Without contrast, then, only the pelvis is searched, where phleboliths lie on the side wall, and a nodule carved
        // there is kept only as a phlebolith: a knob of bone taken so is named a vein's stone, never calcinosis. (Searched
        // as if every slice were pelvis, the unenhanced head CT and upper abdomen of ../shared/data give up nothing.)
        bool pelvicStonesOnly = !pool.Enhanced && stumpPeakHu is null;
        if (!pelvicStonesOnly || Array.IndexOf(parts, Anatomy.BodyPart.Pelvis) >= 0)
        {
            var o = pelvicStonesOnly ? NoduleOnBoneOptions.Unenhanced : NoduleOnBoneOptions.Enhanced(pool);
            // With a blood pool the bones' dense voxels are drawn from the lumen's level (above) outside the pelvis too. On
            // the pelvic wall, outside the contrast-filled lumen, the stone in its vein, less enhanced than the arteries, is
            // drawn at its own density, as without contrast: at the arterial lumen's threshold the family's rim-calcified
            // stones broke into arcs that left no core (seed 25: a ring peaking at 579 HU, open at 442-444 HU under a
            // threshold of 454 HU).
            Func<int, short> denseHuAt = i => (tissue.Code(i) & TissueClass.Lumen) != 0 ? LumenDenseHuAt(i) : parts[i / sliceLen] == Anatomy.BodyPart.Pelvis ? boneDenseHu : lumenDenseHu;
            // With contrast, the neck, chest and abdomen are not searched: there the injected arm's veins, full of undiluted
            // contrast swirling at 600-1100 HU, run past the clavicles and first ribs to the heart and leave nodule-like pieces
            // on them (LIDC-IDRI 0003's left brachiocephalic vein gave up a 291 mm3 'nodule' of 754 HU, peak 1108, from its
            // clavicle), and the lower ribs, crossing a thick slice obliquely, are joined to the next slice's section through
            // the blur alone: the phantom family's venous abdomen 2277 at 2.55 mm gave up 17 rib sections of 130-240 mm3 (peak
            // 720-780 HU, joined at 130-131 HU), 2.9 mL of 'muscle nodules'. The stones this step is for lie on the pelvic wall.
            Func<int, bool>? excluded = pelvicStonesOnly ? i => parts[i / sliceLen] != Anatomy.BodyPart.Pelvis || inOralContrast?.Invoke(i) == true
                : i => parts[i / sliceLen] is Anatomy.BodyPart.Neck or Anatomy.BodyPart.Chest or Anatomy.BodyPart.Abdomen || inOralContrast?.Invoke(i) == true;
            carving = carving with { Nodules = NoduleOnBone.Carve(stats, runs, hu, o, denseHuAt, carving.Walls.Concat(carving.Deposits).Concat(carving.Masses).SelectMany(p => p).ToHashSet(), excluded) };
        }
        Lap("nodule_on_bone");
        // Calcium joined to a contrast-filled lumen (a tube, or a stump's twin), judged on its own: vascular where it lies
        // in the lumen's wall, otherwise as a deposit in the tissue the vessel runs through.
        void AddJoinedCalcium(ComponentStats s, int[] lumen, IEnumerable<int[]> pieces)
        {
            foreach (var piece in pieces)
                lesions.Add(AnatomyJudge.Name(measurer.Measure(piece, forceVascular: ContrastFilledTube.InWall(piece, lumen, g)), s.Structure));
        }
        foreach (var s in stats)
        {
            if (s.IsBone || s.Count < 2 || s.Count * voxel < 1.0) continue;
            if (External(s, voxel))
            {
                externalSkipped++;
                Trace(s, voxel, "a plastic shell at the surface: outside the patient");
                continue;
            }
            if (s.MaxHu < BoneEdgeMaxHu && s.Count * voxel < BoneEdgeMm3 && BesideSkeleton(s, runs, labelMap, g, BoneEdgeMm))
            {
                boneEdgeSkipped++;
                Trace(s, voxel, "a faint speck at the edge of bone: partial volume");
                continue;
            }
            if (TrabecularSpeck(s, voxel) && BesideSkeleton(s, runs, labelMap, g, TrabecularSpeckReachMm))
            {
                trabecularSkipped++;
                Trace(s, voxel, "a trabecular speck beside the skeleton");
                continue;
            }
            if (s.OralContrastShare >= AnatomyJudge.MajorityShare || EntericContent(s, voxel))
            {
                oralSkipped++;
                Trace(s, voxel, "enteric content");
                continue;
            }
            // With contrast, what lies in or against a lumen is judged against that lumen's own calcium threshold.
            short lumenThresholdHu = pool.Enhanced ? LumenContact.ThresholdOf(s, runs, tissue, pool) : ThresholdHu;
            if (pool.Enhanced && LumenContact.DenseContrast(s, voxel, lumenThresholdHu, tissue.Slices,
                    () => s.Count * voxel < BoneClassifier.LargeBoneMm3 && VesselWallArc.Is(s, runs, hu, arcOptions, InLumen)))
            {
                contrastSkipped++;
                Trace(s, voxel, "dense contrast in the lumen");
                continue;
            }
            if (ContrastFilledTube.Is(s, voxel, g, stumpPeakHu, () => ContrastFilledTube.SectionsUnderPeak(s, runs, hu), () => ContrastFilledTube.MedianSection(s, runs, g),
                    () => ContrastFilledTube.Branches(s, runs, g)))
            {
                vesselTubes.Add(s, voxel);
                // What touches the tube and rises clearly above its contrast is calcium joined to it (a plaque, a
                // deposit in the muscle beside the vessel), judged on its own as in the blood pool.
                if (s.AboveTubePeak > 0)
                {
                    var tube = measurer.Voxels(s);
                    AddJoinedCalcium(s, tube, ContrastFilledTube.DenseParts(s, tube, hu, voxel));
                }
                continue;
            }
            // Brightest voxel under 200 HU: enhancing tissue or noise as likely as calcium.
            if (s.MaxHu < MinPeakHu && s.Count * voxel < 50) continue;
            // Nowhere 200 HU and on average within a few noise spreads of the threshold, among soft tissue: the noise tail
            // of tissue or blood at 100-130 HU (a venous-phase heart the blood-pool detector missed fell apart into 25
            // such 'strands' of 50-250 mm3, 2.2 mL in all, at a mean of 133-139 HU), not calcium, which rises above it.
            if (s.MaxHu < MinPeakHu && s.SumHu / s.Count < NoiseTailMaxMeanHu && s.SurroundFat < s.SurroundSoft)
            {
                Trace(s, voxel, "faint throughout, in soft tissue: the noise tail of tissue near the threshold");
                continue;
            }
            if (s.Count * voxel >= FaintMassMinMm3 && s.MaxHu < FaintMassMaxPeakHu)
            {
                faintMasses++;
                Trace(s, voxel, "large and nowhere as dense as calcium: enhancing tissue or a weakly opacified vessel");
                continue;
            }
            // The same where the scanned range cuts it: the section, not the volume, tells how wide the body is, and a
            // body 5 mm across and more has a core that partial volume does not reach. A venous-phase neck's carotids and
            // jugulars at 165-180 HU, cut by a head scan's lower edge after 1-8 slices (0.1-0.5 mL each, too small for a
            // faint mass, no blood pool to show the contrast), had been 0.5-1.5 mL of 'muscle' calcification per case (the
            // phantom family's seeds 1417, 1465, 1496).
            bool mirrored = mirroredStumps.TryGetValue(s.Id, out var twin);
            if (mirrored || s.MaxHu < FaintMassMaxPeakHu && ContrastFilledTube.IsRoundStump(s, voxel, g))
            {
                faintStumps.Add(s, voxel);
                Trace(s, voxel, mirrored ? "a round stump the scanned range cuts, mirrored across the body: a vessel's lumen"
                    : "a round stump the scanned range cuts, nowhere as dense as calcium: a weakly opacified vessel");
                // The twin holding a plaque: what rises over the contrast's peak in its even twin is calcium, judged as in
                // a tube (its own sections' peaks are the plaque's where it runs along the whole stump).
                if (mirrored && s.AboveTubePeak > 0)
                {
                    var stump = measurer.Voxels(s);
                    AddJoinedCalcium(s, stump, ContrastFilledTube.DenseParts(stump, hu, voxel, twin!.MaxHu + 1));
                }
                continue;
            }
            // With contrast, a structure in soft tissue that nowhere rises above the enhanced blood is enhancing tissue
            // (the thyroid, small vessels, mucosa) as likely as calcium, wherever the tissue map puts it; in fat, a faint
            // strand is still calcium (nothing enhances in fat but vessels, and those are tubes). A thin strand's own
            // blur makes the voxels beside it read as soft tissue, so a strand that lies wholly in the subcutaneous fat is
            // judged by that compartment, not by its rim (the phantom family's faint reticular networks of 170-330 HU);
            // a solid round section there is a vein's lumen (LIDC-IDRI 0003's refluxed external jugular, 266 mm3 at 212 HU),
            // and a speck a small vessel cut across as likely as calcium.
            if (pool.Enhanced && s.MaxHu < pool.MeanHu + pool.SdHu && s.SurroundFat < s.SurroundSoft
                && !(InSubcutaneousFat(s) && s.Count * voxel >= FaintStrandMinMm3 && !SolidSection(s, runs, g)))
            {
                enhancedSkipped++;
                Trace(s, voxel, "no denser than the enhanced blood, in soft tissue: enhancing tissue");
                continue;
            }
            // With contrast, deep structures no brighter than the lumen are enhancing vessels or organs; but a compact body
            // apart from every lumen whose peak passes the lumens' noise is a stone (IsolatedStone). No brighter on average
            // than the densest lumen, not all lumens together: the stumps of an arterial abdomen's iliac arteries, cut by
            // the range below the aorta's core at 320-330 HU, lay over the mean that the kidneys' 186 HU pulled down (the
            // phantom family's seeds 459 and 2279 at 4.6-4.8 mm: 1.0-1.4 mL of 'vascular calcification' each).
            if (pool.Enhanced && s.MaxHu < lumenThresholdHu && s.Inner > 0.5 * s.Count && s.SumHu / s.Count < Math.Max(pool.MeanHu + pool.SdHu, pool.DensestLumenHu)
                && !(parts[s.MidK(parts.Length)] == Anatomy.BodyPart.Pelvis && IsolatedStone(s, g, lumenThresholdHu)))
            {
                enhancedSkipped++;
                Trace(s, voxel, "deep and no denser than the lumen: enhancing vessel or organ");
                continue;
            }
            // With contrast, a deep structure whose mean is the enhanced blood's and whose voxels reach the lumen's calcium
            // threshold only in a sliver is a vessel holding a swirl of undiluted contrast, or a plaque on its wall, cut
            // from the blood pool by thick slices: only what rises clearly above the vessel's own contrast is calcium. What
            // lines the pool's lumen is judged as its wall below (a plaque of 972 HU on a vessel of the arterial chest CT).
            var voxels = measurer.Voxels(s);
            if (pool.Enhanced && s.MaxHu >= lumenThresholdHu && s.Inner > 0.5 * s.Count && s.SumHu / s.Count < pool.MeanHu + pool.SdHu
                && s.Count * voxel >= BloodLumpMinMm3 && !LumenContact.LinesLumen(s))
            {
                int dense = voxels.Count(i => hu.Data[i] >= lumenThresholdHu);
                if (dense <= BloodLumpMaxDenseShare * voxels.Length)
                {
                    enhancedSkipped++;
                    Trace(s, voxel, $"deep, of the enhanced blood's density but for a sliver ({(double)dense / voxels.Length:0.000} over the lumen's threshold): a vessel cut from the blood pool");
                    foreach (var piece in ContrastFilledTube.DenseParts(s, voxels, hu, voxel))
                        lesions.Add(AnatomyJudge.Name(measurer.Measure(piece, forceVascular: true), s.Structure));
                    continue;
                }
            }
            bool lining = pool.Enhanced && LumenContact.LinesLumen(s) || AnatomyJudge.InVessel(s.Structure) || s.VesselWall;
            short wallDenseHu = Math.Min(EnhancedTissueDetector.CortexHu, lumenThresholdHu);
            if (lining) voxels = LumenContact.WithoutLumen(voxels, hu, wallDenseHu);
            if (anatomy is not null) voxels = AnatomyJudge.WithoutSkeleton(voxels, anatomy);
            if (voxels.Length * voxel < 1.0) { Trace(s, voxel, "nothing left once the lumen is taken out"); continue; }
            // Taken out of the lumen, a wall's calcium may fall apart into the plaques that the lumen's edge had joined
            // (the enhanced pelvis phantom: two iliac plaques 38 mm apart, joined along the artery by its rim's partial
            // volume over 130 HU): each is a lesion of its own, where it rises to the level that the lumen's removal kept
            // (a piece of the rim alone is the lumen's edge).
            var pieces = lining
                ? VoxelPieces.Split([.. voxels], g.SizeX, g.SizeY).Where(p => p.Length * voxel >= 1.0 && p.Max(i => hu.Data[i]) >= wallDenseHu).ToList()
                : [voxels];
            foreach (var piece in pieces) JudgeLesion(s, piece, lining);
        }
        Lap("components");

        // One lesion of component s: named, or set aside as rib, bone cut by the range's end, or costal cartilage.
        void JudgeLesion(ComponentStats s, int[] voxels, bool lining)
        {
            var lesion = AnatomyJudge.Name(measurer.Measure(voxels, forceVascular: lining), s.Structure);
            int kMid = s.MidK(parts.Length);
            var part = parts[kMid];
            bool onlyInAnEndSlice = s.MinK == s.MaxK && (s.MinK == 0 || s.MaxK == g.SizeZ - 1);
            if (RibSegmentRule.IsRib(lesion, part) || RibSegmentRule.IsGrazedRib(lesion, part, onlyInAnEndSlice))
            {
                foreach (int i in voxels) labelMap[i] = Skeleton;
                ribSegments++;
                return;
            }
            if (onlyInAnEndSlice && lesion.Compartment is "muscle" or "fascial" && BesideSkeleton(s, runs, labelMap, g, EndSliceBoneReachMm))
            {
                foreach (int i in voxels) labelMap[i] = Skeleton;
                endSliceBones++;
                return;
            }
            if (CostalCartilageRule.IsCartilage(lesion, part, CostalCartilageRule.FrontToBack(g, slices[kMid], kMid, lesion.CentroidMm[1]),
                    BesideSkeleton(s, runs, labelMap, g, BoneClassifier.CartilageReachMm), s.OutsideShare))
            {
                foreach (int i in voxels) labelMap[i] = CostalCartilage;
                cartilage++;
                return;
            }
            Trace(s, voxel, $"lesion: {lesion.Compartment} {lesion.Pattern} {lesion.VolumeMm3:0} mm3");
            lesions.Add(lesion);
        }
        // What was carved from the bones is measured like any lesion, less what an anatomy source calls skeleton.
        // Nodules are measured as carved from a bone's surface (a stone of them in the pelvis is a phlebolith), masses as lying
        // at its joint; those not kept stay bone. Returns those not kept.
        List<int[]> AddCarved(IEnumerable<int[]> pieces, bool vesselWall, bool nodules = false, bool stonesOnly = false, bool masses = false)
        {
            var left = new List<int[]>();
            foreach (var piece in pieces)
            {
                var kept = anatomy is null ? piece : AnatomyJudge.WithoutSkeleton(piece, anatomy);
                if (kept.Length * voxel < 1.0) continue;
                var lesion = measurer.Measure(kept, forceVascular: vesselWall, onPelvicBone: nodules, massOnBone: masses);
                if (stonesOnly && lesion.Pattern != "phlebolith") { left.Add(piece); continue; }
                lesions.Add(lesion);
            }
            return left;
        }
        AddCarved(carving.Walls, vesselWall: true);
        if (carving.Walls.Count > 0)
            notes.Add($"{carving.Walls.Count} arc(s) of calcium round a vessel's lumen, joined to a bone at the calcium threshold, were carved from the bone as vessel wall");
        AddCarved(carving.Deposits, vesselWall: false);
        if (carving.Deposits.Count > 0)
            notes.Add($"{carving.Deposits.Count} deposit(s) of calcium in the subcutaneous fat, joined to a bone at the calcium threshold, were carved from the bone");
        AddCarved(carving.Masses, vesselWall: false, masses: true);
        if (carving.Masses.Count > 0)
            notes.Add($"{carving.Masses.Count} solid mass(es) of calcium against a bone, with no bone in their mirror image across the midline, were carved from the bone");
        var leftWithBone = AddCarved(carving.Nodules, vesselWall: false, nodules: true, stonesOnly: pelvicStonesOnly);
        if (leftWithBone.Count > 0) carving = carving with { Nodules = [.. carving.Nodules.Except(leftWithBone)] };
        if (carving.Nodules.Count > 0)
            notes.Add($"{carving.Nodules.Count} round nodule(s) of calcium standing on a bone's surface, joined to it only through blood or soft tissue, were carved from the bone");
        // A stone a blur apart from a pelvic bone looks bone-like to the first look (as dense as trabecular bone once its
        // rim is averaged with its lucent centre, and too small to show a marrow of its own) and was attached to the
        // skeleton; in the pelvis it is the phlebolith that lies on the side wall (LesionMeasurer's stone on a pelvic
        // bone), and it is given back as one if it measures as one. The phantom family's seed 74 (a pelvis at 0.96 mm)
        // had its ringed stone, 176 mm3 at a mean of 320 HU, taken as bone 3.8 mm above the pelvic bone's top.
        var pelvicPieces = boneLike.Where(s => parts[s.MidK(parts.Length)] == Anatomy.BodyPart.Pelvis && s.Count * voxel <= PatternClassifier.StoneMaxMm3)
            .Select(s => measurer.Voxels(s)).ToList();
        var stones = pelvicPieces.Except(AddCarved(pelvicPieces, vesselWall: false, nodules: true, stonesOnly: true)).ToList();
        if (stones.Count > 0)
        {
            carving = carving with { Nodules = [.. carving.Nodules, .. stones] };
            notes.Add($"{stones.Count} round stone(s) a blur apart from a pelvic bone, taken as bone-like at first, were measured as phleboliths");
        }
        if (vesselTubes.Count > 0)
            notes.Add($"{vesselTubes.Count} long tube(s) of contrast density ({vesselTubes.VolumeMm3 / 1000:0.0} mL at {vesselTubes.SumHu / vesselTubes.Voxels:0} HU), too small for the blood-pool detector, were taken as contrast-filled vessels, not calcium");
        if (lumensInBone is { } inBone)
        {
            // Lumens joined to a bone at the threshold count with the tubes apart from it.
            if (inBone.Voxels > 0)
                notes.Add($"contrast-filled lumen(s) of {inBone.VolumeMm3 / 1000:0.0} mL at {inBone.SumHu / inBone.Voxels:0} HU run against a bone, joined to it by the blur between them");
            double tubes = vesselTubes.VolumeMm3 + inBone.VolumeMm3;
            // The pool's long vessel cores, which the tubes apart from it do not hold, count where the tubes fall short.
            double cores = tubes >= ContrastFilledTube.MinEnhancedMm3 ? 0 : pool.LongVesselMm3;
            if (tubes + cores >= ContrastFilledTube.MinEnhancedMm3)
                contrast = contrast with
                {
                    Enhanced = true,
                    BloodPoolMeanHu = Math.Round((vesselTubes.SumHu + inBone.SumHu + pool.LongVesselMeanHu * cores / voxel) / (vesselTubes.Voxels + inBone.Voxels + cores / voxel), 1),
                    BloodPoolVolumeMm3 = Math.Round(tubes + cores),
                };
        }
        // Two such stumps or more show the contrast where nothing else did: unenhanced blood is never at calcium density,
        // and a carotid and a jugular, or the pair of either, leave two stumps at least where the range cuts the neck.
        // In the phantom family's ranges 1-1520 such stumps were met in venous-phase necks only (seven of 87; none in any
        // unenhanced case of any region).
        if (!contrast.Enhanced && faintStumps.Count >= ContrastFilledTube.MinStumpsForContrast)
            contrast = contrast with { Enhanced = true, BloodPoolMeanHu = Math.Round(faintStumps.SumHu / faintStumps.Voxels, 1), BloodPoolVolumeMm3 = Math.Round(faintStumps.VolumeMm3) };
        if (cartilage > 0) notes.Add($"{cartilage} calcified costal cartilage(s) of the costal margin (anterior, beside a rib, below the lungs) were taken as cartilage, not calcinosis");
        if (ribSegments > 0) notes.Add($"{ribSegments} separate piece(s) of rib (solid tubes of rib calibre at bone density in the chest or upper-abdominal wall) were taken as skeleton");
        if (endSliceBones > 0) notes.Add($"{endSliceBones} deep piece(s) seen on the first or last slice only, beside the skeleton, were taken as bone the scanned range cuts off");
        if (trabecularSkipped > 0) notes.Add($"{trabecularSkipped} small faint speck(s) deep beside the skeleton were taken as pieces of trabecular bone split from it, not calcium");
        if (boneEdgeSkipped > 0) notes.Add($"{boneEdgeSkipped} faint speck(s) at the edge of bone were taken as its partial volume, not calcium");
        if (externalSkipped > 0) notes.Add($"{externalSkipped} thick shell(s) of plastic density at the body surface (head holder, table) were taken as outside the patient");
        if (oralSkipped > 0) notes.Add($"{oralSkipped} dense structure(s) in the contrast-filled bowel were taken as enteric content, not calcification");
        if (contrastSkipped > 0) notes.Add($"{contrastSkipped} dense structure(s) in the contrast-filled lumen were taken as undiluted or swirling contrast, not calcified wall");
        if (faintMasses > 0) notes.Add($"{faintMasses} structure(s) of {FaintMassMinMm3:0} mm3 or more nowhere reaching {FaintMassMaxPeakHu} HU were taken as enhancing tissue or weakly opacified vessels, not calcium");
        if (faintStumps.Count > 0) notes.Add($"{faintStumps.Count} round stump(s) cut by the scanned range and nowhere reaching {FaintMassMaxPeakHu} HU ({faintStumps.VolumeMm3 / 1000:0.0} mL at {faintStumps.SumHu / faintStumps.Voxels:0} HU) were taken as weakly opacified vessels, not calcium");
        if (enhancedSkipped > 0) notes.Add($"{enhancedSkipped} deep structure(s) no denser than the contrast-filled lumen were taken as enhancing vessels or organs, not calcium");
        Lap("carved");
        (lesions, int wallPieces) = SameVesselWall.Join(lesions, measurer, g, new SameVesselWallOptions());
        if (wallPieces > 0) notes.Add($"{wallPieces} piece(s) of calcium lying on the wall of a vessel whose calcified wall was found beside them were taken as more of that wall");
        Lap("same_vessel_wall");
        lesions = PatternClassifier.ApplyClusterRules(lesions);
        // Label the map while ids are still the measurer's, then number by size.
        LabelLesions(labelMap, lesions, measurer);
        double completedMm3 = completedFirst.VolumeAddedMm3 + SkeletonCompletion.Complete(labelMap, hu, tissue, completion).VolumeAddedMm3;
        if (completedMm3 >= 1000)
            notes.Add($"the skeleton was completed into {completedMm3 / 1000:0.0} mL of bone at its edges and in its marrow that had been set aside as neither bone nor lesion");
        Lap("labels_and_completion");
        lesions = lesions.OrderByDescending(l => l.VolumeMm3).Select((l, i) => l with { Id = i + 1 }).ToList();
        progress?.Report(0.9);
        double boneVolume = (stats.Where(s => s.IsBone).Sum(s => s.Count) - carving.VoxelCount) * voxel;
        var summary = Summarise(lesions, boneVolume);
        Lap("summary");
        return new DetectionResult(lesions, summary, contrast, notes, labelMap, BodyPartClassifier.Ranges(parts, landmarks, g.Spacing.Z), anatomy?.Source ?? "built-in");
    }

    /// <param name="marrowInPool">Per cell of the tissue map: marrow marked lumen that is nothing to lie against (<see cref="BloodPoolDetector.Result.MarrowInPool"/>).</param>
    private static List<ComponentStats> Gather(Volume<short> hu, TissueMap tissue, RunSet runs, bool enhanced, bool[] marrowInPool)
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
        byte LumenCode(int x, int y, int z)
        {
            byte c = tissue.Code(x, y, z);
            return marrowInPool[tissue.Cell(x, y, z)] ? (byte)(c & ~TissueClass.Lumen) : c;
        }
        bool MarrowAt(int x, int y, int z) => x >= 0 && y >= 0 && x < nx && y < ny && marrowInPool[tissue.Cell(x, y, z)];
        void Surround(ComponentStats s, int x, int y, int z)
        {
            if (x < 0 || y < 0 || x >= nx || y >= ny) return;
            int i = z * len + y * nx + x;
            byte code = LumenCode(x, y, z);
            if ((code & TissueClass.BloodPool) != 0) s.BloodPoolContact++;
            if ((code & TissueClass.PoolWall) != 0) s.PoolWallContact++;
            s.Probes++;
            if ((code & TissueClass.Lumen) != 0) s.ProbesInLumen++;
            if ((code & TissueClass.Air) != 0 && !tissue.Slices[z].AtLungLevel) s.ProbesInBowelGas++;
            if (code == 0 || data[i] >= ThresholdHu) return;
            if (data[i] < TissueMapper.FatMinHu) return; // air (lung, bowel gas) says nothing about the tissue
            if (data[i] < TissueMapper.FatMaxHu) s.SurroundFat++; else s.SurroundSoft++;
        }
        // Only mid-sized components are judged by cortex and marrow: only they need the surface/interior split.
        var voxelCount = new long[runs.ComponentCount + 1];
        for (int r = 0; r < runs.Count; r++) voxelCount[runs.Component[r]] += runs.X1[r] - runs.X0[r] + 1;
        double voxel = g.VoxelVolumeMm3;
        int front = GasFluidLevel.UpRowStep(g);
        void FrontFace(ComponentStats s, int x, int y, int z)
        {
            if (front == 0 || tissue.Slices[z].AtLungLevel || InMask(x, y + front, z)) return;
            s.FrontFace++;
            for (int d = 1; d <= LevelReachVoxels; d++)
            {
                int yy = y + d * front;
                if (yy < 0 || yy >= ny) return;
                if ((tissue.Code(x, yy, z) & TissueClass.Air) != 0) { s.FrontFaceUnderGas++; return; }
            }
        }
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
            // Bone is judged by cortex and marrow from mid-size up (a large one lying in fat needs it too); with contrast,
            // any structure may be undiluted contrast, told from bone and plaque by being densest inside.
            bool surface = enhanced ? v3 >= 100 : v3 >= BoneInteriorMinMm3;
            for (int x = x0; x <= x1; x++)
            {
                int i = z * len + y * nx + x;
                int v = data[i];
                byte code = tissue.Code(x, y, z);
                FrontFace(s, x, y, z);
                s.Count++;
                s.SumHu += v;
                if (v > s.MaxHu) s.MaxHu = v;
                if (v >= DenseCortexHu) s.Dense++;
                if (v >= ContrastFilledTube.TubeMaxPeakHu) s.AboveTubePeak++;
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
                if (MarrowAt(x, y, z) || MarrowAt(x - tissue.Factor, y, z) || MarrowAt(x + tissue.Factor, y, z) || MarrowAt(x, y - tissue.Factor, z) || MarrowAt(x, y + tissue.Factor, z)) s.AlongMarrow++;
                byte lumen = LumenCode(x, y, z);
                if ((lumen & TissueClass.BloodPool) != 0) s.BloodPoolContact++;
                if ((lumen & TissueClass.PoolWall) != 0) s.PoolWallContact++;
            }
            Surround(s, x0 - 2, y, z); Surround(s, x1 + 2, y, z);
            int xm = (x0 + x1) / 2;
            Surround(s, xm, y - 2, z); Surround(s, xm, y + 2, z);
        }
        return stats.Skip(1).ToList();
    }

    /// <summary>
    /// Dense content of the stomach or bowel (positive oral contrast, a food bolus, an enterolith) told by the gas beside
    /// it: it lies deep, and a share of its surroundings is bowel gas, where calcium in the wall or the fat around the
    /// bowel rarely touches the gas. Soft-tissue calcinosis never lies against bowel gas.
    /// </summary>
    internal static bool EntericContent(ComponentStats s, double voxel) =>
        s.Inner >= 0.5 * s.Count && s.Count * voxel >= EntericMinMm3
        && (s.ProbesInBowelGas >= Math.Max(EntericMinGasProbes, EntericGasShare * s.Probes)
            || s.FrontFaceUnderGas >= EntericMinLevelVoxels && s.FrontFaceUnderGas >= EntericMinLevelShare * s.FrontFace);

    /// <summary>
    /// A loop of bowel holding positive oral contrast: most of the component in the oral-contrast mask and lying against
    /// bowel gas as enteric content does. Never bone, however large or wherever the range cuts it.
    /// </summary>
    internal static bool LoopOfOralContrast(ComponentStats s, double voxel) =>
        s.OralContrastShare >= AnatomyJudge.MajorityShare && EntericContent(s, voxel);
    /// <summary>
    /// Content lying in a small loop whose gas the probes round it miss (the phantom family's seed 490: 244 mm3 at 260 HU
    /// under a gas pocket 5 mm wide, 1 of 64 probes in gas): most of its front face lies under bowel gas, a gas-fluid
    /// level, which calcium in a wall, in fat or in muscle never shows.
    /// </summary>
    public const double EntericMinLevelShare = 0.5;
    public const int EntericMinLevelVoxels = 10;
    /// <summary>Gas within this many voxels in front of the face: the interface's partial volume leaves a voxel or two that is neither.</summary>
    public const int LevelReachVoxels = 3;
    /// <summary>
    /// A gas-fluid level touches the content along one face only: a flat top row of a 15-row section is 1-2 % of the
    /// probes round it (the oral-contrast bowel loops of the phantom family).
    /// </summary>
    public const double EntericGasShare = 0.01;
    public const int EntericMinGasProbes = 3;
    public const double EntericMinMm3 = 100;

    /// <summary>Share of a component's voxels whose cell of the tissue map's grid is set in <paramref name="cells"/>.</summary>
    private static double InMask(ComponentStats s, RunSet runs, TissueMap tissue, byte[] cells)
    {
        long inside = 0;
        foreach (var r in s.Runs)
            for (int x = runs.X0[r]; x <= runs.X1[r]; x++)
                if (cells[tissue.Cell(runs.Z[r] * runs.SizeX * runs.SizeY + runs.Y[r] * runs.SizeX + x)] != 0) inside++;
        return (double)inside / Math.Max(1, s.Count);
    }

    /// <summary>
    /// Head holders and table parts resting on padding join the body mask and are drawn as skin. They are shells of
    /// plastic or carbon fibre, thick enough for their inside to be free of partial volume and yet under 450 HU there;
    /// calcium laid down in plates that thick is far denser. Where the body mask takes such a plate in on one slice only
    /// (the phantom family's table, 300 HU, on the slice where the trunk narrows to the neck: 2.2-2.8 mL each, 41-51 % of
    /// it drawn as skin), nothing of it is interior across slices: a plate that large in one slice, nowhere reaching
    /// 450 HU, is the same plastic.
    /// </summary>
    internal static bool External(ComponentStats s, double voxel) =>
        s.Skin >= ExternalMinSkinShare * s.Count && s.Count * voxel >= ExternalMinMm3
        && (s.Interior >= 0.3 * s.Count && s.InteriorHu / s.Interior < ExternalMaxInteriorHu || s.MinK == s.MaxK && s.MaxHu < ExternalMaxInteriorHu);
    public const double ExternalMinMm3 = 1000, ExternalMinSkinShare = 0.4;
    public const short ExternalMaxInteriorHu = 450;

    /// <summary>
    /// Faint specks just off a bone: the bone's partial volume where it runs obliquely through thick slices, or the
    /// ghost linear interpolation leaves between slices far apart. Calcium this faint and this close to bone cannot be
    /// told from them.
    /// </summary>
    public const short BoneEdgeMaxHu = 350;
    public const double BoneEdgeMm3 = 200;

    public const double BoneEdgeMm = 3;

    /// <summary>
    /// A piece of osteopenic trabecular bone split from its vertebra at the calcium threshold: small (under the
    /// bone-like pieces' <see cref="BoneClassifier.BoneLikeMinMm3"/>), as faint as trabecular bone throughout, deep to
    /// the subcutaneous fat, and within the skeleton completion's reach of the drawn skeleton. On the upper-abdomen
    /// series in ../shared/data four specks by T11-T12's processes (9-17 mm3, mean 251-285 HU, 1-5.3 mm from the
    /// skeleton) were soft-tissue lesions. Calcium deposits of this size are denser on average, so they stay lesions.
    /// </summary>
    private static bool TrabecularSpeck(ComponentStats s, double voxel) =>
        s.Count * voxel < BoneClassifier.BoneLikeMinMm3 && s.SumHu / s.Count <= TrabecularSpeckMaxMeanHu && s.MaxHu < BoneClassifier.BoneLikeMinPeakHu
        && s.Deep;

    public const short TrabecularSpeckMaxMeanHu = 300;
    public const double TrabecularSpeckReachMm = SkeletonCompletionOptions.DefaultReachMm;

    /// <summary>
    /// A piece of bone the scanned range cuts to its first or last slice, split from the rest of its bone at the
    /// threshold: the phantom family's seed 482, a vertebral arch on the last 2 mm slice of a pelvis, 214 mm3 of 'muscle'
    /// 3-5 mm behind its vertebral body. A deep structure seen on an end slice only, within the skeleton completion's
    /// reach of the skeleton, is called skeleton: what the range cuts off cannot be told from the bone beside it.
    /// </summary>
    public const double EndSliceBoneReachMm = SkeletonCompletionOptions.DefaultReachMm;

    private static bool BesideSkeleton(ComponentStats s, RunSet runs, byte[] labelMap, VolumeGeometry g, double reachMm)
    {
        int nx = runs.SizeX, ny = runs.SizeY, nz = runs.SizeZ, len = nx * ny;
        int reach = Math.Max(1, (int)Math.Round(reachMm / Math.Min(g.Spacing.X, g.Spacing.Y)));
        int reachZ = Math.Max(1, (int)Math.Round(reachMm / g.Spacing.Z));
        double r2 = reachMm * reachMm;
        // Every voxel looked at lies in the component's bounding box grown by the reach: the skeleton's voxels there are
        // listed first, row by row with vectorised searches (none, for most components far from bone), then each
        // sampled point asks only the rows its ball crosses.
        if (s.Runs.Count == 0) return false;
        int x0 = Math.Max(0, s.MinI - reach), x1 = Math.Min(nx - 1, s.MaxI + reach);
        int y0 = Math.Max(0, s.MinJ - reach), y1 = Math.Min(ny - 1, s.MaxJ + reach);
        int z0 = Math.Max(0, s.MinK - reachZ), z1 = Math.Min(nz - 1, s.MaxK + reachZ);
        int boxRows = y1 - y0 + 1;
        var rowStart = new int[(z1 - z0 + 1) * boxRows + 1];
        var xs = new List<int>();
        for (int z = z0; z <= z1; z++)
            for (int y = y0; y <= y1; y++)
            {
                rowStart[(z - z0) * boxRows + (y - y0)] = xs.Count;
                var row = labelMap.AsSpan(z * len + y * nx + x0, x1 - x0 + 1);
                for (int at = row.IndexOf(Skeleton); at >= 0; )
                {
                    xs.Add(x0 + at);
                    int next = row[(at + 1)..].IndexOf(Skeleton);
                    at = next < 0 ? -1 : at + 1 + next;
                }
            }
        rowStart[^1] = xs.Count;
        if (xs.Count == 0) return false;
        // The ball's half-width along x for each step across slices and rows (negative: outside the ball).
        var halfWidth = new int[2 * reachZ + 1, 2 * reach + 1];
        for (int dz = -reachZ; dz <= reachZ; dz++)
        {
            double ddz = dz * g.Spacing.Z;
            for (int dy = -reach; dy <= reach; dy++)
            {
                double ddy = dy * g.Spacing.Y, rest = r2 - ddz * ddz - ddy * ddy;
                halfWidth[dz + reachZ, dy + reach] = rest < 0 ? -1 : Math.Min(reach, (int)(Math.Sqrt(rest) / g.Spacing.X));
            }
        }
        // Within the distance in any direction, obliquely too, from the ends and the middle of every run.
        bool Near(int x, int y, int z)
        {
            for (int dz = -reachZ; dz <= reachZ; dz++)
            {
                int zz = z + dz;
                if (zz < z0 || zz > z1) continue;
                for (int dy = -reach; dy <= reach; dy++)
                {
                    int yy = y + dy, rx = halfWidth[dz + reachZ, dy + reach];
                    if (yy < y0 || yy > y1 || rx < 0) continue;
                    int k = (zz - z0) * boxRows + (yy - y0), from = rowStart[k], to = rowStart[k + 1];
                    if (from == to) continue;
                    int lo = Math.Max(0, x - rx), hi = Math.Min(nx - 1, x + rx);
                    int at = xs.BinarySearch(from, to - from, lo, null);
                    if (at < 0) at = ~at;
                    if (at < to && xs[at] <= hi) return true;
                }
            }
            return false;
        }
        foreach (var r in s.Runs)
        {
            int rx0 = runs.X0[r], rx1 = runs.X1[r], y = runs.Y[r], z = runs.Z[r];
            if (Near(rx0, y, z) || Near(rx1, y, z) || Near((rx0 + rx1) / 2, y, z)) return true;
        }
        return false;
    }

    /// <summary>
    /// Share of a component's voxels in the subcutaneous fat (not skin) from which it is judged by that compartment: nine
    /// in ten, the complement of <see cref="BoneClassifier.DeepMaxOutsideShare"/>.
    /// </summary>
    public const double SubcutaneousMinShare = 1 - BoneClassifier.DeepMaxOutsideShare;

    private static bool InSubcutaneousFat(ComponentStats s) => s.Subcutaneous >= SubcutaneousMinShare * s.Count;

    /// <summary>
    /// Volume (mm3) from which a faint piece in the subcutaneous fat is judged as a strand of calcium: LIDC-IDRI 0001's
    /// small arterial-phase vessels cut across there are 5-14 mm3 at 180 HU; the phantom family's faint reticular pieces
    /// 15-61 mm3.
    /// </summary>
    public const double FaintStrandMinMm3 = 20;

    /// <summary>
    /// Share of its bounding square that a solid section fills: a round lumen fills pi/4 (0.79) of it, a strand of calcium
    /// a few voxels wide along its length a small part.
    /// </summary>
    public const double SolidSectionMinFill = 0.5;

    /// <summary>
    /// Width (mm) from which a solid section in the fat is a vein's lumen: LIDC-IDRI 0003's refluxed external jugular is
    /// 12 mm across; the phantom family's faint strands cut across by the slice are 5 mm at most.
    /// </summary>
    public const double SolidSectionMinAcrossMm = 8;

    private static bool SolidSection(ComponentStats s, RunSet runs, VolumeGeometry g)
    {
        var (across, area, _) = ContrastFilledTube.MedianSection(s, runs, g);
        return across >= SolidSectionMinAcrossMm && area >= SolidSectionMinFill * across * across;
    }

    /// <summary>
    /// A body no larger than a stone (<see cref="PatternClassifier.StoneMaxMm3"/>, at most <see cref="PatternClassifier.StoneMaxLengthMm"/>
    /// along each axis), touching no lumen, whose peak passes the lumens' noise (their threshold less
    /// <see cref="BloodPoolDetector.LumenMarginHu"/>, the margin kept for swirls of undiluted contrast, which lie in a
    /// lumen): calcium, not a vessel or an organ, which enhance no more than the lumens. A phlebolith of 5 mm averaged into
    /// a slice of 3-4 mm in the unenhanced vein of an arterial phase peaks under the arterial lumen's threshold (the phantom
    /// family's seeds 482 and 924: 448-451 HU under 463-472 HU). Asked in the pelvis only, where the veins' stones lie:
    /// elsewhere such a body is as often a small artery the pool did not reach with a speck of plaque on its wall (LIDC-IDRI
    /// 0001's coeliac branch, 47 mm3 of 259 HU mean round a 776 HU speck, became 'muscle' calcification).
    /// </summary>
    private static bool IsolatedStone(ComponentStats s, VolumeGeometry g, short lumenThresholdHu) =>
        s.BloodPoolContact == 0 && s.Count * g.VoxelVolumeMm3 <= PatternClassifier.StoneMaxMm3 && s.MaxHu >= lumenThresholdHu - BloodPoolDetector.LumenMarginHu
        && s.ExtentMm(g) is var (x, y, z) && Math.Max(x, Math.Max(y, z)) <= PatternClassifier.StoneMaxLengthMm;

    /// <summary>With CALCISCOPE_DEBUG=1, one line per judged component on stderr (positions only, never patient data).</summary>
    internal static void Trace(ComponentStats s, double voxel, string verdict)
    {
        if (!DebugTrace.Enabled) return;
        double edge = s.SurfaceHu / Math.Max(1, s.Count - s.Interior), inner = s.InteriorHu / Math.Max(1, s.Interior);
        Console.Error.WriteLine($"component {s.Id} at ({(s.MinI + s.MaxI) / 2},{(s.MinJ + s.MaxJ) / 2},{(s.MinK + s.MaxK) / 2}) k {s.MinK}-{s.MaxK}: " +
            $"{s.Count * voxel:0} mm3 max {s.MaxHu} mean {s.SumHu / s.Count:0} dense {(double)s.Dense / s.Count:0.00} pool {(double)s.BloodPoolContact / s.Count:0.00} " +
            $"wall {(double)s.PoolWallContact / s.Count:0.00} interior {(double)s.Interior / s.Count:0.00} in/edge {inner:0}/{edge:0} skin {(double)s.Skin / s.Count:0.00} inner {(double)s.Inner / s.Count:0.00} gas probes {s.ProbesInBowelGas}/{s.Probes} front under gas {s.FrontFaceUnderGas}/{s.FrontFace}: {verdict}");
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
        // Vascular calcification and what lies inside the skull (choroid plexus, pineal, dura) are not soft-tissue
        // calcinosis: they are reported beside it, never counted in it.
        static bool Intracranial(Lesion l) => l.Region == "intracranial";
        var soft = lesions.Where(l => SoftTissueCompartments.Contains(l.Compartment) && !Intracranial(l)).ToList();
        var byComp = new Dictionary<string, double>();
        foreach (var c in LabelNames[1..Skeleton]) byComp[c] = 0; // the compartments, not the anatomy labels
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
            IntracranialVolumeMm3 = Math.Round(lesions.Where(l => l.Compartment != "vascular" && Intracranial(l)).Sum(l => l.VolumeMm3), 1),
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
