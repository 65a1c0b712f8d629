using CalciScope.Segmentation;

namespace CalciScope.Tests.Anatomy;

public class RadialWallTests
{
    private const int N = 200;
    private const double Pixel = 1.5;

    /// <summary>
    /// A round body (radius 120 mm): skin and fat out to 20 mm deep, a 5 mm muscle wall, fat inside (visceral). The
    /// wall has a 12 mm gap, and a calcified strand lies in the subcutaneous fat.
    /// </summary>
    private static (short[] Hu, int[] Labels) Body()
    {
        var hu = new short[N * N];
        var labels = new int[N * N];
        double c = N / 2.0;
        for (int y = 0; y < N; y++)
        for (int x = 0; x < N; x++)
        {
            double dx = (x - c) * Pixel, dy = (y - c) * Pixel, r = Math.Sqrt(dx * dx + dy * dy);
            int i = y * N + x;
            if (r > 120) { hu[i] = -1000; continue; }
            labels[i] = 1;
            hu[i] = -100; // fat
            bool gap = Math.Abs(dy) < 6 && dx > 0;
            if (r is > 95 and <= 100 && !gap) hu[i] = 50; // muscle wall
            if (r is > 105 and < 112 && Math.Abs(dx) < 1.5 && dy < 0) hu[i] = 400; // calcified strand in the fat
        }
        return (hu, labels);
    }

    [Fact]
    public void Mark_ThinWallWithAGap_CavityInsideTheWallOnly()
    {
        var (hu, labels) = Body();
        var cavity = new bool[N * N];
        new RadialWall(N, N, Pixel, Pixel).Mark(hu, labels, 1, new bool[N * N], skinMm: 2.5, cavity);
        double c = N / 2.0;
        int wrongIn = 0, wrongOut = 0;
        for (int y = 0; y < N; y++)
        for (int x = 0; x < N; x++)
        {
            double dx = (x - c) * Pixel, dy = (y - c) * Pixel, r = Math.Sqrt(dx * dx + dy * dy);
            if (r > 120) continue;
            if (r < 92 && !cavity[y * N + x]) wrongOut++;
            if (r > 103 && cavity[y * N + x]) wrongIn++;
        }
        // The gap (on the right) and the strand (behind) move the wall nowhere: the circular median bridges them.
        Assert.Equal(0, wrongIn);
        Assert.Equal(0, wrongOut);
    }

    [Fact]
    public void Mark_NoWallAnywhere_NoCavity()
    {
        var (hu, labels) = Body();
        for (int i = 0; i < hu.Length; i++) if (hu[i] == 50) hu[i] = -100;
        var cavity = new bool[N * N];
        new RadialWall(N, N, Pixel, Pixel).Mark(hu, labels, 1, new bool[N * N], 2.5, cavity);
        Assert.DoesNotContain(true, cavity);
    }

    [Fact]
    public void Mark_EnclosedAir_IsInsideTheWall()
    {
        // Lungs without a muscle ring thick enough: the air they hold marks the cavity.
        var (hu, labels) = Body();
        var air = new bool[N * N];
        double c = N / 2.0;
        for (int i = 0; i < hu.Length; i++)
        {
            if (hu[i] == 50) hu[i] = -100;
            double dx = (i % N - c) * Pixel, dy = (i / N - c) * Pixel;
            if (Math.Sqrt(dx * dx + dy * dy) < 80) { hu[i] = -850; air[i] = true; }
        }
        var cavity = new bool[N * N];
        new RadialWall(N, N, Pixel, Pixel).Mark(hu, labels, 1, air, 2.5, cavity);
        Assert.True(cavity[(N / 2) * N + N / 2]);
        Assert.False(cavity[(N / 2) * N + N / 2 + (int)(100 / Pixel)]);
    }
}
