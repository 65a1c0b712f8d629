using CalciScope.Imaging;
using CalciScope.Segmentation;

namespace CalciScope.Calcification;

/// <summary>How wall calcium joined to a bone is carved from it.</summary>
/// <param name="OpenRadiusMm">
/// The bone is opened in each slice by a disc of this radius: what is thinner than twice it is not the bone's body. Wall
/// plaque is a shell of 1-3 mm (the phantom family's 1.4 mm); a bone filled over its marrow is thicker everywhere but at
/// its edges and thin processes, which are no arcs round blood and stay bone.
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
public sealed record PlaqueOnBoneOptions(double OpenRadiusMm = 2, double MinBoneMm3 = BoneClassifier.MidBoneMm3, double MinPieceMm3 = 50,
    int MinFreeRays = 2, double MinLumenRadiusMm = 3.5, double MinDenseShare = 0.5);

/// <summary>
/// Calcified plaque of a vessel lying against a bone (the aorta's on a vertebra, an iliac artery's on the pelvis) joins the
/// bone at the calcium threshold and would be drawn with it: the phantom family's seeds 51-200 lost a fifth of their
/// plaques so. A radiologist sees the arc of calcium round the vessel's lumen beside the bone. Here each large bone is
/// opened per slice (its marrow filled first), and what the opening removes is split into 26-connected pieces; a piece
/// that is an arc round a lumen of blood (<see cref="VesselWallArc"/>) whose centre lies outside the bone is carved out
/// and measured as vessel wall.
/// </summary>
internal static class PlaqueOnBone
{
    private const int Rays = 8;
    /// <summary>Past the fitted radius, the shell's own thickness (1-3 mm): a cortex round marrow is met within it.</summary>
    private const double RayBeyondMm = 2;

    /// <param name="lumenAllowed">Where given, must also hold for the fitted lumen (with contrast: its centre in the enhanced lumen).</param>
    public static List<int[]> Carve(List<ComponentStats> stats, RunSet runs, Volume<short> hu, VesselWallArcOptions arc, PlaqueOnBoneOptions o,
        Func<int, double, bool>? lumenAllowed = null)
    {
        var g = hu.Geometry;
        double voxel = g.VoxelVolumeMm3;
        var carved = new List<int[]>();
        arc = arc with { MinRadiusMm = Math.Max(arc.MinRadiusMm, o.MinLumenRadiusMm) };
        foreach (var s in stats)
        {
            if (!s.IsBone || s.Count * voxel < o.MinBoneMm3) continue;
            var bySlice = new List<int>[s.MaxK - s.MinK + 1];
            foreach (int r in s.Runs) (bySlice[runs.Z[r] - s.MinK] ??= []).Add(r);
            var residue = Residue(s, bySlice, runs, g, o.OpenRadiusMm);
            foreach (var piece in VoxelPieces.Split(residue, g.SizeX, g.SizeY))
            {
                if (piece.Length * voxel < o.MinPieceMm3 || piece.Count(i => hu.Data[i] >= arc.LumenDenseHu) < o.MinDenseShare * piece.Length) continue;
                if (!VesselWallArc.Is(piece, hu, arc, (centre, radius) => (lumenAllowed is null || lumenAllowed(centre, radius))
                    && FreeRays(centre, radius, s, bySlice, runs, g) >= o.MinFreeRays)) continue;
                carved.Add(piece);
                CalcificationDetector.Trace(s, voxel, $"carried a {piece.Length * voxel:0} mm3 arc round a lumen beside it: vessel wall, carved from the bone");
            }
        }
        return carved;
    }

    /// <summary>The component's voxels that an opening of the marrow-filled bone removes, slice by slice (in parallel).</summary>
    private static HashSet<int> Residue(ComponentStats s, List<int>[] bySlice, RunSet runs, VolumeGeometry g, double radiusMm)
    {
        int w = s.MaxI - s.MinI + 1, h = s.MaxJ - s.MinJ + 1, nx = g.SizeX, len = nx * g.SizeY;
        var perSlice = new List<int>?[bySlice.Length];
        Parallel.For(0, bySlice.Length, () => (new SliceOps(w, h, g.Spacing.X, g.Spacing.Y), new bool[w * h], new bool[w * h]), (k, _, work) =>
        {
            if (bySlice[k] is not { } rs) return work;
            var (ops, mask, body) = work;
            Array.Clear(mask);
            foreach (int r in rs) mask.AsSpan((runs.Y[r] - s.MinJ) * w + runs.X0[r] - s.MinI, runs.X1[r] - runs.X0[r] + 1).Fill(true);
            mask.CopyTo(body, 0);
            ops.FillHoles(body);
            ops.Open(body, radiusMm);
            List<int>? left = null;
            for (int i = 0; i < mask.Length; i++)
                if (mask[i] && !body[i]) (left ??= []).Add((s.MinK + k) * len + (s.MinJ + i / w) * nx + s.MinI + i % w);
            perSlice[k] = left;
            return work;
        }, _ => { });
        var residue = new HashSet<int>();
        foreach (var list in perSlice) if (list is not null) residue.UnionWith(list);
        return residue;
    }

    /// <summary>Of eight rays from <paramref name="centre"/> in its slice, how many pass the circle and its shell without meeting the bone.</summary>
    private static int FreeRays(int centre, double radiusMm, ComponentStats s, List<int>[] bySlice, RunSet runs, VolumeGeometry g)
    {
        int nx = g.SizeX, len = nx * g.SizeY, z = centre / len, cy = centre % len / nx, cx = centre % nx;
        if (z < s.MinK || z > s.MaxK || bySlice[z - s.MinK] is not { } rs) return Rays;
        bool InBone(int x, int y)
        {
            foreach (int r in rs)
                if (runs.Y[r] == y && x >= runs.X0[r] && x <= runs.X1[r]) return true;
            return false;
        }
        int reach = (int)Math.Ceiling((radiusMm + RayBeyondMm) / Math.Min(g.Spacing.X, g.Spacing.Y)), free = 0;
        for (int d = 0; d < Rays; d++)
        {
            double a = d * 2 * Math.PI / Rays, dx = Math.Cos(a), dy = Math.Sin(a);
            bool hit = false;
            for (int t = 0; t <= reach && !hit; t++) hit = InBone(cx + (int)Math.Round(dx * t), cy + (int)Math.Round(dy * t));
            if (!hit) free++;
        }
        return free;
    }
}
