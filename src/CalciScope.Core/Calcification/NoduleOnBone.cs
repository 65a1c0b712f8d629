using CalciScope.Anatomy;
using CalciScope.Imaging;
using CalciScope.Segmentation;

namespace CalciScope.Calcification;

/// <summary>How a round calcified nodule joined to a bone is carved from it.</summary>
/// <param name="MinBoneMm3">Only bones this large are searched: a smaller component is judged whole.</param>
/// <param name="DenseHu">
/// The nodule and the bone are told apart on their voxels this dense or more (with contrast, the lumen's calcium threshold
/// if higher, where the detector asks it: <see cref="NoduleOnBone.Carve"/> takes the level voxel by voxel): over the trabecular marrow of any bone (fatty to sclerotic, -20 to 260 HU in the phantom family; the
/// cancellous bone of adult vertebrae 150-250 HU) and over blood, enhanced venous blood (170-180 HU in the family) and
/// the blur between a stone and its vein, so that what joins a stone to a bone at the calcium threshold falls away.
/// </param>
/// <param name="CoreRadiusMm">
/// The dense voxels are eroded in each slice by a disc of this radius: a cortex of up to twice it (the family's 1.6 mm,
/// a pelvis's 1-3 mm) and the partial-volume neck where a stone touches it vanish, the middle of a pelvic phlebolith
/// (2-5 mm across, 5.4 mm in the family) stays as a core of its own.
/// </param>
/// <param name="LucentCentreMm2">
/// Holes of the dense voxels up to this area are filled before the erosion: a phlebolith's lucent centre (1-3 mm across in
/// stones of 3-8 mm; at a lumen's raised threshold the family's stones showed as rings one pixel thick round 3 x 3 pixels),
/// which would leave no core; a bone's marrow is larger and stays open.
/// </param>
/// <param name="HaloMm">The core is grown back by its erosion and this much more: the stone's blurred rim down to the calcium threshold.</param>
/// <param name="MinNoduleMm3">A grown core smaller than this is a crumb of the bone's edge.</param>
/// <param name="MaxNoduleMm3">
/// Phleboliths (the family's 116-184 mm3), calcified nodes and nodules of calcinosis beside a bone are small; a larger
/// dense body with a neck is a process of the bone itself.
/// </param>
/// <param name="MaxExtentMm">
/// Extent of the core along each axis: a nodule is compact, while the dense cores a bone leaves (a thick cortex, a rib
/// or a process running through the slices) are long.
/// </param>
/// <param name="MinPeakHu">
/// Calcium of a stone or a nodule rises above the densest contrast-filled vessel that might lie against a bone unseen as
/// such (the family's arterial lumen of 330 HU with up to 25 HU of noise): the family's missed phleboliths peaked at
/// 528-829 HU, 528 at 3.7 mm slices.
/// </param>
/// <param name="SmallMinPeakHu">
/// The bar for a small nodule (<see cref="SmallNoduleMm3"/> or less), whose peak the slice's partial volume lowers: a stone
/// of 5 mm averaged into a slice of 3-5 mm peaks at 360-450 HU (the family's unenhanced seeds 494, 997, 1124: 361-397 HU;
/// arterial seeds 97, 1133: 443-445 HU, their studies told enhanced by tubes of contrast alone, so that the fixed bar
/// held). Set from the study (<see cref="NoduleOnBoneOptions.Unenhanced"/>, <see cref="NoduleOnBoneOptions.Enhanced"/>);
/// by default <see cref="MinPeakHu"/>.
/// </param>
/// <param name="SmallNoduleMm3">
/// A nodule this small may peak under <see cref="MinPeakHu"/>, and may be judged against the rest of the bone where
/// the bone's body lies out of reach (<see cref="RestMinHu"/>): a stone of up to 8 mm with its blur (the family's stones
/// 113-200 mm3). A larger body keeps calcium's density in its middle (a 553 mm3 body peaking at 340 HU on seed 938's
/// pelvis was marrow), and a larger piece apart from its bone's body is that bone's end (the held-out seed 280's femoral
/// heads, 533 mm3 caps in a thick slice, met the acetabula through the joints' blur at 180 HU).
/// </param>
/// <param name="RestMinHu">
/// Where a nodule is not joined to the bone's body within reach, the rest of the bone is met at its dense voxels this
/// dense or more (<see cref="NoduleOnBone"/>'s RestOfBone): with contrast, over every lumen's calcium threshold, so that
/// a contrast-filled vessel beside the stone's vein, joined to the bone and not yet seen as a lumen, is passed through
/// and not met (seed 1267's arterial lumen of 331 HU, whose noise reached 435 HU, had been met at 327 HU).
/// </param>
/// <param name="MaxPeakHu">
/// Denser than this is contrast, not a stone: undiluted contrast in the veins of the injected arm and positive oral
/// contrast, lying against a bone, peaked at 1580-4960 HU on the chest CTs of ../shared/data; calcified phleboliths and
/// nodules stay under it.
/// </param>
/// <param name="MaxSaddleHu">
/// A nodule is carved only where it is joined to the bone's body through nothing denser than this, somewhere on every
/// path: enhanced venous blood and the blur of soft tissue (the family's stones in their enhanced veins met the bone at
/// 168-192 HU). A part of the bone is joined to its body through bone: on the five real CTs of ../shared/data every
/// corner, ridge and process that passed the tests above met its bone's body at 242 HU or more (a spinous process of an
/// osteopenic spine; cortex at 300-1900 HU elsewhere); the pieces that met it lower were contrast.
/// </param>
/// <param name="SaddleReachMm">How far from the nodule the path to the bone's body is looked for.</param>
/// <param name="MaxInsideShare">
/// Share of the nodule that may lie inside the rest of the bone's dense outline in its slices (its marrow filled): a
/// stone lies outside the bone it touches, a dense island (an enostosis) or a thick trabecula inside its bone.
/// </param>
/// <param name="MaxEnclosedShare">
/// Area the nodule closes off as marrow when given back to the bone, per voxel of it: a stretch of the bone's own cortex
/// (a cortex cut obliquely by a thick slice looks thick, and the family's 3.7 mm pelves gave dozens of such cores) closes
/// the ring round the marrow, many times its own area; a stone on the surface closes at most the crevice beside it.
/// </param>
/// <param name="MaxHoleMm2">
/// Only holes of the outline up to this area are marrow (<see cref="SliceLandmarkFinder.MaxMarrowMm2"/>), never the
/// pelvic ring's cavity, where the phleboliths lie.
/// </param>
/// <param name="SaddleThroughFacesOnly">
/// The path to the bone's body steps through voxel faces only, not corners and edges (<see cref="Saddle"/>). Asked where
/// no contrast joins a stone to its bone (the unenhanced pelvis): there a stone and a cortex whose voxels meet at a corner
/// touch through the grid's sampling, not through tissue of their density (the phantom family's seed 444, a pelvis at
/// 3.7 mm, had its phlebolith meet the iliac cortex at a corner at 330 HU, and through faces only at 186 HU, the blur
/// between them). With contrast the corners stay: flooded through faces, the enhanced held-out seeds gained 0.56 mL of
/// false calcification and the development seeds nothing.
/// </param>
/// <param name="MinColumnNodules">This many nodules stacked slice on slice are a vessel's contrast, not stones.</param>
/// <param name="ColumnReachMm">In-plane distance between the centres of stacked nodules of one column: a vein's course shifts by up to a centimetre over a thick slice.</param>
public sealed record NoduleOnBoneOptions(double MinBoneMm3 = BoneClassifier.MidBoneMm3, short DenseHu = 300, double CoreRadiusMm = 1.5, double LucentCentreMm2 = 20,
    double HaloMm = 1.5, double MinNoduleMm3 = 20, double MaxNoduleMm3 = 1500, double MaxExtentMm = 12, short MinPeakHu = 450, short SmallMinPeakHu = 450,
    double SmallNoduleMm3 = 250, short RestMinHu = 450,
    short MaxPeakHu = 1500, short MaxSaddleHu = 200, double SaddleReachMm = 15, double MaxInsideShare = 0.3, double MaxEnclosedShare = 0.5, double MaxHoleMm2 = SliceLandmarkFinder.MaxMarrowMm2,
    int MinColumnNodules = 3, double ColumnReachMm = 15, bool SaddleThroughFacesOnly = false)
{
    /// <summary>
    /// The search of a study without contrast: the path to the bone's body steps through faces only, and a small stone
    /// need rise no higher than the dense level, nor the rest of the bone (no vessel is as dense as a stone).
    /// </summary>
    public static NoduleOnBoneOptions Unenhanced { get; } = WithoutContrast();

    private static NoduleOnBoneOptions WithoutContrast()
    {
        var o = new NoduleOnBoneOptions();
        return o with { SaddleThroughFacesOnly = true, SmallMinPeakHu = o.DenseHu, RestMinHu = o.DenseHu };
    }

    /// <summary>
    /// The search of a study with contrast: where the blood pool was found, a small stone need rise only above the densest
    /// lumen's noise (its mean and <see cref="BloodPoolDetector.LumenNoiseSpreads"/> spreads: its calcium threshold less the
    /// margin for swirls of undiluted contrast, which lie in a lumen, not against a bone), within the dense level and
    /// <see cref="MinPeakHu"/>, and the rest of the bone is met over every lumen's threshold. Where only tubes of contrast
    /// told the study enhanced, the lumens' density is not measured, and the fixed bars hold.
    /// </summary>
    public static NoduleOnBoneOptions Enhanced(BloodPoolDetector.Result pool)
    {
        var o = new NoduleOnBoneOptions();
        if (!pool.Enhanced) return o;
        return o with
        {
            SmallMinPeakHu = (short)Math.Clamp(pool.HighestThresholdHu - BloodPoolDetector.LumenMarginHu, o.DenseHu, o.MinPeakHu),
            RestMinHu = (short)Math.Max(o.RestMinHu, pool.HighestThresholdHu),
        };
    }

    /// <summary>The least peak of a nodule of <paramref name="volumeMm3"/>.</summary>
    public short MinPeakHuOf(double volumeMm3) => volumeMm3 <= SmallNoduleMm3 ? Math.Min(MinPeakHu, SmallMinPeakHu) : MinPeakHu;
}

/// <summary>
/// A phlebolith in a pelvic vein on the pelvic wall, a calcified node or a nodule of calcinosis beside a bone joins the bone
/// at the calcium threshold where it touches it, or through the blood of the vein that holds it, and would be drawn as
/// bone: the phantom family lost 10 of its 16 missed phleboliths so. A radiologist sees a round dense body standing on
/// the bone's surface, apart from it but for a blur. Here each bone's dense voxels are eroded slice by slice: a nodule's
/// middle survives as a small, compact core apart from the bone's own, and is grown back. It is carved out when it lies
/// outside the rest of the bone and is joined to the bone's body only through tissue no denser than blood: the corners,
/// ridges and processes of real bones (hundreds of such cores on the chest CTs of ../shared/data) meet their body
/// through bone.
/// </summary>
internal static class NoduleOnBone
{
    /// <param name="denseHuAt">
    /// The density the nodule and the bone are told apart at, per voxel: <see cref="NoduleOnBoneOptions.DenseHu"/>, or the
    /// lumen's calcium threshold where the voxel lies in a contrast-filled lumen.
    /// </param>
    /// <param name="taken">Voxels already carved from the bones (arcs of vessel wall, deposits): never part of a nodule.</param>
    /// <param name="excluded">Voxels where dense content is no calcium (positive oral contrast in the bowel): a nodule mostly there is left with the bone.</param>
    public static List<int[]> Carve(List<ComponentStats> stats, RunSet runs, Volume<short> hu, NoduleOnBoneOptions o, Func<int, short> denseHuAt, IReadOnlySet<int> taken,
        Func<int, bool>? excluded = null)
    {
        var g = hu.Geometry;
        double voxel = g.VoxelVolumeMm3;
        var nodules = new List<int[]>();
        foreach (var s in stats)
        {
            if (!s.IsBone || s.Count * voxel < o.MinBoneMm3) continue;
            var bone = new BoneBox(s, runs, hu, denseHuAt);
            var cores = Cores(bone, o);
            if (cores.Count < 2) continue;
            var carved = new List<int[]>();
            bool Candidate(int[] core) => core.Length * voxel <= o.MaxNoduleMm3 && Compact(core, g, o.MaxExtentMm);
            ILookup<int, (int Core, int Voxel)>? bySlice = null;
            HashSet<int>? body = null;
            ILookup<int, int>? bodyBySlice = null;
            for (int c = 0; c < cores.Count; c++)
            {
                if (!Candidate(cores[c])) continue;
                bySlice ??= cores.SelectMany((members, id) => members.Select(i => (Core: id, Voxel: i))).ToLookup(t => bone.SliceOf(t.Voxel));
                var nodule = GrowBack(bone, c, cores, bySlice, o, taken);
                if (nodule.Length * voxel < o.MinNoduleMm3 || nodule.Length * voxel > o.MaxNoduleMm3) continue;
                short peak = nodule.Max(i => hu.Data[i]);
                if (peak < o.MinPeakHuOf(nodule.Length * voxel) || peak > o.MaxPeakHu) continue;
                if (excluded is not null && nodule.Count(excluded) >= AnatomyJudge.MajorityShare * nodule.Length) continue;
                // The bone's body: its cores that are no nodule (large, or long). The saddle, local and the most telling
                // test, is asked before the placement, which draws the bone's whole slices.
                body ??= cores.Where(core => !Candidate(core)).SelectMany(core => core).ToHashSet();
                bodyBySlice ??= body.ToLookup(i => i / bone.Len);
                // Without the body met in reach only a stone's size is judged against the rest of the bone (SmallNoduleMm3).
                var rest = nodule.Length * voxel <= o.SmallNoduleMm3 ? RestOfBone(bone, nodule, hu, o.RestMinHu) : null;
                int? saddle = Saddle(bone, nodule, body, bodyBySlice, hu, o.SaddleReachMm, o.SaddleThroughFacesOnly, rest);
                if (saddle is not { } joinedAt || joinedAt > o.MaxSaddleHu) continue;
                var (inside, encloses) = Placement(bone, nodule, o);
                if (inside > o.MaxInsideShare || encloses > o.MaxEnclosedShare) continue;
                carved.Add(nodule);
                CalcificationDetector.Trace(s, voxel, $"carried a {nodule.Length * voxel:0} mm3 nodule (peak {peak} HU) joined to it at {joinedAt} HU: carved from the bone");
            }
            int before = carved.Count;
            carved = WithoutColumns(carved, g, o);
            if (carved.Count < before) CalcificationDetector.Trace(s, voxel, $"{before - carved.Count} nodule(s) stacked slice on slice in a column: a vessel's contrast, left with the bone");
            nodules.AddRange(carved);
        }
        return nodules;
    }

    /// <summary>
    /// The nodules less those stacked in a column: <see cref="NoduleOnBoneOptions.MinColumnNodules"/> or more, each
    /// beginning in the slice after another's ends (never side by side in one slice, as a cluster of stones lies) and
    /// within <see cref="NoduleOnBoneOptions.ColumnReachMm"/> of it in plane. Swirls of undiluted contrast in a vein
    /// running through the slices leave one dense core per thick slice (LIDC-IDRI 0003 averaged to 5 mm: four of 165-293
    /// mm3 in consecutive slices of its brachiocephalic vein), while stones lie apart.
    /// </summary>
    internal static List<int[]> WithoutColumns(List<int[]> nodules, VolumeGeometry g, NoduleOnBoneOptions o)
    {
        if (nodules.Count < o.MinColumnNodules) return nodules;
        int nx = g.SizeX, len = nx * g.SizeY, n = nodules.Count;
        var info = nodules.Select(v => (MinK: v.Min(i => i / len), MaxK: v.Max(i => i / len),
            X: v.Average(i => i % nx) * g.Spacing.X, Y: v.Average(i => i % len / nx) * g.Spacing.Y)).ToArray();
        var group = Enumerable.Range(0, n).ToArray();
        int Root(int a) { while (group[a] != a) a = group[a] = group[group[a]]; return a; }
        for (int a = 0; a < n; a++)
            for (int b = a + 1; b < n; b++)
            {
                var (p, q) = (info[a], info[b]);
                bool nextSlices = q.MinK == p.MaxK + 1 || p.MinK == q.MaxK + 1;
                if (nextSlices && Math.Sqrt((p.X - q.X) * (p.X - q.X) + (p.Y - q.Y) * (p.Y - q.Y)) <= o.ColumnReachMm) group[Root(a)] = Root(b);
            }
        var size = Enumerable.Range(0, n).GroupBy(Root).ToDictionary(x => x.Key, x => x.Count());
        return [.. Enumerable.Range(0, n).Where(a => size[Root(a)] < o.MinColumnNodules).Select(a => nodules[a])];
    }

    /// <summary>A rectangle of a slice, in the volume's pixel coordinates, with its own row-major indexing.</summary>
    internal readonly record struct Rect(int X0, int Y0, int W, int H)
    {
        public int Size => W * H;
        public int Local(int x, int y) => (y - Y0) * W + x - X0;
        public bool Contains(int x, int y) => x >= X0 && y >= Y0 && x < X0 + W && y < Y0 + H;

        /// <summary>The rectangle from (x0, y0) to (x1, y1) inclusive, widened by <paramref name="margin"/> pixels each side.</summary>
        public static Rect Spanning(int x0, int y0, int x1, int y1, int margin) =>
            new(x0 - margin, y0 - margin, x1 - x0 + 1 + 2 * margin, y1 - y0 + 1 + 2 * margin);

        /// <summary>The rectangle round the voxels, widened by <paramref name="margin"/> pixels each side.</summary>
        public static Rect Around(IEnumerable<int> voxels, int nx, int len, int margin)
        {
            int x0 = int.MaxValue, y0 = int.MaxValue, x1 = int.MinValue, y1 = int.MinValue;
            foreach (int i in voxels)
            {
                int x = i % nx, y = i % len / nx;
                x0 = Math.Min(x0, x); x1 = Math.Max(x1, x); y0 = Math.Min(y0, y); y1 = Math.Max(y1, y);
            }
            return Spanning(x0, y0, x1, y1, margin);
        }
    }

    /// <summary>
    /// One bone in its bounding box, widened by a pixel so that a hole's fill in a whole slice (<see cref="Placement"/>)
    /// finds background all round it; its runs are kept slice by slice and drawn into a mask of the box, or of a smaller
    /// rectangle round a slice's dense voxels or a nodule, when needed (never the whole box at once).
    /// </summary>
    internal sealed class BoneBox
    {
        public readonly ComponentStats S;
        public readonly int Depth, Nx, Len;
        public readonly Rect Box;
        public readonly VolumeGeometry G;
        private readonly List<int>?[] _bySlice;
        private readonly RunSet _runs;
        private readonly Volume<short> _hu;
        private readonly Func<int, short> _denseHuAt;

        public BoneBox(ComponentStats s, RunSet runs, Volume<short> hu, Func<int, short> denseHuAt)
        {
            S = s; G = hu.Geometry; _runs = runs; _hu = hu; _denseHuAt = denseHuAt;
            Box = Rect.Spanning(s.MinI, s.MinJ, s.MaxI, s.MaxJ, 1);
            Depth = s.MaxK - s.MinK + 1; Nx = G.SizeX; Len = Nx * G.SizeY;
            _bySlice = s.RunsBySlice(runs);
        }

        public bool IsDense(int i) => _hu.Data[i] >= _denseHuAt(i);

        public bool Has(int k) => k >= 0 && k < Depth && _bySlice[k] is not null;

        /// <summary>Draws slice <paramref name="k"/> of the bone within <paramref name="rect"/> into <paramref name="mask"/>: all its voxels, or only the dense ones.</summary>
        public void Draw(int k, Span<bool> mask, bool denseOnly, Rect rect)
        {
            mask.Clear();
            if (!Has(k)) return;
            foreach (int r in _bySlice[k]!)
            {
                int y = _runs.Y[r];
                if (y < rect.Y0 || y >= rect.Y0 + rect.H) continue;
                int row = (y - rect.Y0) * rect.W - rect.X0, rowStart = _runs.Z[r] * Len + y * Nx;
                for (int x = Math.Max(_runs.X0[r], rect.X0); x <= Math.Min(_runs.X1[r], rect.X0 + rect.W - 1); x++)
                    if (!denseOnly || IsDense(rowStart + x)) mask[row + x] = true;
            }
        }

        public void Draw(int k, Span<bool> mask, bool denseOnly) => Draw(k, mask, denseOnly, Box);

        /// <summary>The rectangle round slice <paramref name="k"/>'s dense voxels, widened by <paramref name="margin"/> pixels; null where it has none.</summary>
        public Rect? DenseRect(int k, int margin)
        {
            if (!Has(k)) return null;
            int x0 = int.MaxValue, y0 = int.MaxValue, x1 = int.MinValue, y1 = int.MinValue;
            foreach (int r in _bySlice[k]!)
            {
                int y = _runs.Y[r], rowStart = _runs.Z[r] * Len + y * Nx;
                for (int x = _runs.X0[r]; x <= _runs.X1[r]; x++)
                {
                    if (!IsDense(rowStart + x)) continue;
                    x0 = Math.Min(x0, x); x1 = Math.Max(x1, x); y0 = Math.Min(y0, y); y1 = Math.Max(y1, y);
                }
            }
            return x0 > x1 ? null : Rect.Spanning(x0, y0, x1, y1, margin);
        }

        public int Global(int k, int local, Rect rect) => (S.MinK + k) * Len + (rect.Y0 + local / rect.W) * Nx + rect.X0 + local % rect.W;
        public int Local(int global, Rect rect) => rect.Local(global % Nx, global % Len / Nx);
        public int Local(int global) => Local(global, Box);
        public int SliceOf(int global) => global / Len - S.MinK;
    }

    /// <summary>
    /// The dense voxels (small holes filled) that survive the erosion, split into their 26-connected cores. Each slice is
    /// eroded within the rectangle round its own dense voxels (a rib's section is small where the rib's box is not).
    /// </summary>
    internal static List<int[]> Cores(BoneBox b, NoduleOnBoneOptions o)
    {
        var perSlice = new List<int>?[b.Depth];
        int margin = 2;
        Parallel.For(0, b.Depth, k =>
        {
            if (b.DenseRect(k, margin) is not { } rect) return;
            var mask = new bool[rect.Size];
            var ops = new SliceOps(rect.W, rect.H, b.G.Spacing.X, b.G.Spacing.Y);
            b.Draw(k, mask, denseOnly: true, rect);
            ops.FillHoles(mask, o.LucentCentreMm2);
            ops.Erode(mask, o.CoreRadiusMm);
            List<int>? left = null;
            for (int i = 0; i < mask.Length; i++) if (mask[i]) (left ??= []).Add(b.Global(k, i, rect));
            perSlice[k] = left;
        });
        var all = new HashSet<int>();
        foreach (var list in perSlice) if (list is not null) all.UnionWith(list);
        return VoxelPieces.Split(all, b.G.SizeX, b.G.SizeY).ToList();
    }

    internal static bool Compact(int[] core, VolumeGeometry g, double maxExtentMm)
    {
        int nx = g.SizeX, len = nx * g.SizeY;
        int x0 = int.MaxValue, x1 = int.MinValue, y0 = int.MaxValue, y1 = int.MinValue, z0 = int.MaxValue, z1 = int.MinValue;
        foreach (int i in core)
        {
            int z = i / len, y = i % len / nx, x = i % nx;
            x0 = Math.Min(x0, x); x1 = Math.Max(x1, x); y0 = Math.Min(y0, y); y1 = Math.Max(y1, y); z0 = Math.Min(z0, z); z1 = Math.Max(z1, z);
        }
        return (x1 - x0 + 1) * g.Spacing.X <= maxExtentMm && (y1 - y0 + 1) * g.Spacing.Y <= maxExtentMm && (z1 - z0 + 1) * g.Spacing.Z <= maxExtentMm;
    }

    /// <summary>
    /// The core grown back in each of its slices: its dense voxels within the erosion's radius (what an opening keeps of
    /// it, never the stretch of cortex it touches), and the fainter voxels of the bone at the calcium threshold within the
    /// halo beyond (the stone's blurred rim, and the blur that joined it to the bone); what the other cores grown back by
    /// their erosion hold (the bone's own body) stays bone.
    /// </summary>
    internal static int[] GrowBack(BoneBox b, int id, List<int[]> cores, ILookup<int, (int Core, int Voxel)> bySlice, NoduleOnBoneOptions o, IReadOnlySet<int> taken)
    {
        var slices = cores[id].Select(b.SliceOf).Distinct().ToArray();
        // What the grown core can reach, and the other cores that could claim it, lie within this window.
        double px = Math.Min(b.G.Spacing.X, b.G.Spacing.Y);
        var rect = Rect.Around(cores[id], b.Nx, b.Len, (int)Math.Ceiling((2 * o.CoreRadiusMm + o.HaloMm) / px) + 2);
        var ops = new SliceOps(rect.W, rect.H, b.G.Spacing.X, b.G.Spacing.Y);
        var own = new bool[rect.Size];
        var body = new bool[rect.Size];
        var all = new bool[rect.Size];
        var dense = new bool[rect.Size];
        var mm = new float[rect.Size];
        // The opening's disc reaches the pixel centres within its radius; half a pixel more takes the pixels it covers.
        float denseReach = (float)(o.CoreRadiusMm + 0.5 * px), faintReach = (float)(o.CoreRadiusMm + o.HaloMm);
        var nodule = new List<int>();
        foreach (int k in slices)
        {
            Array.Clear(own); Array.Clear(body);
            foreach (var (c, i) in bySlice[k])
            {
                int x = i % b.Nx, y = i % b.Len / b.Nx;
                if (rect.Contains(x, y)) (c == id ? own : body)[rect.Local(x, y)] = true;
            }
            ops.Distance(own, mm);
            ops.Dilate(body, o.CoreRadiusMm);
            b.Draw(k, all, denseOnly: false, rect);
            b.Draw(k, dense, denseOnly: true, rect);
            for (int i = 0; i < own.Length; i++)
            {
                if (!all[i] || body[i] || mm[i] > (dense[i] ? denseReach : faintReach)) continue;
                int gi = b.Global(k, i, rect);
                if (!taken.Contains(gi)) nodule.Add(gi);
            }
        }
        return nodule.ToArray();
    }

    /// <summary>The 26 neighbours of a voxel, and the six of them that share a face with it.</summary>
    private static readonly (int Dx, int Dy, int Dz)[] Neighbours =
        [.. from dz in new[] { -1, 0, 1 } from dy in new[] { -1, 0, 1 } from dx in new[] { -1, 0, 1 } where (dx, dy, dz) != (0, 0, 0) select (dx, dy, dz)];
    private static readonly (int Dx, int Dy, int Dz)[] Faces = [.. Neighbours.Where(d => Math.Abs(d.Dx) + Math.Abs(d.Dy) + Math.Abs(d.Dz) == 1)];

    /// <summary>
    /// The saddle that joins the nodule to the bone's body: the highest level at which a path through the bone still leads
    /// from the nodule's brightest voxel to the body, found by flooding from the peak, brightest voxel first, within
    /// <paramref name="reachMm"/> of the nodule; where the body is not met there, the saddle to <paramref name="rest"/>
    /// (<see cref="RestOfBone"/>) where given, else null. The path steps through all 26 neighbours, or through faces only
    /// (<see cref="NoduleOnBoneOptions.SaddleThroughFacesOnly"/>). One flood serves both: the first voxel of the rest it
    /// dequeues gives the level a flood toward the rest alone would stop at.
    /// </summary>
    private static int? Saddle(BoneBox b, int[] nodule, HashSet<int> body, ILookup<int, int> bodyBySlice, Volume<short> hu, double reachMm, bool facesOnly,
        Func<int, bool>? rest)
    {
        var window = Window(b, nodule, reachMm);
        var (rect, z0, z1) = window;
        int nx = b.Nx, len = b.Len;
        // Where none of the body lies within reach the flood cannot meet it: asked first, since such a flood fills the whole
        // window (on the 512x512x400 seed phantom, 204 of 460 floods and nearly all of the carving's 5 s).
        bool bodyInReach = false;
        for (int z = z0; z <= z1 && !bodyInReach; z++)
            foreach (int i in bodyBySlice[z])
                if (rect.Contains(i % nx, i % len / nx)) { bodyInReach = true; break; }
        if (!bodyInReach) return rest is null ? null : Flood(b, nodule, rest, null, hu, window, facesOnly).Level;
        var (level, met, restLevel) = Flood(b, nodule, body.Contains, rest, hu, window, facesOnly);
        return met ? level : rest is null ? null : restLevel ?? level;
    }

    /// <summary>
    /// The rest of the bone's dense voxels, against which a nodule of a stone's size
    /// (<see cref="NoduleOnBoneOptions.SmallNoduleMm3"/>) that does not meet the bone's body within reach is judged
    /// (<see cref="Saddle"/>): a bone of thin cortex leaves no core where the nodule touches it (the family's pelvic stones beside an iliac
    /// wing's or a femoral head's 1.6 mm cortex, whose thick parts lay farther than the reach: seeds 968, 1222, 1267). A core that is a thickening of such a cortex meets the cortex beside it at the
    /// dense level, a stone only through the blur between them. Where the path meets no other dense voxel of the bone
    /// within reach, the nodule is joined to its bone only from afar (a vein's blood running to a bone beyond the reach, a
    /// corner of the grid that the faces-only path does not step through): the lowest level the path went down to.
    /// </summary>
    /// <param name="minBoneHu">The rest of the bone is met at voxels this dense (<see cref="NoduleOnBoneOptions.RestMinHu"/>).</param>
    private static Func<int, bool> RestOfBone(BoneBox b, int[] nodule, Volume<short> hu, short minBoneHu)
    {
        var own = nodule.ToHashSet();
        return i => !own.Contains(i) && b.IsDense(i) && hu.Data[i] >= minBoneHu;
    }

    /// <summary>The rectangle and the slices within <paramref name="reachMm"/> of the nodule, the flood's window.</summary>
    private static (Rect Rect, int Z0, int Z1) Window(BoneBox b, int[] nodule, double reachMm)
    {
        int nx = b.Nx, len = b.Len;
        int mx = (int)Math.Ceiling(reachMm / b.G.Spacing.X), mz = (int)Math.Ceiling(reachMm / b.G.Spacing.Z);
        var rect = Rect.Around(nodule, nx, len, mx);
        return (rect, Math.Max(nodule.Min(i => i / len) - mz, b.S.MinK), Math.Min(nodule.Max(i => i / len) + mz, b.S.MaxK));
    }

    /// <summary>
    /// The highest level at which a path through the bone leads from the nodule's brightest voxel to a voxel that
    /// <paramref name="target"/> accepts, within the <paramref name="window"/> (<see cref="Window"/>), and whether one was
    /// met (where none was: the lowest level of the bone the path could reach); with it, the level at which the path first
    /// met a voxel <paramref name="fallback"/> accepts, if it did.
    /// </summary>
    private static (int Level, bool Met, int? FallbackLevel) Flood(BoneBox b, int[] nodule, Func<int, bool> target, Func<int, bool>? fallback, Volume<short> hu,
        (Rect Rect, int Z0, int Z1) window, bool facesOnly)
    {
        var (rect, z0, z1) = window;
        int nx = b.Nx, len = b.Len;
        int peakAt = nodule.MaxBy(i => hu.Data[i]);
        // The bone within reach, slice by slice in the rectangle: the flood's ground.
        var inBone = new bool[(z1 - z0 + 1) * rect.Size];
        for (int z = z0; z <= z1; z++) b.Draw(z - b.S.MinK, inBone.AsSpan((z - z0) * rect.Size, rect.Size), denseOnly: false, rect);
        int Cell(int x, int y, int z) => z < z0 || z > z1 || !rect.Contains(x, y) ? -1 : (z - z0) * rect.Size + rect.Local(x, y);
        var queue = new PriorityQueue<int, int>();
        var seen = new bool[inBone.Length];
        seen[Cell(peakAt % nx, peakAt % len / nx, peakAt / len)] = true;
        queue.Enqueue(peakAt, -hu.Data[peakAt]);
        int level = hu.Data[peakAt];
        int? fallbackLevel = null;
        while (queue.TryDequeue(out int i, out int negHu))
        {
            level = Math.Min(level, -negHu);
            if (target(i)) return (level, true, fallbackLevel);
            if (fallbackLevel is null && fallback?.Invoke(i) == true) fallbackLevel = level;
            int z = i / len, y = i % len / nx, x = i % nx;
            foreach (var (dx, dy, dz) in facesOnly ? Faces : Neighbours)
            {
                int c = Cell(x + dx, y + dy, z + dz);
                if (c < 0 || !inBone[c] || seen[c]) continue;
                seen[c] = true;
                int j = (z + dz) * len + (y + dy) * nx + x + dx;
                queue.Enqueue(j, -hu.Data[j]);
            }
        }
        return (level, false, fallbackLevel);
    }

    /// <summary>
    /// How the nodule sits against the rest of the bone's dense outline in its slices: the share of it lying inside that
    /// outline with its marrow filled (a dense island or a thick trabecula in its bone), and the area that the nodule,
    /// given back to the bone, closes off as marrow, per voxel of the nodule (a stretch of the bone's own cortex closes its
    /// ring; a stone on the surface closes nothing, or the crevice between it and the bone).
    /// </summary>
    internal static (double Inside, double Encloses) Placement(BoneBox b, int[] nodule, NoduleOnBoneOptions o)
    {
        var ops = new SliceOps(b.Box.W, b.Box.H, b.G.Spacing.X, b.G.Spacing.Y);
        var rest = new bool[b.Box.Size];
        var whole = new bool[b.Box.Size];
        int inside = 0;
        long encloses = 0;
        foreach (var slice in nodule.GroupBy(b.SliceOf))
        {
            b.Draw(slice.Key, rest, denseOnly: true);
            foreach (int i in slice) rest[b.Local(i)] = false;
            rest.CopyTo(whole, 0);
            foreach (int i in slice) whole[b.Local(i)] = true;
            ops.FillHoles(rest, o.MaxHoleMm2);
            ops.FillHoles(whole, o.MaxHoleMm2);
            foreach (int i in slice) if (rest[b.Local(i)]) inside++;
            var own = slice.Select(b.Local).ToHashSet();
            for (int i = 0; i < whole.Length; i++) if (whole[i] && !rest[i] && !own.Contains(i)) encloses++;
        }
        return ((double)inside / nodule.Length, (double)encloses / nodule.Length);
    }
}
