using CalciScope.Imaging;

namespace CalciScope.Segmentation;

/// <summary>
/// Finds iodine-filled blood pool (heart chambers, aorta, large veins; the iliac and femoral vessels of a pelvis) in a
/// contrast-enhanced CT: regions of 150 to 700 HU that survive a 3 mm erosion, large or long tubes of vessel calibre,
/// and not rimmed by cortex (marrow is, blood is not). It works on the tissue map's coarse grid, and looks for cortex on
/// each cell's densest voxel (<see cref="TissueMap.CoarsePeak"/>), where a cortex one voxel thin is not averaged away.
/// Marks them, and the lumen out to the wall, in the tissue map so that only what rises clearly above the enhanced
/// lumen counts as calcium there.
/// </summary>
public static class BloodPoolDetector
{
    /// <summary>Cores traced under CALCISCOPE_DEBUG=1: a millilitre and more.</summary>
    private const double DebugMinMm3 = 1000;
    public const short LowHu = 150, HighHu = 700;
    /// <summary>
    /// Where no blood pool reaches <see cref="LowHu"/>, a late portal-venous or delayed phase may still fill the aorta at
    /// 130-180 HU (the upper-abdomen series in ../shared/data: aorta 153 HU, portal vein 140 HU, liver 93 HU). Unenhanced
    /// blood is 35-55 HU and reaches about 70 HU only with a very high haematocrit, so a second pass from 110 HU
    /// still leaves unenhanced studies unenhanced.
    /// </summary>
    public const short WeakLowHu = 110;
    /// <summary>At that level the aorta's lumen and an osteopenic vertebra's marrow touch through partial volume; a deeper erosion parts them (an aorta of 20 mm and more keeps a core of 10 mm).</summary>
    public const double WeakErodeMm = 5;
    /// <summary>The second pass looks for weakly enhanced blood only: a core denser than this would have been found by the first.</summary>
    public const short WeakMaxMeanHu = 200;
    public const double MinVolumeMm3 = 20_000;
    public const double MinVesselMm3 = 1_000, MinVesselLengthMm = 40, MaxVesselAreaMm2 = 700;
    /// <summary>
    /// A vessel the scanned range cuts shows only the part inside it: from this length where it reaches the first or the
    /// last slice (the phantom family's seed 76, a venous pelvis: its iliac veins enter 24-29 mm above the range's lower
    /// edge, 1.4-2.9 mL each, HU spread 12-15, enclosed on 0-24 % of their rays), if as even as a lumen
    /// (<see cref="MaxCutVesselSdHu"/>) and walled by soft tissue (<see cref="MaxCutVesselEnclosedShare"/>).
    /// </summary>
    public const double MinCutVesselLengthMm = 20;
    /// <summary>
    /// A short piece cut by the range is a lumen only if its HU spread is a lumen's: the vessels the range cuts on the
    /// real CTs in ../shared/data spread 29-30 HU, while the vertebral bodies it cuts on LIDC-IDRI 0001 (5.6 and 8.6 mL
    /// over 30 mm, 95-103 HU: trabecular bone) would otherwise pass.
    /// </summary>
    public const double MaxCutVesselSdHu = 50;
    /// <summary>
    /// And only if under this share of its rays meet something clearly denser: the vessels the range cuts on the real CTs
    /// in ../shared/data meet it on none, the phantom family's cut iliac veins on up to 24 %; the red marrow of a pelvis's
    /// lowest slices, cut with it (seed 65 at 4.6 mm: 10.5 and 11.5 mL over 28 mm, as even as blood at 184 HU), on 51 %.
    /// </summary>
    public const double MaxCutVesselEnclosedShare = 0.35;
    /// <summary>Enough lumen, in chambers or tubes, to call the study enhanced.</summary>
    public const double MinEnhancedMm3 = 5_000;
    public const double ErodeMm = 3;
    public const short CortexHu = 800;
    public const double CortexClearMm = 4;
    public const short RingCortexHu = 600;
    /// <summary>
    /// Blood never lies against gas below the lungs; positive oral contrast does (gas-fluid levels, bubbles). A core
    /// with more of its probes in enclosed gas than this is bowel content (the stomach of LIDC-IDRI 0003 had been taken
    /// for blood pool, as had the contrast-filled bowel of the phantom family).
    /// </summary>
    public const double BowelGasShare = 0.05;
    /// <summary>Steps of one cell grown through the lumen towards the wall after the cores are grown back.</summary>
    public const int WallGrowSteps = 4;
    /// <summary>
    /// What encloses marrow: 200 HU denser than the core and at least 400 HU. The osteopenic cortex of T11-T12 on the
    /// upper-abdomen series in ../shared/data is 400-575 HU round 150-300 HU marrow; the phantom family's cortex is
    /// 700-1400 HU; blood of 300-480 HU is bounded by wall and fat, with plaque or bone on one side at most.
    /// </summary>
    public const short EnclosureMinHu = 400, EnclosureAboveCoreHu = 200;
    /// <summary>
    /// Rays reach this far past the core's tissue (the clearance kept from cortex and 5 mm more): the tip of a flat bone
    /// (an iliac wing) lies obliquely to the rays, up to 5 mm further than its cortex is from the core.
    /// </summary>
    public const double EnclosureBeyondClearanceMm = CortexClearMm + 5;
    /// <summary>
    /// Voxels down to this far under the range's low end are holes of noise in the core's own tissue, walked through
    /// before the rays' reach is counted: uniform red marrow at 170 HU with 11 HU of noise, eroded from 150 HU, is riddled
    /// with holes of 130-150 HU, and the rays from their edges, deep in the marrow of a vertebra 58 mm across, fell short of
    /// its cortex (the phantom family's unenhanced pelvis 1891: its vertebral marrow enclosed on 45 % of its rays, called a
    /// blood pool of 12 mL). 40 HU is over three spreads of such noise and under the step from a lumen to its wall.
    /// </summary>
    public const short CoreHoleMarginHu = 40;

    /// <summary>
    /// Marrow, not blood: enclosed by something clearly denser than itself on half its sides or more (a cortex, however
    /// thin or osteopenic), or as mottled as trabecular bone and enclosed on some sides. On the real CTs in
    /// ../shared/data blood cores are enclosed on at most 11 % of their rays and their HU spread is 14-91 (a heart
    /// merged with the great vessels); vertebral marrow is enclosed on 12-46 % with a spread of 92-134. The phantom
    /// family's sclerotic marrow is uniform but enclosed on 63-100 %. In the chest the mottling says nothing: undiluted
    /// contrast streaming in from the injected arm mixes unevenly in the veins beside the ribs, clavicles and scapulae.
    /// Or rimmed (<see cref="RimAboveCoreHu"/>) on nearly every ray: a faint cortex met before the ray leaves the range.
    /// Or a plate between two cortices (<see cref="SandwichedMarrowShare"/>), or nearly so and rimmed on most rays
    /// (<see cref="RimmedPlateSandwichedShare"/>). Or, below the chest, a faint cortex met by
    /// most rays (<see cref="FaintCortexExcessHu"/>).
    /// </summary>
    private static bool Marrow(CoreEvidence e) =>
        e.RimExcessHu >= (e.Chest ? ChestFaintCortexExcessHu : FaintCortexExcessHu) && e.RimExcessHu < EnclosureAboveCoreHu
        || e.SandwichedShare >= SandwichedMarrowShare || e.SandwichedShare >= RimmedPlateSandwichedShare && e.RimmedShare >= RimmedPlateRimmedShare
        || e.EnclosedShare >= MarrowEnclosedShare || !e.Chest && e.SdHu >= TrabecularSdHu && e.EnclosedShare >= TrabecularEnclosedShare
        || e.Rimmed >= RimmedMarrowShare * e.Rays || (e.Chest ? e.RimmedSlices : e.MostlyRimmedSlices) >= RimmedSliceShare * e.Slices;

    /// <summary>
    /// What the rays and the HU spread of one core say (<see cref="Marrow"/>): its rays, those meeting something clearly
    /// denser, those rimmed; its slices in all and rimmed; the share of its runs that meet something clearly denser on
    /// both sides along one axis of the slice (the more so of the two axes).
    /// </summary>
    private readonly record struct CoreEvidence(long Rays, long Enclosed, long Rimmed, double SdHu, bool Chest, long Slices, long RimmedSlices, long MostlyRimmedSlices,
        double SandwichedShare, double RimExcessHu)
    {
        public double EnclosedShare => (double)Enclosed / Math.Max(1, Rays);
        public double RimmedShare => (double)Rimmed / Math.Max(1, Rays);
    }

    public const double MarrowEnclosedShare = 0.55, TrabecularEnclosedShare = 0.1;
    /// <summary>
    /// Marrow of a flat bone: a plate of marrow between two cortices, met on both sides along the plate's thickness by
    /// nearly every run, however far its ends lie along the plate (an iliac wing's cortices above and below every run,
    /// its tips beyond the rays' reach: enclosed on only half of all rays). The phantom family's red-marrow iliac wings of
    /// unenhanced pelves (seeds 395 and 512: 9.5 and 16.7 mL each, long and narrow enough to pass as iliac vessels, and
    /// together called a blood pool) are met so by 100 % of their runs; the blood-pool cores of the real CTs in
    /// ../shared/data, and their other cores of a millilitre and more, by at most 28 %.
    /// </summary>
    public const double SandwichedMarrowShare = 0.8;
    /// <summary>
    /// Or a plate met on both sides by most of its runs (<see cref="RimmedPlateSandwichedShare"/>) and rimmed on most of its
    /// rays (<see cref="RimmedPlateRimmedShare"/>), each short of its own bar: the phantom family's sclerotic sternum of an
    /// unenhanced chest at 1.9 mm (seed 1759: 29 mL at 405 HU, sandwiched 0.74, rimmed 0.75) had been its 'blood pool'.
    /// The blood-pool cores of the real CTs in ../shared/data, and their other cores of a millilitre and more, are
    /// sandwiched by at most 28 % (<see cref="SandwichedMarrowShare"/>), so no blood of theirs meets the pair.
    /// </summary>
    public const double RimmedPlateSandwichedShare = 0.5, RimmedPlateRimmedShare = 0.7;
    /// <summary>
    /// Marrow as dense as contrast (sclerotic, 300-500 HU) under a cortex only a little denser, blurred by thick slices
    /// and soft kernels, escapes the enclosure test above; but a ray leaving it meets that cortex, however faint, before
    /// it leaves the enhanced range, while a ray leaving blood passes into the wall and fat. Measured with 100 HU over
    /// the core's mean, on each cell's densest voxel, from the core's own edge: the phantom family's sclerotic chest spine
    /// (seed 100, unenhanced, 427 HU) is rimmed on every ray; on the real CTs in ../shared/data the heart, aorta and great
    /// veins on 0-22 % (cores of 13-23 mL on up to 60 %, a 154 mL core of LIDC-IDRI 0003 on 58 %).
    /// </summary>
    public const short RimAboveCoreHu = 100;
    public const double RimmedMarrowShare = 0.8;
    /// <summary>
    /// Or rimmed on <see cref="RimmedMarrowShare"/> of its rays (below the chest <see cref="SliceRimmedRayShare"/>) in at
    /// least this share of its slices: a spine is ringed by its cortex level after level, but where a pedicle or a
    /// process joins the body the rays leave along it unrimmed, which pulls the whole column under the share (the
    /// phantom family's sclerotic neck spine, seed 425: 0.79 of all rays, but 59 of its 92 slices rimmed; the 43 mL
    /// 'blood pool' at 367 HU had raised the calcium threshold to 823 HU and hidden a carotid plaque). On the real CTs
    /// in ../shared/data the heart, aorta and great veins have no slice so rimmed (0 of 21-164 slices each), other
    /// cores of 10 mL and more at most 22 % of theirs.
    /// </summary>
    public const double RimmedSliceShare = 0.5;
    /// <summary>
    /// Below the chest a slice counts as ringed from this share of its rays: an ivory sacrum under a cortex 100-200 HU
    /// denser, blurred at 2.4 mm, keeps its cortex under the rim on one ray in four level by level (the phantom family's
    /// seed 188, 0.77 of all rays and no slice at 80 %: a 163 mL 'blood pool' at 480 HU in an unenhanced pelvis). In the
    /// chest contrast streaming into the veins beside the ribs and clavicles is ringed by their bone (LIDC-IDRI 0003's
    /// small chest cores: 40-100 % of their slices at 70 %, and its soft-tissue calcification 0.26 -> 0.30 mL where they
    /// were set aside), so <see cref="RimmedMarrowShare"/> stands there. No blood-pool core of the real CTs has a slice
    /// ringed at 70 % either.
    /// </summary>
    public const double SliceRimmedRayShare = 0.7;
    public const double TrabecularSdHu = 95;

    /// <summary>
    /// The median over a core's rays of how far the densest voxel a ray meets, before it leaves the enhanced range, lies
    /// above the core's mean (HU). Leaving blood, a ray passes the lumen's last millimetres into its wall and fat, so its
    /// densest voxel is the lumen's own noise; leaving marrow, it crosses the cortex, however faint. Half the rays make
    /// the measure blind to a vessel lying against a bone on one side. Measured: the blood-pool cores below the chest of
    /// the real CTs in ../shared/data 5-25 HU, of the phantom family's enhanced cases (seeds 1-124, 351-500) 0-25 HU;
    /// the sclerotic lumbar spine of seed 1610 (an unenhanced abdomen at 1.77 mm, marrow 360 HU under a cortex blurred
    /// to 450-520 HU, rimmed at 100 HU on only 65 % of its rays) 90 HU and its ribs 55 HU: it had been called an
    /// arterial pool of 193 mL. In the chest the rule is not asked: contrast streaming in from the injected arm is
    /// uneven (LIDC-IDRI 0003's small chest cores reach 50 HU). A rim <see cref="EnclosureAboveCoreHu"/> or more over the
    /// core is the enclosure's to judge, on the cells' densest voxels: what this rule adds is the faint cortex only, so that
    /// an aorta whose wall is calcified on more than half its rays is not set aside by it.
    /// </summary>
    public const double FaintCortexExcessHu = 45;

    /// <summary>
    /// In the chest the faint cortex must rise twice as far over the core as the most that uneven contrast does there
    /// (LIDC-IDRI 0003's small chest cores, 50 HU; the real CTs' chest pool cores -90 to 20 HU): the phantom family's
    /// arterial chest of sclerotic marrow at 1.84 mm (seed 2657) had its spine and sternum, 252 and 25 mL at 424 and 452
    /// HU under a cortex 135 and 105 HU denser at the median ray, rimmed on three rays in four but enclosed on under half,
    /// taken into its pool beside the heart: 23 mL of ribs and 1.2 mL of soft tissue beside them as 'calcification'.
    /// </summary>
    public const double ChestFaintCortexExcessHu = 100;

    /// <summary>
    /// A tube the scanned range holds whole is this many times longer than its widest section is across (the diameter
    /// of a disc of the same area). The phantom family's iliac and femoral vessel cores of under
    /// <see cref="MinVolumeMm3"/> are 2.3-3.0 times; the red-marrow femoral head of seed 1600 (an unenhanced pelvis
    /// at 2.22 mm: 15 mL, 42 mm long, 359 mm2 on average) is 1.45 times, a ball, and had been called a venous pool.
    /// </summary>
    public const double MinTubeElongation = 2;

    private static double EquivalentDiameterMm(double areaMm2) => 2 * Math.Sqrt(areaMm2 / Math.PI);

    /// <summary>
    /// One walk from (x0, y0) along (dx, dy) in one slice, up to <paramref name="reach"/> steps counted from its first
    /// voxel under <paramref name="tissueFloor"/> HU (by default, from its start): Dense, whether a voxel of
    /// <paramref name="dense"/> HU or more lies on it; Rimmed, whether one of <paramref name="rim"/> HU or more is met
    /// before the ray leaves the enhanced range (under <paramref name="low"/>), a cortex round marrow however little
    /// denser than it; RimHu, the densest voxel of <paramref name="data"/> met past the start while still in range
    /// (short.MinValue where none is: <see cref="FaintCortexExcessHu"/>). The range is read on <paramref name="data"/>,
    /// the cortex on <paramref name="peak"/>.
    /// </summary>
    private static (bool Dense, bool Rimmed, short RimHu) Probe(short[] data, short[] peak, int sliceOffset, int nx, int ny, int x0, int y0, int dx, int dy, int reach,
        short dense, short rim, short low, short tissueFloor = short.MaxValue)
    {
        bool found = false, rimmed = false, inRange = true, leftTissue = false;
        short rimHu = short.MinValue;
        // The reach counts from where the ray leaves the core's tissue (tissueFloor): an eroded core of noisy tissue near
        // the range's low end is riddled with holes, and a run ending at one lies deep inside the tissue, its cortex or
        // wall beyond the reach of a walk counted from there. By default the ray leaves at its start.
        // From the core's own edge: where the erosion is under two cells (thin slices on a coarse grid), a cortex as
        // faint as blood is left in the core's outermost row.
        for (int t = 0, beyond = 0; beyond <= reach && !(found && !inRange); t++)
        {
            int x = x0 + dx * t, y = y0 + dy * t;
            if (x < 0 || y < 0 || x >= nx || y >= ny) break;
            short v = data[sliceOffset + y * nx + x];
            leftTissue |= v < tissueFloor;
            if (leftTissue) beyond++;
            short densest = peak[sliceOffset + y * nx + x];
            if (inRange)
            {
                if (v < low) inRange = false;
                else
                {
                    if (t > 0 && v > rimHu) rimHu = v;
                    if (densest >= rim) { rimmed = true; inRange = false; }
                }
            }
            if (t > 0 && densest >= dense) found = true;
        }
        return (found, rimmed, rimHu);
    }

    /// <param name="Marrow">Per cell of the grid: marrow found and set aside (<see cref="Marrow"/>), grown back over its erosion.</param>
    /// <param name="MarrowInPool">Per cell of the grid: marrow of a pool core (<see cref="SliceMarrow"/>) out of reach of its blood, marked lumen for the calcium threshold but nothing to lie against.</param>
    /// <param name="CalciumThresholdHu">The calcium threshold (<see cref="CalciumThreshold"/>) of all the lumens taken together, for enhancing tissue and wherever no lumen cell says which.</param>
    /// <param name="CellThresholdHu">Per cell of the grid: the calcium threshold of the lumen the cell belongs to; 0 outside the lumen.</param>
    /// <param name="LowestThresholdHu">The lowest of the lumens' own calcium thresholds.</param>
    /// <param name="HighestThresholdHu">The highest of the lumens' own calcium thresholds.</param>
    /// <param name="LongVesselMm3">
    /// Where too little lumen was found to call a pool (<see cref="MinEnhancedMm3"/>): the volume of its long vessel cores
    /// (<see cref="MinVesselLengthMm"/> and more, <see cref="MinTubeElongation"/> times longer than wide) below the chest,
    /// as even as a lumen rather than mottled as trabecular bone (<see cref="TrabecularSdHu"/>), that passed every marrow
    /// test. They show the contrast as the contrast-filled tubes outside the pool do
    /// (<see cref="Calcification.ContrastFilledTube.MinEnhancedMm3"/>), while a small artery's plaque is still judged by
    /// the tube's section peaks, which its own blurred lumen's spread would hide (the phantom family's seed 688: a thigh's
    /// femoral plaque of 306 mm3, lost at its core's threshold of 627 HU). The phantom family's arterial pelvis at 3.2 mm
    /// with sclerotic marrow (seed 1727): its iliac arteries, one core of 3.8 mL over 133 mm at 337 HU rimmed on 13 % of
    /// its rays, were its only lumen, and with the study called unenhanced its femoral vessels' stumps, cut after two
    /// slices, became 1.4 mL of 'periarticular' calcification. Not in the chest, where the heart and the great vessels
    /// are always in range and a long thin core alone is a rib's or the sternum's marrow (seed 1722, an unenhanced chest:
    /// 2.2 mL over 77 mm at 433 +- 147 HU).
    /// </param>
    /// <param name="LongVesselMeanHu">The mean HU of those cores, for the phase.</param>
    /// <param name="DensestLumenHu">
    /// The densest lumen's mean plus its spread, over the pool cores free of any rim (<see cref="SuspectRimmedShare"/>):
    /// where the lumens differ (an arterial aorta at 330 HU beside kidneys at 186), what is as dense as the brightest of
    /// them is still contrast, though above all lumens' mean.
    /// </param>
    /// <param name="RimmedChestOnly">Not enhanced because every pool core lay in the chest rimmed as marrow may be (<see cref="ChestMarrowWithoutClearBlood"/>).</param>
    public sealed record Result(bool Enhanced, double MeanHu, double SdHu, double VolumeMm3, short CalciumThresholdHu, bool[] Marrow, bool[] MarrowInPool, short[] CellThresholdHu,
        short LowestThresholdHu, short HighestThresholdHu, double LongVesselMm3 = 0, double LongVesselMeanHu = 0, double DensestLumenHu = 0,
        bool RimmedChestOnly = false)
    {
        /// <summary>The calcium threshold at a cell: its lumen's own, or elsewhere all lumens' together.</summary>
        public short ThresholdAt(int cell) => CellThresholdHu[cell] != 0 ? CellThresholdHu[cell] : CalciumThresholdHu;
    }

    /// <summary>The marrow cores grown back over the marrow-range voxels they were eroded from (never into cortex).</summary>
    private static bool[] MarrowMask(Volume<short> hu, byte[] tissue, RunSet runs, bool[] marrow, short low, double erodeMm)
    {
        var g = hu.Geometry;
        int nx = g.SizeX, ny = g.SizeY, len = nx * ny;
        var mask = new bool[hu.Data.Length];
        if (Array.IndexOf(marrow, true) < 0) return mask;
        for (int r = 0; r < runs.Count; r++)
            if (marrow[runs.Component[r]]) mask.AsSpan(runs.Z[r] * len + runs.Y[r] * nx + runs.X0[r], runs.X1[r] - runs.X0[r] + 1).Fill(true);
        Parallel.For(0, g.SizeZ, () => new SliceOps(nx, ny, g.Spacing.X, g.Spacing.Y), (z, _, ops) =>
        {
            var m = mask.AsSpan(z * len, len);
            if (m.IndexOf(true) < 0) return ops;
            GrowBack(ops, m, hu.Slice(z), tissue.AsSpan(z * len, len), low, erodeMm, HighHu);
            return ops;
        }, _ => { });
        return mask;
    }

    /// <summary>
    /// Pieces of the cores, slice by slice, that are marrow: rimmed on most rays (<see cref="SliceRimmedRayShare"/>; at the
    /// level of the lungs, where the spine lies, on half of them, <see cref="SpineRimmedRayShare"/>) and
    /// mottled as trabecular bone is (<see cref="SliceMarrowSdHu"/>). A vertebral body whose red marrow is as dense as
    /// venous blood, under a cortex no denser than the lumen's range, joins the aorta and cava lying against it into one
    /// core (the phantom family's seeds 5, 87 and 556), which as a whole is neither marrow nor blood; its pieces, each in
    /// its own slice, are one or the other.
    /// </summary>
    /// <param name="lungLevel">Per slice, at the level of the lungs; there a piece is marrow only where the spine lies
    /// (<see cref="WhereTheSpineLies"/>: the heart's mixing contrast is as mottled as marrow and as rimmed, by denser
    /// contrast, LIDC-IDRI 0003 in ../shared/data), and only once the spine's marrow has been seen below or above the
    /// lungs: the aorta in front of the spine, its lumen mottled by a plaque's partial volume and rimmed by it on half its
    /// rays (the phantom family's seed 2393, a chest wholly at the lungs' level), would pass for it. Without it no slice
    /// is looked at.</param>
    private static bool[] SliceMarrow(Volume<short> hu, short[] peak, byte[] core, byte[] tissue, short low, double erodeMm, bool[]? lungLevel)
    {
        var g = hu.Geometry;
        // Rows run towards the patient's back where the row axis points posteriorly (LPS), as in most CTs.
        int dorsal = Math.Sign(g.AxisJ.Y) is 0 ? 1 : Math.Sign(g.AxisJ.Y);
        int nx = g.SizeX, ny = g.SizeY, len = nx * ny;
        int reach = (int)Math.Ceiling((erodeMm + EnclosureBeyondClearanceMm) / Math.Min(g.Spacing.X, g.Spacing.Y));
        var marrow = new bool[core.Length];
        if (lungLevel is null) return marrow;
        // Below the lungs first: where the spine's marrow shows there, the column runs on up through the lungs' level.
        var spineSeen = new bool[g.SizeZ];
        Pass(atLungs: false);
        if (Array.IndexOf(spineSeen, true) >= 0) Pass(atLungs: true);
        return marrow;

        void Pass(bool atLungs) => Parallel.For(0, g.SizeZ, () => (new SliceOps(nx, ny, g.Spacing.X, g.Spacing.Y), new bool[len]), (z, _, w) =>
        {
            var (ops, mask) = w;
            if (lungLevel[z] != atLungs) return w;
            int off = z * len;
            var body = BodyBox(tissue.AsSpan(off, len), nx);
            if (body.HalfWidth <= 0) return w;
            bool any = false;
            for (int i = 0; i < len; i++) any |= mask[i] = core[off + i] != 0;
            if (!any) return w;
            var areas = ops.Components(mask);
            var labels = ops.Labels;
            int n = areas.Count;
            var sum = new double[n];
            var sum2 = new double[n];
            var data = hu.Data;
            for (int i = 0; i < len; i++)
            {
                if (!mask[i]) continue;
                double h = data[off + i];
                sum[labels[i]] += h;
                sum2[labels[i]] += h * h;
            }
            var rays = new int[n];
            var rimmed = new int[n];
            for (int i = 0; i < len; i++)
            {
                if (!mask[i]) continue;
                int l = labels[i], x = i % nx, y = i / nx;
                double mean = sum[l] / areas[l];
                short dense = (short)Math.Max(EnclosureMinHu, mean + EnclosureAboveCoreHu), rim = (short)(mean + RimAboveCoreHu);
                foreach (var (dx, dy) in Directions)
                {
                    int xx = x + dx, yy = y + dy;
                    if (xx >= 0 && yy >= 0 && xx < nx && yy < ny && mask[yy * nx + xx]) continue;
                    rays[l]++;
                    if (Probe(data, peak, off, nx, ny, x, y, dx, dy, reach, dense, rim, low).Rimmed) rimmed[l]++;
                }
            }
            var isMarrow = new bool[n];
            var sumX = new double[n];
            var sumY = new double[n];
            for (int i = 0; i < len; i++)
            {
                if (!mask[i]) continue;
                sumX[labels[i]] += i % nx;
                sumY[labels[i]] += i / nx;
            }
            for (int l = 1; l < n; l++)
            {
                double mean = sum[l] / areas[l], sd = Math.Sqrt(Math.Max(0, sum2[l] / areas[l] - mean * mean));
                bool spine = WhereTheSpineLies(body, sumX[l] / areas[l], sumY[l] / areas[l], dorsal);
                isMarrow[l] = sd >= SliceMarrowSdHu && (atLungs
                    ? spine && rimmed[l] >= SpineRimmedRayShare * rays[l]
                    : rimmed[l] >= SliceRimmedRayShare * rays[l]);
                if (isMarrow[l] && spine) spineSeen[z] = true;
                if (DebugTrace.Enabled && isMarrow[l] && areas[l] * g.Spacing.X * g.Spacing.Y >= DebugMinPieceMm2)
                    Console.Error.WriteLine($"marrow piece in slice {z}: {areas[l] * g.Spacing.X * g.Spacing.Y:0} mm2 mean {mean:0} sd {sd:0} rimmed {(double)rimmed[l] / rays[l]:0.00}");
            }
            for (int i = 0; i < len; i++) if (mask[i] && isMarrow[labels[i]]) marrow[off + i] = true;
            return w;
        }, _ => { });
    }

    /// <summary>The body's box in one slice (in pixels): its centre and half extents, zero where the slice holds no body.</summary>
    private readonly record struct SliceBox(double CentreX, double CentreY, double HalfWidth, double HalfDepth);

    private static SliceBox BodyBox(ReadOnlySpan<byte> tissue, int nx)
    {
        int x0 = int.MaxValue, x1 = -1, y0 = int.MaxValue, y1 = -1;
        for (int i = 0; i < tissue.Length; i++)
        {
            if (tissue[i] == 0) continue;
            int x = i % nx, y = i / nx;
            x0 = Math.Min(x0, x); x1 = Math.Max(x1, x); y0 = Math.Min(y0, y); y1 = Math.Max(y1, y);
        }
        return x1 < 0 ? default : new SliceBox((x0 + x1) / 2.0, (y0 + y1) / 2.0, (x1 - x0) / 2.0, (y1 - y0) / 2.0);
    }

    /// <summary>
    /// At the level of the lungs a piece of a core is marrow only where the vertebral body lies: on the midline, within
    /// <see cref="SpineMidlineShare"/> of the body's half-width, and behind its centre by <see cref="SpineMinDorsalShare"/>
    /// of its half-depth or more. A vertebral body whose red marrow is as dense as venous blood joins the aorta beside it
    /// there as below the lungs: the phantom family's seed 556 (a venous chest) had the cortex of its vertebral bodies,
    /// 6.5 mL, called the aorta's wall round that marrow. The heart lies in front of the spine.
    /// </summary>
    private static bool WhereTheSpineLies(SliceBox body, double x, double y, int dorsal) =>
        Math.Abs(x - body.CentreX) <= SpineMidlineShare * body.HalfWidth && (y - body.CentreY) * dorsal >= SpineMinDorsalShare * body.HalfDepth;

    /// <summary>
    /// The spine's centre lies on the body's midline within this share of its half-width (a patient lying off the
    /// table's centre: LIDC-IDRI 0003's spine 11 mm from its body's centre, some 0.07 of the half-width).
    /// </summary>
    public const double SpineMidlineShare = 0.1;

    /// <summary>
    /// Where the spine lies, a piece rimmed on half its rays is marrow: the aorta joined to it at the level of the lungs
    /// takes the rest (seed 556's pieces there: rimmed on 0.59-0.75 of their rays, mottled 85-114 HU).
    /// </summary>
    public const double SpineRimmedRayShare = 0.5;

    /// <summary>The vertebral body lies behind the trunk's centre by 40-70 % of its half-depth (the phantom family; the real CTs of ../shared/data); the heart's chambers in front of it.</summary>
    public const double SpineMinDorsalShare = 0.25;

    /// <summary>
    /// Grows a slice's cores back over the voxels they were eroded from (<paramref name="erodeMm"/> and a millimetre
    /// more), at the cores' level less <see cref="GrowBelowLowHu"/> up to <paramref name="highHu"/> (the marrow's grow-back
    /// stops at cortex, <see cref="HighHu"/>), never out of the body.
    /// </summary>
    private static void GrowBack(SliceOps ops, Span<bool> mask, ReadOnlySpan<short> src, ReadOnlySpan<byte> tissue, short low, double erodeMm,
        short highHu = short.MaxValue)
    {
        ops.Dilate(mask, erodeMm + 1);
        for (int i = 0; i < mask.Length; i++) mask[i] &= src[i] >= low - GrowBelowLowHu && src[i] <= highHu && tissue[i] != 0;
    }

    /// <summary>
    /// How far under the cores' level a grown lumen or marrow may fall: the partial volume of its edge, averaged with the
    /// wall or cortex round it.
    /// </summary>
    private const short GrowBelowLowHu = 50;

    /// <summary>
    /// Grows a slice's lumen on through the enhanced blood up to the wall, a step of <paramref name="stepMm"/> at a time
    /// (<see cref="WallGrowSteps"/>), never into anything cortex-dense nor out of the body.
    /// </summary>
    private static void GrowToWall(SliceOps ops, Span<bool> mask, ReadOnlySpan<short> src, ReadOnlySpan<byte> tissue, short low, double stepMm)
    {
        for (int step = 0; step < WallGrowSteps; step++)
        {
            ops.Dilate(mask, stepMm);
            for (int i = 0; i < mask.Length; i++) mask[i] &= src[i] >= low - GrowBelowLowHu && src[i] <= HighHu && tissue[i] != 0;
        }
    }

    private static readonly (int Dx, int Dy)[] Directions = [(-1, 0), (1, 0), (0, -1), (0, 1)];
    private const double DebugMinPieceMm2 = 100;

    /// <summary>
    /// The HU spread of a piece of marrow in one slice: trabeculae and fat mottle it (the phantom family's vertebral
    /// bodies 77-145 HU), where contrast-filled blood is as even as its noise (the family's aorta and cava 9-11 HU).
    /// </summary>
    public const double SliceMarrowSdHu = 60;

    /// <param name="lungLevel">Per coarse slice: at the level of the lungs, where blood pool lies against the lungs' air.</param>
    /// <param name="depthMm">Per cell, depth below the skin (mm); where given, cores lying shallower on average are not blood.</param>
    /// <param name="peak">Per cell, the densest voxel it was averaged from (<see cref="TissueMap.CoarsePeak"/>), where the rim of marrow is looked for; by default <paramref name="hu"/>.</param>
    /// <param name="bowelGas">Per cell, bowel gas (<see cref="BowelGas.Find"/>); where given, cores showing gas-fluid levels under it are bowel content.</param>
    public static Result Detect(Volume<short> hu, byte[] tissue, bool[]? lungLevel = null, byte[]? depthMm = null, Volume<short>? peak = null, bool[]? bowelGas = null)
    {
        var p = (peak ?? hu).Data;
        var result = Detect(hu, p, tissue, lungLevel, depthMm, bowelGas, LowHu, ErodeMm, HighHu);
        // Where every chest core was rimmed, blood may have been joined to sclerotic marrow through partial volume (an
        // arterial aorta on the spine: the phantom family's seed 2334, 103 mL at 364 HU, 94 % of it at 339 +- 27): the
        // deeper erosion of the weak pass parts them, and the blood stands free (43 mL at 330 HU, rimmed on 2 % of its rays).
        if (result.RimmedChestOnly && Detect(hu, p, tissue, lungLevel, depthMm, bowelGas, LowHu, WeakErodeMm, HighHu) is { Enhanced: true } parted) return parted;
        return result.Enhanced ? result : Detect(hu, p, tissue, lungLevel, depthMm, bowelGas, WeakLowHu, WeakErodeMm, WeakMaxMeanHu) is { Enhanced: true } weak ? weak : result;
    }

    /// <summary>
    /// The blood pool lies deep: the heart, aorta and cavae, the iliac and femoral vessels 30-50 mm below the skin, the
    /// carotids and jugulars 20-30 mm (the phantom family's neck; on the real CTs in ../shared/data every pool core lies
    /// deeper). What lies within a scalp and a skull table of the skin on average is a bone's marrow: the diploe of a
    /// skull whose tables, blurred, are no denser than contrast (the phantom family's heads with a 700 HU cortex were
    /// called enhanced from a 13 mL 'blood pool' there).
    /// </summary>
    public const double MinMeanDepthMm = 15;

    private static Result Detect(Volume<short> hu, short[] peak, byte[] tissue, bool[]? lungLevel, byte[]? depthMm, bool[]? bowelGas, short low, double erodeMm, short maxMeanHu)
    {
        var g = hu.Geometry;
        int nx = g.SizeX, ny = g.SizeY, len = nx * ny;
        // One byte per cell (a short volume had doubled it: 520 MB on a 1024x1024x1000 study at 0.7 mm).
        var core = new byte[hu.Data.Length];
        Parallel.For(0, g.SizeZ, () => (new SliceOps(nx, ny, g.Spacing.X, g.Spacing.Y), new bool[len]), (z, _, w) =>
        {
            var (ops, mask) = w;
            var src = hu.Slice(z);
            // Marrow shares the blood's HU; keep clear of cortex so that bones and vessels touching them stay apart.
            for (int i = 0; i < len; i++) mask[i] = src[i] >= CortexHu;
            ops.Dilate(mask, CortexClearMm);
            for (int i = 0; i < len; i++) mask[i] = !mask[i] && src[i] >= low && src[i] <= HighHu && tissue[z * len + i] != 0;
            ops.Erode(mask, erodeMm);
            var dst = core.AsSpan(z * len, len);
            for (int i = 0; i < len; i++) dst[i] = mask[i] ? (byte)1 : (byte)0;
            return w;
        }, _ => { });
        var sliceMarrow = SliceMarrow(hu, peak, core, tissue, low, erodeMm, lungLevel);
        var runs = RunLabeler.Label(hu, short.MinValue, (z, y, m) =>
        {
            int off = z * len + y * nx;
            for (int x = 0; x < nx; x++) m[x] = core[off + x] != 0 && tissue[off + x] != 0 ? (byte)1 : (byte)0;
        });
        var count = new long[runs.ComponentCount + 1];
        var ring = new long[runs.ComponentCount + 1];
        var cortex = new long[runs.ComponentCount + 1];
        var gas = new long[runs.ComponentCount + 1];
        var minK = new int[runs.ComponentCount + 1];
        var maxK = new int[runs.ComponentCount + 1];
        Array.Fill(minK, int.MaxValue);
        // Look past the erosion and the clearance kept from cortex: marrow cores find their cortex there, blood does not.
        int step = (int)Math.Ceiling((erodeMm + CortexClearMm + 2) / g.Spacing.X);
        var sumC = new double[runs.ComponentCount + 1];
        var chestRuns = new long[runs.ComponentCount + 1];
        var runCount = new long[runs.ComponentCount + 1];
        var sum2C = new double[runs.ComponentCount + 1];
        var depthSum = new double[runs.ComponentCount + 1];
        var rays = new long[runs.ComponentCount + 1];
        var enclosed = new long[runs.ComponentCount + 1];
        var rimmed = new long[runs.ComponentCount + 1];
        var sandwichedAcross = new long[runs.ComponentCount + 1];
        var sandwichedAlong = new long[runs.ComponentCount + 1];
        // Per component, the slice being counted (runs come slice by slice) and the slices rimmed all round.
        var sliceZ = new int[runs.ComponentCount + 1];
        var sliceCells = new long[runs.ComponentCount + 1];
        var widest = new long[runs.ComponentCount + 1];
        Array.Fill(sliceZ, -1);
        var sliceRays = new long[runs.ComponentCount + 1];
        var sliceRimmed = new long[runs.ComponentCount + 1];
        var slices = new long[runs.ComponentCount + 1];
        var rimmedSlices = new long[runs.ComponentCount + 1];
        var mostlyRimmedSlices = new long[runs.ComponentCount + 1];
        void EndSlice(int c)
        {
            if (sliceZ[c] < 0) return;
            slices[c]++;
            if (sliceRimmed[c] >= RimmedMarrowShare * sliceRays[c]) rimmedSlices[c]++;
            if (sliceRimmed[c] >= SliceRimmedRayShare * sliceRays[c]) mostlyRimmedSlices[c]++;
            widest[c] = Math.Max(widest[c], sliceCells[c]);
            sliceRays[c] = sliceRimmed[c] = sliceCells[c] = 0;
        }
        for (int r = 0; r < runs.Count; r++)
        {
            int c = runs.Component[r];
            count[c] += runs.X1[r] - runs.X0[r] + 1;
            runCount[c]++;
            int off = runs.Z[r] * len + runs.Y[r] * nx;
            for (int x = runs.X0[r]; x <= runs.X1[r]; x++)
            {
                double h = hu.Data[off + x];
                sumC[c] += h; sum2C[c] += h * h;
                if (depthMm is not null) depthSum[c] += depthMm[off + x];
            }
            minK[c] = Math.Min(minK[c], runs.Z[r]);
            maxK[c] = Math.Max(maxK[c], runs.Z[r]);
            foreach (var x in new[] { runs.X0[r] - step, runs.X1[r] + step })
            {
                if (x < 0 || x >= nx) continue;
                ring[c]++;
                if (hu.Data[off + x] >= RingCortexHu) cortex[c]++;
            }
            // Bowel gas beside it, in front or behind, below the lungs: contrast in the bowel, not blood.
            if (lungLevel is null || lungLevel[runs.Z[r]]) { chestRuns[c]++; continue; }
            int xm = (runs.X0[r] + runs.X1[r]) / 2;
            foreach (var y in new[] { runs.Y[r] - step, runs.Y[r] + step })
                if (y >= 0 && y < ny && (tissue[runs.Z[r] * len + y * nx + xm] & TissueClass.Air) != 0) gas[c]++;
            foreach (var x in new[] { runs.X0[r] - step, runs.X1[r] + step })
                if (x >= 0 && x < nx && (tissue[off + x] & TissueClass.Air) != 0) gas[c]++;
        }
        // Marrow lies inside a cortex on every side; blood is walled by soft tissue and fat, with bone or plaque on one
        // side at most. Rays from the core's edge outwards, as far as the probes above, look for anything clearly
        // denser than the core itself (a thin or osteopenic cortex is 400-600 HU, under the fixed probe's threshold).
        // The rays walk through the core's tissue and its holes of noise (CoreHoleMarginHu), and reach this far beyond it.
        int reachBeyond = (int)Math.Ceiling(EnclosureBeyondClearanceMm / Math.Min(g.Spacing.X, g.Spacing.Y));
        short tissueFloor = (short)(low - CoreHoleMarginHu);
        // Only cores that could be called blood need the median (a histogram each); the rest are too small.
        var rimExcess = new RimExcess?[runs.ComponentCount + 1];
        for (int c = 1; c <= runs.ComponentCount; c++)
            if (count[c] * g.VoxelVolumeMm3 >= MinVesselMm3) rimExcess[c] = new RimExcess();
        for (int r = 0; r < runs.Count; r++)
        {
            int c = runs.Component[r], z = runs.Z[r], y = runs.Y[r];
            if (z != sliceZ[c]) { EndSlice(c); sliceZ[c] = z; }
            sliceCells[c] += runs.X1[r] - runs.X0[r] + 1;
            short dense = (short)Math.Max(EnclosureMinHu, sumC[c] / count[c] + EnclosureAboveCoreHu);
            int off = z * len;
            var data = hu.Data;
            short rim = (short)(sumC[c] / count[c] + RimAboveCoreHu);
            void Count((bool Dense, bool Rimmed, short RimHu) ray)
            {
                rays[c]++;
                if (ray.RimHu > short.MinValue) rimExcess[c]?.Add(ray.RimHu - sumC[c] / count[c]);
                if (ray.Dense) enclosed[c]++;
                if (ray.Rimmed) { rimmed[c]++; sliceRimmed[c]++; }
                sliceRays[c]++;
            }
            var left = Probe(data, peak, off, nx, ny, runs.X0[r], y, -1, 0, reachBeyond, dense, rim, low, tissueFloor);
            var right = Probe(data, peak, off, nx, ny, runs.X1[r], y, 1, 0, reachBeyond, dense, rim, low, tissueFloor);
            Count(left);
            Count(right);
            if (left.Dense && right.Dense) sandwichedAcross[c]++;
            // Up and down from the run's middle, out of the core first.
            int xm = (runs.X0[r] + runs.X1[r]) / 2;
            int up = y, down = y;
            while (up > 0 && core[off + (up - 1) * nx + xm] != 0) up--;
            while (down < ny - 1 && core[off + (down + 1) * nx + xm] != 0) down++;
            var above = Probe(data, peak, off, nx, ny, xm, up, 0, -1, reachBeyond, dense, rim, low, tissueFloor);
            var below = Probe(data, peak, off, nx, ny, xm, down, 0, 1, reachBeyond, dense, rim, low, tissueFloor);
            Count(above);
            Count(below);
            if (above.Dense && below.Dense) sandwichedAlong[c]++;
        }
        for (int c = 1; c <= runs.ComponentCount; c++) EndSlice(c);
        // Levels below the lungs, seen through the erosion too.
        var levelRows = bowelGas is null ? null : GasFluidLevel.Rows(hu, runs, bowelGas, GasFluidLevel.MaxSupernatantMm + erodeMm, HighHu, lungLevel).Rows;
        double voxel = g.VoxelVolumeMm3;
        var pool = new bool[runs.ComponentCount + 1];
        var marrow = new bool[runs.ComponentCount + 1];
        // Each pool core's own level, laid down as lumens only once the chest wall's marrow is set aside.
        var ownLevel = new LumenLevel?[runs.ComponentCount + 1];
        // Long vessel cores below the chest, as even as a lumen (LongVesselMm3).
        double volume = 0, longVessels = 0, longVesselsHu = 0, densestLumen = 0;
        var chest = new bool[runs.ComponentCount + 1];
        var chestWall = new bool[runs.ComponentCount + 1];
        for (int c = 1; c <= runs.ComponentCount; c++)
        {
            double coreMean = sumC[c] / count[c];
            var e = new CoreEvidence(rays[c], enclosed[c], rimmed[c], Math.Sqrt(Math.Max(0, sum2C[c] / count[c] - coreMean * coreMean)),
                chestRuns[c] > runCount[c] / 2, slices[c], rimmedSlices[c], mostlyRimmedSlices[c],
                (double)Math.Max(sandwichedAcross[c], sandwichedAlong[c]) / runCount[c], rimExcess[c]?.MedianHu ?? double.NaN);
            if (DebugTrace.Enabled && count[c] * voxel >= DebugMinMm3)
                Console.Error.WriteLine($"blood-pool core from {low} HU: k {minK[c]}-{maxK[c]} {count[c] * voxel:0} mm3 mean {coreMean:0} sd {e.SdHu:0} enclosed {e.EnclosedShare:0.00} rimmed {e.RimmedShare:0.00} depth {(depthMm is null ? 0 : depthSum[c] / count[c]):0} cortex {(double)cortex[c] / Math.Max(1, ring[c]):0.00} gas {(double)gas[c] / Math.Max(1, ring[c]):0.00} chest {e.Chest} sandwiched {e.SandwichedShare:0.00} slices rimmed {rimmedSlices[c]} ({mostlyRimmedSlices[c]} mostly)/{slices[c]} level rows {levelRows?[c] ?? 0} rim excess {e.RimExcessHu:0} widest {widest[c] * g.Spacing.X * g.Spacing.Y:0} mm2");
            if (ring[c] == 0 || cortex[c] > 0.1 * ring[c] || gas[c] > BowelGasShare * ring[c]) continue;
            if (depthMm is not null && depthSum[c] / count[c] < MinMeanDepthMm) continue;
            if (Marrow(e)) { marrow[c] = true; continue; }
            if (levelRows is not null && GasFluidLevel.Levelled(levelRows[c], (int)slices[c])) continue;
            if (coreMean > maxMeanHu) continue;
            double v = count[c] * voxel, length = (maxK[c] - minK[c] + 1) * g.Spacing.Z;
            // A heart or aorta is large; below the chest the enhanced lumen is a set of tubes (iliac and femoral
            // arteries and veins), each small but long and of vessel calibre, or shorter where the range cuts it.
            bool cut = minK[c] == 0 || maxK[c] == g.SizeZ - 1;
            bool tube = v >= MinVesselMm3 && v / length <= MaxVesselAreaMm2;
            bool longTube = tube && length >= MinVesselLengthMm && length >= MinTubeElongation * EquivalentDiameterMm(widest[c] * g.Spacing.X * g.Spacing.Y);
            bool vessel = longTube || tube && cut && length >= MinCutVesselLengthMm && e.SdHu <= MaxCutVesselSdHu && e.EnclosedShare < MaxCutVesselEnclosedShare;
            if (v < MinVolumeMm3 && !vessel) continue;
            pool[c] = true;
            volume += v;
            chest[c] = e.Chest;
            chestWall[c] = e.Chest && depthMm is not null && depthSum[c] / count[c] < MaxChestWallDepthMm;
            if (longTube && !e.Chest && e.SdHu < TrabecularSdHu) { longVessels += v; longVesselsHu += coreMean * v; }
            bool suspect = e.RimmedShare >= SuspectRimmedShare;
            if (!suspect) densestLumen = Math.Max(densestLumen, coreMean + e.SdHu);
            // A core spread wider than a lumen's noise may hold two densities (CoreSplit). Where it does not part, its own
            // threshold stays over its whole spread: in a vein of the injected arm, undiluted contrast swirls through the
            // lumen, and a threshold drawn from the core's median made 6 mL of dense contrast lateral in LIDC-IDRI 0003's
            // right upper chest 'plaque'.
            short own = CalciumThreshold(coreMean, e.SdHu);
            var split = e.SdHu >= CoreSplit.MinSdHu ? CoreSplit.Find(CoreHistogram(hu, runs, c, low)) : null;
            if (DebugTrace.Enabled && split is not null) Console.Error.WriteLine($"   two densities: {split}");
            ownLevel[c] = new LumenLevel(own, split, suspect);
        }
        volume -= ChestWallMarrowOverClearBlood(runs.ComponentCount, pool, marrow, chestWall, ownLevel, sumC, count) * voxel;
        // Only where the lungs' levels are known: without them every core counts as the chest's.
        long rimmedChest = lungLevel is null ? 0 : ChestMarrowWithoutClearBlood(runs.ComponentCount, pool, marrow, chest, ownLevel, count);
        volume -= rimmedChest * voxel;
        var lumenIndex = new short[runs.ComponentCount + 1];
        var levels = new List<LumenLevel> { new(0, null) };
        for (int c = 1; c <= runs.ComponentCount && levels.Count < short.MaxValue; c++)
        {
            if (!pool[c]) continue;
            lumenIndex[c] = (short)levels.Count;
            levels.Add(ownLevel[c]!);
        }
        // Marrow pieces count only within pool cores (elsewhere, bowel content or cores set aside, they change nothing).
        var poolMarrow = new bool[core.Length];
        for (int r = 0; r < runs.Count; r++)
        {
            if (!pool[runs.Component[r]]) continue;
            int off = runs.Z[r] * len + runs.Y[r] * nx;
            for (int x = runs.X0[r]; x <= runs.X1[r]; x++) poolMarrow[off + x] = sliceMarrow[off + x];
        }
        var marrowMask = MarrowMask(hu, tissue, runs, marrow, low, erodeMm);
        if (volume < MinEnhancedMm3)
            return new Result(false, 0, 0, 0, 130, marrowMask, new bool[marrowMask.Length], new short[marrowMask.Length], 130, 130, Math.Round(longVessels),
                longVessels > 0 ? Math.Round(longVesselsHu / longVessels, 1) : 0, RimmedChestOnly: rimmedChest > 0);

        // Grow the cores back over the enhanced voxels they were eroded from, and measure the lumen.
        var mark = new bool[hu.Data.Length];
        for (int r = 0; r < runs.Count; r++)
        {
            if (!pool[runs.Component[r]]) continue;
            int off = runs.Z[r] * len + runs.Y[r] * nx;
            mark.AsSpan(off + runs.X0[r], runs.X1[r] - runs.X0[r] + 1).Fill(true);
        }
        var marrowInPool = new bool[hu.Data.Length];
        var cellThreshold = new short[hu.Data.Length];
        // The lumen is measured before growing to the wall, whose partial volume would lower it.
        var sumZ = new double[g.SizeZ];
        var sum2Z = new double[g.SizeZ];
        var nZ = new long[g.SizeZ];
        Parallel.For(0, g.SizeZ, () => new SliceOps(nx, ny, g.Spacing.X, g.Spacing.Y), (z, _, ops) =>
        {
            var m = mark.AsSpan(z * len, len);
            if (m.IndexOf(true) < 0) return ops;
            // Where a slice holds marrow pieces of a pool core, the lumen of its blood pieces alone is grown too, as below:
            // what the whole grows into beyond it is marrow, and its cortex, marked lumen but nothing to lie against.
            bool[]? blood = null;
            if (poolMarrow.AsSpan(z * len, len).IndexOf(true) >= 0)
            {
                blood = new bool[len];
                for (int i = 0; i < len; i++) blood[i] = m[i] && !poolMarrow[z * len + i];
            }
            var src = hu.Slice(z);
            GrowBack(ops, m, src, tissue.AsSpan(z * len, len), low, erodeMm);
            for (int i = 0; i < len; i++)
            {
                if (!m[i]) continue;
                tissue[z * len + i] |= TissueClass.BloodPool;
                if (src[i] > HighHu || src[i] < low) continue;
                sumZ[z] += src[i]; sum2Z[z] += (double)src[i] * src[i]; nZ[z]++;
            }
            // On through the enhanced lumen up to the wall: the cores keep clear of anything cortex-dense, plaque too,
            // and the lumen beside a plaque must not count as calcium at the unraised threshold. Marked apart, since
            // the same growth can creep into marrow behind a thin cortex, and marrow must not count as touching blood.
            GrowToWall(ops, m, src, tissue.AsSpan(z * len, len), low, g.Spacing.X);
            for (int i = 0; i < len; i++) if (m[i] && (tissue[z * len + i] & TissueClass.BloodPool) == 0) tissue[z * len + i] |= TissueClass.PoolWall;
            LumenThresholds.Attribute(runs, z, lumenIndex, m, cellThreshold.AsSpan(z * len, len));
            if (blood is null) return ops;
            GrowBack(ops, blood, src, tissue.AsSpan(z * len, len), low, erodeMm);
            GrowToWall(ops, blood, src, tissue.AsSpan(z * len, len), low, g.Spacing.X);
            for (int i = 0; i < len; i++) marrowInPool[z * len + i] = !blood[i] && (tissue[z * len + i] & TissueClass.Lumen) != 0;
            return ops;
        }, _ => { });
        double sum = sumZ.Sum(), sum2 = sum2Z.Sum();
        long n = nZ.Sum();
        double mean = sum / Math.Max(1, n), sd = Math.Sqrt(Math.Max(0, sum2 / Math.Max(1, n) - mean * mean));
        // Over all lumens together, for what lies outside them: enhancing organs, whose density follows no one vessel.
        short allLumens = CalciumThreshold(mean, sd);
        var lumens = levels.Skip(1).Select(l => l.Thresholds(allLumens).LowerHu).ToArray();
        return new Result(true, Math.Round(mean, 1), Math.Round(sd, 1), Math.Round(volume), allLumens, marrowMask, marrowInPool,
            LumenThresholds.Resolve(hu, cellThreshold, [.. levels], allLumens), lumens.Min(), lumens.Max(), DensestLumenHu: Math.Round(densestLumen, 1));
    }

    /// <summary>
    /// In the chest the heart and the great vessels lie inside the rib cage. A pool core in the chest wall
    /// (<see cref="MaxChestWallDepthMm"/>), rimmed as marrow may be (<see cref="SuspectRimmedShare"/>) and denser than
    /// the calcium threshold of every pool core free of any rim is a rib's or the sternum's sclerotic marrow: contrast
    /// there would be calcium by the clear blood's own measure. Turns such cores to marrow; returns their voxels. Decided
    /// before the lumens' levels are laid down, so that no threshold of theirs sets the lumens' highest or is grown into a
    /// neighbouring lumen's cells.
    /// </summary>
    private static long ChestWallMarrowOverClearBlood(int components, bool[] pool, bool[] marrow, bool[] chestWall, LumenLevel?[] ownLevel,
        double[] sumC, long[] count)
    {
        short clearThreshold = short.MinValue;
        for (int c = 1; c <= components; c++)
            if (pool[c] && !ownLevel[c]!.MaybeMarrow) clearThreshold = Math.Max(clearThreshold, ownLevel[c]!.OwnThresholdHu);
        if (clearThreshold == short.MinValue) return 0;
        long taken = 0;
        for (int c = 1; c <= components; c++)
        {
            double mean = sumC[c] / count[c];
            if (!pool[c] || !chestWall[c] || !ownLevel[c]!.MaybeMarrow || mean <= clearThreshold) continue;
            taken += ToMarrow(c, pool, marrow, count);
            if (DebugTrace.Enabled) Console.Error.WriteLine($"blood-pool core at {mean:0} HU in the chest wall, rimmed, over the clear blood's calcium threshold {clearThreshold} HU: marrow");
        }
        return taken;
    }

    /// <summary>
    /// Enhanced blood in the chest lies free: the heart's chambers and the great vessels meet fat, lung or their walls,
    /// not something denser, on most of their rays (the real CTs of ../shared/data: 0-22 %). Where every pool core lies in
    /// the chest and every one is rimmed as marrow may be (<see cref="SuspectRimmedShare"/>), none is known blood: they
    /// are sclerotic marrow under a cortex too faint or too broken for <see cref="Marrow"/> (the phantom family's
    /// unenhanced chests of sclerotic marrow, seeds 1808, 2187, 2884 and 3383: spines, sterna and ribs of 80-243 mL at
    /// 433-496 HU rimmed on 0.35-0.76 of their rays, no other core; all called enhanced). Not below the chest: there
    /// enhanced blood lies against enhancing organs and denser arteries, and the real upper abdomen's cava and aorta
    /// (upper_abdomen_j2k, 152 and 298 HU) are rimmed on 0.38 and 0.62 of their rays. Turns them to marrow; returns
    /// their voxels.
    /// </summary>
    private static long ChestMarrowWithoutClearBlood(int components, bool[] pool, bool[] marrow, bool[] chest, LumenLevel?[] ownLevel, long[] count)
    {
        for (int c = 1; c <= components; c++)
            if (pool[c] && (!chest[c] || !ownLevel[c]!.MaybeMarrow)) return 0;
        long taken = 0;
        for (int c = 1; c <= components; c++)
            if (pool[c]) taken += ToMarrow(c, pool, marrow, count);
        if (DebugTrace.Enabled && taken > 0) Console.Error.WriteLine($"blood-pool cores all in the chest and rimmed, none clear: {taken} cells of marrow");
        return taken;
    }

    /// <summary>Takes pool core <paramref name="c"/> out of the pool as marrow; returns its voxels.</summary>
    private static long ToMarrow(int c, bool[] pool, bool[] marrow, long[] count)
    {
        pool[c] = false;
        marrow[c] = true;
        return count[c];
    }

    /// <summary>
    /// A chest core lying on average within this depth of the skin (mm) lies in the chest wall, with the ribs and the
    /// sternum: the phantom family's sclerotic rib and sternal marrow at 24-25 mm (seed 3414); on the real CTs of
    /// ../shared/data the rimmed chest cores lie at 29-73 mm (the ribs' at 29-42) and the hearts at 81-94 mm, the phantom
    /// family's chest pools at 86-101 mm. Depth, not density, tells the wall from the pool: an aorta rimmed by its plaque
    /// on half its rays may be denser than all the veins' calcium thresholds (seed 2890, an arterial abdomen: aorta at
    /// 335 HU, portal veins at 185) but lies deep (90 mm).
    /// </summary>
    public const double MaxChestWallDepthMm = 35;

    /// <summary>
    /// A pool core rimmed by something denser than itself on this share of its rays or more, though not enough to be
    /// called marrow, is as likely marrow as blood: its own calcium threshold is never under that of all lumens together.
    /// The phantom family's blood cores are rimmed on 0.00-0.24 of their rays; sclerotic marrow taken for blood on
    /// 0.35-0.70 (seed 1176, an unenhanced chest whose 317 mL of vertebral marrow at 496 HU read as an arterial pool: at
    /// its own threshold, 766 HU against 951 for all, its trabeculae had become 29.6 mL of 'calcification').
    /// </summary>
    public const double SuspectRimmedShare = 0.3;

    /// <summary>
    /// Calcium in an enhanced lumen is what rises clearly above that lumen's own contrast: its mean plus
    /// <see cref="LumenNoiseSpreads"/> of its spread and <see cref="LumenMarginHu"/>, within <see cref="MinCalciumThresholdHu"/>
    /// and <see cref="MaxCalciumThresholdHu"/>. Taken over each core alone: vessels differ in enhancement (an arterial aorta
    /// at 330 HU beside portal veins at 185), and measured over all of them together the spread is theirs, not the noise's
    /// (the phantom family's seed 762: 547 HU for all, 470 for the aorta alone, whose plaque of 450-550 HU was lost).
    /// </summary>
    public static short CalciumThreshold(double lumenMeanHu, double lumenSdHu) =>
        (short)Math.Clamp(Math.Round(lumenMeanHu + LumenNoiseSpreads * lumenSdHu + LumenMarginHu), MinCalciumThresholdHu, MaxCalciumThresholdHu);

    /// <summary>
    /// Spreads of the lumen's noise over its mean that calcium must reach: at four, one voxel of pure lumen in some 30,000
    /// passes (a normal tail). The four, the margin and the bounds below are the first build's, kept as they were tuned on
    /// the phantom family and the real CTs of ../shared/data; only the lumen they are measured on is new.
    /// </summary>
    public const double LumenNoiseSpreads = 4;

    /// <summary>Margin over the lumen's noise (HU): a swirl of undiluted contrast that the lumen's mean and spread do not show.</summary>
    public const double LumenMarginHu = 50;

    /// <summary>Least calcium threshold in a lumen (HU): a weakly enhanced vein's own would fall to where its wall's partial volume reaches.</summary>
    public const short MinCalciumThresholdHu = 300;

    /// <summary>Greatest calcium threshold in a lumen (HU): past it even dense calcium would not count, whatever the lumen.</summary>
    public const short MaxCalciumThresholdHu = 1000;

    /// <summary>The densities of component <paramref name="component"/>'s cells.</summary>
    private static DensityHistogram CoreHistogram(Volume<short> hu, RunSet runs, int component, short low)
    {
        var h = new DensityHistogram(low, HighHu);
        int len = runs.SizeX * runs.SizeY;
        for (int r = 0; r < runs.Count; r++)
        {
            if (runs.Component[r] != component) continue;
            int off = runs.Z[r] * len + runs.Y[r] * runs.SizeX;
            for (int x = runs.X0[r]; x <= runs.X1[r]; x++) h.Add(hu.Data[off + x]);
        }
        return h;
    }
}

/// <summary>
/// The excess over a core's mean of the densest voxel each of its rays meets (<see cref="BloodPoolDetector.FaintCortexExcessHu"/>),
/// kept as a histogram of <see cref="BinHu"/> bins so that its median costs no list per core.
/// </summary>
internal sealed class RimExcess
{
    private const double BinHu = 5;
    private const int Zero = 100;
    private readonly int[] _bins = new int[2 * Zero + 1];
    private long _total;

    public void Add(double excessHu)
    {
        _bins[Math.Clamp((int)Math.Round(excessHu / BinHu) + Zero, 0, _bins.Length - 1)]++;
        _total++;
    }

    /// <summary>The median excess (HU), to the bin; NaN where no ray met anything in range.</summary>
    public double MedianHu
    {
        get
        {
            if (_total == 0) return double.NaN;
            long seen = 0;
            for (int i = 0; i < _bins.Length; i++)
            {
                seen += _bins[i];
                if (2 * seen >= _total) return (i - Zero) * BinHu;
            }
            return double.NaN;
        }
    }
}
