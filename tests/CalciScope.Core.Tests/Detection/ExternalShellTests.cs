using CalciScope.Calcification;

namespace CalciScope.Tests.Detection;

/// <summary>
/// Plastic the body mask took in (a head holder, the table) is set aside as outside the patient: a thick shell with an
/// interior under 450 HU, or a plate that large on one slice only, nowhere reaching 450 HU. Calcium is denser.
/// </summary>
public class ExternalShellTests
{
    /// <summary>A component of <paramref name="voxels"/> 1 mm3 voxels, 45 % of them drawn as skin, on <paramref name="slices"/> slice(s).</summary>
    private static ComponentStats Plate(int voxels, int slices, int maxHu, long interior = 0, double interiorHu = 0) => new()
    {
        Count = voxels, Skin = (long)(0.45 * voxels), MinK = 10, MaxK = 10 + slices - 1, MaxHu = maxHu, SumHu = 300.0 * voxels,
        Interior = interior, InteriorHu = interiorHu * interior,
    };

    [Fact]
    public void TablePlateOnOneSlice_IsOutside() => Assert.True(CalcificationDetector.External(Plate(2500, 1, maxHu: 340), 1));

    [Fact]
    public void DensePlateOnOneSlice_IsNot() => Assert.False(CalcificationDetector.External(Plate(2500, 1, maxHu: 700), 1));

    [Fact]
    public void FaintSheetOverSeveralSlicesWithoutInterior_IsNot() => Assert.False(CalcificationDetector.External(Plate(2500, 4, maxHu: 340), 1));

    [Fact]
    public void ThickShellWithPlasticInterior_IsOutside() =>
        Assert.True(CalcificationDetector.External(Plate(2500, 6, maxHu: 420, interior: 1000, interiorHu: 300), 1));
}
