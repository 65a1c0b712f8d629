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
    private readonly int[] _stack;

    public SliceOps(int width, int height, double spacingX, double spacingY)
    {
        _w = width; _h = height; _sx = spacingX; _sy = spacingY;
        _edt = new DistanceTransform2D(width, height);
        _dist = new float[width * height];
        _tmp = new bool[width * height];
        _labels = new int[width * height];
        _stack = new int[width * height];
    }

    public int Width => _w;
    public int Height => _h;
    public double PixelAreaMm2 => _sx * _sy;

    /// <summary>Distance (mm) of every pixel to the nearest pixel where <paramref name="feature"/> holds.</summary>
    public void Distance(ReadOnlySpan<bool> feature, Span<float> mm) => _edt.Compute(feature, mm, _sx, _sy);

    public void Dilate(Span<bool> mask, double radiusMm)
    {
        _edt.Compute(mask, _dist, _sx, _sy);
        float r = (float)radiusMm + 1e-3f;
        for (int i = 0; i < mask.Length; i++) mask[i] = _dist[i] <= r;
    }

    public void Erode(Span<bool> mask, double radiusMm)
    {
        for (int i = 0; i < mask.Length; i++) _tmp[i] = !mask[i];
        _edt.Compute(_tmp, _dist, _sx, _sy);
        float r = (float)radiusMm + 1e-3f;
        for (int i = 0; i < mask.Length; i++) mask[i] = _dist[i] > r;
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
    public double FillHoles(Span<bool> mask, double maxAreaMm2, ReadOnlySpan<short> hu, short minMeanHu)
    {
        var outside = _tmp;
        Array.Clear(outside);
        int sp = 0;
        void Push(int i, Span<bool> m)
        {
            if (!m[i] && !outside[i]) { outside[i] = true; _stack[sp++] = i; }
        }
        for (int x = 0; x < _w; x++) { Push(x, mask); Push((_h - 1) * _w + x, mask); }
        for (int y = 0; y < _h; y++) { Push(y * _w, mask); Push(y * _w + _w - 1, mask); }
        while (sp > 0)
        {
            int i = _stack[--sp];
            int x = i % _w, y = i / _w;
            if (x > 0) Push(i - 1, mask);
            if (x < _w - 1) Push(i + 1, mask);
            if (y > 0) Push(i - _w, mask);
            if (y < _h - 1) Push(i + _w, mask);
        }
        if (maxAreaMm2 == double.MaxValue && hu.IsEmpty)
        {
            long holes = 0;
            for (int i = 0; i < mask.Length; i++) { if (!outside[i] && !mask[i]) holes++; mask[i] = !outside[i]; }
            return holes * _sx * _sy;
        }
        // Flood each hole on its own to measure it; only the small ones are filled.
        double total = 0;
        long maxPixels = maxAreaMm2 >= long.MaxValue ? long.MaxValue : (long)(maxAreaMm2 / (_sx * _sy));
        for (int start = 0; start < mask.Length; start++)
        {
            if (mask[start] || outside[start]) continue;
            int head = 0, tail = 0;
            _stack[tail++] = start;
            outside[start] = true;
            while (head < tail)
            {
                int i = _stack[head++], x = i % _w, y = i / _w;
                if (x > 0 && !mask[i - 1] && !outside[i - 1]) { outside[i - 1] = true; _stack[tail++] = i - 1; }
                if (x < _w - 1 && !mask[i + 1] && !outside[i + 1]) { outside[i + 1] = true; _stack[tail++] = i + 1; }
                if (y > 0 && !mask[i - _w] && !outside[i - _w]) { outside[i - _w] = true; _stack[tail++] = i - _w; }
                if (y < _h - 1 && !mask[i + _w] && !outside[i + _w]) { outside[i + _w] = true; _stack[tail++] = i + _w; }
            }
            total += tail * _sx * _sy;
            if (tail > maxPixels) continue;
            if (!hu.IsEmpty)
            {
                long sum = 0;
                for (int k = 0; k < tail; k++) sum += hu[_stack[k]];
                if (sum < (long)minMeanHu * tail) continue;
            }
            for (int k = 0; k < tail; k++) mask[_stack[k]] = true;
        }
        return total;
    }

    /// <summary>Labels 8-connected components; returns the pixel count of each (index 0 unused). Labels stay in <see cref="Labels"/>.</summary>
    public List<int> Components(ReadOnlySpan<bool> mask)
    {
        Array.Clear(_labels);
        var areas = new List<int> { 0 };
        for (int s = 0; s < mask.Length; s++)
        {
            if (!mask[s] || _labels[s] != 0) continue;
            int label = areas.Count, count = 0, sp = 0;
            _labels[s] = label;
            _stack[sp++] = s;
            while (sp > 0)
            {
                int i = _stack[--sp];
                count++;
                int x = i % _w, y = i / _w;
                for (int dy = -1; dy <= 1; dy++)
                {
                    int yy = y + dy;
                    if (yy < 0 || yy >= _h) continue;
                    for (int dx = -1; dx <= 1; dx++)
                    {
                        int xx = x + dx;
                        if (xx < 0 || xx >= _w) continue;
                        int j = yy * _w + xx;
                        if (mask[j] && _labels[j] == 0) { _labels[j] = label; _stack[sp++] = j; }
                    }
                }
            }
            areas.Add(count);
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
