using CalciScope.Anatomy;
using CalciScope.Calcification;

namespace CalciScope.Tests.Anatomy;

public class RibSegmentRuleTests
{
    /// <param name="fill">Share of the principal box the piece fills: the cut rib of the upper-abdomen series in ../shared/data 0.44.</param>
    private static Lesion Tube(double length, double width, double thickness, double meanHu = 314, int maxHu = 751, string compartment = "periarticular", double hollowness = 0,
        double fill = 0.44) =>
        new() { PrincipalLengthsMm = [length, width, thickness], MeanHu = meanHu, MaxHu = maxHu, Compartment = compartment, Hollowness = hollowness,
            VolumeMm3 = fill * length * width * thickness };

    [Fact]
    public void IsRib_CutRibInTheChestWall_True() => Assert.True(RibSegmentRule.IsRib(Tube(58, 9.6, 8.5), BodyPart.Chest));

    [Fact]
    public void IsRib_SameTubeInTheThigh_False() => Assert.False(RibSegmentRule.IsRib(Tube(58, 9.6, 8.5), BodyPart.Thigh));

    [Theory]
    [InlineData(40, 12, 2.0, 330, 700, "fascial", 0.0)]      // a fascial sheet: thin
    [InlineData(40, 6, 5.0, 900, 1600, "muscle", 0.0)]       // denser than bone throughout: a calcified mass
    [InlineData(12, 10, 9.0, 320, 800, "muscle", 0.0)]       // a nodule, not a tube
    [InlineData(60, 9, 8.0, 330, 900, "muscle", 0.6)]        // hollow: a calcified vessel wall
    [InlineData(60, 9, 8.0, 330, 900, "skin", 0.0)]          // in the skin
    public void IsRib_CalcinosisShapes_False(double l, double w, double t, double mean, int max, string compartment, double hollow) =>
        Assert.False(RibSegmentRule.IsRib(Tube(l, w, t, mean, max, compartment, hollow), BodyPart.Chest));

    /// <summary>
    /// Seed 2893's reticular deposit along a rib of the lateral chest wall: of a rib's size, length and density, but a
    /// network of strands filling 0.07 of its box, where a rib's piece fills half of it.
    /// </summary>
    [Theory]
    [InlineData(0.44, true)]
    [InlineData(0.07, false)]
    public void IsRib_NetworkOfStrandsSpanningARibsBox_False(double fill, bool rib) =>
        Assert.Equal(rib, RibSegmentRule.IsRib(Tube(51.1, 14.3, 9.1, 372, 881, "fascial", fill: fill), BodyPart.Chest));

    /// <summary>Seed 165's slivers: the tops of the lowest ribs, cut by the last slice, 85 mm3 at 720-760 HU in the wall.</summary>
    [Fact]
    public void IsGrazedRib_SliverInAnEndSliceOfTheWall_True() =>
        Assert.True(RibSegmentRule.IsGrazedRib(Tube(14, 6, 2.2, 729, 756, "muscle"), BodyPart.Abdomen, onlyInAnEndSlice: true));

    [Theory]
    [InlineData(true, "muscle", 14, 756, "Thigh")]       // no ribs in the thigh
    [InlineData(false, "muscle", 14, 756, "Abdomen")]    // seen on inner slices: judged as any candidate
    [InlineData(true, "subcutaneous", 14, 756, "Abdomen")] // in the fat, not the wall
    [InlineData(true, "muscle", 14, 400, "Abdomen")]     // nowhere as dense as cortex
    public void IsGrazedRib_Otherwise_False(bool endSlice, string compartment, double width, int maxHu, string part) =>
        Assert.False(RibSegmentRule.IsGrazedRib(Tube(30, width, 2.2, 300, maxHu, compartment), Enum.Parse<BodyPart>(part), endSlice));

    [Fact]
    public void IsGrazedRib_WiderThanARib_False() =>
        Assert.False(RibSegmentRule.IsGrazedRib(Tube(40, 22, 2.2, 729, 756, "muscle"), BodyPart.Chest, onlyInAnEndSlice: true));
}
