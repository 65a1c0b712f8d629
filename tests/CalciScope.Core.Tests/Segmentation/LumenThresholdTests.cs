using CalciScope.Imaging;
using CalciScope.Phantoms.Family;
using CalciScope.Pipeline;
using CalciScope.Segmentation;

namespace CalciScope.Tests.Segmentation;

/// <summary>
/// Each enhanced lumen has its own calcium threshold, drawn from its own contrast: an arterial aorta beside a less
/// enhanced vein, a vessel joined in one core to a body denser than it, a plaque left inside a core by its erosion.
/// Synthetic slabs of soft tissue with ±8 HU of noise, as in <see cref="BloodPoolDetectorTests"/>.
/// </summary>
public class LumenThresholdTests
{
    private const int N = 160, Slices = 30;
    private const double Mm = 1.5, SliceMm = 2.5;

    private static (Volume<short> Hu, byte[] Tissue) Draw(Func<double, double, short?> at)
    {
        var v = new Volume<short>(VolumeGeometry.Axial(N, N, Slices, Mm, Mm, SliceMm));
        var tissue = new byte[v.Data.Length];
        var rng = new Random(11);
        for (int z = 0; z < Slices; z++)
            for (int y = 0; y < N; y++)
                for (int x = 0; x < N; x++)
                {
                    int i = (z * N + y) * N + x;
                    double tx = (x - 80) / 70.0, ty = (y - 80) / 55.0;
                    if (tx * tx + ty * ty > 1) { v.Data[i] = -1000; continue; }
                    tissue[i] = TissueClass.InnerSoft;
                    v.Data[i] = (short)((at((x - 80) * Mm, (y - 80) * Mm) ?? 45) + rng.Next(-8, 9));
                }
        return (v, tissue);
    }

    private static bool InDisc(double x, double y, double cx, double cy, double r) => (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r;

    private static int Index(double xMm, double yMm, int z = Slices / 2) => (z * N + (int)Math.Round(yMm / Mm + 80)) * N + (int)Math.Round(xMm / Mm + 80);

    [Fact]
    public void AortaBesideAVein_EachKeepsItsOwnThreshold()
    {
        // An arterial aorta at 330 HU and a vein at 185, 40 mm apart.
        var (hu, tissue) = Draw((x, y) => InDisc(x, y, -20, 0, 12) ? 330 : InDisc(x, y, 25, 0, 10) ? (short)185 : null);
        var r = BloodPoolDetector.Detect(hu, tissue);
        Assert.True(r.Enhanced);
        short aorta = r.ThresholdAt(Index(-20, 0)), vein = r.ThresholdAt(Index(25, 0));
        // The lumen's noise is ±8 HU (sd under 5): its own threshold lies some 70-90 HU over its mean.
        Assert.InRange(aorta, 380, 420);
        Assert.Equal(BloodPoolDetector.MinCalciumThresholdHu, vein);
        // Over both lumens together the spread is the two vessels' difference: a plaque of 450 HU on the aorta would be lost.
        Assert.True(r.CalciumThresholdHu > 450, $"the pooled threshold is {r.CalciumThresholdHu} HU");
        Assert.Equal(0, r.CellThresholdHu[Index(0, 40)]);
    }

    [Fact]
    public void VesselJoinedToADenserBody_KeepsTheVesselsThreshold()
    {
        // A vessel at 185 HU lying against a body of 500 HU with no cortex between: one core of two densities.
        var (hu, tissue) = Draw((x, y) => InDisc(x, y, 0, 10, 20) ? 500 : InDisc(x, y, 0, -18, 9) ? (short)185 : null);
        var r = BloodPoolDetector.Detect(hu, tissue);
        Assert.True(r.Enhanced);
        Assert.Equal(BloodPoolDetector.MinCalciumThresholdHu, r.ThresholdAt(Index(0, -20)));
        Assert.True(r.ThresholdAt(Index(0, 10)) >= 600, $"the dense body's threshold is {r.ThresholdAt(Index(0, 10))} HU");
    }

    [Fact]
    public void DensePatchInsideTheVesselsCore_TakesTheVesselsThreshold()
    {
        // As above, with a patch of 500 HU (50 mm2, under a body's section) inside the vessel: a plaque the core's
        // erosion kept, which must be judged against the vessel round it, not the denser body.
        var (hu, tissue) = Draw((x, y) => InDisc(x, y, 0, 10, 20) ? 500
            : InDisc(x, y, 0, -24, 4) ? 500 : InDisc(x, y, 0, -22, 12) ? (short)185 : null);
        var r = BloodPoolDetector.Detect(hu, tissue);
        Assert.Equal(BloodPoolDetector.MinCalciumThresholdHu, r.ThresholdAt(Index(0, -24)));
    }

    [Fact]
    public void CoreSplit_OneDensitySpreadOut_IsNotSplit()
    {
        // A lumen of evenly spread densities (contrast mixing) is one density however wide its spread.
        var even = new DensityHistogram(150, 700);
        for (int hu = 200; hu <= 450; hu++) for (int k = 0; k < 20; k++) even.Add((short)hu);
        Assert.True(even.SdHu >= CoreSplit.MinSdHu);
        Assert.Null(CoreSplit.Find(even));
        // Two densities, a vessel at 185 ± 10 HU and a tenth as much marrow at 480 ± 15, are.
        var two = new DensityHistogram(150, 700);
        var rng = new Random(3);
        for (int k = 0; k < 9000; k++) two.Add((short)Math.Round(185 + 10 * Gauss(rng)));
        for (int k = 0; k < 1000; k++) two.Add((short)Math.Round(480 + 15 * Gauss(rng)));
        var split = CoreSplit.Find(two);
        Assert.NotNull(split);
        Assert.InRange(split.LowerMeanHu, 180, 190);
        Assert.InRange(split.LowerThresholdHu, BloodPoolDetector.MinCalciumThresholdHu, 300);
        Assert.True(split.WholeThresholdHu > 480, $"the whole lumen's threshold is {split.WholeThresholdHu} HU");
    }

    private static double Gauss(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    /// <summary>
    /// The phantom family's plaques on an arterial aorta beside portal veins (seed 762) and on a venous aorta joined in
    /// one core to sclerotic vertebral marrow (seed 1049): under the pooled threshold (547 and 854 HU) all of 762's and
    /// two of 1049's three had been missed; 1049's plaque of 789 mm3 on the vessel's far side is missed still.
    /// </summary>
    [Theory]
    [InlineData(762, 0)]
    [InlineData(1049, 1)]
    public void PlaqueOnAnAortaBesideOtherLumens_IsFound(int seed, int missedAtMost)
    {
        var score = Score(seed);
        Assert.True(score.Missed.Count <= missedAtMost, string.Join("; ", score.Missed));
    }

    /// <summary>
    /// The phantom family's seed 423: a venous aorta at 180 HU whose lumen, grown to its wall, reaches a strip of the
    /// sclerotic vertebral body behind it (430 HU). Judged against the aorta's own threshold (300 HU) the spine had become
    /// 97 mL of 'plaque'; the strip belongs to a body of that density outside the lumen, and keeps the threshold of all lumens.
    /// </summary>
    [Fact]
    public void MarrowReachedByTheLumensGrowth_IsNoPlaque()
    {
        var score = Score(423);
        Assert.Empty(score.Missed);
        Assert.True(score.FalseAnyMm3 < 100, $"{score.FalseAnyMm3:0} mm3 of false calcification");
    }

    /// <summary>
    /// Sclerotic marrow taken for blood keeps the threshold of all lumens together: seed 1176, an unenhanced chest whose
    /// vertebral marrow (317 mL at 496 HU, rimmed on half its rays) read as an arterial pool, had 29.6 mL of 'calcification'
    /// at the core's own threshold; seed 1206, a venous pelvis whose sclerotic marrow split into its own two densities,
    /// 15.8 mL at the lower one's.
    /// </summary>
    [Theory]
    [InlineData(1176, 1500)]
    [InlineData(1206, 8000)]
    public void MarrowTakenForBlood_KeepsTheThresholdOfAllLumens(int seed, double falseAtMostMm3)
    {
        var score = Score(seed);
        Assert.True(score.FalseAnyMm3 <= falseAtMostMm3, $"{score.FalseAnyMm3:0} mm3 of false calcification");
        Assert.Equal(0, score.FalseSoftMm3);
    }

    private static FamilyCaseResult Score(int seed)
    {
        var study = FamilyGenerator.Generate(FamilyCase.Draw(seed));
        var r = AnalysisPipeline.Analyse(new LoadedStudy(study.Hu, study.Info, []), new AnalysisOptions());
        return FamilyEvaluation.Score(study, r);
    }
}
