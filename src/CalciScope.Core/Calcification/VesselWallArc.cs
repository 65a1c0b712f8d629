using CalciScope.Imaging;
using CalciScope.Segmentation;

namespace CalciScope.Calcification;

/// <summary>Where a calcified arc counts as the wall of a vessel.</summary>
/// <param name="MinRadiusMm">Smallest lumen: a tibial or radial artery, about 1.5-2 mm across its lumen plus wall (radius 2 mm).</param>
/// <param name="MaxRadiusMm">Largest lumen: an ectatic abdominal aorta (up to 30 mm across before it is called aneurysmal), with its wall.</param>
/// <param name="MaxShellRmsMm">A wall plaque is a shell 1-3 mm thick: its voxels lie within this RMS distance of the fitted circle.</param>
/// <param name="MaxArcShare">Share of the circle the arc covers, above which it is a closed ring: a bone's cortex round its marrow in section is closed, a plaque is an arc (circumferential calcification of a small artery is a ring too, and left to the other rules).</param>
/// <param name="LumenMinHu">Lower edge of the mean of blood without contrast (30-45 HU) under calcium density, less noise.</param>
/// <param name="LumenMaxHu">Upper edge of a lumen's mean: unenhanced blood up to 60 HU, and noise; enhanced lumens are the blood pool's, judged before this.</param>
/// <param name="LumenMaxDenseShare">Share of the lumen at calcium density or more: the shell's partial volume reaches 8-9 % of the disc (phantom family plaques, 1.4 mm shells); red or sclerotic marrow is mostly at that density.</param>
/// <param name="MinSliceShare">Share of the component's sampled slices that must show such an arc.</param>
public sealed record VesselWallArcOptions(
    double MinRadiusMm = 2,
    double MaxRadiusMm = 20,
    double MaxShellRmsMm = 1.5,
    double MaxArcShare = 0.75,
    short LumenMinHu = -10,
    short LumenMaxHu = 100,
    double LumenMaxDenseShare = 0.2,
    double MinSliceShare = 0.6);

/// <summary>
/// Plaque in an artery's wall in section: an arc of calcium hugging a round lumen of blood. Dense plaque (900-1300 HU)
/// reaches cortical density and a plaque of the aorta measures hundreds of cubic millimetres, so size and density alone
/// would take it for bone (the phantom family's aortic and iliac plaques were drawn as skeleton). Bone in section is
/// never an open arc round blood: a cortex closes round its marrow, and red or sclerotic marrow is itself at calcium
/// density. Fitted per slice: a circle through the component's voxels (the algebraic least-squares fit of Kasa, 1976),
/// its radius that of a vessel, the voxels a thin shell on it, an open arc, and the disc inside at blood density.
/// </summary>
internal static class VesselWallArc
{
    private const int Bins = 24;
    private const int MaxSampledSlices = 9;

    public static bool Is(ComponentStats s, RunSet runs, Volume<short> hu, VesselWallArcOptions o)
    {
        var g = hu.Geometry;
        int depth = s.MaxK - s.MinK + 1;
        var bySlice = new List<int>[depth];
        foreach (int r in s.Runs) (bySlice[runs.Z[r] - s.MinK] ??= []).Add(r);
        int step = Math.Max(1, depth / MaxSampledSlices), sampled = 0, arcs = 0;
        for (int k = 0; k < depth; k += step)
        {
            if (bySlice[k] is not { Count: > 0 } rs) continue;
            var arc = SliceArc(rs, runs, hu, g, s.MinK + k, o);
            if (arc is null) continue;
            sampled++;
            if (arc.Value) arcs++;
        }
        return sampled > 0 && arcs >= o.MinSliceShare * sampled;
    }

    /// <summary>True for a vessel-wall arc in this slice, false for anything else, null where too few voxels to tell.</summary>
    private static bool? SliceArc(List<int> rs, RunSet runs, Volume<short> hu, VolumeGeometry g, int z, VesselWallArcOptions o)
    {
        double sx = g.Spacing.X, sy = g.Spacing.Y;
        // Kasa's fit: minimise sum (x^2 + y^2 + D x + E y + F)^2, a 3x3 linear system of sums.
        double n = 0, Sx = 0, Sy = 0, Sxx = 0, Syy = 0, Sxy = 0, Sxz = 0, Syz = 0, Sz = 0;
        foreach (int r in rs)
        {
            double y = runs.Y[r] * sy;
            for (int xi = runs.X0[r]; xi <= runs.X1[r]; xi++)
            {
                double x = xi * sx, zz = x * x + y * y;
                n++; Sx += x; Sy += y; Sxx += x * x; Syy += y * y; Sxy += x * y; Sxz += x * zz; Syz += y * zz; Sz += zz;
            }
        }
        if (n < 6) return null;
        if (!SolveSymmetric3(Sxx, Sxy, Sx, Syy, Sy, n, -Sxz, -Syz, -Sz, out double d, out double e, out double f)) return false;
        double cx = -d / 2, cy = -e / 2, r2 = cx * cx + cy * cy - f;
        if (r2 <= 0) return false;
        double radius = Math.Sqrt(r2);
        if (radius < o.MinRadiusMm || radius > o.MaxRadiusMm) return false;

        double sq = 0;
        Span<bool> bins = stackalloc bool[Bins];
        foreach (int r in rs)
        {
            double y = runs.Y[r] * sy - cy;
            for (int xi = runs.X0[r]; xi <= runs.X1[r]; xi++)
            {
                double x = xi * sx - cx, dist = Math.Sqrt(x * x + y * y) - radius;
                sq += dist * dist;
                int b = (int)((Math.Atan2(y, x) + Math.PI) / (2 * Math.PI) * Bins);
                bins[Math.Clamp(b, 0, Bins - 1)] = true;
            }
        }
        if (Math.Sqrt(sq / n) > o.MaxShellRmsMm) return false;
        int covered = 0;
        foreach (bool b in bins) if (b) covered++;
        if (covered > o.MaxArcShare * Bins) return false;

        // The lumen: the disc inside the shell, clear of its partial volume.
        double inner = radius - o.MaxShellRmsMm;
        if (inner <= 0) return false;
        int nx = g.SizeX, ny = g.SizeY;
        var slice = hu.Slice(z);
        int i0 = Math.Max(0, (int)Math.Floor((cx - inner) / sx)), i1 = Math.Min(nx - 1, (int)Math.Ceiling((cx + inner) / sx));
        int j0 = Math.Max(0, (int)Math.Floor((cy - inner) / sy)), j1 = Math.Min(ny - 1, (int)Math.Ceiling((cy + inner) / sy));
        long count = 0, dense = 0; double sum = 0;
        for (int j = j0; j <= j1; j++)
            for (int i = i0; i <= i1; i++)
            {
                double x = i * sx - cx, y = j * sy - cy;
                if (x * x + y * y > inner * inner) continue;
                short v = slice[j * nx + i];
                count++;
                // The shell's own partial volume reaches into the disc; the blood is what stays under calcium density.
                if (v >= CalcificationDetector.ThresholdHu) dense++; else sum += v;
            }
        if (count == dense) return false;
        double mean = sum / (count - dense);
        return mean >= o.LumenMinHu && mean <= o.LumenMaxHu && dense <= o.LumenMaxDenseShare * count;
    }

    /// <summary>Cramer's rule for a symmetric 3x3 system (upper triangle given); false when it is singular (collinear voxels).</summary>
    private static bool SolveSymmetric3(double a11, double a12, double a13, double a22, double a23, double a33,
        double b1, double b2, double b3, out double x1, out double x2, out double x3)
    {
        double det = a11 * (a22 * a33 - a23 * a23) - a12 * (a12 * a33 - a23 * a13) + a13 * (a12 * a23 - a22 * a13);
        x1 = x2 = x3 = 0;
        if (Math.Abs(det) < 1e-9 * Math.Max(1, Math.Abs(a11 * a22 * a33))) return false;
        x1 = (b1 * (a22 * a33 - a23 * a23) - a12 * (b2 * a33 - a23 * b3) + a13 * (b2 * a23 - a22 * b3)) / det;
        x2 = (a11 * (b2 * a33 - a23 * b3) - b1 * (a12 * a33 - a23 * a13) + a13 * (a12 * b3 - b2 * a13)) / det;
        x3 = (a11 * (a22 * b3 - b2 * a23) - a12 * (a12 * b3 - b2 * a13) + b1 * (a12 * a23 - a22 * a13)) / det;
        return true;
    }
}
