using CalciScope.Calcification;
using CalciScope.Imaging;
using CalciScope.Nifti;
using CalciScope.Phantoms;
using CalciScope.Pipeline;
using CalciScope.Tests.Support;

namespace CalciScope.Tests.Analysis;

/// <summary>The same patient read from DICOM or NIfTI, shifted, turned or stored in another orientation gives the same findings.</summary>
public class PoseInvarianceTests
{
    [Fact]
    public void Analyze_DicomAndNifti_SameLesionsAndSummary()
    {
        var (_, dicom) = TestStudies.Get("injection_granulomas");
        using var tmp = new TempDir();
        NiftiExport.Convert(dicom, tmp["g.nii.gz"]);
        var a = PhantomAnalysisTests.Analyse(dicom);
        var b = AnalysisPipeline.Run(tmp["g.nii.gz"], new AnalysisOptions());
        Assert.Equal(a.Lesions.Count, b.Lesions.Count);
        foreach (var (x, y) in a.Lesions.Zip(b.Lesions))
        {
            Assert.True(Distance(x, y) < 0.01, $"lesion {x.Id} moved {Distance(x, y):0.###} mm");
            Assert.Equal((x.VolumeMm3, x.Pattern, x.Compartment, x.Side, x.Region), (y.VolumeMm3, y.Pattern, y.Compartment, y.Side, y.Region));
        }
        Assert.Equal(a.Summary.SoftTissueVolumeMm3, b.Summary.SoftTissueVolumeMm3);
    }

    [Theory]
    [InlineData("axial", 12.0, -8.0, 6.0, 4.0)]
    [InlineData("flipped", 0.0, 0.0, 0.0, 0.0)]
    [InlineData("flipped", -7.0, 5.0, -4.0, -3.0)]
    public void Analyze_MovedPatient_LesionsFollowInPatientCoordinates(string orientation, double dx, double dy, double dz, double rotation)
    {
        var moved = new PhantomOptions { Case = "myositis_ossificans", Orientation = orientation, ShiftMm = new Vec3(dx, dy, dz), RotationDeg = rotation };
        var (study, dicom) = TestStudies.Get(moved);
        var reference = PhantomAnalysisTests.Analyse(TestStudies.Get("myositis_ossificans").Dicom);
        var r = PhantomAnalysisTests.Analyse(dicom);
        Assert.Single(r.Lesions);
        var l = r.Lesions[0];
        var t = study.Truth.Lesions[0];
        Assert.True((Centroid(l) - new Vec3(t.CentroidMm[0], t.CentroidMm[1], t.CentroidMm[2])).Length < 2, "centroid off the moved truth");
        // The reference lesion carried by the same rigid motion lands on the moved one.
        double a = rotation * Math.PI / 180;
        var c = Centroid(reference.Lesions[0]);
        var expected = new Vec3(Math.Cos(a) * c.X - Math.Sin(a) * c.Y, Math.Sin(a) * c.X + Math.Cos(a) * c.Y, c.Z) + new Vec3(dx, dy, dz);
        Assert.True((Centroid(l) - expected).Length < 2, $"moved lesion at {Centroid(l)}, expected {expected}");
        Assert.Equal((reference.Lesions[0].Pattern, reference.Lesions[0].Compartment, reference.Lesions[0].Side, reference.Lesions[0].Region),
            (l.Pattern, l.Compartment, l.Side, l.Region));
        PhantomAnalysisTests.Within(reference.Summary.SoftTissueVolumeMm3, r.Summary.SoftTissueVolumeMm3, 0.05, "volume after moving");
    }

    private static Vec3 Centroid(Lesion l) => new(l.CentroidMm[0], l.CentroidMm[1], l.CentroidMm[2]);
    private static double Distance(Lesion a, Lesion b) => (Centroid(a) - Centroid(b)).Length;
}
