using CalciScope.Imaging;
using CalciScope.Phantoms.Family;
using CalciScope.Pipeline;

namespace CalciScope.Tests.Detection;

/// <summary>
/// Deep in the trunk's cavity, among the organs, a calcification amid soft tissue is visceral (the splenic artery's wall,
/// a node, a stone), not in a muscle; within the muscular wall it stays in muscle. And with contrast, a deep lump of the
/// enhanced blood's density that reaches the lumen's calcium threshold in a few voxels only is a vessel cut from the
/// blood pool (a thick slice parts the subclavian vein or the aortic arch from it), not calcium. Drawn on family
/// abdomens: a nodule of 3 mm radius at 700 HU in a ball of soft tissue under the liver's dome, one in the rectus
/// abdominis, and a lump of blood on an arterial abdomen.
/// </summary>
public class TrunkCavityTests
{
    private const double NoduleRadiusMm = 3, SoftRadiusMm = 12;
    private const short NoduleHu = 700, SoftHu = 50;

    [Fact]
    public void NoduleAmongTheOrgans_IsVisceral()
    {
        var (result, at) = WithNodule(123, body => (-0.35 * body.Cavity.A, -0.05 * body.Cavity.B));
        var lesion = Nearest(result, at);
        Assert.Equal("visceral", lesion.Compartment);
        Assert.Equal("abdomen", lesion.Region);
    }

    [Fact]
    public void NoduleInTheRectus_StaysInMuscle()
    {
        var (result, at) = WithNodule(123, body => (20, -(body.Wall.B - body.Case.WallMm / 2)), soft: false);
        Assert.Equal("muscle", Nearest(result, at).Compartment);
    }

    [Theory]
    [InlineData(0)]     // three voxels of undiluted contrast just over the lumen's calcium threshold in its middle
    [InlineData(1.9)]   // a swirl of about 4 % of its volume (LIDC-IDRI 0003's brachiocephalic vein at 5 mm: 4.0 %)
    public void LumpOfEnhancedBlood_CutFromThePool_IsNoCalcium(double swirlRadiusMm)
    {
        var c = FamilyCase.Draw(ArterialAbdomenSeed);
        var study = FamilyGenerator.Generate(c);
        var plain = AnalysisPipeline.Analyse(new LoadedStudy(study.Hu, study.Info, []), new AnalysisOptions());
        var contrast = plain.Detection.Contrast;
        Assert.True(contrast.Enhanced);
        var body = new FamilyBody(c);
        var g = study.Hu.Geometry;
        var data = (short[])study.Hu.Data.Clone();
        double z = Math.Clamp(0.5 * (c.FromZMm + c.ToZMm), c.FromZMm + 20, c.ToZMm - 20);
        var at = new Vec3(-0.35 * body.Cavity.A, -0.05 * body.Cavity.B, z);
        // A piece of a vessel of 16 x 10 x 10 mm (under the 1 mL of an enhancing organ) at the pool's mean in soft tissue, with undiluted contrast
        // just over the lumen's calcium threshold in its middle.
        Paint(data, g, at, SoftRadiusMm + 4, SoftHu);
        Paint(data, g, at, (8, 5, 5), (short)Math.Round(contrast.BloodPoolMeanHu));
        var mid = g.ToIndex(at);
        int nx = g.SizeX, len = nx * g.SizeY, x0 = (int)Math.Round(mid.X), y0 = (int)Math.Round(mid.Y), z0 = (int)Math.Round(mid.Z);
        if (swirlRadiusMm > 0) Paint(data, g, at, swirlRadiusMm, (short)(contrast.ThresholdHu + 40));
        else for (int dx = -1; dx <= 1; dx++) data[z0 * len + y0 * nx + x0 + dx] = (short)(contrast.ThresholdHu + 40);
        var result = AnalysisPipeline.Analyse(new LoadedStudy(new Volume<short>(g, data), study.Info, []), new AnalysisOptions());
        Assert.DoesNotContain(result.Lesions, l => l.Compartment != "vascular" && Distance(l, at) < 15);
    }

    /// <summary>An arterial-phase abdomen of the family with no lesion drawn near the liver.</summary>
    private const int ArterialAbdomenSeed = 11;

    private static (AnalysisResult Result, Vec3 At) WithNodule(int seed, Func<FamilyBody, (double X, double Y)> place, bool soft = true)
    {
        var c = FamilyCase.Draw(seed);
        var study = FamilyGenerator.Generate(c);
        var body = new FamilyBody(c);
        var g = study.Hu.Geometry;
        var data = (short[])study.Hu.Data.Clone();
        var (x, y) = place(body);
        var at = new Vec3(x, y, Math.Clamp(300, c.FromZMm + 20, c.ToZMm - 20));
        if (soft) Paint(data, g, at, SoftRadiusMm, SoftHu);
        Paint(data, g, at, NoduleRadiusMm, NoduleHu);
        var result = AnalysisPipeline.Analyse(new LoadedStudy(new Volume<short>(g, data), study.Info, []), new AnalysisOptions());
        return (result, at);
    }

    private static void Paint(short[] data, VolumeGeometry g, Vec3 at, double radiusMm, short hu) => Paint(data, g, at, (radiusMm, radiusMm, radiusMm), hu);

    /// <summary>Sets every voxel whose centre lies in the ellipsoid round <paramref name="at"/> (semi-axes in mm) to <paramref name="hu"/>.</summary>
    private static void Paint(short[] data, VolumeGeometry g, Vec3 at, (double A, double B, double C) r, short hu)
    {
        var mid = g.ToIndex(at);
        int nx = g.SizeX, len = nx * g.SizeY;
        int ri = (int)Math.Ceiling(Math.Max(r.A, r.B) / g.Spacing.X) + 1, rk = (int)Math.Ceiling(r.C / g.Spacing.Z) + 1;
        for (int k = (int)mid.Z - rk; k <= (int)mid.Z + rk; k++)
            for (int j = (int)mid.Y - ri; j <= (int)mid.Y + ri; j++)
                for (int i = (int)mid.X - ri; i <= (int)mid.X + ri; i++)
                {
                    if (k < 0 || j < 0 || i < 0 || k >= g.SizeZ || j >= g.SizeY || i >= nx) continue;
                    var p = g.ToPatient(i, j, k);
                    double ex = (p.X - at.X) / r.A, ey = (p.Y - at.Y) / r.B, ez = (p.Z - at.Z) / r.C;
                    if (ex * ex + ey * ey + ez * ez <= 1) data[k * len + j * nx + i] = hu;
                }
    }

    private static Calcification.Lesion Nearest(AnalysisResult result, Vec3 at)
    {
        var lesion = result.Lesions.MinBy(l => Distance(l, at));
        Assert.NotNull(lesion);
        Assert.True(Distance(lesion, at) < 2 * NoduleRadiusMm, $"nearest lesion {Distance(lesion, at):0.0} mm away");
        return lesion;
    }

    private static double Distance(Calcification.Lesion l, Vec3 at) =>
        Math.Sqrt(Math.Pow(l.CentroidMm[0] - at.X, 2) + Math.Pow(l.CentroidMm[1] - at.Y, 2) + Math.Pow(l.CentroidMm[2] - at.Z, 2));
}
