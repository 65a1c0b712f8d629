using CalciScope.Compare;
using CalciScope.Imaging;
using CalciScope.Phantoms;
using CalciScope.Pipeline;
using CalciScope.Store;
using CalciScope.Tests.Support;

namespace CalciScope.Tests.Compare;

/// <summary>Prior/current phantom pairs with known growth, patient motion and fresh noise.</summary>
public class StudyComparerTests
{
    private static (AnalysisResult Result, PhantomStudy Study, string Dicom) Scan(double growth, Vec3 shift, double rotation, int noiseSeed, string date)
    {
        var (study, dicom) = TestStudies.Get(new PhantomOptions { Case = "seed", Growth = growth, ShiftMm = shift, RotationDeg = rotation, NoiseSeed = noiseSeed, StudyDate = date });
        return (AnalysisPipeline.Run(dicom, new AnalysisOptions()), study, dicom);
    }

    /// <summary>The motion that carries the prior's patient coordinates onto the current's.</summary>
    private static (double AngleDeg, Vec3 T) Truth(Vec3 sPrior, double rPrior, Vec3 sCurrent, double rCurrent)
    {
        double a = (rCurrent - rPrior) * Math.PI / 180;
        var rotated = new Vec3(Math.Cos(a) * sPrior.X - Math.Sin(a) * sPrior.Y, Math.Sin(a) * sPrior.X + Math.Cos(a) * sPrior.Y, sPrior.Z);
        return (Math.Abs(rCurrent - rPrior), sCurrent - rotated);
    }

    [Theory]
    [InlineData(0.6, 1.0, "progressed")]
    [InlineData(1.0, 1.0, "stable")]
    [InlineData(1.0, 0.6, "regressed")]
    public void Compare_PhantomPair_RegistrationVolumeChangeAndVerdict(double priorGrowth, double currentGrowth, string verdict)
    {
        var sp = new Vec3(-4, 3, -5);
        var sc = new Vec3(12, -8, 6);
        var prior = Scan(priorGrowth, sp, -1, 11, "20250101");
        var current = Scan(currentGrowth, sc, 3, 23, "20260101");
        var c = StudyComparer.Compare(prior.Result, current.Result);
        var (angle, t) = Truth(sp, -1, sc, 3);
        Assert.True((c.Registration.Transform.T - t).Length <= 2, $"translation {c.Registration.Transform.T}, truth {t}");
        Assert.Equal(angle, c.Registration.Transform.AngleDeg, 0.5);
        double truthChange = current.Study.Truth.SoftTissueVolumeMm3 - prior.Study.Truth.SoftTissueVolumeMm3;
        double measured = c.VolumeCurrentMm3 - c.VolumePriorMm3;
        if (Math.Abs(truthChange) > 100)
            Assert.True(Math.Abs(measured - truthChange) <= 0.15 * Math.Abs(truthChange), $"change {measured:0}, truth {truthChange:0}");
        Assert.Equal(verdict, c.Verdict);
        Assert.Equal(Math.Round(measured, 0), Math.Round(c.ChangeBySide.Values.Sum(), 0));
        var json = ComparisonJson.ToJson(c);
        Assert.Equal("calciscope.comparison/1", json["schema"]!.GetValue<string>());
        Assert.Empty(json["warnings"]!.AsArray());
        Assert.Equal(3, json["registration"]!["translation_mm"]!.AsArray().Count);
    }

    /// <summary>
    /// The same patient, unchanged, scanned once without and once with contrast: the soft-tissue verdict stays stable
    /// (subcutaneous fat does not enhance) and the comparison says the phases differ.
    /// </summary>
    [Fact]
    public void Compare_ContrastInOneStudyOnly_StableAndSaysSo()
    {
        var (_, plain) = TestStudies.Get(new PhantomOptions { Case = "seed", NoiseSeed = 11 });
        var (_, enhanced) = TestStudies.Get(new PhantomOptions { Case = "seed", NoiseSeed = 23, ContrastHu = 320 });
        var c = StudyComparer.Compare(AnalysisPipeline.Run(plain, new AnalysisOptions()), AnalysisPipeline.Run(enhanced, new AnalysisOptions()));
        Assert.Equal("stable", c.Verdict);
        Assert.Contains(c.Warnings, w => w.Contains("contrast in the current study only"));
        Assert.DoesNotContain(c.Warnings, w => w.Contains("slice spacing"));
    }

    [Fact]
    public void Store_ThreeTimePoints_HistoryInDateOrderWithTrend()
    {
        using var tmp = new TempDir();
        using (var store = new CaseStore(tmp["cases.db"]))
        {
            foreach (var (g, date) in new[] { (1.0, "20260101"), (0.5, "20240101"), (0.75, "20250101") })
            {
                var (study, dicom) = TestStudies.Get(new PhantomOptions { Case = "seed", Growth = g, StudyDate = date, Size = 192, PixelMm = 1.9, Slices = 40, SliceMm = 4 });
                store.RecordAnalysis(AnalysisPipeline.Run(dicom, new AnalysisOptions()), dicom);
            }
        }
        using var reopened = new CaseStore(tmp["cases.db"]);
        var h = reopened.History("CS-PH-0001");
        Assert.Equal(["20240101", "20250101", "20260101"], h.Select(x => x.StudyDate));
        Assert.True(h[0].SoftTissueMm3 < h[1].SoftTissueMm3 && h[1].SoftTissueMm3 < h[2].SoftTissueMm3, "burden should rise with growth");
        Assert.All(h, x => Assert.True(File.Exists(Path.Combine(x.InputPath, "IM0001.dcm"))));
        var png = CalciScope.Reports.TrendChart.Render(h);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
    }
}
