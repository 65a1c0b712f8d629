using CalciScope.Imaging;
using CalciScope.Phantoms.Family;
using CalciScope.Pipeline;

namespace CalciScope.Tests.Detection;

/// <summary>
/// A knob of bone joined to its bone through marrow (a rib head, a transverse process or a costal end of an osteopenic
/// skeleton, joined at 133-194 HU on the real chest CTs of ../shared/data) has the same tell as a stone joined to a bone
/// through the enhanced blood of its vein: a dense middle of its own, and a saddle under 200 HU. Without contrast no
/// blood is that dense, so outside the pelvis the nodule carving is not asked and the knob stays bone. Drawn on a normal unenhanced family
/// abdomen (seed 123, 3 mm slices): a ball of 3 mm radius at 900 HU on the outer face of a cortex, joined to it by a neck
/// of 170 HU.
/// </summary>
public class KnobWithoutContrastTests
{
    private const double KnobRadiusMm = 3;
    private const short KnobHu = 900, NeckHu = 170;

    [Fact]
    public void KnobJoinedThroughMarrowDensity_StaysBone_WithoutContrast()
    {
        var study = FamilyGenerator.Generate(FamilyCase.Draw(123));
        var g = study.Hu.Geometry;
        int nx = g.SizeX, len = nx * g.SizeY, z0 = g.SizeZ / 2;
        int r = (int)Math.Ceiling(KnobRadiusMm / g.Spacing.X), rz = (int)Math.Ceiling(KnobRadiusMm / g.Spacing.Z);
        var data = (short[])study.Hu.Data.Clone();
        var (edgeX, y0) = CortexFacingSoftTissue(data, nx, g.SizeY, len, z0, room: 2 * r + 6);
        int cx = edgeX + 2 + r;
        // The neck: two voxels of marrow density between the cortex and the knob, in its middle row and slice.
        for (int x = edgeX + 1; x <= edgeX + 2; x++) data[z0 * len + y0 * nx + x] = NeckHu;
        for (int dz = -rz; dz <= rz; dz++)
            for (int dy = -r; dy <= r; dy++)
                for (int dx = -r; dx <= r; dx++)
                {
                    double mx = dx * g.Spacing.X, my = dy * g.Spacing.Y, mz = dz * g.Spacing.Z;
                    if (mx * mx + my * my + mz * mz <= KnobRadiusMm * KnobRadiusMm) data[(z0 + dz) * len + (y0 + dy) * nx + cx + dx] = KnobHu;
                }
        var result = AnalysisPipeline.Analyse(new LoadedStudy(new Volume<short>(g, data), study.Info, []), new AnalysisOptions());
        Assert.False(result.Detection.Contrast.Enhanced);
        var c = g.ToPatient(cx, y0, z0);
        Assert.DoesNotContain(result.Lesions, l =>
            Math.Sqrt(Math.Pow(l.CentroidMm[0] - c.X, 2) + Math.Pow(l.CentroidMm[1] - c.Y, 2) + Math.Pow(l.CentroidMm[2] - c.Z, 2)) < 2 * KnobRadiusMm);
        Assert.DoesNotContain(result.Detection.Notes, n => n.Contains("carved from the bone", StringComparison.Ordinal) && n.Contains("nodule", StringComparison.Ordinal));
    }

    /// <summary>
    /// The first voxel of the middle slice's cortex (600 HU or more) whose next <paramref name="room"/> voxels along the row
    /// and the rows round them are soft tissue or fat (-200 to 130 HU): a bone's outer face with room for the knob.
    /// </summary>
    private static (int X, int Y) CortexFacingSoftTissue(short[] data, int nx, int ny, int len, int z, int room)
    {
        for (int y = room; y < ny - room; y++)
            for (int x = 1; x < nx - room - 1; x++)
            {
                if (data[z * len + y * nx + x] < 600) continue;
                bool soft = true;
                for (int dz = -1; dz <= 1 && soft; dz++)
                    for (int dy = -room / 2; dy <= room / 2 && soft; dy++)
                        for (int dx = 1; dx <= room && soft; dx++)
                            soft = data[(z + dz) * len + (y + dy) * nx + x + dx] is >= -200 and < 130;
                if (soft) return (x, y);
            }
        Assert.Fail("no cortex facing soft tissue");
        return default;
    }
}
