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
        int nx = g.SizeX, ny = g.SizeY, nz = g.SizeZ, len = nx * ny;
        int rx = (int)Math.Ceiling(RadiusMm / g.Spacing.X), rz = (int)Math.Ceiling(RadiusMm / g.Spacing.Z);
        // The first place, scanning the middle slice, whose whole box round the ball is soft tissue.
        int z0 = nz / 2, cx = -1, cy = -1;
        for (int y = rx + 2; y < ny - rx - 2 && cx < 0; y += 4)
            for (int x = rx + 2; x < nx - rx - 2 && cx < 0; x += 4)
            {
                // Neither fat nor anything dense anywhere in the box, and soft tissue on average (noise spreads it).
                bool soft = true;
                long sum = 0, count = 0;
                for (int dz = -rz; dz <= rz && soft; dz++)
                    for (int dy = -rx - 2; dy <= rx + 2 && soft; dy++)
                        for (int dx = -rx - 2; dx <= rx + 2 && soft; dx++)
                        {
                            short v = vol.Data[(z0 + dz) * len + (y + dy) * nx + x + dx];
                            soft = v is >= -60 and < 130;
                            sum += v; count++;
                        }
                if (soft && sum / count is >= 10 and <= 80) (cx, cy) = (x, y);
            }
        Assert.True(cx >= 0, "no soft tissue large enough for the ball");
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
