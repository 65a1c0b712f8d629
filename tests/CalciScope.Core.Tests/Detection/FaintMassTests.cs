using CalciScope.Imaging;
using CalciScope.Phantoms.Family;
using CalciScope.Pipeline;

namespace CalciScope.Tests.Detection;

/// <summary>
/// A ball of about a millilitre drawn into the soft tissue of a normal unenhanced family abdomen (seed 123, 3 mm
/// slices): at 160 HU throughout (the venous-phase neck vessels of seed 551 averaged 165) it is as faint as enhancing
/// tissue or a weakly opacified vessel and is no calcium; at 450 HU it is a calcified mass and is found.
/// </summary>
public class FaintMassTests
{
    private const double RadiusMm = 6.5;

    // The ball's value with the tissue's noise kept round it (soft tissue about 40 HU).
    private static (AnalysisResult Result, double[] CentreMm) AnalyseWithBall(short hu) =>
        SoftTissuePlace.AnalyseWithBall(RadiusMm, v => (short)(hu + v.Hu - 40));

    private static bool LesionNear(AnalysisResult r, double[] c) => SoftTissuePlace.LesionNear(r, c, RadiusMm);

    [Fact]
    public void BallAt160Hu_IsNoCalcium()
    {
        var (r, c) = AnalyseWithBall(160);
        Assert.False(LesionNear(r, c), "a ball nowhere denser than 250 HU was called calcification");
        Assert.Contains(r.Detection.Notes, n => n.Contains("nowhere reaching", StringComparison.Ordinal));
    }

    [Fact]
    public void BallAt450Hu_IsFound()
    {
        var (r, c) = AnalyseWithBall(450);
        Assert.True(LesionNear(r, c), "a calcified ball of a millilitre was not found");
    }
}
