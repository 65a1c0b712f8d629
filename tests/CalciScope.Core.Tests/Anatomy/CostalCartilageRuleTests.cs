using CalciScope.Anatomy;
using CalciScope.Calcification;

namespace CalciScope.Tests.Anatomy;

public class CostalCartilageRuleTests
{
    /// <summary>The costal-margin cartilage of the upper-abdomen series: 600 mm3, 210 HU mean, peaking at 800 HU.</summary>
    private static Lesion Cartilage(string compartment = "periarticular", int maxHu = 807, double volume = 597) =>
        new() { Compartment = compartment, MaxHu = maxHu, MeanHu = 211, VolumeMm3 = volume };

    [Fact]
    public void IsCartilage_CostalMarginInTheUpperAbdomen_True() =>
        Assert.True(CostalCartilageRule.IsCartilage(Cartilage(), BodyPart.Abdomen, anteriorPosition: -0.8, besideRib: true));

    [Theory]
    [InlineData(BodyPart.Pelvis, -0.8, true, "periarticular", 807)]   // beside the pubis: not a rib's cartilage
    [InlineData(BodyPart.Abdomen, 0.2, true, "muscle", 807)]          // behind the trunk's centre
    [InlineData(BodyPart.Abdomen, -0.8, false, "muscle", 807)]        // far from any rib
    [InlineData(BodyPart.Abdomen, -0.8, true, "subcutaneous", 807)]   // in the fat: calcinosis or an injection site
    [InlineData(BodyPart.Chest, -0.8, true, "muscle", 320)]           // faint: not calcified cartilage
    public void IsCartilage_Otherwise_False(BodyPart part, double anterior, bool besideRib, string compartment, int maxHu) =>
        Assert.False(CostalCartilageRule.IsCartilage(Cartilage(compartment, maxHu), part, anterior, besideRib));

    /// <summary>A strand mostly outside the muscular wall, in the fascial band over a rib (the phantom family's seed 406): calcinosis.</summary>
    [Fact]
    public void IsCartilage_MostlyOutsideTheWall_False()
    {
        Assert.False(CostalCartilageRule.IsCartilage(Cartilage("fascial"), BodyPart.Chest, -0.8, true, outsideShare: 0.64));
        Assert.True(CostalCartilageRule.IsCartilage(Cartilage("fascial"), BodyPart.Chest, -0.8, true, outsideShare: 0.1));
    }

    [Fact]
    public void IsCartilage_LargerThanOneCartilage_False() =>
        Assert.False(CostalCartilageRule.IsCartilage(Cartilage(volume: 8000), BodyPart.Chest, -0.8, true));
}
