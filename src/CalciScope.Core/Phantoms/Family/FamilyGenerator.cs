using CalciScope.Imaging;

namespace CalciScope.Phantoms.Family;

/// <summary>A rendered family case: the HU volume, which truth lesion each voxel belongs to (0 none), and the truth.</summary>
public sealed record FamilyStudy(FamilyCase Case, Volume<short> Hu, int[] TruthIds, IReadOnlyList<TruthLesion> Lesions, StudyInfo Info);

/// <summary>
/// Renders a <see cref="FamilyCase"/>: the analytic body sampled at every voxel centre, the calcified shapes with their
/// partial volume, a soft kernel's blur where drawn, then noise. The truth is measured on the noise-free image, as the
/// fixed phantoms' is: a lesion's voxels are those its shapes raise to 130 HU or more.
/// </summary>
public static class FamilyGenerator
{
    public const int GridSize = 352;
    public const short CalcThresholdHu = 130;

    public static FamilyStudy Generate(FamilyCase c)
    {
        var body = new FamilyBody(c);
        double halfWidth = body.IsThigh(0.5 * (c.FromZMm + c.ToZMm)) ? body.ThighX + body.ThighR : body.A;
        double pixel = Math.Max(c.PixelMm, (2 * halfWidth + 40) / GridSize);
        int slices = Math.Max(8, (int)Math.Round((c.ToZMm - c.FromZMm) / c.SliceMm));
        double half = (GridSize - 1) / 2.0 * pixel;
        var g = VolumeGeometry.Axial(GridSize, GridSize, slices, pixel, pixel, c.SliceMm, new Vec3(-half, -half + 15, c.FromZMm))
            with { Posture = c.Prone ? PatientPosture.Prone : PatientPosture.Supine };
        var hu = new Volume<short>(g);
        int n = GridSize;
        Parallel.For(0, slices, k =>
        {
            var s = hu.Slice(k);
            for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++)
            {
                var p = g.ToPatient(i, j, k);
                s[j * n + i] = body.Hu(p.X, p.Y, p.Z);
            }
        });
        var lesions = new FamilyLesions(body, new Random(FamilyCase.Mix(c.Seed + 1_000_003)));
        foreach (var pattern in c.Patterns) lesions.Place(pattern);
        var ids = Render(hu, lesions.Objects, lesions.Lesions);
        if (c.SoftKernel) Blur(hu);
        Noise(hu, c.NoiseHu, c.Seed);
        var info = new StudyInfo
        {
            StudyUid = Dicom.DicomUid.FromSeed($"family/study/{c.Seed}"), SeriesUid = Dicom.DicomUid.FromSeed($"family/series/{c.Seed}"),
            Modality = "CT", SeriesDescription = $"CalciScope family phantom {c.Seed}", SourceFormat = "phantom",
        };
        return new FamilyStudy(c, hu, ids, lesions.Lesions.Where(l => l.VolumeMm3 > 0).ToList(), info);
    }

    private static int[] Render(Volume<short> hu, List<CalcObject> objects, List<TruthLesion> lesions)
    {
        var g = hu.Geometry;
        var cover = new Dictionary<int, (float F, int Obj)>();
        double h = Math.Cbrt(g.Spacing.X * g.Spacing.Y * g.Spacing.Z);
        for (int oi = 0; oi < objects.Count; oi++)
        {
            var (lo, hi) = objects[oi].Bounds;
            var a = g.ToIndex(lo); var b = g.ToIndex(hi);
            int i0 = Math.Max(0, (int)Math.Floor(Math.Min(a.X, b.X)) - 1), i1 = Math.Min(g.SizeX - 1, (int)Math.Ceiling(Math.Max(a.X, b.X)) + 1);
            int j0 = Math.Max(0, (int)Math.Floor(Math.Min(a.Y, b.Y)) - 1), j1 = Math.Min(g.SizeY - 1, (int)Math.Ceiling(Math.Max(a.Y, b.Y)) + 1);
            int k0 = Math.Max(0, (int)Math.Floor(Math.Min(a.Z, b.Z)) - 1), k1 = Math.Min(g.SizeZ - 1, (int)Math.Ceiling(Math.Max(a.Z, b.Z)) + 1);
            for (int k = k0; k <= k1; k++)
            for (int j = j0; j <= j1; j++)
            for (int i = i0; i <= i1; i++)
            {
                double f = objects[oi].Coverage(g.ToPatient(i, j, k), h);
                if (f <= 0) continue;
                int idx = hu.Index(i, j, k);
                if (!cover.TryGetValue(idx, out var c) || c.F < f) cover[idx] = ((float)f, oi);
            }
        }
        var ids = new int[hu.Data.Length];
        var sums = lesions.ToDictionary(l => l.Id, _ => (N: 0L, X: 0.0, Y: 0.0, Z: 0.0));
        foreach (var (idx, (f, oi)) in cover)
        {
            var obj = objects[oi];
            double v = hu.Data[idx] * (1 - f) + obj.PeakHu * f;
            hu.Data[idx] = (short)Math.Round(v);
            if (v < CalcThresholdHu) continue;
            ids[idx] = obj.Lesion;
            int k = idx / hu.SliceLength, j = idx % hu.SliceLength / g.SizeX, i = idx % g.SizeX;
            var p = g.ToPatient(i, j, k);
            var s = sums[obj.Lesion];
            sums[obj.Lesion] = (s.N + 1, s.X + p.X, s.Y + p.Y, s.Z + p.Z);
        }
        foreach (var l in lesions)
        {
            var s = sums[l.Id];
            l.VolumeMm3 = Math.Round(s.N * g.VoxelVolumeMm3, 1);
            l.CentroidMm = s.N == 0 ? [0, 0, 0] : [Math.Round(s.X / s.N, 2), Math.Round(s.Y / s.N, 2), Math.Round(s.Z / s.N, 2)];
            l.Parts = objects.Count(o => o.Lesion == l.Id);
        }
        return ids;
    }

    /// <summary>A soft reconstruction kernel, as a 3 x 3 in-plane box.</summary>
    private static void Blur(Volume<short> hu)
    {
        int n = hu.SizeX, m = hu.SizeY;
        Parallel.For(0, hu.SizeZ, k =>
        {
            var s = hu.Slice(k);
            var copy = s.ToArray();
            for (int j = 1; j < m - 1; j++)
            for (int i = 1; i < n - 1; i++)
            {
                int sum = 0;
                for (int dj = -1; dj <= 1; dj++)
                for (int di = -1; di <= 1; di++) sum += copy[(j + dj) * n + i + di];
                s[j * n + i] = (short)(sum / 9);
            }
        });
    }

    private static void Noise(Volume<short> hu, double sigma, int seed)
    {
        Parallel.For(0, hu.SizeZ, k =>
        {
            var rng = new Random(seed * 100_003 + k);
            var s = hu.Slice(k);
            for (int i = 0; i < s.Length; i += 2)
            {
                double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble(), r = Math.Sqrt(-2 * Math.Log(u1)) * sigma;
                s[i] = (short)Math.Clamp(Math.Round(s[i] + r * Math.Cos(2 * Math.PI * u2)), -1024, 3071);
                if (i + 1 < s.Length) s[i + 1] = (short)Math.Clamp(Math.Round(s[i + 1] + r * Math.Sin(2 * Math.PI * u2)), -1024, 3071);
            }
        });
    }
}
