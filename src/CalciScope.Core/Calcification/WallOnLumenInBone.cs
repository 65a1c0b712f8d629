using CalciScope.Imaging;
using CalciScope.Segmentation;

namespace CalciScope.Calcification;

/// <summary>How the calcified wall of a contrast-filled lumen found inside a bone's component is told from the bone.</summary>
/// <param name="InsideMm">The wall band starts this far inside the lumen's radius: the radius is the eroded core's grown back, a pixel or so short.</param>
/// <param name="WallReachMm">
/// And ends this far outside it: intimal plaque is 1-3 mm thick (the phantom family's 1.4 mm), and its blur at the calcium
/// threshold a pixel more.
/// </param>
/// <param name="MinHu">
/// A wall voxel is denser than any contrast a lumen holds (<see cref="ContrastFilledTube.TubeMaxPeakHu"/>): the lumen's own
/// edge and the blur between lumen and bone stay under it.
/// </param>
/// <param name="BeyondMm">
/// Followed outwards from the lumen's centre, past this much more, a wall voxel has left the bone's filled outline (soft
/// tissue or fat lies outside the vessel); the cortex the lumen rests on has the bone's marrow and cortex behind it.
/// </param>
/// <param name="MinPieceMm3">
/// A carved piece smaller than this is a crumb of the bone's edge beside the lumen: 11-13 mm3 on two normal venous pelves of
/// the phantom family (seeds 113 and 199); the family's iliac plaques are 220-270 mm3.
/// </param>
/// <param name="MinSlices">A plaque runs along its vessel: the piece spans this many slices at least.</param>
/// <param name="MinLumenMm">
/// The lumen is followed this far at least: a plaque's length of vessel (the family's 11 mm). Shorter than the tubes that
/// count as contrast (<see cref="ContrastFilledTube.TubeMinLengthMm"/>): a plaque that covers part of its lumen's rim
/// interrupts the chain there.
/// </param>
public sealed record WallOnLumenInBoneOptions(double InsideMm = 1.5, double WallReachMm = 2.5, short MinHu = ContrastFilledTube.TubeMaxPeakHu,
    double BeyondMm = 3, double MinPieceMm3 = 20, int MinSlices = 2, double MinLumenMm = 10);

/// <summary>
/// Without a blood pool, an iliac or femoral artery full of contrast that touches its bone at the calcium threshold joins
/// the bone's component (<see cref="TubeInBone"/> finds it there), and a calcified plaque on that artery's wall is drawn as
/// bone with it: the phantom family's seed 20 lost such a plaque of 224 mm3. A radiologist sees the ring of calcium round
/// the lumen on the side away from the bone. Here, in each slice of each lumen, the voxels of the bone's component in a
/// band round the lumen's radius that are denser than contrast, and from which a ray going on outwards leaves the bone's
/// filled outline, are the vessel's wall; pieces of them along the vessel are carved as vessel wall.
/// </summary>
internal static class WallOnLumenInBone
{
    /// <summary>
    /// The parts searched: the pelvis and the limbs, where the iliac and femoral arteries run against their bones. In the
    /// neck the vertebral arteries run inside the bone, through the transverse foramina, whose thin rings of bone a wall
    /// test cannot tell from plaque (the phantom family's seed 51: 171 mm3 of such 'wall' at 4.6 mm slices).
    /// </summary>
    public static bool Searched(Anatomy.BodyPart part) => part is Anatomy.BodyPart.Pelvis or Anatomy.BodyPart.Thigh or Anatomy.BodyPart.Leg or Anatomy.BodyPart.Arm;

    /// <param name="searched">Whether a slice is searched (<see cref="Searched"/>).</param>
    /// <param name="excluded">Voxels whose density is no calcium (positive oral contrast in the bowel beside the vessel).</param>
    public static List<int[]> Carve(IEnumerable<LumenInBone> lumens, RunSet runs, Volume<short> hu, WallOnLumenInBoneOptions o, Func<int, bool> searched,
        Func<int, bool>? excluded = null)
    {
        var g = hu.Geometry;
        int nx = g.SizeX, len = nx * g.SizeY;
        double sx = g.Spacing.X, sy = g.Spacing.Y;
        var wall = new HashSet<int>();
        foreach (var group in lumens.Where(l => l.LengthMm >= o.MinLumenMm).GroupBy(l => l.Bone))
        {
            var s = group.Key;
            var bySlice = s.RunsBySlice(runs);
            int w = s.MaxI - s.MinI + 1, h = s.MaxJ - s.MinJ + 1;
            var ops = new SliceOps(w, h, sx, sy);
            var outline = new bool[w * h];
            foreach (var sections in group.SelectMany(l => l.Sections).Where(c => searched(c.Z)).GroupBy(c => c.Z))
            {
                if (bySlice[sections.Key - s.MinK] is not { } rs) continue;
                Array.Clear(outline);
                s.Draw(rs, runs, outline);
                ops.FillHoles(outline);
                bool InBone(double x, double y)
                {
                    int xi = (int)Math.Round(x) - s.MinI, yi = (int)Math.Round(y) - s.MinJ;
                    return xi >= 0 && yi >= 0 && xi < w && yi < h && outline[yi * w + xi];
                }
                foreach (var c in sections)
                {
                    double inner = c.RadiusMm - o.InsideMm, outer = c.RadiusMm + o.WallReachMm;
                    int x0 = Math.Max(s.MinI, (int)Math.Floor(c.X - outer / sx)), x1 = Math.Min(s.MaxI, (int)Math.Ceiling(c.X + outer / sx));
                    int y0 = Math.Max(s.MinJ, (int)Math.Floor(c.Y - outer / sy)), y1 = Math.Min(s.MaxJ, (int)Math.Ceiling(c.Y + outer / sy));
                    for (int y = y0; y <= y1; y++)
                        for (int x = x0; x <= x1; x++)
                        {
                            double dx = (x - c.X) * sx, dy = (y - c.Y) * sy, d = Math.Sqrt(dx * dx + dy * dy);
                            if (d < inner || d > outer || d == 0) continue;
                            int i = c.Z * len + y * nx + x;
                            if (hu.Data[i] < o.MinHu || !InBone(x, y) || excluded?.Invoke(i) == true) continue;
                            // Past the wall lies the vessel's outside; past the cortex under the lumen, the bone goes on.
                            double ux = dx / d, uy = dy / d, far = o.BeyondMm;
                            if (InBone(x + ux * far / sx, y + uy * far / sy) || InBone(x + ux * (far + sx) / sx, y + uy * (far + sy) / sy)) continue;
                            wall.Add(i);
                        }
                }
            }
        }
        double voxel = g.VoxelVolumeMm3;
        return VoxelPieces.Split(wall, nx, g.SizeY)
            .Where(p => p.Length * voxel >= o.MinPieceMm3 && p.Select(i => i / len).Distinct().Count() >= o.MinSlices)
            .ToList();
    }
}
