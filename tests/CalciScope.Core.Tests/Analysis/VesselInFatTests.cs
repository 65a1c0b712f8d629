using CalciScope.Calcification;

namespace CalciScope.Tests.Analysis;

/// <summary>A long straight thin tube in fat running head to foot is a vessel's wall; the branching strands of panniculitis are not.</summary>
public class VesselInFatTests
{
    private static LesionFeatures Shape(double l1, double l2, double l3, double fat, double axial) => new()
    {
        VolumeMm3 = 270, L1 = l1, L2 = l2, L3 = l3, SurroundFatFraction = fat, AxialExtentMm = axial, OutsideWallFraction = 1, InteriorFraction = 0.05,
    };

    [Fact]
    public void Compartment_AxillaryVesselOfLidc0003_IsVascular() =>
        Assert.Equal("vascular", PatternClassifier.Compartment(Shape(48.7, 6.8, 2.6, 0.58, 50)));

    [Theory]
    [InlineData(48.7, 6.8, 2.6, 0.58, 10)]   // the same tube lying across the body: a strand of a network, not a vessel's course
    [InlineData(48.7, 18, 2.6, 0.9, 50)]     // broad: a sheet or a net, not a tube
    [InlineData(20, 3, 2, 0.9, 20)]          // short: a strand
    [InlineData(48.7, 6.8, 2.6, 0.3, 50)]    // in muscle, not fat
    public void Compartment_PanniculitisStrandsAndOthers_StaySubcutaneous(double l1, double l2, double l3, double fat, double axial) =>
        Assert.NotEqual("vascular", PatternClassifier.Compartment(Shape(l1, l2, l3, fat, axial)));
}
