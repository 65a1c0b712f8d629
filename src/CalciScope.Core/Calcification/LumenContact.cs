using CalciScope.Imaging;
using CalciScope.Segmentation;

namespace CalciScope.Calcification;

/// <summary>
/// How a component stands to a contrast-filled lumen: lining it (wall calcium), lying in it (contrast), or clear of it;
/// and what of a wall calcification is calcium rather than the lumen it borders.
/// </summary>
internal static class LumenContact
{
    /// <summary>
    /// The calcium threshold of the lumen a component lies in or against: the highest of the lumens' own thresholds
    /// (<see cref="BloodPoolDetector.Result.CellThresholdHu"/>) over the cells it covers and their neighbours, so that a
    /// plaque just outside the grown lumen is judged against that lumen; clear of every lumen, all lumens' together.
    /// </summary>
    public static short ThresholdOf(ComponentStats s, RunSet runs, TissueMap tissue, BloodPoolDetector.Result pool)
    {
        short best = 0;
        int w = tissue.Width, h = tissue.Height, f = tissue.Factor;
        foreach (int r in s.Runs)
        {
            int cy = Math.Min(runs.Y[r] / f, h - 1);
            int first = tissue.Cell(runs.X0[r], runs.Y[r], runs.Z[r]) - cy * w - Math.Min(runs.X0[r] / f, w - 1);
            for (int cx = Math.Min(runs.X0[r] / f, w - 1); cx <= Math.Min(runs.X1[r] / f, w - 1); cx++)
                for (int dy = Math.Max(-1, -cy); dy <= Math.Min(1, h - 1 - cy); dy++)
                    for (int dx = Math.Max(-1, -cx); dx <= Math.Min(1, w - 1 - cx); dx++)
                        best = Math.Max(best, pool.CellThresholdHu[first + (cy + dy) * w + cx + dx]);
        }
        return best != 0 ? best : pool.CalciumThresholdHu;
    }

    /// <summary>
    /// Wall calcium along a contrast-filled lumen, without the enhanced voxels it closes round: a calcified aortic ring
    /// encloses the origins of its branches, whose lumen reaches the calcium threshold too. Under cortical density (or
    /// the lumen's calcium threshold, where that is lower) a voxel counts only as the partial volume of a denser one
    /// beside it.
    /// </summary>
    public static int[] WithoutLumen(int[] voxels, Volume<short> hu, short denseHu)
    {
        var g = hu.Geometry;
        int nx = g.SizeX, ny = g.SizeY, nz = g.SizeZ, len = nx * ny;
        int reach = Math.Max(1, (int)Math.Round(WallRimMm / Math.Min(g.Spacing.X, g.Spacing.Y))), reachZ = Math.Max(1, (int)Math.Round(WallRimMm / g.Spacing.Z));
        var data = hu.Data;
        var kept = new List<int>(voxels.Length);
        foreach (int i in voxels)
        {
            if (data[i] >= denseHu) { kept.Add(i); continue; }
            int z = i / len, y = i % len / nx, x = i % nx;
            bool rim = false;
            for (int dz = -reachZ; dz <= reachZ && !rim; dz++)
            for (int dy = -reach; dy <= reach && !rim; dy++)
            for (int dx = -reach; dx <= reach && !rim; dx++)
            {
                int xx = x + dx, yy = y + dy, zz = z + dz;
                rim = xx >= 0 && yy >= 0 && zz >= 0 && xx < nx && yy < ny && zz < nz && data[zz * len + yy * nx + xx] >= denseHu;
            }
            if (rim) kept.Add(i);
        }
        return kept.Count == voxels.Length ? voxels : kept.ToArray();
    }

    public const double WallRimMm = 1.5;

    /// <summary>Contacts with the lumen (the component's own voxels in it and the probes around it) per voxel.</summary>
    private static double AlongLumen(ComponentStats s) => (double)(s.BloodPoolContact + s.PoolWallContact) / s.Count;

    /// <summary>Calcium against the lumen over even a small part of it is in the wall of the heart or a great vessel.</summary>
    public static bool LinesLumen(ComponentStats s) => AlongLumen(s) >= LumenContactFraction;
    public const double LumenContactFraction = 0.05;

    /// <summary>
    /// Along the lumen over a fifth of its voxels, or lying in it: a large body of dense contrast swirling in the right
    /// atrium touches the lumen only at its surface, but that surface is lumen all round.
    /// </summary>
    public static bool TouchesPool(ComponentStats s) => AlongLumen(s) >= PoolContactFraction || s.ProbesInLumen >= InLumenProbeFraction * Math.Max(1, s.Probes);
    public const double InLumenProbeFraction = 0.5;

    /// <summary>
    /// Undiluted contrast streaming into the right heart, the cavae or a refluxed vein: solid, denser inside than at its
    /// edge and lying in the lumen, where calcified plaque is a thin shell along the wall with fat or wall outside it, or
    /// lung (the descending aorta): an arc round the lumen (<see cref="VesselWallArc"/>) is plaque wherever it lies.
    /// </summary>
    public static bool DenseContrast(ComponentStats s, double voxel, short contrastThreshold, SliceStats[] slices, Func<bool> arcRoundLumen)
    {
        if (!TouchesPool(s)) return false;
        // Specks at the lumen's edge no denser than its calcium threshold: swirls of contrast, not plaque.
        if (s.MaxHu < contrastThreshold && s.Count * voxel < ContrastSpeckMm3) return true;
        // Undiluted contrast mixes in the veins of the injected arm and the right heart, all in the chest; a dense
        // body in a pelvic vein is a phlebolith.
        if (!slices[(s.MinK + s.MaxK) / 2].AtLungLevel) return false;
        double interior = (double)s.Interior / s.Count;
        double inner = s.InteriorHu / Math.Max(1, s.Interior), edge = s.SurfaceHu / Math.Max(1, s.Count - s.Interior);
        double walled = (double)(s.SurroundFat + s.SurroundSoft) / Math.Max(1, 4 * s.Runs.Count);
        return (interior >= 0.1 && inner >= edge + 150 || walled < 0.25) && !arcRoundLumen();
    }

    public const double PoolContactFraction = 0.2;
    public const double ContrastSpeckMm3 = 20;

    /// <summary>
    /// A cortex closed round a marrow cavity, however close it lies to the lumen: in at least half of the component's
    /// slices that show it (<see cref="VesselWallArc.MinSlicePixels"/> voxels or more) it closes round a hole of
    /// <see cref="MinCavityMm2"/> or more of which under <see cref="MaxCavityPoolShare"/> is blood pool. A vessel's
    /// calcified ring closes round its enhanced lumen instead. A vertebral body whose cortex (780-840 HU) is under the
    /// cortex the pool's cores keep clear of lies against the aorta along a blur the pool's wall grows into: the phantom
    /// family's seed 130 had its 20 mL vertebral body taken for the aorta's wall once its venous phase was seen.
    /// </summary>
    public static bool RingsMarrow(ComponentStats s, RunSet runs, VolumeGeometry g, Func<int, int, int, byte> code)
    {
        int w = s.MaxI - s.MinI + 1, h = s.MaxJ - s.MinJ + 1;
        var bySlice = s.RunsBySlice(runs);
        var ops = new SliceOps(w, h, g.Spacing.X, g.Spacing.Y);
        var mask = new bool[w * h];
        var filled = new bool[w * h];
        double pixel = g.Spacing.X * g.Spacing.Y;
        int shown = 0, ringed = 0;
        for (int k = 0; k < bySlice.Length; k++)
        {
            if (bySlice[k] is not { } rs) continue;
            Array.Clear(mask);
            if (s.Draw(rs, runs, mask) < VesselWallArc.MinSlicePixels) continue;
            shown++;
            mask.CopyTo(filled, 0);
            ops.FillHoles(filled);
            int hole = 0, pool = 0;
            for (int i = 0; i < mask.Length; i++)
            {
                if (!filled[i] || mask[i]) continue;
                hole++;
                if ((code(s.MinI + i % w, s.MinJ + i / w, s.MinK + k) & TissueClass.BloodPool) != 0) pool++;
            }
            if (hole * pixel >= MinCavityMm2 && pool <= MaxCavityPoolShare * hole) ringed++;
        }
        return shown > 0 && ringed >= RingedSliceShare * shown;
    }

    /// <summary>
    /// A piece of cortex that closes round a marrow cavity with its neighbours: in at least half of the slices that show
    /// it (<see cref="RingedSliceShare"/>), what reaches the calcium threshold around it (within <see cref="NeighbourPadMm"/>),
    /// its gaps of up to <see cref="BridgeMm"/> bridged, closes round a hole of <see cref="MinCavityMm2"/> or more that
    /// holds almost no blood pool (<see cref="MaxNeighbourCavityPoolShare"/>) and that the piece itself lines over
    /// <see cref="MinCavityBorderShare"/> of its voxels there. Near an arterial lumen the calcium threshold is raised to
    /// the cortex of a faint vertebral body, which falls apart at it: the phantom family's seed 2202 (an arterial abdomen,
    /// cortex of 200-650 HU against a threshold of 443 HU) had its vertebral body broken into arcs and read as 5.9 mL of
    /// aortic wall, and seed 2915's front cortex of the vertebral body against the aorta, apart from the rest of its
    /// ring, as 1.3 mL. A plaque lines the lumen it curves round, never the cavity of the bone it lies against; a
    /// calcified aneurysm's ring closes round its lumen as well as its thrombus.
    /// </summary>
    public static bool RingsMarrowWithNeighbours(ComponentStats s, RunSet runs, Volume<short> hu, Func<int, int, int, byte> code, double poolMeanHu)
    {
        var g = hu.Geometry;
        int nx = g.SizeX;
        short cortexHu = (short)Math.Min(short.MaxValue, poolMeanHu + NeighbourOverPoolHu);
        double step = Math.Min(g.Spacing.X, g.Spacing.Y);
        int pad = (int)Math.Ceiling(NeighbourPadMm / step), reach = (int)Math.Ceiling(BridgeMm / step) + 2;
        int i0 = Math.Max(0, s.MinI - pad), i1 = Math.Min(runs.SizeX - 1, s.MaxI + pad);
        int j0 = Math.Max(0, s.MinJ - pad), j1 = Math.Min(runs.SizeY - 1, s.MaxJ + pad);
        int w = i1 - i0 + 1, h = j1 - j0 + 1;
        var ops = new SliceOps(w, h, g.Spacing.X, g.Spacing.Y);
        var own = new bool[w * h];
        var closed = new bool[w * h];
        var hole = new bool[w * h];
        double pixel = g.Spacing.X * g.Spacing.Y;
        int shown = 0, ringed = 0;
        var bySlice = s.RunsBySlice(runs);
        for (int k = 0; k < bySlice.Length; k++)
        {
            if (bySlice[k] is not { } rs) continue;
            Array.Clear(own);
            Array.Clear(closed);
            int drawn = 0;
            foreach (int r in rs)
            {
                own.AsSpan((runs.Y[r] - j0) * w + runs.X0[r] - i0, runs.X1[r] - runs.X0[r] + 1).Fill(true);
                drawn += runs.X1[r] - runs.X0[r] + 1;
            }
            if (drawn < VesselWallArc.MinSlicePixels) continue;
            shown++;
            int z = s.MinK + k;
            var src = hu.Slice(z);
            for (int y = j0; y <= j1; y++)
                for (int x = i0; x <= i1; x++)
                    closed[(y - j0) * w + x - i0] = own[(y - j0) * w + x - i0] || src[y * nx + x] >= cortexHu;
            ops.Dilate(closed, BridgeMm);
            closed.CopyTo(hole, 0);
            ops.FillHoles(hole);
            for (int i = 0; i < hole.Length; i++) hole[i] &= !closed[i];
            var areas = ops.Components(hole);
            var labels = ops.Labels;
            int n = areas.Count;
            var pool = new int[n];
            var lined = new int[n];
            for (int i = 0; i < hole.Length; i++)
                if (hole[i] && (code(i0 + i % w, j0 + i / w, z) & TissueClass.BloodPool) != 0) pool[labels[i]]++;
            // The piece's own voxels within a bridge's reach of a hole line it.
            for (int i = 0; i < own.Length; i++)
            {
                if (!own[i]) continue;
                int x = i % w, y = i / w, found = 0;
                for (int dy = -reach; dy <= reach && found == 0; dy++)
                    for (int dx = -reach; dx <= reach && found == 0; dx++)
                    {
                        int xx = x + dx, yy = y + dy;
                        if (xx >= 0 && yy >= 0 && xx < w && yy < h && hole[yy * w + xx]) found = labels[yy * w + xx];
                    }
                if (found > 0) lined[found]++;
            }
            for (int l = 1; l < n; l++)
                if (areas[l] * pixel >= MinCavityMm2 && pool[l] <= MaxNeighbourCavityPoolShare * areas[l] && lined[l] >= MinCavityBorderShare * drawn)
                {
                    ringed++;
                    break;
                }
        }
        return shown > 0 && ringed >= RingedSliceShare * shown;
    }

    /// <summary>How far round the piece its neighbours are drawn: across a vertebral body (30-50 mm) from any side of it.</summary>
    public const double NeighbourPadMm = 40;
    /// <summary>
    /// The neighbours are what rises this far over the blood pool's mean (HU): cortex, and not the lumen, whose noise
    /// spreads 9-11 HU in the phantom family and 20-30 HU on the real CTs of ../shared/data.
    /// </summary>
    public const double NeighbourOverPoolHu = 100;
    /// <summary>Gaps in a cortex that fell under the calcium threshold, bridged: a voxel or two at 0.6-1 mm.</summary>
    public const double BridgeMm = 2;
    /// <summary>A marrow cavity closed with neighbours holds almost no blood; an aneurysm's calcified ring closes round its lumen.</summary>
    public const double MaxNeighbourCavityPoolShare = 0.1;
    /// <summary>Share of the piece's voxels in a slice that line the cavity: a cortical arc lines it along its length.</summary>
    public const double MinCavityBorderShare = 0.3;

    /// <summary>
    /// A marrow cavity is this large at least: a vertebral body's (10-20 cm2), a femur's or a humerus's; a rib's (20-50
    /// mm2) is smaller, but a rib never lies along the aorta's lumen. The lumens that calcified rings close round in
    /// section are the pool's.
    /// </summary>
    public const double MinCavityMm2 = 50;
    /// <summary>A hole mostly of blood pool is a vessel's lumen inside its calcified wall.</summary>
    public const double MaxCavityPoolShare = 0.5;
    /// <summary>Share of the slices that show the component in which it must close round marrow.</summary>
    public const double RingedSliceShare = 0.5;
}
