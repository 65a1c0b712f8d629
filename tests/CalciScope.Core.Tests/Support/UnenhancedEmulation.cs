using CalciScope.Anatomy;
using CalciScope.Imaging;

namespace CalciScope.Tests.Support;

/// <summary>
/// An unenhanced copy of a contrast CT, made with a reference segmentation of the same scan, for want of a real unenhanced
/// body CT in ../shared/data. Every enhanced structure the reference names (vessels, heart, solid organs, kidneys) is
/// brought down by its median's excess over its unenhanced density, its two-voxel rim by the share of the structure in
/// each voxel's partial volume; calcium inside it (well above its median) stays. The vessels the reference does not name
/// (celiac, mesenteric and gastric branches) are then found as what stays at 100-450 HU outside its bones, away from
/// anything denser, and brought to 15 % of their excess over blood.
/// </summary>
public static class UnenhancedEmulation
{
    /// <summary>Unenhanced blood: 30-45 HU (haematocrit-dependent), 40 taken.</summary>
    public const short BloodHu = 40;
    /// <summary>Unenhanced liver, spleen and pancreas together: 45-65 HU; kidneys 30-35 HU.</summary>
    public const short SolidOrganHu = 50, KidneyHu = 30;
    /// <summary>A voxel this far above its structure's median is calcium or a stone, kept as it is.</summary>
    public const int CalciumAboveMedianHu = 75;
    public const short CalciumFloorHu = 400, FlattenMinHu = 100, FlattenMaxHu = 450;
    public const double FlattenShare = 0.15;

    public static Volume<short> Make(Volume<short> hu, AnatomyMasks reference)
    {
        var g = hu.Geometry;
        var data = (short[])hu.Data.Clone();
        var targets = new Dictionary<AnatomyStructure, short>
        {
            [AnatomyStructure.Artery] = BloodHu, [AnatomyStructure.Vein] = BloodHu, [AnatomyStructure.Heart] = BloodHu,
            [AnatomyStructure.SolidOrgan] = SolidOrganHu, [AnatomyStructure.Kidney] = KidneyHu,
        };
        foreach (var (structure, target) in targets)
        {
            var inside = new bool[data.Length];
            var values = new List<short>();
            for (int i = 0; i < data.Length; i++)
                if (reference.At(i) == structure) { inside[i] = true; values.Add(hu.Data[i]); }
            if (values.Count < 50) continue;
            values.Sort();
            int median = values[values.Count / 2], shift = median - target;
            if (shift <= 20) continue;
            int keep = Math.Max(median + CalciumAboveMedianHu, CalciumFloorHu);
            var rim = Dilate(inside, g, 2);
            for (int i = 0; i < data.Length; i++)
            {
                int v = hu.Data[i];
                if (v >= keep) continue;
                if (inside[i]) data[i] = (short)(v - shift);
                else if (rim[i])
                {
                    double share = Math.Clamp((v - (double)BloodHu) / (median - BloodHu), 0, 1);
                    data[i] = (short)Math.Round(v - share * shift);
                }
            }
        }
        var bone = new bool[data.Length];
        var dense = new bool[data.Length];
        for (int i = 0; i < data.Length; i++)
        {
            bone[i] = AnatomyMasks.IsSkeletal(reference.At(i));
            dense[i] = data[i] >= FlattenMaxHu;
        }
        bone = Dilate(bone, g, 2);
        dense = Dilate(dense, g, 2);
        for (int i = 0; i < data.Length; i++)
            if (data[i] >= FlattenMinHu && data[i] < FlattenMaxHu && !bone[i] && !dense[i])
                data[i] = (short)Math.Round(BloodHu + (data[i] - BloodHu) * FlattenShare);
        return new Volume<short>(g, data);
    }

    /// <summary>In-slice dilation by a square of this many voxels each way.</summary>
    private static bool[] Dilate(bool[] mask, VolumeGeometry g, int r)
    {
        int nx = g.SizeX, ny = g.SizeY, len = nx * ny;
        var rows = new bool[mask.Length];
        var result = new bool[mask.Length];
        for (int z = 0; z < g.SizeZ; z++)
            for (int y = 0; y < ny; y++)
                for (int x = 0; x < nx; x++)
                {
                    int i = z * len + y * nx + x;
                    for (int d = -r; d <= r && !rows[i]; d++) rows[i] = x + d >= 0 && x + d < nx && mask[i + d];
                }
        for (int z = 0; z < g.SizeZ; z++)
            for (int y = 0; y < ny; y++)
                for (int x = 0; x < nx; x++)
                {
                    int i = z * len + y * nx + x;
                    for (int d = -r; d <= r && !result[i]; d++) result[i] = y + d >= 0 && y + d < ny && rows[i + d * nx];
                }
        return result;
    }
}
