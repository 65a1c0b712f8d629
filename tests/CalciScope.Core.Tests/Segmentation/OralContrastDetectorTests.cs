using CalciScope.Imaging;
using CalciScope.Segmentation;

namespace CalciScope.Tests.Segmentation;

/// <summary>
/// Positive oral contrast is told by the bowel gas over it: dense content showing gas-fluid levels is oral contrast at
/// any density from 200 HU; without levels only content as dense as barium counts. A bone whose top touches gas shows
/// its cortex there, not a fluid's face. Synthetic trunks: soft tissue holding two bowel loops running along the body
/// axis (gas in front, content behind), or a bone drawn under a loop's gas.
/// </summary>
public class OralContrastDetectorTests
{
    private const int N = 200, Slices = 30;
    private const double Mm = 1.5, SliceMm = 2.5;
    private const double LoopRadiusMm = 20, WallMm = 2.5;

    /// <summary>Whether (x, y) in mm from the trunk's centre lies in the trunk (an ellipse of 130 by 95 mm semi-axes).</summary>
    private static bool InTrunk(double x, double y) => x * x / (130.0 * 130) + y * y / (95.0 * 95) <= 1;

    /// <summary>
    /// HU of a loop centred at (cx, cy) mm, or null outside it: a wall, gas in front of a level <paramref name="levelMm"/>
    /// in front of the centre (none where null: filled), content behind.
    /// </summary>
    private static short? Loop(double x, double y, double cx, double cy, double? levelMm, short contentHu, double radiusMm = LoopRadiusMm)
    {
        double d = Math.Sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy));
        if (d > radiusMm) return null;
        if (d > radiusMm - WallMm) return 40;
        // Rows run backwards (+Y, DICOM LPS): the front is at lower y.
        if (levelMm is double l && y < cy - l) return -1000;
        return contentHu;
    }

    private static OralContrastDetector.Result Detect(Func<double, double, short?> draw)
    {
        var v = new Volume<short>(VolumeGeometry.Axial(N, N, Slices, Mm, Mm, SliceMm));
        var rng = new Random(3);
        for (int z = 0; z < Slices; z++)
            for (int j = 0; j < N; j++)
                for (int i = 0; i < N; i++)
                {
                    double x = (i - N / 2) * Mm, y = (j - N / 2) * Mm;
                    short h = !InTrunk(x, y) ? (short)-1000 : draw(x, y) ?? 40;
                    v.Data[(z * N + j) * N + i] = (short)(h + (h > -900 ? rng.Next(-8, 9) : 0));
                }
        var tissue = TissueMapper.Map(v);
        return OralContrastDetector.Detect(tissue, OralContrastDetector.LungLevels(tissue), BowelGas.Find(tissue), new bool[tissue.Codes.Length]);
    }

    private static short? TwoLoops(double x, double y, double? levelMm, short contentHu) =>
        Loop(x, y, -45, -30, levelMm, contentHu) ?? Loop(x, y, 45, -30, levelMm, contentHu);

    [Theory]
    [InlineData(300)]   // dilute iodinated contrast, under the 500 HU asked of content without a level
    [InlineData(450)]
    [InlineData(800)]   // barium
    public void Detect_LoopsWithLevels_AreOralContrast(short contentHu)
    {
        var r = Detect((x, y) => TwoLoops(x, y, levelMm: 8, contentHu));
        Assert.True(r.Present, $"loops of {contentHu} HU content under gas-fluid levels were not called oral contrast");
        Assert.InRange(r.VolumeMm3, 40_000, 200_000);
    }

    /// <summary>
    /// Small loops apart from each other, each under the study's 20 mL bar (about 11 mL of content here), count together:
    /// the phantom family's pelvic loops (12-17 mL each) had been found only where they touched a bone and merged with it.
    /// One such loop alone is still too little to call a study's bowel opacified.
    /// </summary>
    [Theory]
    [InlineData(4, true)]
    [InlineData(1, false)]
    public void Detect_SmallLoopsWithLevels_CountTogether(int loops, bool present)
    {
        double[] centres = [-75, -25, 25, 75];
        var r = Detect((x, y) => centres.Take(loops).Select(cx => Loop(x, y, cx, -30, levelMm: 4, 450, radiusMm: 12)).FirstOrDefault(h => h is not null));
        Assert.Equal(present, r.Present);
        if (present) Assert.InRange(r.VolumeMm3, 20_000, 80_000);
    }

    [Fact]
    public void Detect_FilledLoopsOfEnhancingDensity_AreNotOralContrast()
    {
        // No gas, no level, and as dense as an enhancing organ (340-460 HU): nothing tells it from one.
        var r = Detect((x, y) => TwoLoops(x, y, levelMm: null, contentHu: 350));
        Assert.False(r.Present);
    }

    [Fact]
    public void Detect_BoneUnderALoopsGas_IsNotOralContrast()
    {
        // A loop of plain fluid whose gas lies on a bone's top (a phantom drawing the bone over the loop): the flat face
        // under the gas is a 1100 HU cortex over 250 HU marrow (averaging under the 500 HU that content without a level must reach).
        short? Draw(double x, double y)
        {
            double bx = x - 45, by = y - (-30 + 14);
            double rb = Math.Sqrt(bx * bx + by * by);
            if (rb <= 22) return rb > 19 ? (short)1100 : (short)250;
            return Loop(x, y, 45, -30, levelMm: 8, contentHu: 20);
        }
        Assert.False(Detect(Draw).Present);
    }

    /// <summary>
    /// A loop whose contrast (260 HU, diluted) has settled under a layer of less opacified fluid: the gas meets the
    /// layer, the dense content lies <paramref name="layerMm"/> behind it. With <paramref name="layerHu"/> of fluid the
    /// level is seen through it; fat there is a wall's outside, not a lumen's content, and no level.
    /// </summary>
    private static short? Layered(double x, double y, double cx, double cy, double layerMm, short layerHu)
    {
        const double LevelMm = 8;
        var h = Loop(x, y, cx, cy, LevelMm, 260);
        if (h == 260 && y < cy - LevelMm + layerMm) return layerHu;
        return h;
    }

    [Fact]
    public void Detect_ContrastSettledUnderAFluidLayer_IsOralContrast()
    {
        // LIDC-IDRI 0003's stomach: diluted contrast grading from its gas cap through 90-150 HU to 200 HU over about 8 mm.
        var r = Detect((x, y) => Layered(x, y, -45, -30, 7, 100) ?? Layered(x, y, 45, -30, 7, 100));
        Assert.True(r.Present, "contrast under a 7 mm layer of fluid below the gas was not called oral contrast");
    }

    [Fact]
    public void Detect_FatBetweenGasAndDenseContent_IsNoLevel()
    {
        var r = Detect((x, y) => Layered(x, y, -45, -30, 7, -100) ?? Layered(x, y, 45, -30, 7, -100));
        Assert.False(r.Present);
    }
}
