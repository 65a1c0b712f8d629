using CalciScope.Anatomy;

namespace CalciScope.Tests.Anatomy;

public class BodyPartClassifierTests
{
    private static SliceLandmarks Slice(double z, double areaMm2 = 60_000, int parts = 1, double lungAir = 0, bool skull = false,
        double lateralBoneMm2 = 0, int limbsWithBone = 1) => new(z, areaMm2, parts, lungAir, skull, lateralBoneMm2, limbsWithBone);

    private static string Parts(IReadOnlyList<SliceLandmarks> slices)
    {
        var parts = new BodyPartClassifier().Classify(slices);
        return string.Join(",", BodyPartClassifier.Ranges(parts, slices, 10).Select(r => r.Name));
    }

    [Fact]
    public void Classify_WholeBody_HeadToFootInOrder()
    {
        var s = new List<SliceLandmarks>();
        for (int z = 1700; z > 1560; z -= 10) s.Add(Slice(z, 20_000, skull: true));
        for (int z = 1560; z > 1440; z -= 10) s.Add(Slice(z, 12_000));
        for (int z = 1440; z > 1200; z -= 10) s.Add(Slice(z, 70_000, lungAir: 0.4));
        for (int z = 1200; z > 1000; z -= 10) s.Add(Slice(z, 65_000, lungAir: 0.03));
        for (int z = 1000; z > 850; z -= 10) s.Add(Slice(z, 80_000, lateralBoneMm2: 2_000));
        for (int z = 850; z > 500; z -= 10) s.Add(Slice(z, 40_000, parts: 2, limbsWithBone: 2));
        for (int z = 500; z > 200; z -= 10) s.Add(Slice(z, 10_000, parts: 2, limbsWithBone: 2));
        Assert.Equal("head,neck,chest,abdomen,pelvis,thigh,leg", Parts(s));
    }

    [Fact]
    public void Classify_UpperAbdomenWithArmsAndRibs_IsAbdomenNeverPelvis()
    {
        // Ribs are cut as small lateral pieces; the arms beside the trunk are small separate parts holding bone.
        var s = Enumerable.Range(0, 20).Select(k => Slice(-766 - 2 * k, 70_000, parts: 1, lungAir: 0.02, lateralBoneMm2: 300, limbsWithBone: 1)).ToList();
        Assert.Equal("abdomen", Parts(s));
    }

    [Fact]
    public void Classify_LargeLateralBoneJustBelowTheLungs_IsNotPelvis()
    {
        // The lower costal margin cut obliquely can be large; a pelvis needs the abdomen's height below the lungs.
        var s = new List<SliceLandmarks>();
        for (int z = 0; z > -200; z -= 5) s.Add(Slice(z, 70_000, lungAir: 0.35));
        for (int z = -200; z > -260; z -= 5) s.Add(Slice(z, 70_000, lateralBoneMm2: 1_200));
        Assert.Equal("chest,abdomen", Parts(s));
    }

    /// <summary>
    /// A heavy patient's chest: the lungs are under 15 % of the body's section but a third of the cavity inside the
    /// muscular wall (the phantom family's seeds 130, 423, 505); the abdomen's bowel gas stays a few per cent of either.
    /// </summary>
    [Fact]
    public void Classify_HeavyChest_LungsCountedInTheCavity()
    {
        var s = new List<SliceLandmarks>();
        for (int z = 0; z > -200; z -= 5) s.Add(Slice(z, 110_000, lungAir: 0.145) with { CavityAirFraction = 0.33 });
        for (int z = -200; z > -300; z -= 5) s.Add(Slice(z, 110_000, lungAir: 0.02) with { CavityAirFraction = 0.04 });
        Assert.Equal("chest,abdomen", Parts(s));
        Assert.Equal("abdomen", Parts(s.Select(x => x with { CavityAirFraction = 0 }).ToList()));
    }

    /// <summary>
    /// An abdomen whose one slice crosses a rib as large as a pelvic bone (the phantom family's seed 5: 805 mm2 at its
    /// lowest rib) stays abdomen below it; an iliac wing runs on for centimetres.
    /// </summary>
    [Fact]
    public void Classify_OneSliceOfLargeRib_IsNoPelvis()
    {
        var s = new List<SliceLandmarks>();
        for (int z = 300; z > 100; z -= 5) s.Add(Slice(z, 80_000, lateralBoneMm2: z == 290 ? 805 : 400));
        Assert.Equal("abdomen", Parts(s));
        var wing = s.Select(x => x.PatientZMm is <= 200 and >= 180 ? x with { LargestLateralBoneMm2 = 1_500 } : x).ToList();
        Assert.Equal("abdomen,pelvis", Parts(wing));
    }

    /// <summary>A pelvic bone on the scan's last two slices is the wing's top that the range cuts: pelvis, however short.</summary>
    [Fact]
    public void Classify_PelvicBoneCutByTheRange_IsPelvis()
    {
        var s = new List<SliceLandmarks>();
        for (int z = 300; z > 100; z -= 5) s.Add(Slice(z, 80_000, lateralBoneMm2: z <= 110 ? 1_500 : 400));
        Assert.Equal("abdomen,pelvis", Parts(s));
    }

    /// <summary>
    /// A head and neck whose slice at the skull base holds 16 % air (the nasopharynx; the phantom family's seed 78): no
    /// lungs, so the neck below stays neck; lungs run on for centimetres, or are cut by the scanned range.
    /// </summary>
    [Fact]
    public void Classify_AirOfOneSliceAtTheSkullBase_IsNoChest()
    {
        var s = new List<SliceLandmarks>();
        for (int z = 800; z > 770; z -= 5) s.Add(Slice(z, 17_000, skull: true));
        s.Add(Slice(769, 14_000, lungAir: 0.16));
        for (int z = 765; z > 690; z -= 5) s.Add(Slice(z, 9_000, lungAir: 0.02));
        Assert.Equal("head,neck", Parts(s));
        var apices = new List<SliceLandmarks>(s);
        for (int z = 690; z > 670; z -= 5) apices.Add(Slice(z, 50_000, lungAir: 0.2));
        Assert.Equal("head,neck,chest", Parts(apices));
    }

    /// <summary>
    /// A neck scanned between the skull and the lungs (the phantom family's seeds 23, 32, 107): small sections with the
    /// airway's air are neck; a limb of the same size scanned alone holds no air and is not.
    /// </summary>
    [Fact]
    public void Classify_NeckWithoutSkullOrLungs_IsNeckByItsAirway()
    {
        var neck = Enumerable.Range(0, 16).Select(k => Slice(765 - 5 * k, 10_500, lungAir: 0.02)).ToList();
        Assert.Equal("neck", Parts(neck));
        var limb = neck.Select(x => x with { LungAirFraction = 0 }).ToList();
        Assert.DoesNotContain("neck", Parts(limb));
    }

    /// <summary>A slice of one limb: one body part, its bone near the middle, one or two pieces of bone.</summary>
    private static SliceLandmarks Limb(double z, double areaMm2, double firstBoneMm2, double secondBoneMm2 = 0, double offset = 0.12) =>
        Slice(z, areaMm2) with { BoneOffsetShare = offset, LargestBoneMm2 = firstBoneMm2, SecondBoneMm2 = secondBoneMm2, BonePieces = secondBoneMm2 > 0 ? 2 : 1 };

    /// <summary>Limb slices every 5 mm from <paramref name="fromZ"/> down to above <paramref name="toZ"/>.</summary>
    private static IEnumerable<SliceLandmarks> LimbRun(int fromZ, int toZ, double areaMm2, double firstBoneMm2, double secondBoneMm2 = 0) =>
        Enumerable.Range(0, (fromZ - toZ) / 5).Select(i => Limb(fromZ - 5 * i, areaMm2, firstBoneMm2, secondBoneMm2));

    [Fact]
    public void Classify_LowerLimbAlone_ThighDownToTheFibulaThenLeg()
    {
        var s = LimbRun(0, -200, 18_000, 650).Concat(LimbRun(-200, -400, 9_000, 450, 130)).ToList();
        Assert.Equal("thigh,leg", Parts(s));
        // A calf alone: under a thigh's section, but its tibia and fibula make it a leg.
        Assert.Equal("leg", Parts(s.Skip(40).ToList()));
    }

    /// <summary>
    /// A thigh scanned from the buttock: the ischium beside the femur over its top slices is no fibula; a whole lower
    /// limb is leg from the tibia and fibula down, the foot (the talus alone on a small section) included.
    /// </summary>
    [Fact]
    public void Classify_LowerLimbAlone_IschiumIsNoFibulaAndTheFootIsLeg()
    {
        var thigh = LimbRun(0, -40, 24_000, 700, 250).Concat(LimbRun(-40, -300, 20_000, 650)).ToList();
        Assert.Equal("thigh", Parts(thigh));
        var limb = thigh.Concat(LimbRun(-300, -600, 9_000, 450, 130)).Concat(LimbRun(-600, -660, 5_000, 900)).ToList();
        Assert.Equal("thigh,leg", Parts(limb));
    }

    /// <summary>Both calves scanned without the thighs: each limb's tibia and fibula make them legs, though no thigh is seen to be wider.</summary>
    [Fact]
    public void Classify_BothCalves_AreLegs()
    {
        var s = Enumerable.Range(0, 40).Select(k => Limb(-5 * k, 20_000, 450, 130) with { LargeParts = 2, LimbsWithBone = 2 }).ToList();
        Assert.Equal("leg", Parts(s));
        Assert.Equal("thigh", Parts(s.Select(x => x with { SecondBoneMm2 = 0 }).ToList()));
    }

    [Fact]
    public void Classify_ArmAlone_UpperArmAndForearmAreArm()
    {
        var s = LimbRun(0, -150, 7_000, 350).Concat(LimbRun(-150, -300, 5_000, 160, 140)).ToList();
        Assert.Equal("arm", Parts(s));
        // A large man's arm (120 cm2 round a humerus of 380 mm2, its condyles wide over the elbow's slices) stays an arm.
        var large = LimbRun(0, -200, 12_000, 380).Concat(LimbRun(-200, -250, 11_000, 1_200)).ToList();
        Assert.Equal("arm", Parts(large));
    }

    /// <summary>A thin thigh (the phantom family's seed 145: 122 cm2 at its widest) is told from an arm by its femur's shaft.</summary>
    [Fact]
    public void Classify_ThinThighAlone_IsThighByItsFemur()
    {
        Assert.Equal("thigh", Parts(LimbRun(0, -150, 12_200, 450).ToList()));
        Assert.Equal("arm", Parts(LimbRun(0, -150, 12_200, 380).ToList()));
    }

    /// <summary>
    /// Two slices of something three times wider atop a thigh (the family's seed 2255: pelvis over the thigh) are not the
    /// thigh's widest section; measured against them the whole thigh had been a calf.
    /// </summary>
    [Fact]
    public void Classify_ThighUnderTwoWideSlices_StaysThigh()
    {
        var s = LimbRun(0, -10, 55_000, 740).Concat(LimbRun(-10, -150, 17_600, 690)).ToList();
        Assert.Equal("thigh", Parts(s));
    }

    /// <summary>The trunk is never a limb: bowel gas or the airway in it, its spine at the back, or a second large part beside it.</summary>
    [Fact]
    public void Classify_TrunkWithoutLungsOrPelvis_StaysAbdomen()
    {
        // A small trunk (400 cm2, larger than a neck) with its bone near the middle would pass as a thigh by that alone.
        var limb = Enumerable.Range(0, 30).Select(k => Limb(-5 * k, 40_000, 650)).ToList();
        Assert.Equal("thigh", Parts(limb));
        Assert.Equal("abdomen", Parts(limb.Select((x, k) => k is >= 12 and < 18 ? x with { LungAirFraction = 0.02 } : x).ToList()));
        // Gas in a wound over one slice leaves a limb a limb, and is no neck.
        var small = Enumerable.Range(0, 30).Select(k => Limb(-5 * k, 18_000, 650)).ToList();
        Assert.Equal("thigh", Parts(small.Select((x, k) => k == 12 ? x with { LungAirFraction = 0.02 } : x).ToList()));
        Assert.Equal("abdomen", Parts(limb.Select(x => x with { BoneOffsetShare = 0.4 }).ToList()));
        Assert.Equal("abdomen", Parts(limb.Select(x => x with { LargeParts = 2 }).ToList()));
        Assert.Equal("abdomen", Parts(limb.Select(x => x with { InnerFatShare = 0.4 }).ToList()));
        // The upper abdomen of ../shared/data: its ribs bring the bone's centre to the middle (0.17), but they are many.
        Assert.Equal("abdomen", Parts(limb.Select(x => x with { BoneOffsetShare = 0.17, BonePieces = 15 }).ToList()));
    }

    [Fact]
    public void Classify_HeadOnly_VertexAboveTheRingIsHead()
    {
        var s = new List<SliceLandmarks>();
        for (int z = 120; z > 90; z -= 5) s.Add(Slice(z, 8_000));
        for (int z = 90; z > -30; z -= 5) s.Add(Slice(z, 20_000, skull: true));
        Assert.Equal("head", Parts(s));
    }

    [Fact]
    public void Ranges_CoverEverySliceHalfAStepBeyondItsCentres()
    {
        var s = new List<SliceLandmarks> { Slice(10, lungAir: 0.4), Slice(0, lungAir: 0.4), Slice(-10) };
        var parts = new BodyPartClassifier().Classify(s);
        var ranges = BodyPartClassifier.Ranges(parts, s, 10);
        Assert.Equal(2, ranges.Count);
        Assert.Equal((BodyPart.Chest, -5.0, 15.0), (ranges[0].Part, ranges[0].FromZMm, ranges[0].ToZMm));
        Assert.Equal((BodyPart.Abdomen, -15.0, -5.0), (ranges[1].Part, ranges[1].FromZMm, ranges[1].ToZMm));
    }
}
