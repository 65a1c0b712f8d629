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
/// <param name="LumenDenseHu">What in the disc counts as calcium density (the shell's partial volume), not lumen: the calcium threshold, or with contrast the lumen's raised one.</param>
public sealed record VesselWallArcOptions(
    double MinRadiusMm = 2,
    double MaxRadiusMm = 20,
    double MaxShellRmsMm = 1.5,
    double MaxArcShare = 0.75,
    short LumenMinHu = -10,
    short LumenMaxHu = 100,
    double LumenMaxDenseShare = 0.35,
    double MinSliceShare = 0.6,
    short LumenDenseHu = CalcificationDetector.ThresholdHu)
{
    /// <summary>
    /// Round a contrast-filled lumen: its mean lies from weak enhancement (<see cref="Segmentation.BloodPoolDetector.WeakLowHu"/>,
    /// less noise) up to the lumen's calcium threshold, and only what reaches that threshold is the shell's.
    /// </summary>
    public static VesselWallArcOptions Enhanced(short calciumThresholdHu) =>
        new(LumenMinHu: Segmentation.BloodPoolDetector.WeakLowHu - 30, LumenMaxHu: calciumThresholdHu, LumenDenseHu: calciumThresholdHu);
}

/// <summary>
/// Plaque in an artery's wall in section: an arc of calcium hugging a round lumen of blood. Dense plaque (900-1300 HU)
/// reaches cortical density and a plaque of the aorta measures hundreds of cubic millimetres, so size and density alone
/// would take it for bone (the phantom family's aortic and iliac plaques were drawn as skeleton). Bone in section is
/// never an open arc round blood: a cortex closes round its marrow, and red or sclerotic marrow is itself at calcium
/// density. Fitted per slice: a circle through the component's voxels (the algebraic fit of Taubin, 1991, see <see cref="FitCircle"/>),
/// its radius that of a vessel, the voxels a thin shell on it, an open arc, and the disc inside at blood density.
/// </summary>
internal static class VesselWallArc
{
    private const int Bins = 24;
    private const int MaxSampledSlices = 9;
    /// <summary>Fewer pixels in a slice than this are too few to fit a circle to and tell an arc.</summary>
    public const int MinSlicePixels = 6;

    public static bool Is(ComponentStats s, RunSet runs, Volume<short> hu, VesselWallArcOptions o, Func<int, double, bool>? lumenAllowed = null)
    {
        int nx = runs.SizeX, depth = s.MaxK - s.MinK + 1;
        var bySlice = new List<int>[depth];
        foreach (int r in s.Runs)
        {
            var list = bySlice[runs.Z[r] - s.MinK] ??= [];
            for (int x = runs.X0[r]; x <= runs.X1[r]; x++) list.Add(runs.Y[r] * nx + x);
        }
        return Is(bySlice, s.MinK, hu, o, lumenAllowed);
    }

    /// <summary>
    /// Whether voxels (indices into the volume) form a vessel-wall arc; <paramref name="lumenAllowed"/>, where given, must
    /// hold for the fitted circle (its centre's index into the volume, its radius in mm): a piece carved from a bone has its
    /// lumen outside the bone.
    /// </summary>
    public static bool Is(IReadOnlyCollection<int> voxels, Volume<short> hu, VesselWallArcOptions o, Func<int, double, bool>? lumenAllowed = null)
    {
        int len = hu.Geometry.SizeX * hu.Geometry.SizeY, minK = int.MaxValue, maxK = -1;
        foreach (int i in voxels) { minK = Math.Min(minK, i / len); maxK = Math.Max(maxK, i / len); }
        if (maxK < 0) return false;
        var bySlice = new List<int>[maxK - minK + 1];
        foreach (int i in voxels) (bySlice[i / len - minK] ??= []).Add(i % len);
        return Is(bySlice, minK, hu, o, lumenAllowed);
    }

    /// <summary>Per slice from <paramref name="minK"/>, the in-slice indices of the voxels; up to nine slices sampled.</summary>
    private static bool Is(List<int>[] bySlice, int minK, Volume<short> hu, VesselWallArcOptions o, Func<int, double, bool>? lumenAllowed = null)
    {
        // The slices sampled are spread over those that show enough of the component to fit an arc: a plaque joined
        // through a thin blur to something running the whole range (the phantom family's seed 423: a 576 mm3 aortic
        // plaque in 6 of 88 slices) would otherwise be judged on the blur's slices.
        var shown = new List<int>();
        for (int k = 0; k < bySlice.Length; k++) if (bySlice[k] is { } p && p.Count >= MinSlicePixels) shown.Add(k);
        int step = Math.Max(1, shown.Count / MaxSampledSlices), sampled = 0, arcs = 0;
        for (int q = 0; q < shown.Count; q += step)
        {
            int k = shown[q];
            var arc = SliceArc(bySlice[k], hu, minK + k, o, lumenAllowed);
            if (arc is null) continue;
            sampled++;
            if (arc.Value) arcs++;
        }
        return sampled > 0 && arcs >= o.MinSliceShare * sampled;
    }

    /// <summary>True for a vessel-wall arc in this slice, false for anything else, null where too few voxels to tell.</summary>
    private static bool? SliceArc(List<int> pixels, Volume<short> hu, int z, VesselWallArcOptions o, Func<int, double, bool>? lumenAllowed)
    {
        var g = hu.Geometry;
        int nx = g.SizeX, ny = g.SizeY;
        double sx = g.Spacing.X, sy = g.Spacing.Y;
        if (pixels.Count < MinSlicePixels) return null;
        if (!FitArc(pixels, nx, sx, sy, out double cx, out double cy, out double radius, out double rms, out double arcShare)) return false;
        if (radius < o.MinRadiusMm || radius > o.MaxRadiusMm) return false;
        if (rms > o.MaxShellRmsMm) return false;
        if (arcShare > o.MaxArcShare) return false;
        int ci = (int)Math.Round(cx / sx), cj = (int)Math.Round(cy / sy);
        if (ci < 0 || cj < 0 || ci >= nx || cj >= ny) return false;
        if (lumenAllowed is not null && !lumenAllowed(z * nx * ny + cj * nx + ci, radius)) return false;

        // The lumen: the disc inside the shell, clear of its partial volume (twice the shell's spread, at least a voxel;
        // a fixed margin left no disc inside the 2.5 mm arc fitted to a 4 mm femoral artery's plaque).
        double inner = radius - Math.Max(2 * rms, Math.Max(sx, sy));
        if (inner <= 0) return false;
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
                if (v >= o.LumenDenseHu) dense++; else sum += v;
            }
        if (count == dense) return false;
        double mean = sum / (count - dense);
        return mean >= o.LumenMinHu && mean <= o.LumenMaxHu && dense <= o.LumenMaxDenseShare * count;
    }

    /// <summary>
    /// The circle fitted to one slice's voxels (<see cref="FitCircle"/>), how far the voxels spread off it (RMS, mm) and the
    /// share of the circle they cover (in 24 angular bins). False for collinear voxels.
    /// </summary>
    internal static bool FitArc(List<int> pixels, int nx, double sx, double sy, out double cx, out double cy, out double radius, out double rms, out double arcShare)
    {
        rms = arcShare = 0;
        if (!FitCircle(pixels, nx, sx, sy, out cx, out cy, out radius)) return false;
        double sq = 0;
        Span<bool> bins = stackalloc bool[Bins];
        foreach (int p in pixels)
        {
            double x = p % nx * sx - cx, y = p / nx * sy - cy, dist = Math.Sqrt(x * x + y * y) - radius;
            sq += dist * dist;
            int b = (int)((Math.Atan2(y, x) + Math.PI) / (2 * Math.PI) * Bins);
            bins[Math.Clamp(b, 0, Bins - 1)] = true;
        }
        rms = Math.Sqrt(sq / pixels.Count);
        int covered = 0;
        foreach (bool b in bins) if (b) covered++;
        arcShare = (double)covered / Bins;
        return true;
    }

    /// <summary>
    /// Taubin's algebraic circle fit (Taubin, IEEE PAMI 1991): the circle minimising the algebraic distance normalised
    /// by its gradient, found as the smallest root of its characteristic cubic by Newton's method from zero. Kasa's
    /// plain least squares shrinks the circle on a short arc: on a family plaque covering a third of a 4 mm femoral
    /// artery it gave 2.5 mm, Taubin's 4.1 mm. False for collinear voxels.
    /// </summary>
    internal static bool FitCircle(List<int> pixels, int nx, double sx, double sy, out double cx, out double cy, out double radius)
    {
        cx = cy = radius = 0;
        double n = pixels.Count, mx = 0, my = 0;
        foreach (int p in pixels) { mx += p % nx * sx; my += p / nx * sy; }
        mx /= n; my /= n;
        double uu = 0, vv = 0, uv = 0, uz = 0, vz = 0, zz = 0;
        foreach (int p in pixels)
        {
            double u = p % nx * sx - mx, v = p / nx * sy - my, z = u * u + v * v;
            uu += u * u; vv += v * v; uv += u * v; uz += u * z; vz += v * z; zz += z * z;
        }
        uu /= n; vv /= n; uv /= n; uz /= n; vz /= n; zz /= n;
        double mz = uu + vv, covUv = uu * vv - uv * uv, varZ = zz - mz * mz;
        double a3 = 4 * mz, a2 = -3 * mz * mz - zz;
        double a1 = varZ * mz + 4 * covUv * mz - uz * uz - vz * vz;
        double a0 = uz * (uz * vv - vz * uv) + vz * (vz * uu - uz * uv) - varZ * covUv;
        double x = 0, y = a0;
        for (int it = 0; it < 99; it++)
        {
            double slope = a1 + x * (2 * a2 + 3 * a3 * x);
            if (slope == 0) return false;
            double next = x - y / slope;
            if (!double.IsFinite(next) || next == x) break;
            double ynext = a0 + next * (a1 + next * (a2 + next * a3));
            if (Math.Abs(ynext) >= Math.Abs(y)) break;
            x = next; y = ynext;
        }
        double det = x * x - x * mz + covUv;
        if (Math.Abs(det) < 1e-12) return false;
        double ox = (uz * (vv - x) - vz * uv) / det / 2, oy = (vz * (uu - x) - uz * uv) / det / 2;
        radius = Math.Sqrt(ox * ox + oy * oy + mz);
        cx = ox + mx; cy = oy + my;
        return double.IsFinite(radius);
    }
}
