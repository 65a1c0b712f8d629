using CalciScope.Imaging;
using CalciScope.Segmentation;

namespace CalciScope.Calcification;

/// <summary>How wall calcium joined to a bone is carved from it.</summary>
/// <param name="OpenRadiusMm">
/// The bone is opened in each slice by a disc of this radius: what is thinner than twice it is not the bone's body. Wall
/// plaque is a shell of 1-3 mm (the phantom family's 1.4 mm); a bone filled over its marrow is thicker everywhere but at
/// its edges and thin processes, which are no arcs round blood and stay bone.
/// </param>
/// <param name="WideOpenRadiusMm">
/// Then again by this wider disc: at the calcium threshold a plaque's partial volume widens it by a pixel or so each
/// side, and at 3.2 mm slices and 0.9 mm pixels the family's aortic plaques on the spine were 5 pixels (4.6 mm) wide, so
/// the first opening kept them with the bone (seeds 162, 176). The wider one alone lost a plaque the first finds: at
/// 0.8 mm it joins the plaque with more of the bone's edge than an arc fits (seed 532).
/// </param>
/// <param name="MinBoneMm3">Only bones this large are opened: smaller pieces are judged whole (<see cref="VesselWallArc"/> before bone).</param>
/// <param name="MinPieceMm3">A carved piece smaller than this is the bone's own edge (crumbs of 20-35 mm3 along the phantom family's vertebrae and rib necks): plaques this small are not told from it.</param>
/// <param name="MinLumenRadiusMm">
/// The vessels that lie on bones and carry plaque there (the aorta on the spine, the iliac and femoral arteries on the
/// pelvis and femur, the subclavian on the first rib) are 4 mm in radius and more, with a margin for the fit. Tighter
/// curves of calcium are a bone's own edges (the phantom family's rib necks fit 2.1-2.3 mm circles there).
/// </param>
/// <param name="MinDenseShare">
/// Share of the piece at or above the lumen's calcium threshold: with contrast, a contrast-filled vessel joined to a bone
/// is a ring of lumen density, plaque rises above it.
/// </param>
/// <param name="MinFreeRays">
/// Of eight rays from the fitted lumen's centre, out to its radius and 2 mm more, at least this many must leave the bone:
/// a vessel's lumen lies beside the bone with the arc's opening (a quarter of the circle or more) free, a marrow cavity
/// is closed all round by its cortex.
/// </param>
/// <param name="MinArcSlices">
/// Slices in which the piece shows enough of itself to fit an arc (<see cref="VesselWallArc.MinSlicePixels"/>): a plaque
/// runs along its vessel, while the tapering end of a rib or of a vertebra's posterior plate, cut once by a thick slice,
/// curves like an arc in one slice, and without contrast the muscle beside it is as dense as blood (135-750 mm3 of such
/// 'plaque' in three unenhanced family cases at 2-3.3 mm once the opening was widened: seeds 21, 57, 156).
/// </param>
/// <param name="MinFragmentMm3">Pieces under this are crumbs of the bone's edge, never part of an arc judged in a group.</param>
/// <param name="FragmentGapMm">
/// Pieces this close in plane (and on overlapping slices) are judged together as one arc as well: the chord of the part
/// of a great vessel's plaque that lies along the bone (an 11 mm aorta's arc of 110 degrees spans 18 mm).
/// </param>
public sealed record PlaqueOnBoneOptions(double OpenRadiusMm = 2, double WideOpenRadiusMm = 2.5, double MinBoneMm3 = BoneClassifier.MidBoneMm3, double MinPieceMm3 = 50,
    int MinFreeRays = 2, double MinLumenRadiusMm = 3.5, double MinDenseShare = 0.5, double MinFragmentMm3 = 10, double FragmentGapMm = 20,
    int MinArcSlices = 2);

/// <summary>How a deposit of the subcutaneous layer joined to a bone is carved from it.</summary>
/// <param name="MinPieceMm3">
/// Carved pieces smaller than this are the bone's own edge (the crumbs an opening leaves along cortex, 10-35 mm3 in
/// the phantom family); the subcutaneous networks found joined to ribs there were carved as pieces of 139-570 mm3.
/// </param>
/// <param name="MinPeakHu">
/// Calcium in fat rises well above the partial volume of a bone's edge and the muscle wall's noise tail: the family's
/// carved network strands peaked at 383-804 HU, the faint edges carved from bones beside them at 240-330 HU.
/// </param>
/// <param name="MinSubcutaneousShare">
/// Share of the piece that the tissue map puts outside the muscle wall: the skeleton lies within the wall (the ribs in
/// it, the rest deeper). In seeds 1-50, the 161 pieces carved from bones that were the bones' own edges and processes
/// had none of themselves outside the wall, the three pieces of subcutaneous networks 39-78 % (the wall's edge is drawn
/// on the tissue map's coarse grid, and a strand that meets a rib lies along it).
/// </param>
/// <param name="MinFatShare">
/// Share of fat round the piece in its slices (2 pixels out, the bone and the piece left aside): a strand in the
/// subcutaneous fat has fat round it (28-56 % in those three, the rest its own blur, other strands and the wall); the
/// edges of real ribs in thin chest walls, which the tissue map may put outside the wall, lie in muscle (1-22 % on the
/// two LIDC-IDRI chests of ../shared/data, whose shoulders and thin walls gave the only such pieces).
/// </param>
/// <param name="MaxCoreShare">
/// Share of the piece with all four in-plane neighbours in it: a strand of calcium (1-2 mm) has few (5-13 % at the
/// family's 0.9-1.2 mm pixels; a network carved from a rib at 0.8 mm, seed 532, 17 %), the edge of a bone or a rib cut
/// along its length a core of cortex and marrow (20-35 % on those chests). Between 0.15 and 0.25 the piece must also show
/// strands' other signs strongly (<paramref name="StrongFatShare"/>, <paramref name="StrongFarShare"/>) and be no denser
/// than calcium (<paramref name="MaxPeakHu"/>).
/// </param>
/// <param name="LooseCoreShare">The most core a piece may have when its fat and reach are strong.</param>
/// <param name="StrongFatShare">
/// Fat round the piece that marks a strand in the subcutaneous fat beyond doubt: seed 532's network 45 %; the bones' own
/// pieces outside the wall on the real chests 7-29 %, but for arm veins of undiluted contrast (31-48 %, peaking at
/// 1128-3071 HU, over <paramref name="MaxPeakHu"/>).
/// </param>
/// <param name="StrongFarShare">Reach from the bone's body that marks a strand running away from it (seed 532's network 86 %).</param>
/// <param name="MaxPeakHu">
/// A piece with some core and denser than this is contrast, not calcium in fat: the undiluted
/// contrast of the injected arm's veins lying on the clavicle and the ribs peaked at 1128-3071 HU on the chest CTs of
/// ../shared/data, the family's networks at 383-804 HU.
/// </param>
/// <param name="ReachMm">Distance in the slice from the bone's body (the bone less what the opening removed) that counts as away from it.</param>
/// <param name="MinFarShare">
/// Share of the piece farther than <paramref name="ReachMm"/> from the bone's body: a deposit runs away from the bone
/// it touches (47-100 % of the family's three networks), a bone's rim lies along it (0-28 % of the thin pieces of
/// those chests).
/// </param>
public sealed record DepositOnBoneOptions(double MinPieceMm3 = 50, short MinPeakHu = 350, double MinSubcutaneousShare = 0.3, double MinFatShare = 0.25,
    double MaxCoreShare = 0.15, double ReachMm = 4, double MinFarShare = 0.4, double LooseCoreShare = 0.25, double StrongFatShare = 0.4,
    double StrongFarShare = 0.7, short MaxPeakHu = 1100);

/// <summary>What was carved from the bones: arcs of vessel wall, deposits of the subcutaneous layer, round nodules on their surface (<see cref="NoduleOnBone"/>), masses beside them (<see cref="MassOnBone"/>).</summary>
public sealed record BoneCarving(IReadOnlyList<int[]> Walls, IReadOnlyList<int[]> Deposits)
{
    public IReadOnlyList<int[]> Nodules { get; init; } = [];
    public IReadOnlyList<int[]> Masses { get; init; } = [];
    public int VoxelCount => Walls.Sum(w => w.Length) + Deposits.Sum(d => d.Length) + Nodules.Sum(n => n.Length) + Masses.Sum(m => m.Length);
}

/// <summary>
/// Calcified plaque of a vessel lying against a bone (the aorta's on a vertebra, an iliac artery's on the pelvis) joins the
/// bone at the calcium threshold and would be drawn with it: the phantom family's seeds 51-200 lost a fifth of their
/// plaques so. A radiologist sees the arc of calcium round the vessel's lumen beside the bone. Here each large bone is
/// opened per slice (its marrow filled first), and what the opening removes is split into 26-connected pieces; a piece
/// that is an arc round a lumen of blood (<see cref="VesselWallArc"/>) whose centre lies outside the bone is carved out
/// and measured as vessel wall. A piece that lies in the subcutaneous fat and is as dense as calcium is a deposit that
/// touched the bone (a strand of a subcutaneous network running onto a rib of a thin wall: the family's seeds 15, 17
/// and 49 lost 160-570 mm3 networks so) and is carved out too.
/// </summary>
internal static class PlaqueOnBone
{
    private const int Rays = 8;
    /// <summary>Past the fitted radius, the shell's own thickness (1-3 mm): a cortex round marrow is met within it.</summary>
    private const double RayBeyondMm = 2;

    /// <param name="lumenAllowed">Where given, must also hold for the fitted lumen (with contrast: its centre in the enhanced lumen).</param>
    /// <param name="tissueCode">The tissue map's code of a voxel (<see cref="TissueClass"/>); without it no deposits are carved.</param>
    public static BoneCarving Carve(List<ComponentStats> stats, RunSet runs, Volume<short> hu, VesselWallArcOptions arc, PlaqueOnBoneOptions o,
        Func<int, double, bool>? lumenAllowed = null, Func<int, byte>? tissueCode = null, DepositOnBoneOptions? deposit = null)
    {
        var g = hu.Geometry;
        double voxel = g.VoxelVolumeMm3;
        var carved = new List<int[]>();
        var deposits = new List<int[]>();
        int len = g.SizeX * g.SizeY;
        arc = arc with { MinRadiusMm = Math.Max(arc.MinRadiusMm, o.MinLumenRadiusMm) };
        deposit ??= new DepositOnBoneOptions();
        foreach (var s in stats)
        {
            if (!s.IsBone || s.Count * voxel < o.MinBoneMm3) continue;
            var bySlice = s.RunsBySlice(runs);
            var residues = Residues(s, bySlice, runs, g, [o.OpenRadiusMm, o.WideOpenRadiusMm]);
            // Splitting a residue into pieces consumes it: where deposits are looked for, what the first opening removed
            // is kept whole (to measure how far a piece runs from the bone's body) and a copy is split; its pieces serve
            // both the arcs and the deposits.
            var removed = tissueCode is null ? null : residues[0];
            var firstPieces = Pieces(removed is null ? residues[0] : new HashSet<int>(removed));
            CarveFrom(s, bySlice, firstPieces);
            CarveFrom(s, bySlice, Pieces(residues[1]));
            if (removed is not null) DepositsFrom(s, bySlice, firstPieces, removed, tissueCode!);
        }
        return new BoneCarving(carved, deposits);

        List<int[]> Pieces(HashSet<int> residue) =>
            VoxelPieces.Split(residue, g.SizeX, g.SizeY).Where(p => p.Length * voxel >= o.MinFragmentMm3).ToList();

        void DepositsFrom(ComponentStats s, List<int>?[] bySlice, List<int[]> pieces, HashSet<int> removed, Func<int, byte> code)
        {
            var taken = carved.SelectMany(c => c).ToHashSet();
            foreach (var piece in pieces)
            {
                if (piece.Length * voxel < deposit.MinPieceMm3 || piece.Any(taken.Contains)) continue;
                short peak = short.MinValue;
                int outside = 0;
                foreach (int i in piece)
                {
                    peak = Math.Max(peak, hu.Data[i]);
                    if (TissueClass.Of(code(i)) is TissueClass.Subcutaneous or TissueClass.Skin) outside++;
                }
                if (peak < deposit.MinPeakHu || outside < deposit.MinSubcutaneousShare * piece.Length) continue;
                var own = piece.ToHashSet();
                double fat = FatShareAround(piece, own, s, bySlice, runs, hu), core = CoreShare(piece, own, g.SizeX);
                if (fat < deposit.MinFatShare || core > deposit.LooseCoreShare) continue;
                double far = FarShare(piece, removed, s, bySlice, runs, g, deposit.ReachMm);
                if (far < deposit.MinFarShare) continue;
                if (core > deposit.MaxCoreShare && (fat < deposit.StrongFatShare || far < deposit.StrongFarShare || peak > deposit.MaxPeakHu)) continue;
                deposits.Add(piece);
                CalcificationDetector.Trace(s, voxel, $"carried a {piece.Length * voxel:0} mm3 deposit in the subcutaneous fat: carved from the bone");
            }
        }

        void CarveFrom(ComponentStats s, List<int>?[] bySlice, List<int[]> pieces)
        {
            // Where the plaque lies along the bone, the opening keeps its middle with the bone and leaves its two ends
            // apart (the phantom family's aortic plaques on the spine came apart into pieces of 30-140 mm3 that fit
            // 1-2 mm circles each): pieces close together are judged as one arc as well as alone.
            foreach (var piece in Candidates(pieces, g, o.FragmentGapMm))
            {
                if (piece.Length * voxel < o.MinPieceMm3 || piece.Count(i => hu.Data[i] >= arc.LumenDenseHu) < o.MinDenseShare * piece.Length) continue;
                if (piece.GroupBy(i => i / len).Count(z => z.Count() >= VesselWallArc.MinSlicePixels) < o.MinArcSlices) continue;
                if (!VesselWallArc.Is(piece, hu, arc, (centre, radius) => (lumenAllowed is null || lumenAllowed(centre, radius))
                    && FreeRays(centre, radius, s, bySlice, runs, g) >= o.MinFreeRays)) continue;
                // An arc found again, or more of it (the wider opening leaves more of a plaque the narrower one cut
                // short): the pieces are one plaque.
                var again = carved.Where(c => c.Intersect(piece).Any()).ToList();
                var plaque = again.Aggregate(piece.AsEnumerable(), (all, c) => all.Union(c)).ToArray();
                carved.RemoveAll(again.Contains);
                carved.Add(plaque);
                CalcificationDetector.Trace(s, voxel, $"carried a {plaque.Length * voxel:0} mm3 arc round a lumen beside it: vessel wall, carved from the bone");
            }
        }
    }

    /// <summary>
    /// Each piece alone, then each group of pieces lying within <paramref name="gapMm"/> of one another (by their
    /// bounding boxes) as one: the pieces an opening leaves of one arc.
    /// </summary>
    private static IEnumerable<int[]> Candidates(List<int[]> pieces, VolumeGeometry g, double gapMm)
    {
        foreach (var p in pieces) yield return p;
        if (pieces.Count < 2) yield break;
        int nx = g.SizeX, len = nx * g.SizeY;
        var box = pieces.Select(p =>
        {
            double x0 = double.MaxValue, y0 = double.MaxValue, z0 = double.MaxValue, x1 = double.MinValue, y1 = double.MinValue, z1 = double.MinValue;
            foreach (int i in p)
            {
                double x = i % nx * g.Spacing.X, y = i % len / nx * g.Spacing.Y, z = i / len * g.Spacing.Z;
                x0 = Math.Min(x0, x); x1 = Math.Max(x1, x); y0 = Math.Min(y0, y); y1 = Math.Max(y1, y); z0 = Math.Min(z0, z); z1 = Math.Max(z1, z);
            }
            return (x0, y0, z0, x1, y1, z1);
        }).ToArray();
        var group = Enumerable.Range(0, pieces.Count).ToArray();
        int Root(int a) { while (group[a] != a) a = group[a] = group[group[a]]; return a; }
        for (int a = 0; a < pieces.Count; a++)
            for (int b = a + 1; b < pieces.Count; b++)
            {
                var (p, q) = (box[a], box[b]);
                double gx = Math.Max(0, Math.Max(p.x0 - q.x1, q.x0 - p.x1)), gy = Math.Max(0, Math.Max(p.y0 - q.y1, q.y0 - p.y1));
                bool zOverlap = p.z0 <= q.z1 + g.Spacing.Z && q.z0 <= p.z1 + g.Spacing.Z;
                if (zOverlap && gx * gx + gy * gy <= gapMm * gapMm) group[Root(a)] = Root(b);
            }
        foreach (var members in Enumerable.Range(0, pieces.Count).GroupBy(Root).Where(m => m.Count() > 1))
            yield return members.SelectMany(m => pieces[m]).ToArray();
    }

    /// <summary>
    /// For each radius, the component's voxels that an opening of the marrow-filled bone by a disc of that radius removes,
    /// slice by slice (in parallel); each slice's mask is drawn and filled once for all the radii.
    /// </summary>
    private static HashSet<int>[] Residues(ComponentStats s, List<int>?[] bySlice, RunSet runs, VolumeGeometry g, double[] radiiMm)
    {
        int w = s.MaxI - s.MinI + 1, h = s.MaxJ - s.MinJ + 1, nx = g.SizeX, len = nx * g.SizeY;
        var perSlice = new List<int>?[radiiMm.Length, bySlice.Length];
        Parallel.For(0, bySlice.Length, () => (new SliceOps(w, h, g.Spacing.X, g.Spacing.Y), new bool[w * h], new bool[w * h], new bool[w * h]), (k, _, work) =>
        {
            if (bySlice[k] is not { } rs) return work;
            var (ops, mask, filled, body) = work;
            Array.Clear(mask);
            s.Draw(rs, runs, mask);
            mask.CopyTo(filled, 0);
            ops.FillHoles(filled);
            for (int q = 0; q < radiiMm.Length; q++)
            {
                filled.CopyTo(body, 0);
                ops.Open(body, radiiMm[q]);
                List<int>? left = null;
                for (int i = 0; i < mask.Length; i++)
                    if (mask[i] && !body[i]) (left ??= []).Add((s.MinK + k) * len + (s.MinJ + i / w) * nx + s.MinI + i % w);
                perSlice[q, k] = left;
            }
            return work;
        }, _ => { });
        var residues = new HashSet<int>[radiiMm.Length];
        for (int q = 0; q < radiiMm.Length; q++)
        {
            residues[q] = [];
            for (int k = 0; k < bySlice.Length; k++) if (perSlice[q, k] is { } list) residues[q].UnionWith(list);
        }
        return residues;
    }

    /// <summary>Pixels this far out of a piece, in its slice, are its surroundings.</summary>
    private const int AroundPixels = 2;

    /// <summary>
    /// Share of fat (under <see cref="TissueMapper.FatMaxHu"/>) among the pixels <see cref="AroundPixels"/> out of the
    /// piece along the slice's four axes that are neither in the piece nor in the bone.
    /// </summary>
    private static double FatShareAround(int[] piece, HashSet<int> own, ComponentStats s, List<int>?[] bySlice, RunSet runs, Volume<short> hu)
    {
        var g = hu.Geometry;
        int nx = g.SizeX, ny = g.SizeY, len = nx * ny;
        int fat = 0, all = 0;
        foreach (int i in piece)
        {
            int z = i / len, y = i % len / nx, x = i % nx;
            foreach (var (dx, dy) in (ReadOnlySpan<(int, int)>)[(AroundPixels, 0), (-AroundPixels, 0), (0, AroundPixels), (0, -AroundPixels)])
            {
                int xx = x + dx, yy = y + dy;
                if (xx < 0 || yy < 0 || xx >= nx || yy >= ny) continue;
                int j = z * len + yy * nx + xx;
                if (own.Contains(j) || InBone(xx, yy, z, s, bySlice, runs)) continue;
                all++;
                if (hu.Data[j] < TissueMapper.FatMaxHu) fat++;
            }
        }
        return all == 0 ? 0 : (double)fat / all;
    }

    /// <summary>Share of the piece farther than <paramref name="reachMm"/> in its slice from the bone's body (the bone less what the opening removed).</summary>
    private static double FarShare(int[] piece, HashSet<int> removed, ComponentStats s, List<int>?[] bySlice, RunSet runs, VolumeGeometry g, double reachMm)
    {
        int nx = g.SizeX, ny = g.SizeY, len = nx * ny, reach = (int)Math.Ceiling(reachMm / g.Spacing.X), far = 0;
        foreach (int i in piece)
        {
            int z = i / len, y = i % len / nx, x = i % nx;
            bool near = false;
            for (int dy = -reach; dy <= reach && !near; dy++)
                for (int dx = -reach; dx <= reach && !near; dx++)
                {
                    int xx = x + dx, yy = y + dy;
                    if (dx * dx + dy * dy > reach * reach || xx < 0 || yy < 0 || xx >= nx || yy >= ny) continue;
                    near = InBone(xx, yy, z, s, bySlice, runs) && !removed.Contains(z * len + yy * nx + xx);
                }
            if (!near) far++;
        }
        return (double)far / piece.Length;
    }

    /// <summary>Share of the piece whose four neighbours in its slice all belong to it: none in a strand one or two pixels wide.</summary>
    private static double CoreShare(int[] piece, HashSet<int> own, int nx) =>
        (double)piece.Count(i => own.Contains(i + 1) && own.Contains(i - 1) && own.Contains(i + nx) && own.Contains(i - nx)) / piece.Length;

    private static bool InBone(int x, int y, int z, ComponentStats s, List<int>?[] bySlice, RunSet runs)
    {
        if (z < s.MinK || z > s.MaxK || bySlice[z - s.MinK] is not { } rs) return false;
        foreach (int r in rs)
            if (runs.Y[r] == y && x >= runs.X0[r] && x <= runs.X1[r]) return true;
        return false;
    }

    /// <summary>Of eight rays from <paramref name="centre"/> in its slice, how many pass the circle and its shell without meeting the bone.</summary>
    private static int FreeRays(int centre, double radiusMm, ComponentStats s, List<int>?[] bySlice, RunSet runs, VolumeGeometry g)
    {
        int nx = g.SizeX, len = nx * g.SizeY, z = centre / len, cy = centre % len / nx, cx = centre % nx;
        if (z < s.MinK || z > s.MaxK || bySlice[z - s.MinK] is null) return Rays;
        int reach = (int)Math.Ceiling((radiusMm + RayBeyondMm) / Math.Min(g.Spacing.X, g.Spacing.Y)), free = 0;
        for (int d = 0; d < Rays; d++)
        {
            double a = d * 2 * Math.PI / Rays, dx = Math.Cos(a), dy = Math.Sin(a);
            bool hit = false;
            for (int t = 0; t <= reach && !hit; t++) hit = InBone(cx + (int)Math.Round(dx * t), cy + (int)Math.Round(dy * t), z, s, bySlice, runs);
            if (!hit) free++;
        }
        return free;
    }
}
