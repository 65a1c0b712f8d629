using CalciScope.Imaging;
using CalciScope.Segmentation;

namespace CalciScope.Tests.Segmentation;

/// <summary>
/// Blood pool against marrow: a bone's marrow shares the blood's HU but lies inside a cortex on every side (however thin
/// or osteopenic) or is mottled like trabecular bone; a weakly enhanced aorta of a late phase (130-180 HU) is still
/// blood. Synthetic slabs: a trunk of soft tissue holding a vertebra-like bone and, where asked, an aorta-like tube.
/// </summary>
public class BloodPoolDetectorTests
{
    private const int N = 160, Slices = 30;
    private const double Mm = 1.5, SliceMm = 2.5;

    /// <param name="marrowHu">The bone's marrow; its cortex is 2 voxels of <paramref name="cortexHu"/>.</param>
    /// <param name="marrowSd">Mottling of the marrow (trabecular bone), as a fixed pattern of +-sd.</param>
    /// <param name="aortaHu">The tube's lumen, or null for none.</param>
    /// <param name="weakCortexHu">Where given, the cortex more than 5 mm towards +x (a pedicle's or a process's side) is this dense instead.</param>
    private static (Volume<short> Hu, byte[] Tissue) Slab(short marrowHu, short cortexHu, short marrowSd, short? aortaHu, short? weakCortexHu = null) => Draw(7, (x, y, z, _) =>
    {
        if (!InTrunk(x, y)) return null;
        double bx = (x - 80) * Mm, by = (y - 100) * Mm;
        double rb = Math.Sqrt(bx * bx + by * by);
        double ax = (x - 95) * Mm, ay = (y - 68) * Mm;
        if (rb <= 22) return rb > 22 - 2 * Mm ? (weakCortexHu is short weak && bx > 5 ? weak : cortexHu)
            : (short)(marrowHu + ((x / 2 + y / 2 + z) % 2 == 0 ? marrowSd : -marrowSd));
        if (aortaHu is short a && ax * ax + ay * ay <= 12 * 12) return a;
        return 45;
    });

    /// <summary>Whether (x, y) lies in the trunk: an ellipse about the grid's centre with these semi-axes (voxels).</summary>
    private static bool InTrunk(int x, int y, double a = 70, double b = 55)
    {
        double tx = (x - 80) / a, ty = (y - 80) / b;
        return tx * tx + ty * ty <= 1;
    }

    /// <summary>A volume of the test's grid: <paramref name="hu"/> gives each voxel's HU (null: outside the body), to which +-8 HU of noise is added; inside is soft tissue.</summary>
    private static (Volume<short> Hu, byte[] Tissue) Draw(int seed, Func<int, int, int, int, short?> hu)
    {
        var v = new Volume<short>(VolumeGeometry.Axial(N, N, Slices, Mm, Mm, SliceMm));
        var tissue = new byte[v.Data.Length];
        var rng = new Random(seed);
        for (int z = 0; z < Slices; z++)
            for (int y = 0; y < N; y++)
                for (int x = 0; x < N; x++)
                {
                    int i = (z * N + y) * N + x;
                    if (hu(x, y, z, i) is not short h) { v.Data[i] = -1000; continue; }
                    tissue[i] = TissueClass.InnerSoft;
                    v.Data[i] = (short)(h + rng.Next(-8, 9));
                }
        return (v, tissue);
    }

    [Theory]
    [InlineData(250, 1000, 0)]   // red marrow in a dense cortex
    [InlineData(460, 1200, 0)]   // sclerotic marrow
    [InlineData(200, 520, 0)]    // osteopenic: cortex under the fixed 600 HU cortex probe
    [InlineData(450, 590, 0)]    // sclerotic marrow in a faint cortex: under the probe and under the enclosure's 200 HU over the core, met by every ray
    public void Detect_MarrowWithoutContrast_IsUnenhanced(short marrow, short cortex, short sd)
    {
        var (hu, tissue) = Slab(marrow, cortex, sd, aortaHu: null);
        var r = BloodPoolDetector.Detect(hu, tissue);
        Assert.False(r.Enhanced, $"marrow {marrow} HU in a {cortex} HU cortex read as a blood pool of {r.VolumeMm3:0} mm3");
        // A cortex under the fixed probe's 600 HU is found by the enclosure, and the marrow is kept apart for the oral-contrast detector.
        if (cortex < BloodPoolDetector.RingCortexHu) Assert.Contains(true, r.Marrow);
    }

    [Fact]
    public void Detect_MottledMarrowBelowTheChest_IsNotBlood()
    {
        // Trabecular bone of an osteopenic vertebra: 250 +- 110 HU in a cortex of 500 HU.
        var (hu, tissue) = Slab(250, 500, 110, aortaHu: null);
        Assert.False(BloodPoolDetector.Detect(hu, tissue, new bool[Slices]).Enhanced);
    }

    /// <summary>
    /// One artery of 14 mm running the whole slab (75 mm), the only contrast in the study, as the phantom family's arterial
    /// pelvis with sclerotic marrow (seed 1727): its core is under the pool's 5 mL, so no pool is called, but it is
    /// reported as a long vessel core, which shows the contrast as the tubes apart from the pool do. The same artery over
    /// 20 mm in the middle of the slab is no tube; nor is the long one at the level of the lungs.
    /// </summary>
    [Fact]
    public void Detect_LoneLongArtery_IsALongVesselCoreAShortPieceIsNot()
    {
        (Volume<short> Hu, byte[] Tissue) Artery(int fromZ, int toZ) => Draw(11, (x, y, z, _) =>
        {
            if (!InTrunk(x, y)) return null;
            double ax = (x - 80) * Mm, ay = (y - 80) * Mm;
            return z >= fromZ && z < toZ && ax * ax + ay * ay <= 7 * 7 ? (short)320 : (short)45;
        });
        var (hu, tissue) = Artery(0, Slices);
        var belowTheChest = new bool[Slices];
        var r = BloodPoolDetector.Detect(hu, tissue, belowTheChest);
        Assert.False(r.Enhanced);
        Assert.InRange(r.LongVesselMm3, Calcification.ContrastFilledTube.MinEnhancedMm3, BloodPoolDetector.MinEnhancedMm3 - 1);
        Assert.InRange(r.LongVesselMeanHu, 300, 340);
        var (shortHu, shortTissue) = Artery(11, 19);
        Assert.Equal(0, BloodPoolDetector.Detect(shortHu, shortTissue, belowTheChest).LongVesselMm3);
        Assert.Equal(0, BloodPoolDetector.Detect(hu, tissue).LongVesselMm3);
    }

    /// <summary>
    /// A wide vertebral body of uniform red marrow (165 HU with about 13 HU of noise) in a thin dense cortex, below the
    /// chest and without contrast, as the phantom family's unenhanced pelvis 1891: eroded from the range's low end, its
    /// core is riddled with holes of noise, and the rays from their edges, deep in the marrow, fell short of the cortex
    /// (enclosed on under half its rays: a blood pool). Walked through the marrow they meet the cortex. A lumen of the
    /// same density and noise in soft tissue is still blood. Fails with the reach counted from the run's end (6.1 mL of pool).
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Detect_NoisyUniformMarrowOfAWideVertebra_IsMarrowALumenOfItsDensityIsBlood(bool cortex)
    {
        var (hu, tissue) = Draw(13, (x, y, z, i) =>
        {
            if (!InTrunk(x, y, 75, 70)) return null;
            double bx = (x - 80) * Mm, by = (y - 95) * Mm, rb = Math.Sqrt(bx * bx + by * by);
            if (rb > 30) return 45;
            if (cortex && rb > 30 - Mm) return 1100;
            // Noise of the marrow from a hash of the voxel: uniform +-20 HU, with the grid's +-8 HU about 13 HU spread.
            return (short)(165 + (int)((uint)(i * 2654435761u) >> 16) % 41 - 20);
        });
        var r = BloodPoolDetector.Detect(hu, tissue, new bool[Slices]);
        if (cortex) Assert.False(r.Enhanced, $"uniform marrow in its cortex read as a blood pool of {r.VolumeMm3:0} mm3");
        else Assert.True(r.Enhanced, "a lumen of 165 HU in soft tissue was not read as blood");
    }

    [Fact]
    public void Detect_ArterialAortaBesideMarrow_PoolIsTheAorta()
    {
        var (hu, tissue) = Slab(250, 1000, 0, aortaHu: 320);
        var r = BloodPoolDetector.Detect(hu, tissue);
        Assert.True(r.Enhanced);
        Assert.InRange(r.MeanHu, 290, 340);
    }

    /// <summary>
    /// Venous phase against red marrow: a vertebral body of mottled marrow (250 +- 90 HU) under an osteopenic cortex (450
    /// HU, within the lumen's range) with an aorta and a cava of 180 HU pressed against it over a few slices, as in the
    /// phantom family's seed 5, join into one core. It is blood as a whole (the pool is found), but slice by slice its marrow is rimmed and
    /// mottled, and that marrow, out of the blood's reach, is nothing a calcification can lie against.
    /// </summary>
    [Fact]
    public void Detect_MarrowJoinedToTheGreatVeins_IsMarrowInThePool()
    {
        var (hu, tissue) = Draw(13, (x, y, z, _) =>
        {
            if (!InTrunk(x, y, 75, 60)) return null;
            double bx = (x - 80) * Mm, by = (y - 105) * Mm;
            double rb = Math.Sqrt(bx * bx + by * by);
            if (rb <= 22) return rb > 22 - 2 * Mm ? (short)450 : (short)(250 + ((x / 2 + y / 2 + z) % 2 == 0 ? 90 : -90));
            foreach (var cx in new[] { 68, 92 })
            {
                // Pressed against the bone in the first slices only: in the others the slice shows marrow and blood apart.
                double ax = (x - cx) * Mm, ay = (y - (z < 5 ? 88 : 74)) * Mm;
                if (ax * ax + ay * ay <= 24 * 24) return 180;
            }
            return 45;
        });
        var r = BloodPoolDetector.Detect(hu, tissue, new bool[Slices]);
        Assert.True(r.Enhanced, "the veins are enhanced blood");
        int Cell(int x, int y) => (Slices / 2 * N + y) * N + x;
        Assert.True(r.MarrowInPool[Cell(80, 110)], $"the vertebral body's marrow is marrow (set aside whole: {r.Marrow[Cell(80, 110)]}, pool {r.VolumeMm3:0} mm3)");
        Assert.False(r.MarrowInPool[Cell(64, 70)], "the cava's lumen is blood");
        Assert.False(r.MarrowInPool[Cell(96, 70)], "the aorta's lumen is blood");
    }

    [Fact]
    public void Detect_LatePhaseAortaAt150Hu_IsEnhancedByTheSecondPass()
    {
        var (hu, tissue) = Slab(250, 1000, 0, aortaHu: 150);
        var r = BloodPoolDetector.Detect(hu, tissue);
        Assert.True(r.Enhanced, "an aorta of 150 HU is enhanced blood");
        Assert.InRange(r.MeanHu, 120, 200);
    }

    [Fact]
    public void Detect_UnenhancedAortaAt45Hu_IsUnenhanced()
    {
        var (hu, tissue) = Slab(250, 1000, 0, aortaHu: 45);
        Assert.False(BloodPoolDetector.Detect(hu, tissue).Enhanced);
    }

    /// <summary>
    /// A head whose skull tables, blurred, are no denser than contrast (560 HU round a 480 HU diploe: under the enclosure's
    /// and the rim's margins over the core, as the phantom family's heads with a 700 HU cortex at thick slices): without the
    /// depth below the skin its diploe is a long tube of 'enhanced blood'; with it, the diploe lies under the scalp,
    /// shallower than any blood pool, and the head is unenhanced.
    /// </summary>
    [Fact]
    public void Detect_DiploeOfALowDensitySkull_IsNotBlood()
    {
        const double radius = 100;
        var depth = new byte[N * N * Slices];
        var (v, tissue) = Draw(11, (x, y, z, i) =>
        {
            double d = radius - Math.Sqrt((x - 80) * (x - 80) + (y - 80) * (y - 80)) * Mm;
            if (d < 0) return null;
            depth[i] = (byte)Math.Min(250, d);
            // Skin, scalp fat, outer table, diploe (8 mm: thick at the vertex), inner table, brain.
            return d < 2 ? (short)40 : d < 6 ? (short)-100 : d < 8 ? (short)560 : d < 16 ? (short)480 : d < 18 ? (short)560 : (short)35;
        });
        Assert.True(BloodPoolDetector.Detect(v, tissue).Enhanced, "the synthetic diploe no longer looks like blood without depth: the test shows nothing");
        Assert.False(BloodPoolDetector.Detect(v, tissue, depthMm: depth).Enhanced);
    }

    /// <summary>
    /// A sclerotic spine under a cortex one voxel thin (360 HU marrow, 600 HU cortex at 0.75 mm): on the tissue map's
    /// 1.5 mm grid the cortex is averaged to little more than the marrow, and the column passes for a long tube of
    /// enhanced blood; each cell's densest voxel keeps the cortex, which rings the marrow on every side.
    /// </summary>
    [Fact]
    public void Detect_SpineUnderAThinCortex_IsMarrowOnTheGridsPeaks()
    {
        const int n = 240, slices = 20;
        var hu = new Volume<short>(VolumeGeometry.Axial(n, n, slices, 0.75, 0.75, 2.5));
        var rng = new Random(5);
        for (int z = 0; z < slices; z++)
            for (int y = 0; y < n; y++)
                for (int x = 0; x < n; x++)
                {
                    double tx = (x - 120) / 110.0, ty = (y - 120) / 90.0;
                    double r = Math.Sqrt((x - 120) * (x - 120) + (y - 150) * (y - 150)) * 0.75;
                    short h = tx * tx + ty * ty > 1 ? (short)-1000 : r <= 14.25 ? (short)360 : r <= 15 ? (short)600 : (short)45;
                    hu.Data[(z * n + y) * n + x] = h == -1000 ? h : (short)(h + rng.Next(-8, 9));
                }
        var map = TissueMapper.Map(hu);
        Assert.True(map.Factor > 1, "the grid is no coarser than the voxels: the test shows nothing");
        Assert.True(BloodPoolDetector.Detect(map.Coarse, map.Codes).Enhanced, "the averaged cortex already rings the marrow: the test shows nothing");
        Assert.False(BloodPoolDetector.Detect(map.Coarse, map.Codes, peak: map.CoarsePeak).Enhanced);
    }

    /// <summary>
    /// A sclerotic column ringed by a faint cortex (360 HU in 500 HU: rimmed, but under the enclosure's 200 HU over the
    /// core) that carries, over its upper 14 slices, a broad uncorticated process: rays leaving along the process run
    /// out into soft tissue, and they outnumber the rimmed ones over the whole column; level by level the ring still
    /// shows on more than half of its slices, which no blood pool does.
    /// </summary>
    [Fact]
    public void Detect_ColumnRingedOnMostOfItsSlices_IsMarrow()
    {
        (Volume<short> Hu, byte[] Tissue) Column(int processFrom) => Draw(13, (x, y, z, _) =>
        {
            if (!InTrunk(x, y)) return null;
            double bx = (x - 80) * Mm, by = (y - 100) * Mm, rb = Math.Sqrt(bx * bx + by * by);
            if (rb <= 22) return rb > 22 - 2 * Mm ? (short)500 : (short)360;
            if (z >= processFrom && x >= 60 && x <= 100 && y >= 50 && y <= 88) return 330;
            return 45;
        });
        var (processOnly, processTissue) = Column(processFrom: 0);
        Assert.True(BloodPoolDetector.Detect(processOnly, processTissue).Enhanced, "the column with its process on every slice is marrow already: the test shows nothing");
        var (hu, tissue) = Column(processFrom: 16);
        Assert.False(BloodPoolDetector.Detect(hu, tissue).Enhanced);
    }

    /// <summary>
    /// Below the chest a level of marrow counts as ringed from 70 % of its rays: an ivory sacrum under a cortex 100-200
    /// HU denser, blurred at a thick slice, shows it on three of four rays level by level. In the chest the 80 % stand,
    /// since contrast streaming into the veins beside the ribs and clavicles is ringed by their bone on up to 68 %; there
    /// the column's cortex, 140 HU over its marrow at the median ray, tells it instead
    /// (<see cref="BloodPoolDetector.ChestFaintCortexExcessHu"/>), which uneven contrast in a real chest never reaches.
    /// </summary>
    [Fact]
    public void Detect_ColumnMostlyRingedOnEverySlice_IsMarrowBelowTheChestAndByItsCortexInIt()
    {
        const double processHalfHeightMm = 12;
        var (hu, tissue) = Draw(17, (x, y, z, _) =>
        {
            if (!InTrunk(x, y)) return null;
            double bx = (x - 80) * Mm, by = (y - 100) * Mm, rb = Math.Sqrt(bx * bx + by * by);
            if (rb <= 22) return rb > 22 - 2 * Mm ? (short)500 : (short)360;
            if (Math.Abs(by) <= processHalfHeightMm && Math.Abs(bx) <= 40) return 360;
            return 45;
        });
        Assert.False(BloodPoolDetector.Detect(hu, tissue).Enhanced);
        Assert.False(BloodPoolDetector.Detect(hu, tissue, new bool[Slices]).Enhanced);
    }

    /// <summary>
    /// The marrow of a flat bone (an iliac wing of red marrow in an unenhanced pelvis): the plate's cortex lies close above
    /// and below every run of its marrow, but along the plate the rays leave the tapering ends of the marrow's runs
    /// without reaching the tips, so only half of all rays are enclosed, and the plate is long and narrow enough to
    /// pass as a tube of vessel calibre. Met on both sides along the plate's thickness by every run, it is marrow. The
    /// same plate without its cortex (a flat lumen of contrast) stays blood.
    /// </summary>
    [Fact]
    public void Detect_MarrowOfAFlatBoneMetAboveAndBelow_IsNotBlood()
    {
        (Volume<short> Hu, byte[] Tissue) Plate(short cortexHu) => Draw(19, (x, y, z, _) =>
        {
            if (!InTrunk(x, y)) return null;
            // A lozenge 120 x 28 mm in section, tapering to its tips, under a cortex two voxels thick above and below.
            double px = (x - 80) * Mm / 60, py = (y - 95) * Mm / 14, r = Math.Abs(px) + Math.Abs(py);
            if (r > 1) return 45;
            return r > 1 - 2 * Mm / 14 ? cortexHu : (short)220;
        });
        var (lumen, lumenTissue) = Plate(cortexHu: 220);
        Assert.True(BloodPoolDetector.Detect(lumen, lumenTissue, new bool[Slices]).Enhanced, "a flat lumen without a cortex is no blood: the test shows nothing");
        var (hu, tissue) = Plate(cortexHu: 1000);
        var r = BloodPoolDetector.Detect(hu, tissue, new bool[Slices]);
        Assert.False(r.Enhanced, $"the marrow of a flat bone read as a blood pool of {r.VolumeMm3:0} mm3");
    }

    /// <summary>
    /// Two veins the scanned range cuts, 25 mm of each inside it (a venous pelvis whose iliac veins enter near the range's
    /// lower edge): shorter than a vessel must be, but they reach the last slice, and their HU is as even as a lumen's. The
    /// same tubes lying inside the range are too short to tell from other things; mottled like trabecular bone, they are
    /// no lumen either.
    /// </summary>
    [Theory]
    [InlineData(0, 0, true)]
    [InlineData(10, 0, false)]
    [InlineData(0, 100, false)]
    public void Detect_ShortVeinsCutByTheRange_AreEnhancedIfEvenAndCut(int fromSlice, short mottle, bool enhanced)
    {
        var (hu, tissue) = Draw(23, (x, y, z, _) =>
        {
            if (!InTrunk(x, y)) return null;
            if (z < fromSlice || z >= fromSlice + 10) return 45;
            foreach (int cx in (ReadOnlySpan<int>)[60, 100])
                if ((x - cx) * (x - cx) + (y - 85) * (y - 85) <= 7 * 7) return (short)(180 + ((x + y + z) % 2 == 0 ? mottle : -mottle));
            return 45;
        });
        var r = BloodPoolDetector.Detect(hu, tissue, new bool[Slices]);
        Assert.Equal(enhanced, r.Enhanced);
    }

    /// <summary>
    /// Sclerotic marrow of 360 HU under a cortex blurred to 440 HU (the phantom family's seed 1610 at 1.77 mm): the
    /// cortex is under the enclosure's 200 HU and the rim's 100 HU over the core, so only the densest voxel each ray meets
    /// before leaving the enhanced range tells it (80 HU over the core on most rays). Below the chest that is marrow.
    /// </summary>
    [Fact]
    public void Detect_ScleroticMarrowUnderAFaintCortex_IsNotBlood()
    {
        var (hu, tissue) = Slab(360, 440, 0, aortaHu: null);
        var r = BloodPoolDetector.Detect(hu, tissue, new bool[Slices]);
        Assert.False(r.Enhanced, $"marrow under a faint cortex read as a blood pool of {r.VolumeMm3:0} mm3");
        Assert.Contains(true, r.Marrow);
    }

    /// <summary>
    /// In the chest: sclerotic marrow of 420 HU under a cortex 130 HU denser but on one side, where it is only 60 HU denser
    /// (the phantom family's seed 2657, an arterial chest whose spine, 252 mL at 424 HU, was rimmed on three rays in four
    /// and 135 HU under its cortex at the median ray) is marrow: rimmed on too few rays for the rim's rule, too faint for
    /// the enclosure's, its faint cortex twice as far over the core as uneven contrast in a real chest rises. An arterial
    /// aorta beside it stays blood.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Detect_ChestMarrowUnderAFaintCortex_IsNotBlood_TheAortaBesideItIs(bool aorta)
    {
        var (hu, tissue) = Slab(420, 550, 0, aortaHu: aorta ? (short)330 : null, weakCortexHu: 480);
        var lungLevel = Enumerable.Repeat(true, Slices).ToArray();
        var r = BloodPoolDetector.Detect(hu, tissue, lungLevel);
        Assert.Equal(aorta, r.Enhanced);
        if (aorta) Assert.InRange(r.MeanHu, 300, 350);
        Assert.Contains(true, r.Marrow);
    }

    [Fact]
    public void Detect_ArterialAortaBesideMarrowUnderAFaintCortex_IsStillBlood()
    {
        var (hu, tissue) = Slab(360, 440, 0, aortaHu: 330);
        var r = BloodPoolDetector.Detect(hu, tissue, new bool[Slices]);
        Assert.True(r.Enhanced);
        Assert.InRange(r.MeanHu, 300, 350);
    }

    /// <summary>
    /// Where the lumens differ, the densest one's level is kept apart from all lumens' mean: an arterial aorta of 330 HU
    /// beside two kidney-like bodies of 186 HU, whose volume pulls the mean under the aorta's level.
    /// </summary>
    [Fact]
    public void Detect_AortaBesideFainterEnhancingOrgans_DensestLumenIsTheAortas()
    {
        var (hu, tissue) = Draw(37, (x, y, z, _) =>
        {
            if (!InTrunk(x, y)) return null;
            double ax = (x - 80) * Mm, ay = (y - 70) * Mm;
            if (ax * ax + ay * ay <= 12 * 12) return 330;
            foreach (int cx in (ReadOnlySpan<int>)[40, 120])
            {
                double kx = (x - cx) * Mm / 22, ky = (y - 95) * Mm / 30;
                if (kx * kx + ky * ky <= 1) return 186;
            }
            return 45;
        });
        var r = BloodPoolDetector.Detect(hu, tissue, new bool[Slices]);
        Assert.True(r.Enhanced);
        Assert.True(r.MeanHu < 300, $"all lumens' mean {r.MeanHu:0} HU: the organs do not pull it down, the test shows nothing");
        Assert.InRange(r.DensestLumenHu, 330, 360);
    }

    /// <summary>
    /// A barrel of 200 HU, 42 mm long and 30 mm across (a red-marrow femoral head of the phantom family's seed 1600 was
    /// such a core: 15 mL over 42 mm), is no vessel: under the volume of a chamber and no longer than twice its width.
    /// Two tubes of the same density, 18 mm across over 58 mm, are the iliac vessels of an enhanced study.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Detect_ABallOfContrastDensity_IsNoVessel_ATubeIs(bool tubes)
    {
        var (hu, tissue) = Draw(29, (x, y, z, _) =>
        {
            if (!InTrunk(x, y)) return null;
            double dz = (z - Slices / 2.0 + 0.5) * SliceMm;
            if (tubes)
            {
                if (Math.Abs(dz) > 29) return 45;
                foreach (int cx in (ReadOnlySpan<int>)[60, 100])
                    if ((x - cx) * (x - cx) + (y - 85) * (y - 85) <= 6 * 6) return 200;
                return 45;
            }
            double bx = (x - 80) * Mm / 15, by = (y - 85) * Mm / 15, bz = dz / 21;
            return bx * bx + by * by + bz * bz <= 1 ? (short)200 : (short)45;
        });
        var r = BloodPoolDetector.Detect(hu, tissue, new bool[Slices]);
        Assert.Equal(tubes, r.Enhanced);
    }

    [Fact]
    public void Detect_AStomachOfDilutedContrastUnderItsGasCap_IsNoBloodPool()
    {
        // LIDC-IDRI 0003's stomach: positive oral contrast of 260 HU, as even as blood, under a cap of gas with a layer of
        // less opacified fluid (about 8 mm, 100 HU) between them. Rows run backwards (+Y): the front is at lower y.
        var (hu, tissue) = Draw(11, (x, y, z, _) =>
        {
            if (!InTrunk(x, y)) return null;
            double sx = (x - 80) * Mm, sy = (y - 85) * Mm;
            if (sx * sx + sy * sy > 40 * 40) return 45;
            if (sx * sx + sy * sy > 37 * 37) return 60;
            if (sy < -25) return -1000;
            if (sy < -17) return 100;
            return 260;
        });
        for (int i = 0; i < tissue.Length; i++) if (hu.Data[i] < TissueMapper.BodyHu && tissue[i] != 0) tissue[i] |= TissueClass.Air;
        var gas = new bool[tissue.Length];
        for (int i = 0; i < gas.Length; i++) gas[i] = (tissue[i] & TissueClass.Air) != 0;
        Assert.True(BloodPoolDetector.Detect(hu, tissue, new bool[Slices]).Enhanced, "without the bowel gas the stomach passes for blood: the test shows nothing");
        Assert.False(BloodPoolDetector.Detect(hu, tissue, new bool[Slices], bowelGas: gas).Enhanced);
    }
}
