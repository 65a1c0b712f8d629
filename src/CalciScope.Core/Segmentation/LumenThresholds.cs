using CalciScope.Imaging;

namespace CalciScope.Segmentation;

/// <summary>
/// What is known of one pool core's lumen before its cells are measured: its own calcium threshold, from the core's
/// cells; its two densities where the core holds two; whether it is as likely marrow as blood (<see cref="BloodPoolDetector.SuspectRimmedShare"/>),
/// whose own threshold is then never under that of all lumens together.
/// </summary>
public sealed record LumenLevel(short OwnThresholdHu, CoreSplit? Split, bool MaybeMarrow = false)
{
    /// <summary>Largest share of a core that may be marrow held by a vessel joined to it (<see cref="Thresholds"/>).</summary>
    public const double MaxMarrowCoreLowerShare = 0.5;

    /// <summary>
    /// The thresholds this lumen's cells take, given that of all lumens together: the cut over which a cell is judged a
    /// body or not, the threshold of what lies under the cut, and that of a body over it.
    /// </summary>
    public (short CutHu, short LowerHu, short BodyHu) Thresholds(short allLumensHu)
    {
        short own = MaybeMarrow ? Math.Max(OwnThresholdHu, allLumensHu) : OwnThresholdHu;
        // In a core that may be marrow, the lower part judged by its own density is a vessel joined to the bulk, and
        // so the smaller part; where it is the larger, the two are the marrow's own densities (the phantom family's
        // seed 1206: sclerotic marrow at 412 and 516 HU, whose lower part's 494 HU made its trabeculae 'calcium').
        var split = MaybeMarrow && Split is { LowerShare: >= MaxMarrowCoreLowerShare } ? null : Split;
        return (split?.CutHu ?? own, split?.LowerThresholdHu ?? own, Math.Max(split?.WholeThresholdHu ?? own, allLumensHu));
    }
}

/// <summary>
/// The calcium threshold of each cell of the enhanced lumen (<see cref="BloodPoolDetector.Result.CellThresholdHu"/>):
/// each cell belongs to the pool core it was grown from, the nearest core cell through the lumen in its slice, and
/// takes that core's own threshold. What the lumen's growth reached that is denser than the core's own threshold, or the
/// denser part of a core of two densities (<see cref="CoreSplit"/>), keeps the threshold of all lumens together where,
/// with what lies as dense beside it outside the lumen, its section is a body (<see cref="CoreSplit.MinDenserBodyMm2"/>):
/// marrow behind a cortex the coarse grid blurs (the phantom family's seed 423: a strip of a sclerotic vertebral body
/// at 430 HU, reached by a venous aorta's lumen, had made the spine 97 mL of 'plaque'), a vertebra joined to the vessel;
/// smaller, it is a plaque or the lumen's noise, judged against the lumen round it.
/// </summary>
public static class LumenThresholds
{
    /// <summary>
    /// Slice <paramref name="z"/>: each cell of <paramref name="lumen"/> gets the index (<paramref name="index"/>: per
    /// component, 1 and up for pool cores, 0 otherwise) of the pool core it was grown from, by a breadth-first walk from
    /// the cores' cells through the lumen; negated where the cell was grown, not the core's own.
    /// </summary>
    public static void Attribute(RunSet runs, int z, short[] index, ReadOnlySpan<bool> lumen, Span<short> owner)
    {
        int nx = runs.SizeX, ny = runs.SizeY;
        var queue = new int[nx * ny];
        int tail = 0;
        for (int r = runs.RowStart[z * ny]; r < runs.RowStart[(z + 1) * ny]; r++)
        {
            short p = index[runs.Component[r]];
            if (p == 0) continue;
            int off = runs.Y[r] * nx;
            for (int x = runs.X0[r]; x <= runs.X1[r]; x++)
            {
                if (!lumen[off + x] || owner[off + x] != 0) continue;
                owner[off + x] = p;
                queue[tail++] = off + x;
            }
        }
        Walk(queue, 0, tail, lumen, owner, nx, ny, grown: true);
    }

    /// <summary>
    /// Turns the cores' indices in <paramref name="cells"/> (from <see cref="Attribute"/>) into calcium thresholds, in place;
    /// <paramref name="levels"/> is indexed by the cores' indices; <paramref name="allLumensHu"/> is the threshold over all
    /// lumens together. Returns the array.
    /// </summary>
    public static short[] Resolve(Volume<short> hu, short[] cells, LumenLevel[] levels, short allLumensHu)
    {
        var g = hu.Geometry;
        int nx = g.SizeX, ny = g.SizeY, len = nx * ny;
        var cut = new short[levels.Length];
        var lower = new short[levels.Length];
        var body = new short[levels.Length];
        for (int p = 1; p < levels.Length; p++) (cut[p], lower[p], body[p]) = levels[p].Thresholds(allLumensHu);
        int minBodyCells = (int)Math.Ceiling(CoreSplit.MinDenserBodyMm2 / (g.Spacing.X * g.Spacing.Y));
        Parallel.For(0, g.SizeZ, z =>
        {
            var threshold = cells.AsSpan(z * len, len);
            if (!threshold.ContainsAnyExcept((short)0)) return;
            var owner = threshold.ToArray();
            var lumen = new bool[len];
            var denser = new short[len];
            var queue = new int[len];
            int tail = 0;
            // The cores' own cells under the cut seed their lumen's threshold; cells over it, the cores' or grown, are
            // judged as bodies or not; what is left takes its nearest neighbour's.
            for (int i = 0; i < len; i++)
            {
                short p = Math.Abs(owner[i]);
                if (p == 0) continue;
                lumen[i] = true;
                threshold[i] = 0;
                if (hu.Data[z * len + i] >= cut[p]) denser[i] = p;
                else if (owner[i] > 0)
                {
                    threshold[i] = lower[p];
                    queue[tail++] = i;
                }
            }
            SeedBodies(denser, hu.Slice(z), lumen, cut, body, threshold, queue, ref tail, nx, ny, minBodyCells);
            Walk(queue, 0, tail, lumen, threshold, nx, ny);
        });
        return cells;
    }

    /// <summary>
    /// Seeds each region of one core's denser cells that, with the cells as dense beside it outside the lumen, reaches
    /// <paramref name="minBodyCells"/> with that core's body threshold.
    /// </summary>
    private static void SeedBodies(short[] denser, ReadOnlySpan<short> src, bool[] lumen, short[] cut, short[] body, Span<short> threshold, int[] queue, ref int tail,
        int nx, int ny, int minBodyCells)
    {
        var region = new List<int>();
        var stack = new Stack<int>();
        var seen = new bool[denser.Length];
        for (int start = 0; start < denser.Length; start++)
        {
            short p = denser[start];
            if (p == 0 || seen[start]) continue;
            region.Clear();
            seen[start] = true;
            stack.Push(start);
            while (stack.Count > 0)
            {
                int i = stack.Pop();
                region.Add(i);
                for (int d = 0; d < 4; d++)
                {
                    if (!Neighbour(i, d, nx, ny, out int j) || seen[j] || !(denser[j] == p || !lumen[j] && src[j] >= cut[p])) continue;
                    seen[j] = true;
                    stack.Push(j);
                }
            }
            if (region.Count < minBodyCells) continue;
            foreach (int i in region)
            {
                if (denser[i] != p) continue;
                threshold[i] = body[p];
                queue[tail++] = i;
            }
        }
    }

    /// <summary>Breadth-first from the queued cells through <paramref name="lumen"/>: each cell not yet set takes its neighbour's value (<paramref name="grown"/>: negated).</summary>
    private static void Walk(int[] queue, int head, int tail, ReadOnlySpan<bool> lumen, Span<short> value, int nx, int ny, bool grown = false)
    {
        while (head < tail)
        {
            int i = queue[head++];
            for (int d = 0; d < 4; d++)
            {
                if (!Neighbour(i, d, nx, ny, out int j) || !lumen[j] || value[j] != 0) continue;
                value[j] = grown ? (short)-Math.Abs(value[i]) : value[i];
                queue[tail++] = j;
            }
        }
    }

    /// <summary>Cell <paramref name="i"/>'s neighbour in direction <paramref name="d"/> (0-3: left, right, up, down) within the slice, if there is one.</summary>
    private static bool Neighbour(int i, int d, int nx, int ny, out int j)
    {
        int x = i % nx, y = i / nx;
        j = d switch { 0 => i - 1, 1 => i + 1, 2 => i - nx, _ => i + nx };
        return d switch { 0 => x > 0, 1 => x < nx - 1, 2 => y > 0, _ => y < ny - 1 };
    }
}
