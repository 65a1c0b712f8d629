using CalciScope.Imaging;
using CalciScope.Phantoms.Family;
using CalciScope.Pipeline;

namespace CalciScope.Tests.Detection;

/// <summary>
/// A ball drawn into the soft tissue of a normal unenhanced family abdomen (seed 123, 3 mm slices) and the study
/// analysed: the faint-mass and gas-fluid-level tests draw their objects this way.
/// </summary>
internal static class SoftTissuePlace
{
    /// <summary>A voxel of the ball: its offset from the centre in voxels and the value the study had there.</summary>
    public readonly record struct BallVoxel(int Dx, int Dy, int Dz, short Hu);

    /// <summary>
    /// Draws a ball of <paramref name="radiusMm"/> where <paramref name="draw"/> gives each of its voxels a value, at the first
    /// place of the middle slice whose box round it is soft tissue, and analyses the study. Returns the result and the
    /// ball's centre in patient space (mm).
    /// </summary>
    public static (AnalysisResult Result, double[] CentreMm) AnalyseWithBall(double radiusMm, Func<BallVoxel, short> draw)
    {
        var study = FamilyGenerator.Generate(FamilyCase.Draw(123));
        var vol = study.Hu;
        var g = vol.Geometry;
        int nx = g.SizeX, len = nx * g.SizeY;
        int rx = (int)Math.Ceiling(radiusMm / g.Spacing.X), rz = (int)Math.Ceiling(radiusMm / g.Spacing.Z);
        var (cx, cy, z0) = Find(vol, rx, rz);
        var data = (short[])vol.Data.Clone();
        for (int dz = -rz; dz <= rz; dz++)
            for (int dy = -rx; dy <= rx; dy++)
                for (int dx = -rx; dx <= rx; dx++)
                {
                    double mx = dx * g.Spacing.X, my = dy * g.Spacing.Y, mz = dz * g.Spacing.Z;
                    if (mx * mx + my * my + mz * mz > radiusMm * radiusMm) continue;
                    int i = (z0 + dz) * len + (cy + dy) * nx + cx + dx;
                    data[i] = draw(new BallVoxel(dx, dy, dz, data[i]));
                }
        var r = AnalysisPipeline.Analyse(new LoadedStudy(new Volume<short>(g, data), study.Info, []), new AnalysisOptions());
        var centre = g.ToPatient(cx, cy, z0);
        return (r, [centre.X, centre.Y, centre.Z]);
    }

    /// <summary>Whether a lesion's centroid lies within <paramref name="withinMm"/> of <paramref name="c"/>.</summary>
    public static bool LesionNear(AnalysisResult r, double[] c, double withinMm) => r.Lesions.Any(l =>
        Math.Sqrt(Math.Pow(l.CentroidMm[0] - c[0], 2) + Math.Pow(l.CentroidMm[1] - c[1], 2) + Math.Pow(l.CentroidMm[2] - c[2], 2)) < withinMm);

    /// <summary>
    /// The first place, scanning the middle slice, whose whole box round the ball (2 voxels wider in plane) holds
    /// neither fat nor anything dense and is soft tissue on average (noise spreads it).
    /// </summary>
    private static (int X, int Y, int Z) Find(Volume<short> vol, int rx, int rz)
    {
        var g = vol.Geometry;
        int nx = g.SizeX, ny = g.SizeY, len = nx * ny, z0 = g.SizeZ / 2;
        for (int y = rx + 2; y < ny - rx - 2; y += 4)
            for (int x = rx + 2; x < nx - rx - 2; x += 4)
            {
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
                if (soft && sum / count is >= 10 and <= 80) return (x, y, z0);
            }
        Assert.Fail("no soft tissue large enough for the ball");
        return default;
    }
}
