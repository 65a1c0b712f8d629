using CalciScope.Imaging;
using CalciScope.Phantoms.Family;
using CalciScope.Pipeline;

namespace CalciScope.Tests.Detection;

/// <summary>
/// A stone-shaped calcification in the fat of the pelvic cavity is a phlebolith of the pelvic veins, whether or not the
/// tissue map drew the vein round it. The phantom family's seed 160 (an arterial-phase pelvis at 1.8 mm) has two stones
/// in unenhanced veins: one lay in a vein the tissue map found and was called vascular, the other had fallen to a
/// 'visceral' nodule.
/// </summary>
public class PelvicPhlebolithTests
{
    [Fact]
    public void StonesInThePelvicVeins_AreVascularPhleboliths()
    {
        var study = FamilyGenerator.Generate(FamilyCase.Draw(160));
        var r = AnalysisPipeline.Analyse(new LoadedStudy(study.Hu, study.Info, []), new AnalysisOptions());
        var stones = study.Lesions.Where(l => l.Pattern == "phlebolith").ToList();
        Assert.Equal(2, stones.Count);
        foreach (var stone in stones)
        {
            var nearest = r.Lesions.MinBy(l => Distance(l.CentroidMm, stone.CentroidMm))!;
            Assert.True(Distance(nearest.CentroidMm, stone.CentroidMm) < 5, $"no lesion at the stone {string.Join(",", stone.CentroidMm)}");
            Assert.Equal(("vascular", "phlebolith"), (nearest.Compartment, nearest.Pattern));
        }
        // Nothing else in the study is named a phlebolith.
        Assert.Equal(2, r.Lesions.Count(l => l.Pattern == "phlebolith"));
    }

    private static double Distance(double[] a, double[] b) => Math.Sqrt(a.Zip(b, (p, q) => (p - q) * (p - q)).Sum());
}
