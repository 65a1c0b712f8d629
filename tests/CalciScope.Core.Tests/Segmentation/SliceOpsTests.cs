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
