using CalciScope.Imaging;

namespace CalciScope.Tests.Detection;

/// <summary>Where to draw a test object into a family study: a box of soft tissue on the middle slice.</summary>
internal static class SoftTissuePlace
{
    /// <summary>
    /// The first place, scanning the middle slice, whose whole box round a ball of <paramref name="radiusMm"/> (2 voxels
    /// wider in plane) holds neither fat nor anything dense and is soft tissue on average (noise spreads it).
    /// </summary>
    public static (int X, int Y, int Z) Find(Volume<short> vol, double radiusMm)
    {
        var g = vol.Geometry;
        int nx = g.SizeX, ny = g.SizeY, len = nx * ny;
        int rx = (int)Math.Ceiling(radiusMm / g.Spacing.X), rz = (int)Math.Ceiling(radiusMm / g.Spacing.Z);
        int z0 = g.SizeZ / 2;
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
        Assert.Fail("no soft tissue large enough for the object");
        return default;
    }
}
