using CalciScope.Segmentation;

namespace CalciScope.Tests.Segmentation;

/// <summary>The slice kernels the skeleton labelling leans on, against shapes whose answers are known.</summary>
public class SliceOpsTests
{
    private const int N = 100;

    /// <summary>Two rings on a 1 mm grid: a small one (hole 20x20 mm) and a large one (hole 60x60 mm).</summary>
    private static bool[] TwoRings()
    {
        var m = new bool[N * N];
        void Ring(int x0, int y0, int size)
        {
            for (int i = 0; i < size; i++)
            {
                m[y0 * N + x0 + i] = m[(y0 + size - 1) * N + x0 + i] = true;
                m[(y0 + i) * N + x0] = m[(y0 + i) * N + x0 + size - 1] = true;
            }
        }
        Ring(2, 2, 22);
        Ring(30, 30, 62);
        return m;
    }

    [Fact]
    public void FillHoles_Unbounded_FillsBothAndReportsTheirArea()
    {
        var ops = new SliceOps(N, N, 1, 1);
        var m = TwoRings();
        double holes = ops.FillHoles(m, double.MaxValue);
        Assert.Equal(20 * 20 + 60 * 60, holes);
        Assert.True(m[12 * N + 12] && m[60 * N + 60]);
    }

    [Fact]
    public void FillHoles_Bounded_LeavesHolesAboveTheAreaButCountsThem()
    {
        var ops = new SliceOps(N, N, 1, 1);
        var m = TwoRings();
        double holes = ops.FillHoles(m, 2500);
        Assert.Equal(20 * 20 + 60 * 60, holes);
        Assert.True(m[12 * N + 12], "the marrow-sized hole is filled");
        Assert.False(m[60 * N + 60], "the cavity-sized hole is left");
    }

    [Fact]
    public void FillHoles_WithMeanHu_FillsOnlyDenseEnoughHoles()
    {
        var ops = new SliceOps(N, N, 1, 1);
        var m = TwoRings();
        var hu = new short[N * N];
        // Marrow-like in the small ring, fat in the large one.
        for (int y = 3; y < 23; y++) for (int x = 3; x < 23; x++) hu[y * N + x] = 150;
        for (int y = 31; y < 91; y++) for (int x = 31; x < 91; x++) hu[y * N + x] = -100;
        ops.FillHoles(m, double.MaxValue, hu, 50);
        Assert.True(m[12 * N + 12]);
        Assert.False(m[60 * N + 60]);
    }

    /// <summary>
    /// The run-based hole filling against a pixel flood from the border written here, on random masks of speckle,
    /// rings and slice-wide bands (holes of every size, touching the border or not, with and without a mean-HU bar).
    /// </summary>
    [Theory]
    [InlineData(1, 0.35, double.MaxValue, false)]
    [InlineData(2, 0.55, 12.0, false)]
    [InlineData(3, 0.45, 30.0, true)]
    [InlineData(4, 0.65, double.MaxValue, true)]
    public void FillHoles_MatchesAPixelFloodFromTheBorder(int seed, double density, double maxAreaMm2, bool withHu)
    {
        const int w = 73, h = 61;
        const double sx = 0.8, sy = 0.7;
        var rng = new Random(seed);
        for (int trial = 0; trial < 20; trial++)
        {
            var m = new bool[w * h];
            for (int i = 0; i < m.Length; i++) m[i] = rng.NextDouble() < density;
            for (int y = rng.Next(h); y < h; y += 9 + rng.Next(9)) m.AsSpan(y * w, w).Fill(true);
            var hu = new short[w * h];
            for (int i = 0; i < hu.Length; i++) hu[i] = (short)rng.Next(-200, 300);
            var expected = (bool[])m.Clone();
            double expectedArea = FloodReference(expected, w, h, sx * sy, maxAreaMm2, withHu ? hu : null, 40);
            var ops = new SliceOps(w, h, sx, sy);
            double area = withHu ? ops.FillHoles(m, maxAreaMm2, hu, 40) : ops.FillHoles(m, maxAreaMm2);
            Assert.Equal(expected, m);
            Assert.Equal(expectedArea, area, 9);
        }
    }

    /// <summary>The run-based labelling against a pixel flood of the 8 neighbours written here: the same labels, in the same order.</summary>
    [Theory]
    [InlineData(31, 0.3)]
    [InlineData(32, 0.5)]
    [InlineData(33, 0.7)]
    public void Components_MatchAnEightNeighbourFlood(int seed, double density)
    {
        const int w = 67, h = 53;
        var rng = new Random(seed);
        for (int trial = 0; trial < 10; trial++)
        {
            var m = new bool[w * h];
            for (int i = 0; i < m.Length; i++) m[i] = rng.NextDouble() < density;
            var expected = new int[w * h];
            var areas = new List<int> { 0 };
            for (int s = 0; s < m.Length; s++)
            {
                if (!m[s] || expected[s] != 0) continue;
                var pixels = new List<int> { s };
                expected[s] = areas.Count;
                for (int k = 0; k < pixels.Count; k++)
                    for (int dy = -1; dy <= 1; dy++)
                        for (int dx = -1; dx <= 1; dx++)
                        {
                            int x = pixels[k] % w + dx, y = pixels[k] / w + dy;
                            if (x < 0 || y < 0 || x >= w || y >= h || !m[y * w + x] || expected[y * w + x] != 0) continue;
                            expected[y * w + x] = areas.Count;
                            pixels.Add(y * w + x);
                        }
                areas.Add(pixels.Count);
            }
            var ops = new SliceOps(w, h, 1, 1);
            Assert.Equal(areas, ops.Components(m));
            Assert.Equal(expected, ops.Labels.ToArray());
        }
    }

    /// <summary>Background 4-connected to the border is outside; every other background component is a hole.</summary>
    private static double FloodReference(bool[] m, int w, int h, double pixelMm2, double maxAreaMm2, short[]? hu, short minMeanHu)
    {
        var label = new int[w * h];
        int next = 0;
        var holes = new List<(List<int> Pixels, bool Border)>();
        for (int s = 0; s < m.Length; s++)
        {
            if (m[s] || label[s] != 0) continue;
            var pixels = new List<int> { s };
            label[s] = ++next;
            bool border = false;
            for (int k = 0; k < pixels.Count; k++)
            {
                int i = pixels[k], x = i % w, y = i / w;
                border |= x == 0 || y == 0 || x == w - 1 || y == h - 1;
                foreach (int j in new[] { x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, y > 0 ? i - w : -1, y < h - 1 ? i + w : -1 })
                    if (j >= 0 && !m[j] && label[j] == 0) { label[j] = next; pixels.Add(j); }
            }
            holes.Add((pixels, border));
        }
        double total = 0;
        foreach (var (pixels, border) in holes)
        {
            if (border) continue;
            total += pixels.Count * pixelMm2;
            bool small = pixels.Count * pixelMm2 <= maxAreaMm2 + 1e-9;
            bool dense = hu is null || pixels.Sum(i => (long)hu[i]) >= (long)minMeanHu * pixels.Count;
            if (small && dense) foreach (int i in pixels) m[i] = true;
        }
        return total;
    }

    /// <summary>Random blobs on an anisotropic grid, some touching the slice's edge, some not.</summary>
    private static bool[] Blobs(int w, int h, int seed, int count)
    {
        var rng = new Random(seed);
        var m = new bool[w * h];
        for (int b = 0; b < count; b++)
        {
            int cx = rng.Next(w), cy = rng.Next(h), rx = 1 + rng.Next(9), ry = 1 + rng.Next(9);
            for (int y = Math.Max(0, cy - ry); y <= Math.Min(h - 1, cy + ry); y++)
                for (int x = Math.Max(0, cx - rx); x <= Math.Min(w - 1, cx + rx); x++)
                    if (rng.NextDouble() < 0.9) m[y * w + x] = true;
        }
        return m;
    }

    [Theory]
    [InlineData(11, 0.7, 0.9)]
    [InlineData(12, 1.0, 1.0)]
    [InlineData(13, 0.45, 1.3)]
    public void DistanceTransform_IsTheNearestFeatureByBruteForce_OverTheSliceAndOverARectangle(int seed, double sx, double sy)
    {
        const int w = 57, h = 43;
        var feature = Blobs(w, h, seed, 4);
        var points = Enumerable.Range(0, w * h).Where(i => feature[i]).ToArray();
        var edt = new DistanceTransform2D(w, h);
        var full = new float[w * h];
        edt.Compute(feature, full, sx, sy);
        var rect = new PixelRect(9, 5, 50, 38);
        var part = new float[w * h];
        Array.Fill(part, -1f);
        edt.Compute(feature, part, sx, sy, rect);
        for (int i = 0; i < w * h; i++)
        {
            int x = i % w, y = i / w;
            double best = points.Length == 0 ? double.MaxValue : points.Min(j => Math.Sqrt(Math.Pow((j % w - x) * sx, 2) + Math.Pow((j / w - y) * sy, 2)));
            Assert.Equal(best, full[i], 3);
            bool inside = x >= rect.X0 && x < rect.X1 && y >= rect.Y0 && y < rect.Y1;
            if (!inside) { Assert.Equal(-1f, part[i]); continue; }
            var inRect = points.Where(j => j % w >= rect.X0 && j % w < rect.X1 && j / w >= rect.Y0 && j / w < rect.Y1).ToArray();
            double bestIn = inRect.Length == 0 ? 1e10 : inRect.Min(j => Math.Sqrt(Math.Pow((j % w - x) * sx, 2) + Math.Pow((j / w - y) * sy, 2)));
            Assert.Equal(bestIn, part[i], 3);
        }
    }

    /// <summary>
    /// Dilation and erosion by the exact disc against the definition, pixel by pixel, with blobs at the slice's edge
    /// (which does not erode): the bounding-box shortcuts must change nothing.
    /// </summary>
    [Theory]
    [InlineData(21, 0.7, 0.9, 2.5)]
    [InlineData(22, 1.0, 1.0, 4.0)]
    [InlineData(23, 0.45, 1.3, 1.2)]
    [InlineData(24, 0.8, 0.8, 0.0)]
    public void DilateAndErode_AreTheDiscByDefinition(int seed, double sx, double sy, double radiusMm)
    {
        const int w = 61, h = 47;
        for (int trial = 0; trial < 5; trial++)
        {
            var m = Blobs(w, h, seed * 10 + trial, 1 + trial * 2);
            double r2 = Math.Pow(radiusMm + 1e-3, 2);
            bool InDisc(int dx, int dy) => dx * dx * sx * sx + dy * dy * sy * sy <= r2;
            int rx = (int)(radiusMm / sx) + 1, ry = (int)(radiusMm / sy) + 1;
            var dilated = new bool[w * h];
            var eroded = new bool[w * h];
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                {
                    bool any = false, all = m[y * w + x];
                    for (int dy = -ry; dy <= ry; dy++)
                        for (int dx = -rx; dx <= rx; dx++)
                        {
                            int xx = x + dx, yy = y + dy;
                            if (!InDisc(dx, dy) || xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
                            any |= m[yy * w + xx];
                            all &= m[yy * w + xx];
                        }
                    dilated[y * w + x] = any;
                    eroded[y * w + x] = all;
                }
            var ops = new SliceOps(w, h, sx, sy);
            var d = (bool[])m.Clone();
            ops.Dilate(d, radiusMm);
            Assert.Equal(dilated, d);
            var e = (bool[])m.Clone();
            ops.Erode(e, radiusMm);
            Assert.Equal(eroded, e);
        }
    }

    [Fact]
    public void SquareDilateThenErode_RestoresASquare()
    {
        var ops = new SliceOps(N, N, 1, 1);
        var m = new bool[N * N];
        for (int y = 40; y < 60; y++) for (int x = 40; x < 60; x++) m[y * N + x] = true;
        var original = (bool[])m.Clone();
        ops.DilateSquare(m, 5);
        Assert.True(m[35 * N + 35] && !m[34 * N + 34]);
        ops.ErodeSquare(m, 5);
        Assert.Equal(original, m);
    }

    [Theory]
    [InlineData(1.0, 1.0, 2.0, true)]
    [InlineData(0.7, 0.7, 2.0, true)]
    [InlineData(1.2, 0.9, 3.0, true)]
    [InlineData(1.0, 1.0, 17.0, false)] // a disc past SmallDiscMaxOffsets: through the distance transform, nothing left
    public void ErodeSmall_IsTheDiscErosion(double sx, double sy, double radiusMm, bool anyLeft)
    {
        // A ragged mask: discs and a bar joined by one-pixel necks, and noise; away from the border both erosions agree pixel for pixel.
        var rng = new Random(7);
        var m = new bool[N * N];
        for (int y = 0; y < N; y++)
            for (int x = 0; x < N; x++)
                m[y * N + x] = (x - 30) * (x - 30) + (y - 40) * (y - 40) < 150 || (x - 60) * (x - 60) + (y - 55) * (y - 55) < 60
                    || y == 40 && x > 30 && x < 60 || x > 70 && x < 90 && y > 20 && y < 80 || rng.NextDouble() < 0.05;
        var ops = new SliceOps(N, N, sx, sy);
        var small = new bool[N * N];
        ops.ErodeSmall(m, small, radiusMm);
        var exact = (bool[])m.Clone();
        ops.Erode(exact, radiusMm);
        int margin = (int)Math.Ceiling(radiusMm / Math.Min(sx, sy)) + 1;
        for (int y = margin; y < N - margin; y++)
            for (int x = margin; x < N - margin; x++)
                Assert.True(exact[y * N + x] == small[y * N + x], $"({x},{y})");
        Assert.Equal(anyLeft, small.Contains(true));
    }
}
