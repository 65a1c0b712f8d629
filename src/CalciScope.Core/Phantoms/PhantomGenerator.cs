using CalciScope.Imaging;

namespace CalciScope.Phantoms;

/// <summary>A generated study: the HU volume, its truth and the identifiers it will be written with.</summary>
public sealed record PhantomStudy(Volume<short> Hu, PhantomTruth Truth, StudyInfo Info);

/// <summary>
/// Renders a phantom case onto a CT grid: analytic anatomy sampled at every voxel's patient position (so shifts,
/// rotations and orientations move the patient, not the truth), calcified shapes with partial-volume edges, and noise.
/// </summary>
public static class PhantomGenerator
{
    public const short CalcThresholdHu = 130;

    public static PhantomStudy Generate(PhantomOptions o)
    {
        o.Validate();
        var info = PhantomCases.Find(o.Case);
        var geometry = GridFor(o);
        double height = o.Slices * o.SliceMm;
        var anatomy = new Anatomy(height, o.ContrastHu);
        var (objects, lesions) = PhantomCases.Build(o.Case, anatomy, o.Seed, o.Growth);

        double rot = o.RotationDeg * Math.PI / 180;
        double cr = Math.Cos(rot), sr = Math.Sin(rot);
        Vec3 ToBody(Vec3 p) { var d = p - o.ShiftMm; return new Vec3(cr * d.X + sr * d.Y, -sr * d.X + cr * d.Y, d.Z); }
        Vec3 ToPatient(Vec3 b) => new Vec3(cr * b.X - sr * b.Y, sr * b.X + cr * b.Y, b.Z) + o.ShiftMm;

        var vol = new Volume<short>(geometry);
        int nx = geometry.SizeX, ny = geometry.SizeY;
        Parallel.For(0, geometry.SizeZ, k =>
        {
            var slice = vol.Slice(k);
            for (int j = 0; j < ny; j++)
            for (int i = 0; i < nx; i++)
            {
                var b = ToBody(geometry.ToPatient(i, j, k));
                slice[j * nx + i] = anatomy.Hu(b.X, b.Y, b.Z);
            }
        });

        // Calcification: keep, per voxel, the shape that covers it most.
        var cover = new Dictionary<int, (float F, int Obj)>();
        double h = Math.Cbrt(geometry.Spacing.X * geometry.Spacing.Y * geometry.Spacing.Z);
        for (int oi = 0; oi < objects.Count; oi++)
        {
            var obj = objects[oi];
            var (lo, hi) = obj.Bounds;
            var (i0, i1, j0, j1, k0, k1) = IndexBox(geometry, lo, hi, ToPatient);
            for (int k = k0; k <= k1; k++)
            for (int j = j0; j <= j1; j++)
            for (int i = i0; i <= i1; i++)
            {
                var b = ToBody(geometry.ToPatient(i, j, k));
                double f = obj.Coverage(b, h);
                if (f <= 0) continue;
                int idx = vol.Index(i, j, k);
                if (!cover.TryGetValue(idx, out var c) || c.F < f) cover[idx] = ((float)f, oi);
            }
        }

        var sums = lesions.ToDictionary(l => l.Id, _ => (N: 0L, X: 0.0, Y: 0.0, Z: 0.0));
        foreach (var (idx, (f, oi)) in cover)
        {
            var obj = objects[oi];
            double v = vol.Data[idx] * (1 - f) + obj.PeakHu * f;
            vol.Data[idx] = (short)Math.Round(v);
            if (v >= CalcThresholdHu)
            {
                int k = idx / vol.SliceLength, j = idx % vol.SliceLength / nx, i = idx % nx;
                var p = geometry.ToPatient(i, j, k);
                var s = sums[obj.Lesion];
                sums[obj.Lesion] = (s.N + 1, s.X + p.X, s.Y + p.Y, s.Z + p.Z);
            }
        }
        double voxel = geometry.VoxelVolumeMm3;
        foreach (var l in lesions)
        {
            var s = sums[l.Id];
            l.VolumeMm3 = Math.Round(s.N * voxel, 1);
            l.GeometricVolumeMm3 = Math.Round(objects.Where(x => x.Lesion == l.Id).Sum(x => x.VolumeMm3), 1);
            l.CentroidMm = s.N == 0 ? [0, 0, 0] : [Math.Round(s.X / s.N, 2), Math.Round(s.Y / s.N, 2), Math.Round(s.Z / s.N, 2)];
            l.Parts = objects.Count(x => x.Lesion == l.Id);
        }
        // Soft-tissue structures (the sinus tract) are drawn but hold no calcium: they are not truth lesions.
        lesions.RemoveAll(l => l.VolumeMm3 == 0);

        AddNoise(vol, o.NoiseHu, o.NoiseSeed ?? o.Seed);
        var truth = Summarise(info, lesions, o);
        var uidSeed = $"{o.Case}/{o.Seed}/{o.NoiseSeed}/{o.Growth}/{o.ShiftMm}/{o.RotationDeg}/{o.Orientation}/{o.PatientId}/{o.StudyDate}/{o.ContrastHu}";
        var studyInfo = new StudyInfo
        {
            StudyUid = Dicom.DicomUid.FromSeed("study/" + uidSeed),
            SeriesUid = Dicom.DicomUid.FromSeed("series/" + uidSeed),
            FrameOfReferenceUid = Dicom.DicomUid.FromSeed("for/" + uidSeed),
            Modality = "CT",
            SeriesDescription = $"CalciScope phantom {o.Case}",
            StudyDate = o.StudyDate,
            PatientName = o.PatientName,
            PatientId = o.PatientId,
            PatientBirthDate = "19860314",
            PatientSex = "F",
            AccessionNumber = "ACC" + Math.Abs(uidSeed.GetHashCode() % 1000000).ToString("D6"),
            Manufacturer = "CalciScope phantom",
            KvP = 120,
        };
        return new PhantomStudy(vol, truth, studyInfo);
    }

    public static VolumeGeometry GridFor(PhantomOptions o)
    {
        double half = (o.Size - 1) / 2.0 * o.PixelMm;
        if (o.Orientation == "flipped")
            return new VolumeGeometry(o.Size, o.Size, o.Slices, new Vec3(o.PixelMm, o.PixelMm, o.SliceMm), new Vec3(half, half + 10, 0),
                new Vec3(-1, 0, 0), new Vec3(0, -1, 0), new Vec3(0, 0, 1));
        return VolumeGeometry.Axial(o.Size, o.Size, o.Slices, o.PixelMm, o.PixelMm, o.SliceMm, new Vec3(-half, -half + 10, 0));
    }

    private static (int, int, int, int, int, int) IndexBox(VolumeGeometry g, Vec3 lo, Vec3 hi, Func<Vec3, Vec3> toPatient)
    {
        double[] mn = [double.MaxValue, double.MaxValue, double.MaxValue], mx = [double.MinValue, double.MinValue, double.MinValue];
        for (int c = 0; c < 8; c++)
        {
            var b = new Vec3((c & 1) == 0 ? lo.X : hi.X, (c & 2) == 0 ? lo.Y : hi.Y, (c & 4) == 0 ? lo.Z : hi.Z);
            var ix = g.ToIndex(toPatient(b));
            double[] v = [ix.X, ix.Y, ix.Z];
            for (int a = 0; a < 3; a++) { mn[a] = Math.Min(mn[a], v[a]); mx[a] = Math.Max(mx[a], v[a]); }
        }
        int Lo(double v) => (int)Math.Floor(v) - 1;
        int Hi(double v) => (int)Math.Ceiling(v) + 1;
        return (Math.Max(0, Lo(mn[0])), Math.Min(g.SizeX - 1, Hi(mx[0])), Math.Max(0, Lo(mn[1])), Math.Min(g.SizeY - 1, Hi(mx[1])),
            Math.Max(0, Lo(mn[2])), Math.Min(g.SizeZ - 1, Hi(mx[2])));
    }

    private static void AddNoise(Volume<short> vol, double sigma, int seed)
    {
        if (sigma <= 0) return;
        Parallel.For(0, vol.SizeZ, k =>
        {
            var rng = new Random(seed * 100003 + k);
            var s = vol.Slice(k);
            for (int i = 0; i < s.Length; i += 2)
            {
                // Box-Muller gives two normal deviates per pair of uniforms.
                double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble();
                double r = Math.Sqrt(-2 * Math.Log(u1)) * sigma;
                s[i] = Clamp(s[i] + r * Math.Cos(2 * Math.PI * u2));
                if (i + 1 < s.Length) s[i + 1] = Clamp(s[i + 1] + r * Math.Sin(2 * Math.PI * u2));
            }
        });
    }

    private static short Clamp(double v) => (short)Math.Clamp(Math.Round(v), -1024, 3071);

    private static PhantomTruth Summarise(PhantomCases.CaseInfo info, List<TruthLesion> lesions, PhantomOptions o)
    {
        var soft = lesions.Where(l => l.Compartment != "vascular").ToList();
        var bySide = new Dictionary<string, double> { ["right"] = 0, ["left"] = 0 };
        foreach (var l in soft) bySide[l.Side] = bySide.GetValueOrDefault(l.Side) + l.VolumeMm3;
        var dominant = soft.GroupBy(l => l.Pattern).OrderByDescending(g => g.Sum(l => l.VolumeMm3)).Select(g => g.Key).FirstOrDefault() ?? "none";
        return new PhantomTruth
        {
            Case = info.Name, Condition = info.Condition, Description = info.Description,
            ShiftMm = o.ShiftMm.ToArray(), RotationDeg = o.RotationDeg, Lesions = lesions,
            DominantPattern = dominant,
            SoftTissueVolumeMm3 = Math.Round(soft.Sum(l => l.VolumeMm3), 1),
            VolumeBySide = bySide,
            VolumeByCompartment = lesions.GroupBy(l => l.Compartment).ToDictionary(g => g.Key, g => Math.Round(g.Sum(l => l.VolumeMm3), 1)),
            VolumeByRegion = soft.GroupBy(l => l.Region).ToDictionary(g => g.Key, g => Math.Round(g.Sum(l => l.VolumeMm3), 1)),
        };
    }
}
