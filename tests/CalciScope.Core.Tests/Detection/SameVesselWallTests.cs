using CalciScope.Imaging;
using CalciScope.Phantoms.Family;
using CalciScope.Pipeline;

namespace CalciScope.Tests.Detection;

/// <summary>
/// Without contrast an aortic plaque breaks into pieces: the large ones are arcs round a lumen of blood, a short one has
/// no circle of its own and was called calcium of the muscle beside the aorta (an emulated unenhanced copy of the
/// upper-abdomen CT of ../shared/data: 0.24 mL). Drawn on a normal unenhanced family abdomen (seed 123, 3 mm slices), in
/// soft tissue: a vessel of 10 mm radius whose wall holds a 200-degree arc of 450-900 HU over nine slices, a lump of the same
/// wall two slices beyond it, and a nodule 8 mm outside the wall in the lump's slices.
/// </summary>
public class SameVesselWallTests
{
    private const double RadiusMm = 10, ShellMm = 2, NoduleMm = 3;
    private const short CalciumHu = 900, FaceHu = 450;

    [Fact]
    public void PieceOnTheWallOfAFoundArc_IsVascular_ANoduleBesideIt_IsNot()
    {
        var study = FamilyGenerator.Generate(FamilyCase.Draw(123));
        var g = study.Hu.Geometry;
        int nx = g.SizeX, len = nx * g.SizeY, z0 = g.SizeZ / 2 - 4;
        var data = (short[])study.Hu.Data.Clone();
        var (cx, cy) = SoftTissueDisc(data, g, z0 - 1, z0 + 12, RadiusMm + 12);
        void Sector(int z, double fromDeg, double toDeg, double innerMm, double outerMm)
        {
            for (int y = 0; y < g.SizeY; y++)
                for (int x = 0; x < nx; x++)
                {
                    double dx = (x - cx) * g.Spacing.X, dy = (y - cy) * g.Spacing.Y, r = Math.Sqrt(dx * dx + dy * dy);
                    double a = Math.Atan2(dy, dx) * 180 / Math.PI;
                    // Densest along the middle of the wall, fading to 450 HU at its faces, as plaque is in section.
                    double half = (outerMm - innerMm) / 2, off = Math.Abs(r - (innerMm + half)) / half;
                    if (off <= 1 && a >= fromDeg && a <= toDeg) data[z * len + y * nx + x] = (short)(CalciumHu - (CalciumHu - FaceHu) * off);
                }
        }
        for (int z = z0; z < z0 + 9; z++) Sector(z, -100, 100, RadiusMm - ShellMm / 2, RadiusMm + ShellMm / 2);
        // The piece: a lump of plaque, 4 mm thick across the wall and 30 degrees round it, in two slices: no arc to fit.
        for (int z = z0 + 11; z < z0 + 13; z++) Sector(z, 125, 155, RadiusMm - 1.5, RadiusMm + 2.5);
        // The nodule: denser at its middle, 8 mm outside the wall where the wall is not calcified, in the piece's slices.
        double nodX = cx + (RadiusMm + 8) / g.Spacing.X;
        for (int z = z0 + 11; z < z0 + 13; z++)
            for (int y = 0; y < g.SizeY; y++)
                for (int x = 0; x < nx; x++)
                {
                    double r = Math.Sqrt(Math.Pow((x - nodX) * g.Spacing.X, 2) + Math.Pow((y - cy) * g.Spacing.Y, 2));
                    if (r <= NoduleMm) data[z * len + y * nx + x] = (short)(CalciumHu - (CalciumHu - FaceHu) * r / NoduleMm);
                }

        var result = AnalysisPipeline.Analyse(new LoadedStudy(new Volume<short>(g, data), study.Info, []), new AnalysisOptions());
        Assert.False(result.Detection.Contrast.Enhanced);
        var piece = g.ToPatient(cx + (RadiusMm + 0.5) / g.Spacing.X * Math.Cos(140 * Math.PI / 180), cy + (RadiusMm + 0.5) / g.Spacing.Y * Math.Sin(140 * Math.PI / 180), z0 + 11.5);
        var nodule = g.ToPatient(nodX, cy, z0 + 11.5);
        var atPiece = Assert.Single(result.Lesions, l => Near(l, piece, 4));
        Assert.Equal("vascular", atPiece.Compartment);
        var atNodule = Assert.Single(result.Lesions, l => Near(l, nodule, 3));
        Assert.NotEqual("vascular", atNodule.Compartment);
        Assert.Contains(result.Lesions, l => l.Compartment == "vascular" && l.VolumeMm3 > 200);
    }

    private static bool Near(Calcification.Lesion l, Vec3 p, double mm) =>
        Math.Sqrt(Math.Pow(l.CentroidMm[0] - p.X, 2) + Math.Pow(l.CentroidMm[1] - p.Y, 2) + Math.Pow(l.CentroidMm[2] - p.Z, 2)) < mm;

    /// <summary>
    /// A centre (voxel column) round which a disc of this radius is soft tissue in every slice from z0 to z1: its mean at
    /// 20-80 HU and nearly all of it, noise included, at -50 to 150 HU.
    /// </summary>
    private static (int X, int Y) SoftTissueDisc(short[] data, VolumeGeometry g, int z0, int z1, double radiusMm)
    {
        int nx = g.SizeX, len = nx * g.SizeY, rx = (int)Math.Ceiling(radiusMm / g.Spacing.X), ry = (int)Math.Ceiling(radiusMm / g.Spacing.Y);
        for (int y = ry; y < g.SizeY - ry; y += 2)
            for (int x = rx; x < nx - rx; x += 2)
            {
                long n = 0, outside = 0; double sum = 0;
                for (int z = z0; z <= z1; z++)
                    for (int dy = -ry; dy <= ry; dy++)
                        for (int dx = -rx; dx <= rx; dx++)
                        {
                            if (Math.Pow(dx * g.Spacing.X, 2) + Math.Pow(dy * g.Spacing.Y, 2) > radiusMm * radiusMm) continue;
                            short v = data[z * len + (y + dy) * nx + x + dx];
                            n++; sum += v;
                            if (v is < -50 or > 150) outside++;
                        }
                if (sum / n is >= 20 and <= 80 && outside <= 0.01 * n) return (x, y);
            }
        Assert.Fail("no disc of soft tissue");
        return default;
    }
}
