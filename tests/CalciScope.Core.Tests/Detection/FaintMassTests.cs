using CalciScope.Imaging;
using CalciScope.Phantoms.Family;
using CalciScope.Pipeline;

namespace CalciScope.Tests.Detection;

/// <summary>
/// A ball of about a millilitre drawn into the soft tissue of a normal unenhanced family abdomen (seed 123, 3 mm
/// slices): at 160 HU throughout (the venous-phase neck vessels of seed 551 averaged 165) it is as faint as enhancing
/// tissue or a weakly opacified vessel and is no calcium; at 450 HU it is a calcified mass and is found.
/// </summary>
public class FaintMassTests
{
    private const double RadiusMm = 6.5;

    private static (AnalysisResult Result, double[] CentreMm) AnalyseWithBall(short hu)
    {
        var study = FamilyGenerator.Generate(FamilyCase.Draw(123));
        var vol = study.Hu;
        var g = vol.Geometry;
        int nx = g.SizeX, len = nx * g.SizeY;
        int rx = (int)Math.Ceiling(RadiusMm / g.Spacing.X), rz = (int)Math.Ceiling(RadiusMm / g.Spacing.Z);
        var (cx, cy, z0) = SoftTissuePlace.Find(vol, RadiusMm);
        var data = (short[])vol.Data.Clone();
        for (int dz = -rz; dz <= rz; dz++)
            for (int dy = -rx; dy <= rx; dy++)
                for (int dx = -rx; dx <= rx; dx++)
                {
                    double mx = dx * g.Spacing.X, my = dy * g.Spacing.Y, mz = dz * g.Spacing.Z;
                    if (mx * mx + my * my + mz * mz > RadiusMm * RadiusMm) continue;
                    int i = (z0 + dz) * len + (cy + dy) * nx + cx + dx;
                    // The ball's value with the tissue's noise kept round it (soft tissue about 40 HU).
                    data[i] = (short)(hu + data[i] - 40);
                }
        var r = AnalysisPipeline.Analyse(new LoadedStudy(new Volume<short>(g, data), study.Info, []), new AnalysisOptions());
        var centre = g.ToPatient(cx, cy, z0);
        return (r, [centre.X, centre.Y, centre.Z]);
    }

    private static bool LesionNear(AnalysisResult r, double[] c) => r.Lesions.Any(l =>
        Math.Sqrt(Math.Pow(l.CentroidMm[0] - c[0], 2) + Math.Pow(l.CentroidMm[1] - c[1], 2) + Math.Pow(l.CentroidMm[2] - c[2], 2)) < RadiusMm);

    [Fact]
    public void BallAt160Hu_IsNoCalcium()
    {
        var (r, c) = AnalyseWithBall(160);
        Assert.False(LesionNear(r, c), "a ball nowhere denser than 250 HU was called calcification");
        Assert.Contains(r.Detection.Notes, n => n.Contains("nowhere reaching", StringComparison.Ordinal));
    }

    [Fact]
    public void BallAt450Hu_IsFound()
    {
        var (r, c) = AnalyseWithBall(450);
        Assert.True(LesionNear(r, c), "a calcified ball of a millilitre was not found");
    }
}
