using CalciScope.Imaging;
using CalciScope.Phantoms;
using CalciScope.Pipeline;
using CalciScope.Tests.Support;

namespace CalciScope.Tests.Analysis;

/// <summary>Every phantom case analysed from its DICOM series and checked against the truth it was made with.</summary>
public class PhantomAnalysisTests
{
    public static TheoryData<string> Cases() => new(PhantomCases.All.Select(c => c.Name));

    internal static AnalysisResult Analyse(string dicom) => AnalysisPipeline.Run(dicom, new AnalysisOptions());

    [Theory]
    [MemberData(nameof(Cases))]
    public void Analyze_Phantom_MatchesTruth(string name)
    {
        var (study, dicom) = TestStudies.Get(name);
        var truth = study.Truth;
        var r = Analyse(dicom);
        var s = r.Summary;
        if (truth.SoftTissueVolumeMm3 == 0)
        {
            // Nothing soft-tissue: bone and vessels must not leak into it (normal pelvis: < 50 mm3).
            Assert.True(s.SoftTissueVolumeMm3 < 50, $"{s.SoftTissueVolumeMm3} mm3 of soft-tissue calcification in a case with none");
        }
        else
        {
            Within(truth.SoftTissueVolumeMm3, s.SoftTissueVolumeMm3, 0.10, "soft-tissue volume");
            foreach (var side in new[] { "right", "left" })
                if (truth.VolumeBySide[side] > 100) Within(truth.VolumeBySide[side], s.VolumeBySide[side], 0.10, side + " volume");
            if (truth.VolumeBySide["left"] > 100) Within(truth.VolumeBySide["right"] / truth.VolumeBySide["left"], s.RightLeftRatio ?? 0, 0.10, "right/left ratio");
            Assert.Equal(truth.DominantPattern, s.DominantPattern);
            foreach (var (compartment, v) in truth.VolumeByCompartment)
                Within(v, s.VolumeByCompartment.GetValueOrDefault(compartment), 0.10, compartment + " volume");
            foreach (var (region, v) in truth.VolumeByRegion)
                Within(v, s.VolumeByRegion.GetValueOrDefault(region), 0.10, region + " volume");
        }
        var vascularTruth = truth.Lesions.Where(l => l.Compartment == "vascular").Sum(l => l.VolumeMm3);
        if (vascularTruth > 0) Within(vascularTruth, s.VascularVolumeMm3, 0.10, "vascular volume");

        // Every discrete truth lesion (not a network of strands) is found within 5 mm, with its pattern.
        foreach (var t in truth.Lesions.Where(l => l.Pattern != "linear_reticular"))
        {
            var nearest = NearestWithin(r.Lesions, t, 5);
            Assert.Equal(t.Pattern, nearest.Pattern);
            Assert.Equal(t.Compartment, nearest.Compartment);
            Assert.Equal(t.Side, nearest.Side);
        }
    }

    [Fact]
    public void Analyze_Vascular_PhlebolithsNamedAndNothingSoftTissue()
    {
        var r = Analyse(TestStudies.Get("vascular").Dicom);
        Assert.Equal(5, r.Lesions.Count(l => l.Pattern == "phlebolith"));
        Assert.All(r.Lesions, l => Assert.Equal("vascular", l.Compartment));
        Assert.Equal("none", r.Summary.DominantPattern);
    }

    /// <summary>The finding nearest a truth lesion, which must lie within <paramref name="mm"/>.</summary>
    internal static Calcification.Lesion NearestWithin(IReadOnlyList<Calcification.Lesion> lesions, TruthLesion t, double mm)
    {
        var c = Vec3.From(t.CentroidMm);
        var nearest = lesions.MinBy(l => (Vec3.From(l.CentroidMm) - c).Length);
        Assert.NotNull(nearest);
        double d = (Vec3.From(nearest.CentroidMm) - c).Length;
        Assert.True(d <= mm, $"truth lesion {t.Id} ({t.Pattern}) nearest finding is {d:0.0} mm away");
        return nearest;
    }

    internal static void Within(double expected, double actual, double tolerance, string what) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected) + 1e-9,
            $"{what}: measured {actual:0.##}, truth {expected:0.##} (allowed {tolerance:P0})");
}
