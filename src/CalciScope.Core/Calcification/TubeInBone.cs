using CalciScope.Imaging;
using CalciScope.Segmentation;

namespace CalciScope.Calcification;

/// <summary>How contrast-filled vessels joined to a bone are told inside it.</summary>
/// <param name="NeckMm">
/// Each slice's part of the bone under cortical density is eroded by this radius: the blur that joins a vessel to the
/// bone it runs against (a pixel or two at the calcium threshold) falls away, and a lumen of 7 mm and more keeps a core.
/// </param>
/// <param name="MinCoreMm2">A lumen's core after the erosion: a vessel of 7 mm keeps 7 mm2 and more.</param>
/// <param name="MaxCoreMm2">
/// An iliac or femoral artery or vein of 8-14 mm keeps at most about 100 mm2; a vertebral body's or femoral head's
/// marrow keeps far more, and is in any case closed in by the bone (<see cref="MaxClosedShare"/>).
/// </param>
/// <param name="MaxSdHu">
/// Contrast in a lumen is even (the family's arterial and venous lumens: SD 8-22 HU in such cores); marrow between
/// trabeculae is mottled, and a core that runs into cortex at its edge spreads further.
/// </param>
/// <param name="MaxClosedShare">
/// Share of eight rays from the core's centre that meet cortex (the bone's voxels at 500 HU and more) before they leave
/// the bone: a vessel touches its bone at a neck, so only the rays towards the bone meet it (one to three); marrow is
/// closed in by cortex on every side, however thin (the family's spinous processes: a cortex of two pixels round
/// sclerotic marrow of 370 HU, as even as contrast).
/// </param>
/// <param name="LinkMm">A lumen's centre moves this much at most from one slice to the next (an iliac artery's course is oblique to the axis).</param>
/// <param name="MinAspect">A lumen's section is round: its box no more than twice as wide one way as the other.</param>
/// <param name="MinFill">And the disc of its area fills half its box or more (a round section fills 0.79 of it; a crescent of marrow under a cortex far less).</param>
public sealed record TubeInBoneOptions(double NeckMm = 2, double MinCoreMm2 = 7, double MaxCoreMm2 = 100, double MaxSdHu = 40,
    double MaxClosedShare = 0.4, double LinkMm = 5, double MinAspect = 0.5, double MinFill = 0.5);

/// <summary>One slice of a lumen found inside a bone: the slice, the centre of its core (pixels) and the lumen's radius (mm).</summary>
internal readonly record struct LumenSection(int Z, double X, double Y, double RadiusMm);

/// <summary>A contrast-filled lumen running inside a bone's component, slice by slice, and how far (mm).</summary>
internal sealed record LumenInBone(ComponentStats Bone, IReadOnlyList<LumenSection> Sections, double LengthMm);

/// <summary>
/// The lumens found inside the bones: the volume (mm3) and the HU sum and count of the cores' voxels of those long enough
/// to count as contrast (<see cref="ContrastFilledTube.TubeMinLengthMm"/>), and every lumen followed, short ones too.
/// </summary>
internal sealed record LumensInBone(double VolumeMm3, double SumHu, long Voxels, IReadOnlyList<LumenInBone> Lumens);

/// <summary>
/// Arteries and veins of a pelvis or a thigh run against its bones, and at the calcium threshold a contrast-filled one
/// joins the bone through the blur between them: the bone component then holds the study's only lumens, and an enhanced
/// pelvis whose great vessels lie above the range is called unenhanced (the phantom family's seeds 452, 514 and others:
/// both iliac arteries inside the hemipelves' components). Inside each bone this finds the lumens a radiologist sees
/// standing against it: cores under cortical density, round, even, apart from the bone but for a neck, chained along
/// the body into tubes as long as the component rules ask of a vessel (<see cref="ContrastFilledTube.TubeMinLengthMm"/>).
/// </summary>
internal static class TubeInBone
{
    /// <summary>
    /// The tubes' volume (mm3, their cores grown back by the erosion) and the HU sum and count of their cores' voxels, over
    /// all bones given, and the sections of every lumen followed, short ones too (for what lies on their wall).
    /// </summary>
    /// <param name="inBowel">Whether a voxel lies in bowel holding positive oral contrast (null: none): a loop of colon against a bone is as round and even.</param>
    public static LumensInBone Measure(IEnumerable<ComponentStats> bones, RunSet runs, Volume<short> hu, TubeInBoneOptions o, Func<int, bool>? inBowel = null)
    {
        double volume = 0, sumHu = 0; long voxels = 0;
        var lumens = new List<LumenInBone>();
        foreach (var s in bones)
        {
            var (v, h, n) = MeasureOne(s, runs, hu, o, inBowel, lumens);
            volume += v; sumHu += h; voxels += n;
        }
        return new LumensInBone(volume, sumHu, voxels, lumens);
    }

    /// <summary>A tube followed from slice to slice: where its lumen was last, how many slices, its area and HU so far, and its sections.</summary>
    private sealed class Chain
    {
        public double X, Y, AreaMm2, SumHu;
        public int Slices;
        public long Voxels;
        public readonly List<LumenSection> Sections = [];
    }

    private static (double VolumeMm3, double SumHu, long Voxels) MeasureOne(ComponentStats s, RunSet runs, Volume<short> hu, TubeInBoneOptions o, Func<int, bool>? inBowel,
        List<LumenInBone> lumens)
    {
        var g = hu.Geometry;
        int w = s.MaxI - s.MinI + 1, h = s.MaxJ - s.MinJ + 1, nx = g.SizeX, len = nx * g.SizeY;
        var bySlice = s.RunsBySlice(runs);
        var ops = new SliceOps(w, h, g.Spacing.X, g.Spacing.Y);
        var bone = new bool[w * h];
        var soft = new bool[w * h];
        var core = new bool[w * h];
        double pixel = g.Spacing.X * g.Spacing.Y;
        var open = new List<Chain>();
        var done = new List<Chain>();
        var cores = new List<Core>();
        for (int k = 0; k < bySlice.Length; k++)
        {
            var next = new List<Chain>();
            if (bySlice[k] is { } rs)
            {
                int z = s.MinK + k;
                Array.Clear(bone);
                s.Draw(rs, runs, bone);
                for (int i = 0; i < bone.Length; i++)
                    soft[i] = bone[i] && hu.Data[z * len + (s.MinJ + i / w) * nx + s.MinI + i % w] < ContrastFilledTube.TubeMaxPeakHu;
                ops.ErodeSmall(soft, core, o.NeckMm);
                Gather(ops, core, cores, w, z * len + s.MinJ * nx + s.MinI, nx, hu.Data, inBowel);
                foreach (var c in cores)
                {
                    if (!IsLumen(c, pixel, g, o) || Closed(c.X, c.Y, bone, soft, w, h) > o.MaxClosedShare * Rays.Length) continue;
                    double x = (s.MinI + c.X) * g.Spacing.X, y = (s.MinJ + c.Y) * g.Spacing.Y;
                    var chain = open.FirstOrDefault(ch => Math.Abs(ch.X - x) <= o.LinkMm && Math.Abs(ch.Y - y) <= o.LinkMm);
                    if (chain is null) chain = new Chain();
                    else open.Remove(chain);
                    double radius = LumenRadiusMm(c, pixel, o);
                    chain.X = x; chain.Y = y; chain.Slices++; chain.AreaMm2 += Math.PI * radius * radius; chain.SumHu += c.Sum; chain.Voxels += c.N;
                    chain.Sections.Add(new LumenSection(z, s.MinI + c.X, s.MinJ + c.Y, radius));
                    next.Add(chain);
                }
            }
            done.AddRange(open);
            open = next;
        }
        done.AddRange(open);
        double volume = 0, sumHu = 0; long voxels = 0;
        // Every chain is kept for what lies on its wall; only the long ones are tubes enough to count as contrast.
        foreach (var c in done) lumens.Add(new LumenInBone(s, c.Sections, c.Slices * g.Spacing.Z));
        foreach (var c in done.Where(c => c.Slices * g.Spacing.Z >= ContrastFilledTube.TubeMinLengthMm))
        {
            volume += c.AreaMm2 * g.Spacing.Z; sumHu += c.SumHu; voxels += c.Voxels;
            if (DebugTrace.Enabled) Console.Error.WriteLine($"lumen against bone component {s.Id}: ends at ({c.X:0},{c.Y:0}) mm, {c.Slices} slices, {c.AreaMm2 * g.Spacing.Z:0} mm3 at {c.SumHu / c.Voxels:0} HU");
        }
        return (volume, sumHu, voxels);
    }

    /// <summary>One core of a slice: its pixels' count, HU sums, centre and box in the bounding rectangle, and how many lie in bowel.</summary>
    private sealed class Core
    {
        public long N, Bowel;
        public double Sum, Sum2, X, Y;
        public int MinX = int.MaxValue, MaxX = -1, MinY = int.MaxValue, MaxY = -1;
    }

    /// <summary>The cores of one slice, measured in one pass over the rectangle (<paramref name="origin"/>: the volume index of its corner).</summary>
    private static void Gather(SliceOps ops, bool[] core, List<Core> cores, int w, int origin, int nx, short[] data, Func<int, bool>? inBowel)
    {
        var areas = ops.Components(core);
        cores.Clear();
        for (int l = 1; l < areas.Count; l++) cores.Add(new Core());
        var labels = ops.Labels;
        for (int i = 0; i < labels.Length; i++)
        {
            int l = labels[i];
            if (l == 0) continue;
            var c = cores[l - 1];
            int x = i % w, y = i / w, index = origin + y * nx + x;
            short v = data[index];
            c.N++; c.Sum += v; c.Sum2 += (double)v * v; c.X += x; c.Y += y;
            if (inBowel is not null && inBowel(index)) c.Bowel++;
            c.MinX = Math.Min(c.MinX, x); c.MaxX = Math.Max(c.MaxX, x); c.MinY = Math.Min(c.MinY, y); c.MaxY = Math.Max(c.MaxY, y);
        }
        foreach (var c in cores) { c.X /= c.N; c.Y /= c.N; }
    }

    /// <summary>A core of a lumen's size, round, even at contrast density and out of the bowel.</summary>
    private static bool IsLumen(Core c, double pixel, VolumeGeometry g, TubeInBoneOptions o)
    {
        double area = c.N * pixel;
        if (area < o.MinCoreMm2 || area > o.MaxCoreMm2 || c.Bowel * 2 >= c.N) return false;
        double mean = c.Sum / c.N, sd = Math.Sqrt(Math.Max(0, c.Sum2 / c.N - mean * mean));
        if (sd > o.MaxSdHu || mean < ContrastFilledTube.TubeMinMeanHu || mean > ContrastFilledTube.TubeMaxMeanHu) return false;
        // Judged on the lumen the core stands for, grown back by the erosion: a core of a few pixels is a ragged shape.
        double bw = (c.MaxX - c.MinX + 1) * g.Spacing.X + 2 * o.NeckMm, bh = (c.MaxY - c.MinY + 1) * g.Spacing.Y + 2 * o.NeckMm;
        double radius = LumenRadiusMm(c, pixel, o), aspect = bw / bh;
        return aspect >= o.MinAspect && aspect <= 1 / o.MinAspect && Math.PI * radius * radius / (bw * bh) >= o.MinFill;
    }

    /// <summary>The radius of the lumen a core stands for: the core's own, as a disc, and the neck the erosion took.</summary>
    private static double LumenRadiusMm(Core c, double pixel, TubeInBoneOptions o) => Math.Sqrt(c.N * pixel / Math.PI) + o.NeckMm;

    /// <summary>
    /// How many of the rays from (<paramref name="cx"/>, <paramref name="cy"/>) meet cortex (the bone's voxels at the
    /// tube peak and over) before they leave the bone: a lumen against a bone meets it towards the bone only, marrow all round.
    /// </summary>
    private static int Closed(double cx, double cy, bool[] bone, bool[] soft, int w, int h)
    {
        int closed = 0;
        foreach (var (dx, dy) in Rays)
        {
            for (double x = cx, y = cy; ; x += dx, y += dy)
            {
                int xi = (int)Math.Round(x), yi = (int)Math.Round(y);
                if (xi < 0 || yi < 0 || xi >= w || yi >= h || !bone[yi * w + xi]) break;
                if (!soft[yi * w + xi]) { closed++; break; }
            }
        }
        return closed;
    }

    private static readonly (double, double)[] Rays =
        [(1, 0), (-1, 0), (0, 1), (0, -1), (0.7071, 0.7071), (-0.7071, 0.7071), (0.7071, -0.7071), (-0.7071, -0.7071)];
}
