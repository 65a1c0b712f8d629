using CalciScope.Phantoms.Family;
using CalciScope.Segmentation;
using Xunit.Abstractions;

namespace CalciScope.Tests.Family;

/// <summary>The seeded random phantom family: 50 cases analysed against their truth, once per test run.</summary>
public sealed class PhantomFamilyFixture
{
    public const int Cases = 50;
    public IReadOnlyList<FamilyCaseResult> Results { get; } = Enumerable.Range(1, Cases).AsParallel().AsOrdered().WithDegreeOfParallelism(1)
        .Select(s => FamilyEvaluation.Run(s)).ToList();
}

public class PhantomFamilyTests(PhantomFamilyFixture family, ITestOutputHelper output) : IClassFixture<PhantomFamilyFixture>
{
    [Fact]
    public void Draw_FamilyCoversRegionsContrastsMarrowSlicesAndPatterns()
    {
        var cases = Enumerable.Range(1, 200).Select(FamilyCase.Draw).ToList();
        Assert.Equal(5, cases.Select(c => c.Region).Distinct().Count());
        Assert.Equal(4, cases.Select(c => c.Contrast).Distinct().Count());
        Assert.Equal(3, cases.Select(c => c.MarrowKind).Distinct().Count());
        Assert.InRange(cases.Min(c => c.SliceMm), 0.6, 0.8);
        Assert.InRange(cases.Max(c => c.SliceMm), 4.5, 5.0);
        Assert.Contains(cases, c => c.Patterns.Count == 0);
        foreach (var p in FamilyCase.PatternRegions.Keys) Assert.Contains(cases, c => c.Patterns.Contains(p));
        // The scanned range of some chest and abdomen cases reaches past the ribs' ends or into the pelvis.
        Assert.Contains(cases, c => c.Region == FamilyRegion.Abdomen && c.FromZMm < FamilyBody.IliacCrestZ);
        // Some thighs are scanned alone, one limb without the other; no other region is.
        var thighs = cases.Where(c => c.Region == FamilyRegion.Thigh).ToList();
        Assert.InRange(thighs.Count(c => c.SingleLimb), 0.15 * thighs.Count, 0.45 * thighs.Count);
        Assert.DoesNotContain(cases, c => c.SingleLimb && c.Region != FamilyRegion.Thigh);
    }

    /// <summary>
    /// Fat or muscle parts a bowel loop from the pelvis's vessels and bones (<see cref="FamilyBody.LoopClearanceMm"/>):
    /// drawn without it, seed 486's loop engulfed an iliac artery with its plaque and seed 74's loops lay on the femoral
    /// heads, so that calcium inside a loop's contrast was truth no reader could find. Every point of oral-contrast content
    /// in these pelves keeps the clearance from every vessel's wall and every bone, in its section and above and below.
    /// </summary>
    [Theory]
    [InlineData(74)]
    [InlineData(88)]
    [InlineData(486)]
    public void Generate_BowelLoops_KeepClearOfVesselsAndBones(int seed)
    {
        var c = FamilyCase.Draw(seed);
        Assert.Equal(FamilyContrast.Oral, c.Contrast);
        var body = new FamilyBody(c);
        var (ca, cb) = body.Cavity;
        double clear = FamilyBody.LoopClearanceMm - 0.5;
        int content = 0;
        for (double z = Math.Max(c.FromZMm, FamilyBody.ThighZ); z <= Math.Min(c.ToZMm, FamilyBody.IliacCrestZ); z += 3)
            for (double y = -cb; y <= cb; y += 1.5)
                for (double x = -ca; x <= ca; x += 1.5)
                {
                    if (body.Hu(x, y, z) != 500 || body.IsBone(x, y, z)) continue;
                    content++;
                    foreach (var v in body.Vessels(z))
                        Assert.True(Math.Sqrt((x - v.X) * (x - v.X) + (y - v.Y) * (y - v.Y)) >= v.R + clear, $"loop content at ({x}, {y}, {z}) within the clearance of a vessel");
                    for (int a = 0; a < 16; a++)
                        foreach (double dz in new[] { -clear, 0, clear })
                            Assert.False(body.IsBone(x + clear * Math.Cos(a * Math.PI / 8), y + clear * Math.Sin(a * Math.PI / 8), z + dz),
                                $"loop content at ({x}, {y}, {z}) within the clearance of a bone");
                }
        Assert.True(content > 1000, $"only {content} points of loop content sampled");
    }

    /// <summary>
    /// A thigh scanned alone (the family's single limbs, drawn last so every other draw of the seed is unchanged) has one
    /// section at every level, and every lesion in it is on its side.
    /// </summary>
    [Fact]
    public void Generate_SingleThigh_OneSectionAndItsLesionsOnTheRight()
    {
        var c = Enumerable.Range(1, 200).Select(FamilyCase.Draw).First(x => x.SingleLimb && x.Patterns.Count > 0);
        var study = FamilyGenerator.Generate(c);
        Assert.All(study.Lesions, l => Assert.Equal("right", l.Side));
        var g = study.Hu.Geometry;
        int k = g.SizeZ / 2, left = 0;
        var slice = study.Hu.Slice(k);
        for (int j = 0; j < g.SizeY; j++)
            for (int i = 0; i < g.SizeX; i++)
                if (slice[j * g.SizeX + i] > -500 && g.ToPatient(i, j, k).X > 0) left++;
        Assert.Equal(0, left);
    }

    /// <summary>
    /// Development seeds that each showed one failure, held right: 52, three plaques in contrast-filled carotid arteries
    /// at 1.7 mm (found above the sections' peak, ContrastFilledTube.DenseParts); 146, femoral vessels cut 9 mm below a
    /// pelvis (2.3 mL of 'amorphous' calcification, now stumps of contrast); 130, a venous-phase heart fallen apart at the
    /// threshold into 2.2 mL of faint 'strands' (now the noise tail of tissue); 58, two caps of the femoral heads at 4.5 mm
    /// called myositis ossificans (2.1 mL; now the bones' ends); from a second development range (351-470), 441, the
    /// solid top slices of both femoral heads (3.3 mL of 'sheets'), and 396 and 459, a neck and a lumbar spine whose
    /// cortex is too faint to show (7.3 and 7.2 mL of 'zonal' and 'amorphous' calcification; now the spinal column); from
    /// a third (471-570), 534, carotids at 1 mm whose three plaques made them too dense for contrast and 'bone' where the
    /// range cut them (now tubes whose sections are mostly contrast); 162 and 176, aortic plaques on the spine at 3.2-3.3 mm
    /// that partial volume widened to 5 pixels, kept with the bone by a 2 mm opening (now carved by the wider one); 520, a
    /// carotid plaque of 313 mm3 at 1034 HU in an unenhanced neck at 4.35 mm, taken for a piece of rib (now ribs are
    /// looked for in the trunk or where the range cuts); 160, two phleboliths in enhanced pelvic veins at 1.8 mm, joined to
    /// a pelvis of dense marrow through the veins' blood and drawn as bone (now carved: NoduleOnBone); 406, a 503 mm3
    /// strand of a subcutaneous network, mostly outside the muscular wall, drawn as costal cartilage beside a rib; 492, an
    /// arterial pelvis whose only lumens lay inside its bones, its femoral vessels' stumps (437 mm3 each, cut after two
    /// slices) 875 mm3 of 'linear' calcium in muscle (now stumps once the lumens inside bone show the contrast); from a
    /// later range (1371-1520), 1417, a venous-phase neck whose carotid at 165 HU the head scan's lower edge cut after 4
    /// slices (479 mm3 of 'muscle nodular' calcification; now a round stump nowhere as dense as calcium), and 1520, an
    /// arterial pelvis of sclerotic marrow whose aorta, joined to the spine, drew the skeleton's midline aside (half a
    /// spinous process, 1.5 mL, carved as a mass).
    /// </summary>
    [Theory]
    [InlineData(52, 3, 0)]
    [InlineData(146, 1, 50)]
    [InlineData(130, 0, 50)]
    [InlineData(58, 2, 50)]
    [InlineData(441, 0, 50)]
    [InlineData(396, 1, 50)]
    [InlineData(459, 2, 500)]
    [InlineData(534, 3, 50)]
    [InlineData(162, 3, 50)]
    [InlineData(176, 2, 50)]
    [InlineData(520, 2, 50)]
    [InlineData(160, 2, 50)]
    [InlineData(406, 3, 50)]
    [InlineData(492, 1, 50)]
    [InlineData(1417, 1, 50)]
    [InlineData(1520, 0, 50)]
    public void Analyze_DevelopmentSeed_FoundAndFalseVolumeHeld(int seed, int found, double maxFalseSoftMm3)
    {
        var r = FamilyEvaluation.Run(seed);
        Assert.Equal(found, r.Found);
        Assert.True(r.FalseSoftMm3 <= maxFalseSoftMm3, $"seed {seed}: {r.FalseSoftMm3:0} mm3 false soft tissue");
    }

    /// <summary>
    /// Venous-phase necks whose carotids and jugulars (165-180 HU, no blood pool to show the contrast) the head scan's
    /// lower edge cuts after a few slices: seed 1496 at 0.8 mm (four stumps of 8 slices, 1.5 mL of 'muscle nodular'
    /// calcification) and 917 at 4.78 mm (two of 0.8 mL). Round stumps nowhere as dense as calcium are vessels, and two
    /// or more of them show the contrast.
    /// </summary>
    [Theory]
    [InlineData(1496)]
    [InlineData(917)]
    public void Analyze_VenousNeckCutBelowTheSkullBase_StumpsAreContrast(int seed)
    {
        var r = RunCalled(seed, enhanced: true, found: 0);
        Assert.True(r.FalseSoftMm3 <= 50, $"seed {seed}: {r.FalseSoftMm3:0} mm3 of false soft-tissue calcification");
    }

    /// <summary>
    /// A ringed phlebolith a blur above a pelvic bone (seed 74, slices of 0.96 mm: 176 mm3 at a mean of 320 HU, its rim
    /// averaged with its lucent centre, 3.8 mm over the bone's top) looks bone-like to the first look and had been
    /// attached to the skeleton; in the pelvis it is measured as the vein's stone.
    /// </summary>
    [Fact]
    public void Analyze_StoneABlurAboveAPelvicBone_IsAPhlebolith()
    {
        var r = FamilyEvaluation.Run(74);
        Assert.Equal(2, r.Found);
        Assert.Equal(1, r.Phleboliths);
        Assert.Equal(1, r.PhlebolithsVascular);
    }

    /// <summary>
    /// Chests in a venous phase with fatty marrow: no vertebral body (a ring of 780-840 HU cortex round marrow, beside
    /// the aorta) taken for the wall of the blood pool (seed 378: 22.5 mL of false vascular calcification; seed 130,
    /// of heavy habitus, 20.5 mL once its lungs, under 15 % of the body's section, were seen as lungs and it was called
    /// enhanced), and seed 423's aortic plaque, joined through a blur to something running the whole range, found.
    /// </summary>
    [Theory]
    [InlineData(130, 0)]
    [InlineData(378, 0)]
    [InlineData(423, 2)]
    public void Analyze_VenousChest_EnhancedNoVertebraAsWallPlaqueFound(int seed, int found)
    {
        RunCalledWithin(seed, enhanced: true, found);
    }

    /// <summary>
    /// Venous phases with red marrow as dense as the blood, under a cortex within the lumen's range, where the aorta and
    /// cava lie against the spine or the pelvis and join its marrow into one pool core: seed 5 (an abdomen at 1.24 mm:
    /// 5.6 mL of vertebral cortex, cut into halves and strands by the calcium threshold, had been vessel wall) and seed
    /// 87 (a pelvis at 3.27 mm: 2.2 mL of pelvic cortex). That marrow, out of the blood's reach, is nothing to lie
    /// against, and cortex along it is bone; their lesions are still found. Where the marrow is dense enough to join its
    /// cortex into one solid body, the spine touching the pool is judged as bones are (seeds 1371 and 1220, venous
    /// abdomens of sclerotic and red marrow at 1.13 and 3.19 mm: spines of 95 and 80 mL, 94 and 62 mL of 'vessel wall';
    /// 1220's aortic plaque, which that 'wall' had held, lies along the vertebra and is missed, as the README's known
    /// limits say of such plaques).
    /// </summary>
    [Theory]
    [InlineData(5, 3, 50)]
    [InlineData(87, 2, 250)]
    [InlineData(1371, 1, 50)]
    [InlineData(1220, 2, 50)]
    public void Analyze_MarrowJoinedToTheVeins_CortexIsBone(int seed, int found, double maxFalseAnyMm3)
    {
        var r = RunCalledWithin(seed, enhanced: true, found, maxFalseAnyMm3);
        Assert.True(r.FalseSoftMm3 <= 50, $"seed {seed}: {r.FalseSoftMm3:0} mm3 of false soft-tissue calcification");
    }

    /// <summary>
    /// Pelves whose iliac wings the cortex rules missed: seed 411 (3.35 mm, red marrow: one wing, 188 mL of 'visceral'
    /// calcification), 167 (3.8 mm, sclerotic marrow: 50 mL each as vessel wall) and 76 (2.4 mm, wings touching the
    /// iliac veins' blood pool: 80 mL each as vessel wall). Each wing is mirrored across the midline by bone or by the
    /// other (MirroredBone), and their lesions are still found; seed 392's femoral veins, enhanced tubes of 17 mL that
    /// mirror each other too, stay vessels (two rice grains on them had been lost into 'bone' and the study called
    /// unenhanced when they were paired).
    /// </summary>
    [Theory]
    [InlineData(411, 1)]
    [InlineData(167, 2)]
    [InlineData(76, 1)]
    [InlineData(392, 7)]
    public void Analyze_MirroredPairs_WingsBoneVeinsVesselsLesionsFound(int seed, int found)
    {
        var r = FamilyEvaluation.Run(seed);
        Assert.Equal(found, r.Found);
        Assert.True(r.FalseAnyMm3 <= 50, $"seed {seed}: {r.FalseAnyMm3:0} mm3 of false calcification");
    }

    /// <summary>
    /// A head at 4.6 mm whose outer table, averaged to 784 HU and parted from the inner table by fatty diploe, lies
    /// within the scalp (seed 140): taken as the skull's outer table, not a 67 mL 'zonal mass'; its two lesions found.
    /// </summary>
    [Fact]
    public void Analyze_OuterTableUnderThinScalp_IsSkull()
    {
        var r = FamilyEvaluation.Run(140);
        Assert.Equal(2, r.Found);
        Assert.True(r.FalseAnyMm3 <= 50, $"{r.FalseAnyMm3:0} mm3 of false calcification");
    }

    /// <summary>
    /// Necks whose carotid and jugular, joined side by side, are cut by the range after 22-27 mm (a box twice as wide as
    /// either vessel): taken as a vessel's stump, not bone, so that seed 377 (arterial, 4.45 mm) is called enhanced and
    /// its two carotid plaques, in half of each stump's sections, are carved from the tubes, and seed 69's carotid plaque
    /// (venous, 4.89 mm) is carved from its tube and found.
    /// </summary>
    [Theory]
    [InlineData(377, 3)]
    [InlineData(69, 1)]
    public void Analyze_VesselPairCutByTheRange_IsNoBone(int seed, int found)
    {
        RunCalled(seed, enhanced: true, found);
    }

    /// <summary>
    /// Enhanced pelves whose only lumens, the iliac arteries and veins, join the hemipelves at the calcium threshold
    /// through the blur between them (seeds 452 and 453 venous at 3-4 mm, 514 arterial at 3.5 mm): called enhanced from
    /// the lumens found inside the bones' components (TubeInBone), their lesions still found.
    /// </summary>
    [Theory]
    [InlineData(452, 2)]
    [InlineData(453, 1)]
    [InlineData(514, 2)]
    public void Analyze_EnhancedPelvis_LumensAgainstBone_CalledEnhanced(int seed, int found)
    {
        RunCalled(seed, enhanced: true, found);
    }

    /// <summary>
    /// Pelves whose iliac wings of red marrow, long and narrow enough to pass as iliac vessels, had made a blood pool:
    /// unenhanced ones (seeds 395 and 512) are unenhanced once marrow met above and below by every run is marrow, and
    /// they keep their lesions (seed 512 both, once its tumoral mass against the femoral head is carved from it:
    /// <see cref="Detection.MassOnBoneTests"/>); an oral-contrast pelvis (65) whose lowest slices cut a pelvis's red marrow stays
    /// unenhanced; a venous one (76), whose iliac veins show only over 24-29 mm cut by the range, stays enhanced with its
    /// plaque.
    /// </summary>
    [Theory]
    [InlineData(395, false, 1)]
    [InlineData(512, false, 2)]
    [InlineData(65, false, 2)]
    [InlineData(76, true, 1)]
    public void Analyze_PelvisWithFlatBonesOfRedMarrow_ContrastCalledRight(int seed, bool enhanced, int found)
    {
        RunCalled(seed, enhanced, found);
    }

    /// <summary>
    /// Marrow that passed every other test of the blood pool (BloodPoolDetector.FaintCortexExcessHu,
    /// MinTubeElongation): an unenhanced neck (838, 0.62 mm) and oral-contrast abdomen (1610, 1.77 mm) of sclerotic
    /// marrow under a cortex blurred to 80-90 HU over it, called enhanced from their spines (455 mm3 of false soft-tissue
    /// calcification in 838, 546 mm3 in 1610); arterial pelves whose sclerotic or red marrow had joined the pool (1047,
    /// 1168: 0.9 and 17.1 mL of false calcification, and the pelvis read as abdomen); an oral-contrast pelvis of red marrow
    /// (1600) whose femoral head, a ball of 15 mL over 42 mm, had passed as a vein: called enhanced, its phlebolith lost and
    /// 3.3 mL of bone counted as calcium. In the chest (2657, arterial, sclerotic marrow at 1.84 mm, drawn on 2026-12-07)
    /// the spine and sternum under a cortex 105-135 HU denser had joined the heart's pool: 23 mL of ribs and 1.2 mL of
    /// the soft tissue beside them as calcification.
    /// </summary>
    [Theory]
    [InlineData(2657, true, 2)]
    [InlineData(838, false, 2)]
    [InlineData(1610, false, 0)]
    [InlineData(1047, true, 2)]
    [InlineData(1168, true, 0)]
    [InlineData(1600, false, 2)]
    public void Analyze_MarrowUnderAFaintCortexOrABall_IsNoBloodPool(int seed, bool enhanced, int found)
    {
        RunCalledWithin(seed, enhanced, found);
    }

    /// <summary>
    /// Studies whose vertebrae have a posterior arch apart from the body, a cortex open at its back round fatty marrow as
    /// dense as blood without contrast, which the arc test reads as a plaque round a lumen: venous 2863 (an abdomen at
    /// 3.96 mm, drawn on 2026-12-07: 12.2 mL of 'vascular calcification') and 2744 (a neck at 2.2 mm: 4.8 mL), unenhanced
    /// 1821 (a pelvis at 3.65 mm: 2.7 mL) and 2558 (a neck at 3.76 mm: 2.1 mL). Behind the vertebral body on the midline,
    /// the arch is bone (<see cref="CalciScope.Calcification.PosteriorArch"/>).
    /// </summary>
    [Theory]
    [InlineData(2863, true, 2)]
    [InlineData(2744, true, 2)]
    [InlineData(1821, false, 3)]
    [InlineData(2558, false, 0)]
    public void Analyze_PosteriorArchApartFromItsBody_IsBoneNotPlaque(int seed, bool enhanced, int found)
    {
        RunCalledWithin(seed, enhanced, found);
    }

    /// <summary>
    /// Arterial abdomens at 4.6-4.8 mm whose iliac arteries the range cuts after 3-4 slices, below the aorta's core: their
    /// stumps, as dense as the aorta (320-330 HU) but denser than all lumens' mean with the kidneys' 186 HU in it, had
    /// been 1.0-1.4 mL of 'vascular calcification' in seeds 459 and 2279. As dense as the densest lumen, they are contrast
    /// (<see cref="BloodPoolDetector.Result.DensestLumenHu"/>). 459 keeps 249 mm3 of false soft-tissue calcium elsewhere.
    /// </summary>
    [Theory]
    [InlineData(459, 2)]
    [InlineData(2279, 2)]
    public void Analyze_StumpsAsDenseAsTheDensestLumen_AreContrastNotPlaque(int seed, int found)
    {
        RunCalledWithin(seed, enhanced: true, found, maxFalseAnyMm3: 300);
    }

    /// <summary>
    /// An unenhanced abdomen at 0.82 mm (seed 2893) whose reticular deposit of 472 mm3 runs along a rib of the lateral
    /// chest wall: of a rib's size and density, it had been taken for a cut rib, but it fills 0.07 of its principal box
    /// where a rib's piece fills half (<see cref="CalciScope.Calcification.RibSegmentRule.MinFill"/>).
    /// </summary>
    [Fact]
    public void Analyze_NetworkAlongARib_IsFoundNotTakenForTheRib()
    {
        RunCalledWithin(2893, enhanced: false, found: 2);
    }

    /// <summary>
    /// An arterial neck at 0.82 mm cut 15 mm below the skull base (seed 1931): its carotids' stumps, one even at 330 HU,
    /// the other holding a plaque of 177 mm3 peaking at 1,089 HU. The plaqued one had been a bone cut by the range (the
    /// plaque lost in it) and the even one 580 mm3 of 'muscle' calcification; mirrored, they are the lumens, and the
    /// plaque is what rises over the even twin's contrast.
    /// </summary>
    [Fact]
    public void Analyze_CarotidStumpsOneWithAPlaque_AreLumensAndThePlaqueIsFound()
    {
        RunCalledWithin(1931, enhanced: true, found: 1);
    }

    /// <summary>
    /// An arterial chest at 4.3 mm, every slice at the lungs' level, whose aorta in front of the spine holds a ring of
    /// plaque (920 mm3): its lumen, mottled by the plaque and rimmed by it on half its rays, is not the spine's marrow
    /// (no marrow of the spine is seen beyond the lungs), and the plaque is found.
    /// </summary>
    [Fact]
    public void Analyze_AorticRingInFrontOfTheSpineAtTheLungs_StaysPlaque()
    {
        var r = FamilyEvaluation.Run(2393);
        Assert.Equal(r.TruthLesions, r.Found);
    }

    /// <summary>
    /// Pelves at 4.0-4.8 mm whose femoral heads' tops lie in one slice as discs covering a tenth to a sixth of the
    /// section beneath (404-475 mm3 each side, mirrored): the ends of paired bones, not vessel wall nor phleboliths.
    /// </summary>
    [Theory]
    [InlineData(1762)]
    [InlineData(2932)]
    public void Analyze_FemoralHeadTopsMirroredInOneThickSlice_AreBone(int seed)
    {
        var r = FamilyEvaluation.Run(seed);
        Assert.True(r.FalseAnyMm3 <= 50, $"seed {seed}: {r.FalseAnyMm3:0} mm3 of false calcification");
        Assert.Equal(r.TruthLesions, r.Found);
    }

    /// <summary>
    /// Arterial studies with no blood pool in range whose small arteries the range cuts, mostly blurred edge at thin
    /// slices: seed 3188 (a pelvis at 0.62 mm, its femoral arteries cut below it, 1.35 mL each at a mean of 224 HU on a
    /// plateau of 330) and 2568 (a neck at 0.87 mm, its carotids cut below the skull base, one with a plaque). The
    /// mirrored stumps are lumens, the study enhanced, and 2568's plaque is found. Seed 2083 (a neck at 3.2 mm): the left
    /// carotid's stump mirrors the right one joined to its jugular, a known vessel; it is a lumen too (2.5 mL of vessels
    /// are too few to call the study enhanced).
    /// </summary>
    [Theory]
    [InlineData(3188, 2, true)]
    [InlineData(2568, 1, true)]
    [InlineData(2083, 1, false)]
    public void Analyze_SmallArteriesCutByTheRangeAtThinSlices_AreLumens(int seed, int found, bool enhanced)
    {
        var r = RunCalled(seed, enhanced, found);
        Assert.True(r.FalseSoftMm3 <= 50, $"seed {seed}: {r.FalseSoftMm3:0} mm3 of false soft-tissue calcification");
    }

    /// <summary>
    /// Seed 3414, a venous chest at 2.8 mm with no lesion, whose sclerotic ribs and sternum (505-531 HU, rimmed on half
    /// their rays, 24 mm under the skin) are denser than all the venous blood (170-180 HU): taken for blood, their
    /// thresholds rose to 800 HU and the ribs broke into 46.6 mL of 'calcification'. They are the chest wall's marrow.
    /// Seed 2890, an arterial abdomen whose aorta at 335 HU, rimmed by its plaque on half its rays and denser than the
    /// portal veins at 185, lies 90 mm deep: blood still, it keeps its three plaques.
    /// </summary>
    [Theory]
    [InlineData(3414, 0)]
    [InlineData(2890, 3)]
    public void Analyze_SclerosticChestWallDenserThanTheClearBlood_IsMarrow(int seed, int found)
    {
        RunCalledWithin(seed, enhanced: true, found);
    }

    /// <summary>
    /// Chests of sclerotic marrow whose only pool cores are rimmed as marrow may be. Unenhanced (seed 2187 at 2.9 mm, 1808
    /// at 1.6 mm, 3383 at 0.7 mm): their spines, sterna and ribs (80-243 mL at 433-496 HU, rimmed on 0.35-0.76 of their
    /// rays) had made the studies enhanced (2187 with 1.1 mL of false calcification; 3383 missed a linear lesion of 461
    /// mm3); with no chest core free of a rim, none is blood. Arterial (seed 2334 at 2.3 mm, no lesion): its aorta joined
    /// the spine through partial volume in one core (103 mL at 364 HU, rimmed on half its rays); eroded deeper, the blood
    /// stands free of the marrow and the study stays enhanced, nothing false.
    /// </summary>
    [Theory]
    [InlineData(2187, false, 2)]
    [InlineData(1808, false, 1)]
    [InlineData(3383, false, 3)]
    [InlineData(2334, true, 0)]
    public void Analyze_ChestWhoseOnlyPoolCoresAreRimmed(int seed, bool enhanced, int found)
    {
        RunCalledWithin(seed, enhanced, found, maxFalseAnyMm3: 100);
    }

    /// <summary>
    /// Enhanced chests and abdomens whose vertebral bodies touch the blood pool: seed 556 (venous chest, red marrow as
    /// dense as the blood, joined to the aorta at the level of the lungs: 12.9 mL of its cortex had been the aorta's
    /// wall), 2202 (arterial abdomen, a faint cortex broken into arcs at the raised threshold: 7.7 mL) and 2915 (arterial
    /// chest, the body's front cortex against the aorta: 1.3 mL). The cortex is bone; each study's true lesions are found.
    /// </summary>
    [Theory]
    [InlineData(556, 2)]
    [InlineData(2202, 2)]
    [InlineData(2915, 1)]
    public void Analyze_VertebralBodyAgainstTheBloodPool_IsNoVesselWall(int seed, int found)
    {
        RunCalledWithin(seed, enhanced: true, found, maxFalseAnyMm3: 150);
    }

    /// <summary>
    /// Unenhanced chests and abdomens at 2-3.3 mm (two of them normal) whose rib ends and vertebral plates taper to an
    /// arc in one slice: no bone is carved from them as plaque (135-750 mm3 of false vascular calcification each before
    /// arcs had to run through two slices).
    /// </summary>
    [Theory]
    [InlineData(21)]
    [InlineData(57)]
    [InlineData(156)]
    public void Analyze_UnenhancedSeed_NoBoneCarvedAsPlaque(int seed)
    {
        var r = FamilyEvaluation.Run(seed);
        Assert.True(r.FalseAnyMm3 <= 50, $"seed {seed}: {r.FalseAnyMm3:0} mm3 of false calcification");
    }

    [Fact]
    public void Generate_SameSeed_SameStudyAndTruth()
    {
        var a = FamilyGenerator.Generate(FamilyCase.Draw(7));
        var b = FamilyGenerator.Generate(FamilyCase.Draw(7));
        Assert.Equal(a.Hu.Data, b.Hu.Data);
        Assert.Equal(a.TruthIds, b.TruthIds);
        Assert.Equal(a.Lesions.Select(l => l.VolumeMm3), b.Lesions.Select(l => l.VolumeMm3));
    }

    [Fact]
    public void Generate_TruthVoxelsAreTheLesionsOwn()
    {
        var s = FamilyGenerator.Generate(FamilyCase.Draw(41));
        Assert.NotEmpty(s.Lesions);
        double voxel = s.Hu.Geometry.VoxelVolumeMm3;
        foreach (var l in s.Lesions)
            Assert.Equal(l.VolumeMm3, Math.Round(s.TruthIds.Count(i => i == l.Id) * voxel, 1), 1);
    }

    /// <summary>
    /// The family's figures, printed, and held at what this build reaches so that a change cannot make them worse
    /// unseen. Of the anatomy issue's targets, false volume (under 1 % of the true, 50 mm3 in a normal case), no
    /// unenhanced case called enhanced and 95 % sensitivity are met on these seeds; 95 % sensitivity on the held-out seeds
    /// and 90 % of phleboliths vascular over all ranges are not yet (bench/phantom_family.md has the table).
    /// </summary>
    [Fact]
    public void Analyze_Family_SensitivityPatternsAndFalseVolumeHeld()
    {
        var r = family.Results;
        output.WriteLine(FamilyEvaluation.Summary(r));
        int lesions = r.Sum(x => x.TruthLesions), found = r.Sum(x => x.Found);
        Assert.True(lesions >= 60, $"only {lesions} truth lesions of 10 mm3 or more in the family");
        // 75.9 % before plaques were told from bone by their arc round blood (VesselWallArc) and calcium joined to a
        // contrast-filled vessel was judged apart (ContrastFilledTube.DenseParts), 82.3 % since; 94.9 % before a faint
        // network's strands in the subcutaneous fat of an enhanced study were judged by that compartment, 96.2 % since:
        // the issue's 95 % bar, held on these seeds (not yet on the held-out ones).
        Assert.True(found >= 0.95 * lesions, $"sensitivity {found}/{lesions}");
        Assert.True(r.Sum(x => x.PatternRight) >= 0.68 * found, "pattern accuracy");
        // Every found lesion named otherwise is listed as its truth's pattern and the one it was given, for the summary's
        // commonest misnamings; pattern accuracy counts the found lesions not listed.
        Assert.All(r, x => Assert.InRange(x.Misnamed.Count, 0, x.Found));
        Assert.All(r, x => Assert.All(x.Misnamed, m => Assert.Contains(m.Split(" as ")[0], x.Case.Patterns)));
        Assert.Contains("| found lesions named otherwise (commonest) |", FamilyEvaluation.Summary(r));
        // The issue's bars that are met: false soft-tissue volume under 1 % of the true, at most 50 mm3 in a normal case.
        double trueSoft = r.Sum(x => x.TrueSoftMm3), falseSoft = r.Sum(x => x.FalseSoftMm3);
        Assert.True(falseSoft <= 0.01 * trueSoft, $"false {falseSoft:0} mm3 of true {trueSoft:0} mm3");
        Assert.All(r.Where(x => x.Case.Patterns.Count == 0), x => Assert.True(x.FalseSoftMm3 <= 50, $"case {x.Case.Seed}: {x.FalseSoftMm3:0} mm3"));
        // Nor is bone taken for calcification of another compartment: two pelvises whose iliac wings lie in fat had
        // 237-254 mL of 'visceral' calcification each (500 mL over the family); 9 mL over the family since, at most
        // 5.6 mL in one case (red marrow merged with a venous-phase blood pool, its cortex read as wall calcium).
        Assert.All(r, x => Assert.True(x.FalseAnyMm3 <= 10_000, $"case {x.Case.Seed}: {x.FalseAnyMm3:0} mm3 of false calcification"));
        // Contrast: enhanced cases are seen as enhanced; unenhanced ones called enhanced are held at today's count.
        var enhanced = r.Where(x => x.Case.Enhanced).ToList();
        // 18 of 23 before an artery and its vein side by side in a thigh (a long tube of contrast density, 18 mL) stopped
        // being taken for bone by its size; 21 since (the two left are pelvises at 0.7-3 mm whose iliac vessels touch the bone).
        Assert.True(enhanced.Count(x => x.EnhancedCalled) >= 0.9 * enhanced.Count, "enhanced cases missed");
        // 7 before marrow was told from blood by its enclosure and mottling; 2 then (an ivory vertebra whose cortex is no
        // denser than its marrow, and red marrow in the chest where mottling is not used); none since the densest voxels
        // of each coarse cell told marrow under a thin cortex from blood: the issue's bar.
        Assert.Equal(0, r.Count(x => !x.Case.Enhanced && x.EnhancedCalled));
        // Oral contrast: 2 of the 7 oral cases were seen while only content of 500 HU mean counted (the family's is 500 HU,
        // under that after partial volume); all since gas-fluid levels count, and none of the others.
        Assert.All(r.Where(x => x.Case.Contrast == FamilyContrast.Oral), x => Assert.True(x.OralCalled, $"case {x.Case.Seed}: oral contrast missed"));
        Assert.All(r.Where(x => x.Case.Contrast != FamilyContrast.Oral), x => Assert.False(x.OralCalled, $"case {x.Case.Seed}: called oral contrast"));
        // Zonal masses: both found zonal since the muscle-layer reach of bone-like pieces is kept to the rib cage (the
        // one in a thigh, 12 mm from the femur, had been taken for bone).
        Assert.Equal(r.Sum(x => x.ZonalMasses), r.Sum(x => x.ZonalMassesZonal));
    }
    /// <summary>
    /// Every slice's body part against the family's levels (FamilyEvaluation.TruePart): 89.3 % of the 50 cases' scored
    /// slices were right, nine cases wrong somewhere, before the skull's ring below the head was held to a head's width,
    /// lungs and pelvic bone to a run of slices, a neck between skull and lungs told by its airway and a bone's marrow
    /// counted in its section; all since. The scoring itself: levels are scored away from their boundaries only, and a
    /// wrong slice is named by its truth and its call.
    /// </summary>
    [Fact]
    public void Analyze_Family_BodyPartOfEverySliceRight()
    {
        var r = family.Results;
        int slices = r.Sum(x => x.PartSlices), wrong = r.Sum(x => x.PartWrongSlices);
        Assert.True(slices >= 2000, $"only {slices} slices scored");
        Assert.True(wrong <= 0.01 * slices, $"{wrong} of {slices} slices given another part: " +
            string.Join("; ", r.Where(x => x.PartWrongSlices > 0).Select(x => $"seed {x.Case.Seed} {string.Join(", ", x.PartWrong.Select(p => $"{p.Key} {p.Value}"))}")));
        Assert.Equal(CalciScope.Anatomy.BodyPart.Pelvis, FamilyEvaluation.TruePart(100, 2));
        Assert.Null(FamilyEvaluation.TruePart(FamilyBody.IliacCrestZ + 10, 2));
        Assert.Null(FamilyEvaluation.TruePart(670, 2));
        Assert.Equal(CalciScope.Anatomy.BodyPart.Neck, FamilyEvaluation.TruePart(730, 2));
    }

    /// <summary>
    /// A missed lesion says why: the share of its truth voxels drawn as skeleton, and the share under the calcium
    /// threshold. Of the 50 cases' misses, those joined to a bone are drawn with it nearly whole (the failure the anatomy
    /// issue has left: plaques on the pelvis, seed 31's at 87 %; strands in fat touching a rib), and none of the rest
    /// is both unlabelled and above the threshold in most of its voxels without a reason shown.
    /// </summary>
    [Fact]
    public void Analyze_Family_MissedLesionsSayWhy()
    {
        var why = new System.Text.RegularExpressions.Regex(@"^\w+ \d+ mm3 \(bone (\d+) %, faint (\d+) %\)$");
        var missed = family.Results.SelectMany(x => x.Missed).ToList();
        Assert.NotEmpty(missed);
        var shares = missed.Select(m =>
        {
            var match = why.Match(m);
            Assert.True(match.Success, m);
            int bone = int.Parse(match.Groups[1].Value), faint = int.Parse(match.Groups[2].Value);
            Assert.InRange(bone, 0, 100); Assert.InRange(faint, 0, 100);
            return (bone, faint);
        }).ToList();
        Assert.Contains(shares, s => s.bone >= 80);
        Assert.Contains(shares, s => s.faint >= 50);
    }

    /// <summary>Runs a family seed and checks its contrast verdict and how many of its lesions were found.</summary>
    private static FamilyCaseResult RunCalled(int seed, bool enhanced, int found)
    {
        var r = FamilyEvaluation.Run(seed);
        Assert.True(r.EnhancedCalled == enhanced, $"seed {seed}: called {(r.EnhancedCalled ? "enhanced" : "unenhanced")}");
        Assert.Equal(found, r.Found);
        return r;
    }

    /// <summary>As <see cref="RunCalled"/>, and no more than <paramref name="maxFalseAnyMm3"/> of false calcification in any compartment.</summary>
    private static FamilyCaseResult RunCalledWithin(int seed, bool enhanced, int found, double maxFalseAnyMm3 = 50)
    {
        var r = RunCalled(seed, enhanced, found);
        Assert.True(r.FalseAnyMm3 <= maxFalseAnyMm3, $"seed {seed}: {r.FalseAnyMm3:0} mm3 of false calcification");
        return r;
    }
}
