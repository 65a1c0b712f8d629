using CalciScope.Imaging;
using CalciScope.Segmentation;

namespace CalciScope.Tests.Segmentation;

/// <summary>
/// An arm held beside the trunk is a small separate piece of the section (about a tenth of the trunk's area): it is body,
/// told from table shells by its thickness, and it does not widen the slice's measures, which stay the trunk's.
/// </summary>
public class TissueMapperLimbTests
{
    private const int N = 200;
    private const double Mm = 2;

    private static Volume<short> TrunkArmAndTable(double armRadiusMm)
    {
        var v = new Volume<short>(VolumeGeometry.Axial(N, N, 4, Mm, Mm, Mm));
        for (int z = 0; z < 4; z++)
        {
            var s = v.Slice(z);
            for (int y = 0; y < N; y++)
                for (int x = 0; x < N; x++)
                {
                    double tx = (x - 80) * Mm / 120.0, ty = (y - 100) * Mm / 90.0;
                    double ax = (x - 168) * Mm, ay = (y - 100) * Mm;
                    bool trunk = tx * tx + ty * ty <= 1;
                    bool arm = ax * ax + ay * ay <= armRadiusMm * armRadiusMm;
                    // A table shell 6 mm thick under the patient, as wide as the field of view allows.
                    bool table = y is >= 152 and < 155 && x is > 10 and < 190;
                    s[y * N + x] = trunk || arm ? (short)40 : table ? (short)300 : (short)-1000;
                }
        }
        return v;
    }

    [Fact]
    public void Map_ArmBesideTheTrunk_IsBodyAndTheTableIsNot()
    {
        var map = TissueMapper.Map(TrunkArmAndTable(armRadiusMm: 35));
        Assert.NotEqual(TissueClass.Outside, TissueClass.Of(map.Code(168, 100, 1)));
        Assert.Equal(TissueClass.Outside, TissueClass.Of(map.Code(100, 153, 1)));
    }

    [Fact]
    public void Map_ArmBesideTheTrunk_LeavesTheSliceMeasuresToTheTrunk()
    {
        var st = TissueMapper.Map(TrunkArmAndTable(armRadiusMm: 35)).Slices[1];
        Assert.InRange(st.CentreI, 78, 82);
        Assert.InRange(st.HalfWidthI, 58, 62);
        Assert.InRange(st.BodyAreaMm2, Math.PI * 120 * 90 * 0.95, Math.PI * 120 * 90 * 1.05);
    }

    [Fact]
    public void Map_ThinPieceBesideTheTrunk_IsNotBody()
    {
        // A cable or a strap 10 mm across: under the limb's thickness, outside the patient.
        var map = TissueMapper.Map(TrunkArmAndTable(armRadiusMm: 5));
        Assert.Equal(TissueClass.Outside, TissueClass.Of(map.Code(168, 100, 1)));
    }
}
