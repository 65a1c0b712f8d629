using CalciScope.Calcification;
using CalciScope.Imaging;
using CalciScope.Phantoms.Family;
using CalciScope.Pipeline;

namespace CalciScope.Tests.Detection;

/// <summary>
/// Loops of bowel holding oral contrast are large, deep and dense, and the scanned range cuts them as it cuts bones; they
/// are enteric content, never skeleton. The phantom family's seed 74 (a pelvis at 0.96 mm) had its loops, 4-17 mL each
/// at 500 HU, drawn as skeleton in the label map ('cut by the field of view: bone').
/// </summary>
public class BowelLoopTests
{
    [Fact]
    public void ContrastFilledLoopsCutByTheRange_AreNotSkeleton()
    {
        var study = FamilyGenerator.Generate(FamilyCase.Draw(74));
        var r = AnalysisPipeline.Analyse(new LoadedStudy(study.Hu, study.Info, []), new AnalysisOptions());
        Assert.True(r.Detection.Contrast.OralContrast, "the loops' oral contrast was not found");
        // Content under a gas-fluid level: as dense as the loops' contrast, with gas a few pixels in front (lower rows).
        var g = study.Hu.Geometry;
        var hu = study.Hu.Data;
        var labels = r.Detection.LabelMap;
        int nx = g.SizeX, len = nx * g.SizeY, underGas = 0, skeleton = 0;
        for (int i = 0; i < hu.Length; i++)
        {
            if (hu[i] is < 450 or > 550) continue;
            int y = i % len / nx;
            bool gasInFront = false;
            for (int d = 1; d <= 5 && y - d >= 0 && !gasInFront; d++) gasInFront = hu[i - d * nx] < -500;
            if (!gasInFront) continue;
            underGas++;
            if (labels[i] == CalcificationDetector.Skeleton) skeleton++;
        }
        Assert.True(underGas > 1000, $"only {underGas} voxels of content under gas");
        Assert.True(skeleton < 0.01 * underGas, $"{skeleton} of {underGas} voxels of the loops' content under their gas were drawn as skeleton");
    }
}
