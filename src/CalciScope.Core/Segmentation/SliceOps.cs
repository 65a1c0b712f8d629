namespace CalciScope.Segmentation;

/// <summary>
/// 2D operations on one axial slice mask: hole filling, connected components with areas, and morphology by a
/// disc of radius r (mm) through the distance transform (exact discs, cost independent of r).
/// </summary>
public sealed class SliceOps
{
    private readonly int _w, _h;
    private readonly double _sx, _sy;
    private readonly DistanceTransform2D _edt;
    private readonly float[] _dist;
    private readonly bool[] _tmp;
    private readonly int[] _labels;

    public SliceOps(int width, int height, double spacingX, double spacingY)
    {
        _w = width; _h = height; _sx = spacingX; _sy = spacingY;
        _edt = new DistanceTransform2D(width, height);
        _dist = new float[width * height];
        _tmp = new bool[width * height];
        _labels = new int[width * height];
    }

    public int Width => _w;
    public int Height => _h;
    public double PixelAreaMm2 => _sx * _sy;

    /// <summary>Distance (mm) of every pixel to the nearest pixel where <paramref name="feature"/> holds.</summary>
    public void Distance(ReadOnlySpan<bool> feature, Span<float> mm) => _edt.Compute(feature, mm, _sx, _sy);

    /// <summary>As <see cref="Distance(ReadOnlySpan{bool}, Span{float})"/> over <paramref name="rect"/> alone, with its features only; the rest of <paramref name="mm"/> is left as it was.</summary>
    public void Distance(ReadOnlySpan<bool> feature, Span<float> mm, PixelRect rect) => _edt.Compute(feature, mm, _sx, _sy, rect);

    /// <summary>
    /// Dilation by the exact disc. Only pixels within the radius of the mask's bounding box can be set, and every feature
    /// lies in that box: the distance transform runs over the box grown by the radius, not the whole slice.
    /// </summary>
    public void Dilate(Span<bool> mask, double radiusMm)
    {
        var box = BoundingBox(mask);
        if (box.IsEmpty) return;
        var rect = box.Grow((int)Math.Ceiling(radiusMm / _sx) + 1, (int)Math.Ceiling(radiusMm / _sy) + 1, _w, _h);
        _edt.Compute(mask, _dist, _sx, _sy, rect);
        float r = (float)radiusMm + 1e-3f;
        for (int y = rect.Y0; y < rect.Y1; y++)
        {
            var m = mask.Slice(y * _w + rect.X0, rect.Width);
            var d = _dist.AsSpan(y * _w + rect.X0, rect.Width);
            for (int x = 0; x < m.Length; x++) m[x] = d[x] <= r;
        }
    }

    /// <summary>
    /// Erosion by the exact disc. Outside the mask's bounding box nothing is set; inside it the nearest unset pixel is
    /// never farther than the ring just outside the box (every pixel beyond is farther than the ring pixel it projects
    /// onto): the distance transform runs over the box grown by one pixel. The slice's edge still does not erode.
    /// </summary>
    public void Erode(Span<bool> mask, double radiusMm)
    {
        var box = BoundingBox(mask);
        if (box.IsEmpty) return;
        var rect = box.Grow(1, 1, _w, _h);
        for (int y = rect.Y0; y < rect.Y1; y++)
        {
            var m = mask.Slice(y * _w + rect.X0, rect.Width);
            var t = _tmp.AsSpan(y * _w + rect.X0, rect.Width);
            for (int x = 0; x < m.Length; x++) t[x] = !m[x];
        }
        _edt.Compute(_tmp, _dist, _sx, _sy, rect);
        float r = (float)radiusMm + 1e-3f;
        for (int y = rect.Y0; y < rect.Y1; y++)
        {
            var m = mask.Slice(y * _w + rect.X0, rect.Width);
            var d = _dist.AsSpan(y * _w + rect.X0, rect.Width);
            for (int x = 0; x < m.Length; x++) m[x] = d[x] > r;
        }
    }

    /// <summary>The smallest rectangle holding every set pixel (empty when none is set), found with vectorised row searches.</summary>
    public PixelRect BoundingBox(ReadOnlySpan<bool> mask)
    {
        int x0 = _w, x1 = -1, y0 = -1, y1 = -1;
        for (int y = 0; y < _h; y++)
        {
            var row = mask.Slice(y * _w, _w);
            int first = row.IndexOf(true);
            if (first < 0) continue;
            if (y0 < 0) y0 = y;
            y1 = y;
            x0 = Math.Min(x0, first);
            x1 = Math.Max(x1, row.LastIndexOf(true));
        }
        return y0 < 0 ? default : new PixelRect(x0, y0, x1 + 1, y1 + 1);
    }

    /// <summary>
    /// Erosion by the same exact disc, tested pixel by pixel over the disc's offsets: for a radius of a few pixels over a
    /// mask that fills little of the slice it is several times cheaper than the distance transform, which visits every
    /// pixel of the slice whatever the mask. Pixels within the radius of the slice's edge are left out (the distance
    /// transform keeps them where the mask runs to the edge); a disc of more than <see cref="SmallDiscMaxOffsets"/>
    /// pixels goes through the distance transform instead.
    /// </summary>
    public void ErodeSmall(ReadOnlySpan<bool> mask, Span<bool> eroded, double radiusMm)
    {
        int rx = (int)(radiusMm / _sx), ry = (int)(radiusMm / _sy);
        if ((2 * rx + 1) * (2 * ry + 1) > SmallDiscMaxOffsets)
        {
            mask.CopyTo(eroded);
            Erode(eroded, radiusMm);
            return;
        }
        double r2 = radiusMm * radiusMm + 1e-6;
        Span<int> offsets = stackalloc int[(2 * rx + 1) * (2 * ry + 1)];
        int n = 0;
        for (int dy = -ry; dy <= ry; dy++)
            for (int dx = -rx; dx <= rx; dx++)
                if (dx * dx * _sx * _sx + dy * dy * _sy * _sy <= r2) offsets[n++] = dy * _w + dx;
        offsets = offsets[..n];
        eroded.Clear();
        for (int y = ry; y < _h - ry; y++)
            for (int x = rx; x < _w - rx; x++)
            {
                int i = y * _w + x;
                if (!mask[i]) continue;
                bool all = true;
                foreach (int o in offsets)
                    if (!mask[i + o]) { all = false; break; }
                eroded[i] = all;
            }
    }

    /// <summary>The largest disc (its bounding square, in pixels) <see cref="ErodeSmall"/> tests offset by offset: 4 KB of stack.</summary>
    public const int SmallDiscMaxOffsets = 1024;

    public void Open(Span<bool> mask, double r) { Erode(mask, r); Dilate(mask, r); }
    public void Close(Span<bool> mask, double r) { Dilate(mask, r); Erode(mask, r); }

    /// <summary>
    /// Opening and closing by a square of half-side r (mm): two running-count passes per operation, far cheaper than the
    /// exact disc where the exact shape does not matter (cleaning a muscle wall).
    /// </summary>
    public void OpenSquare(Span<bool> mask, double r) { Square(mask, r, dilate: false); Square(mask, r, dilate: true); }
    public void CloseSquare(Span<bool> mask, double r) { Square(mask, r, dilate: true); Square(mask, r, dilate: false); }
    public void DilateSquare(Span<bool> mask, double r) => Square(mask, r, dilate: true);
    public void ErodeSquare(Span<bool> mask, double r) => Square(mask, r, dilate: false);

    private int[]? _count;

    private void Square(Span<bool> mask, double r, bool dilate)
    {
        int rx = Math.Max(1, (int)Math.Round(r / _sx)), ry = Math.Max(1, (int)Math.Round(r / _sy));
        _count ??= new int[Math.Max(_w, _h) + 1];
        // Rows, then columns: a pixel is set (dilation) if any, or kept (erosion) if all, of its window is set.
        // Outside the slice counts as unset for dilation and as set for erosion, so edges do not erode.
        for (int y = 0; y < _h; y++) Pass(mask, y * _w, 1, _w, rx, dilate);
        for (int x = 0; x < _w; x++) Pass(mask, x, _w, _h, ry, dilate);
    }

    private void Pass(Span<bool> mask, int start, int stride, int n, int r, bool dilate)
    {
        var c = _count!;
        c[0] = 0;
        for (int i = 0; i < n; i++) c[i + 1] = c[i] + (mask[start + i * stride] ? 1 : 0);
        for (int i = 0; i < n; i++)
        {
            int lo = Math.Max(0, i - r), hi = Math.Min(n, i + r + 1);
            int set = c[hi] - c[lo], inside = hi - lo;
            mask[start + i * stride] = dilate ? set > 0 : set == inside;
        }
    }

    /// <summary>Sets every background pixel not 4-connected to the slice border.</summary>
    public void FillHoles(Span<bool> mask) => FillHoles(mask, double.MaxValue);

    /// <summary>
    /// Sets the holes (background not 4-connected to the border) of at most <paramref name="maxAreaMm2"/>; returns the
    /// area of all holes, filled or not.
    /// </summary>
    public double FillHoles(Span<bool> mask, double maxAreaMm2) => FillHoles(mask, maxAreaMm2, default, short.MinValue);

    /// <summary>As <see cref="FillHoles(Span{bool}, double)"/>, filling only holes whose mean HU reaches <paramref name="minMeanHu"/>.</summary>
    /// <remarks>
    /// The background is taken as runs along the rows, found with vectorised searches, and runs that share a column in
    /// neighbouring rows are joined (4-connectivity): work in runs, not pixels, where a flood had visited every pixel of
    /// the slice's background. Holes are measured in the order of their first pixel, as a raster flood meets them.
    /// </remarks>
    public double FillHoles(Span<bool> mask, double maxAreaMm2, ReadOnlySpan<short> hu, short minMeanHu)
    {
        int n = Runs(mask, false);
        JoinRuns(n, diagonal: false);
        var runs = _runs!;
        var parent = _runParent!;
        var hole = _runHole!;
        hole.AsSpan(0, n).Clear();
        for (int r = 0; r < n; r++)
        {
            int root = Find(parent, r);
            parent[r] = root;
            ref var t = ref hole[root];
            var run = runs[r];
            t.Pixels += run.Length;
            t.Border |= run.Y == 0 || run.Y == _h - 1 || run.X0 == 0 || run.X1 == _w - 1;
            if (!hu.IsEmpty)
                foreach (short v in hu.Slice(run.Offset(_w), run.Length)) t.SumHu += v;
        }
        if (maxAreaMm2 == double.MaxValue && hu.IsEmpty)
        {
            long holes = 0;
            for (int r = 0; r < n; r++)
            {
                if (hole[parent[r]].Border) continue;
                holes += runs[r].Length;
                mask.Slice(runs[r].Offset(_w), runs[r].Length).Fill(true);
            }
            return holes * _sx * _sy;
        }
        // Each hole measured once, at its root, which is its first run (JoinRuns keeps the smaller index as the root);
        // only the small ones are filled.
        double total = 0;
        long maxPixels = maxAreaMm2 >= long.MaxValue ? long.MaxValue : (long)(maxAreaMm2 / (_sx * _sy));
        for (int r = 0; r < n; r++)
        {
            ref var t = ref hole[r];
            if (parent[r] != r || t.Border) continue;
            int tail = t.Pixels;
            total += tail * _sx * _sy;
            t.Fill = tail <= maxPixels && (hu.IsEmpty || t.SumHu >= (long)minMeanHu * tail);
        }
        for (int r = 0; r < n; r++)
            if (hole[parent[r]].Fill) mask.Slice(runs[r].Offset(_w), runs[r].Length).Fill(true);
        return total;
    }

    private readonly record struct Run(int Y, int X0, int X1)
    {
        public int Length => X1 - X0 + 1;
        /// <summary>Index of the run's first pixel in a slice <paramref name="w"/> pixels wide.</summary>
        public int Offset(int w) => Y * w + X0;
    }

    private struct HoleTally
    {
        public int Pixels;
        public long SumHu;
        public bool Border, Fill;
    }

    private Run[]? _runs;
    private int[]? _runParent;
    private HoleTally[]? _runHole;
    private int[]? _runLabel;
    private int[] _rowStart = [];

    /// <summary>The runs of pixels equal to <paramref name="value"/>, row by row, into <see cref="_runs"/>, with each row's first run in <see cref="_rowStart"/>.</summary>
    private int Runs(ReadOnlySpan<bool> mask, bool value)
    {
        if (_rowStart.Length != _h + 1) _rowStart = new int[_h + 1];
        _runs ??= new Run[InitialRuns];
        int n = 0;
        for (int y = 0; y < _h; y++)
        {
            _rowStart[y] = n;
            var row = mask.Slice(y * _w, _w);
            int x = 0;
            while (x < _w)
            {
                int off = row[x..].IndexOf(value);
                if (off < 0) break;
                int x0 = x + off;
                int len = row[x0..].IndexOf(!value);
                int x1 = len < 0 ? _w - 1 : x0 + len - 1;
                if (n == _runs.Length) Array.Resize(ref _runs, 2 * n);
                _runs[n++] = new Run(y, x0, x1);
                x = x1 + 2;
            }
        }
        _rowStart[_h] = n;
        if (_runParent is null || _runParent.Length < _runs.Length)
        {
            _runParent = new int[_runs.Length];
            _runHole = new HoleTally[_runs.Length];
            _runLabel = new int[_runs.Length];
        }
        return n;
    }

    /// <summary>
    /// Joins, in <see cref="_runParent"/>, the first <paramref name="n"/> runs that touch in neighbouring rows: sharing a
    /// column (4-connectivity), or with <paramref name="diagonal"/> also meeting at a corner (8-connectivity). Each pair of
    /// rows is walked once, both lists in order of their columns.
    /// </summary>
    private void JoinRuns(int n, bool diagonal)
    {
        var runs = _runs!;
        var parent = _runParent!;
        int reach = diagonal ? 1 : 0;
        for (int r = 0; r < n; r++) parent[r] = r;
        for (int y = 1; y < _h; y++)
        {
            int a = _rowStart[y - 1], aEnd = _rowStart[y], b = aEnd, bEnd = _rowStart[y + 1];
            while (a < aEnd && b < bEnd)
            {
                if (runs[a].X0 <= runs[b].X1 + reach && runs[b].X0 <= runs[a].X1 + reach) Union(parent, a, b);
                if (runs[a].X1 < runs[b].X1) a++; else b++;
            }
        }
    }

    /// <summary>Background runs a slice starts with room for; the array doubles when a slice has more.</summary>
    private const int InitialRuns = 4096;

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i) { parent[i] = parent[parent[i]]; i = parent[i]; }
        return i;
    }

    private static void Union(int[] parent, int a, int b)
    {
        int ra = Find(parent, a), rb = Find(parent, b);
        if (ra != rb) parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
    }

    /// <summary>
    /// Labels 8-connected components; returns the pixel count of each (index 0 unused). Labels stay in <see cref="Labels"/>,
    /// numbered in the order of each component's first pixel. Built from runs along the rows, joined where they touch in
    /// neighbouring rows, diagonally too.
    /// </summary>
    public List<int> Components(ReadOnlySpan<bool> mask)
    {
        Array.Clear(_labels);
        int n = Runs(mask, true);
        JoinRuns(n, diagonal: true);
        var runs = _runs!;
        var parent = _runParent!;
        var label = _runLabel!;
        var areas = new List<int> { 0 };
        for (int r = 0; r < n; r++)
        {
            int root = Find(parent, r);
            if (root == r) { label[r] = areas.Count; areas.Add(0); }
            else label[r] = label[root];
            var run = runs[r];
            areas[label[r]] += run.Length;
            _labels.AsSpan(run.Offset(_w), run.Length).Fill(label[r]);
        }
        return areas;
    }

    public ReadOnlySpan<int> Labels => _labels;

    /// <summary>Keeps only the components whose area (mm2) is at least <paramref name="minAreaMm2"/>.</summary>
    public void KeepLarge(Span<bool> mask, double minAreaMm2)
    {
        var areas = Components(mask);
        for (int i = 0; i < mask.Length; i++)
            if (mask[i] && areas[_labels[i]] * PixelAreaMm2 < minAreaMm2) mask[i] = false;
    }
}
