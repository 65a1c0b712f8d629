using CalciScope.Calcification;
using CalciScope.Imaging;
using CalciScope.Phantoms.Family;
using CalciScope.Pipeline;

namespace CalciScope.Tests.Detection;

/// <summary>
/// Dense content in a bowel loop is enteric, not calcification. The rule, on the figures of the phantom family's seed 490
/// (a 244 mm3 pocket of dilute oral contrast under a gas bubble 5 mm wide: 1 of 64 probes round it in gas, 14 of its
/// 19 front-face voxels under gas): a gas-fluid level along most of the front face says bowel however few probes land in
/// the gas. End to end: a small loop drawn into the soft tissue of a normal unenhanced family abdomen (seed 123), gas in
/// its front half over 300 HU content, too small for the study to be called one with oral contrast, is not a lesion;
/// the same ball full of content, with no gas, is a calcified nodule and is found.
/// </summary>
public class GasFluidLevelTests
{
    private const double RadiusMm = 6;
    private const short ContentHu = 300;

    private static (AnalysisResult Result, double[] CentreMm) AnalyseWithLoop(bool gasInFront)
    {
        // The patient's front lies towards -Y (DICOM LPS): lower rows where the rows run backwards; every family study is
        // drawn that way.
        return SoftTissuePlace.AnalyseWithBall(RadiusMm, v =>
            gasInFront && v.Dy < 0 ? (short)-1000 : (short)(ContentHu + v.Hu - 40));
    }

    private static bool LesionNear(AnalysisResult r, double[] c) => SoftTissuePlace.LesionNear(r, c, 2 * RadiusMm);

    private static ComponentStats Pocket(long frontUnderGas, long frontFace, long gasProbes = 1, long probes = 64, double innerShare = 1) =>
        new() { Count = 55, Inner = (long)(55 * innerShare), Probes = probes, ProbesInBowelGas = gasProbes, FrontFace = frontFace, FrontFaceUnderGas = frontUnderGas };

    private const double Seed490VoxelMm3 = 1.036 * 1.036 * 4.14;

    [Fact]
    public void EntericContent_FrontFaceUnderGas_True() =>
        Assert.True(CalcificationDetector.EntericContent(Pocket(14, 19), Seed490VoxelMm3));

    [Theory]
    [InlineData(2, 19, 1.0)]    // gas touches the face at one corner only: calcium beside a loop
    [InlineData(8, 19, 1.0)]    // under half the face
    [InlineData(14, 19, 0.3)]   // mostly in the skin or subcutaneous fat: never bowel
    public void EntericContent_Otherwise_False(long underGas, long face, double inner) =>
        Assert.False(CalcificationDetector.EntericContent(Pocket(underGas, face, innerShare: inner), Seed490VoxelMm3));

    [Fact]
    public void EntericContent_GasProbesAlone_StillTrue() =>
        Assert.True(CalcificationDetector.EntericContent(Pocket(0, 19, gasProbes: 5), Seed490VoxelMm3));

    [Fact]
    public void ContentUnderGasInASmallLoop_IsEntericContent()
    {
        var (r, c) = AnalyseWithLoop(gasInFront: true);
        Assert.False(r.Detection.Contrast.OralContrast, "a single small loop made the study one with oral contrast; the test needs one without");
        Assert.False(LesionNear(r, c), "dense content under a gas-fluid level was called calcification");
    }

    [Fact]
    public void SameBallWithoutGas_IsFound()
    {
        var (r, c) = AnalyseWithLoop(gasInFront: false);
        Assert.True(LesionNear(r, c), "a 300 HU nodule in soft tissue was not found");
    }
}
