using CalciScope.Phantoms;
using CalciScope.Tests.Support;

namespace CalciScope.Tests.Analysis;

/// <summary>
/// The phantoms scanned after iodinated contrast: the pelvic arteries and veins filled at a known density. Without a
/// heart in the field of view the lumen is a set of tubes; it must be found as such, and never measured as calcium.
/// </summary>
public class ContrastPhantomTests
{
    private const short LumenHu = 320;

    private static (PhantomStudy Study, CalciScope.Pipeline.AnalysisResult Result) Run(string name)
    {
        var (study, dicom) = TestStudies.Get(new PhantomOptions { Case = name, ContrastHu = LumenHu });
        return (study, PhantomAnalysisTests.Analyse(dicom));
    }

    [Theory]
    [InlineData("normal")]
    [InlineData("seed")]
    [InlineData("vascular")]
    public void Analyze_EnhancedPelvis_FindsTheLumenAndKeepsItOut(string name)
    {
        var (study, r) = Run(name);
        var contrast = r.Detection.Contrast;
        Assert.True(contrast.Enhanced, "enhanced pelvic vessels not recognised as contrast");
        PhantomAnalysisTests.Within(LumenHu, contrast.BloodPoolMeanHu, 0.05, "lumen HU");
        Assert.True(contrast.ThresholdHu > LumenHu + 50, $"calcium threshold {contrast.ThresholdHu} HU inside a {LumenHu} HU lumen");
        // Lumen is not calcium: what is called vascular is no more than the calcified walls and phleboliths made.
        var vascularTruth = study.Truth.Lesions.Where(l => l.Compartment == "vascular").Sum(l => l.VolumeMm3);
        Assert.True(r.Summary.VascularVolumeMm3 <= vascularTruth, $"{r.Summary.VascularVolumeMm3} mm3 vascular against {vascularTruth} mm3 made");
        if (study.Truth.SoftTissueVolumeMm3 == 0) Assert.True(r.Summary.SoftTissueVolumeMm3 < 50, $"{r.Summary.SoftTissueVolumeMm3} mm3 soft tissue in a case with none");
        else PhantomAnalysisTests.Within(study.Truth.SoftTissueVolumeMm3, r.Summary.SoftTissueVolumeMm3, 0.10, "soft-tissue volume");
    }

    [Fact]
    public void Analyze_EnhancedPelvis_PlaquesAndPhlebolithsStillFound()
    {
        var (study, r) = Run("vascular");
        foreach (var t in study.Truth.Lesions)
        {
            var nearest = PhantomAnalysisTests.NearestWithin(r.Lesions, t, 5);
            Assert.Equal(t.Pattern, nearest.Pattern);
            Assert.Equal("vascular", nearest.Compartment);
            // Inside the lumen only what rises above its calcium threshold is measured: a phlebolith keeps its dense
            // core, a thin plaque (600 HU at its peak, half of it in the lumen) a fifth or more.
            Assert.InRange(nearest.VolumeMm3, 0.15 * t.VolumeMm3, 1.1 * t.VolumeMm3);
        }
        Assert.Equal(study.Truth.Lesions.Count(l => l.Pattern == "phlebolith"), r.Lesions.Count(l => l.Pattern == "phlebolith"));
    }
}
