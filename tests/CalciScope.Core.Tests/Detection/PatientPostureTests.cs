using CalciScope.Dicom;
using CalciScope.Imaging;
using CalciScope.Phantoms.Family;
using CalciScope.Pipeline;
using CalciScope.Segmentation;

namespace CalciScope.Tests.Detection;

/// <summary>
/// Gas rises over the fluid and oral contrast in the bowel, and which way is up depends on how the patient lay: the
/// front when supine, the back when prone (Patient Position, 0018,5100). Read as if every patient were supine, the phantom
/// family's oral-contrast cases drawn prone lost their gas-fluid levels: oral contrast was missed in most of them and
/// contrast-filled loops became 'soft-tissue calcification' (5-13 mL on seeds 74, 390 and 488).
/// </summary>
public class PatientPostureTests
{
    [Theory]
    [InlineData("HFS", PatientPosture.Supine)]
    [InlineData("FFS", PatientPosture.Supine)]
    [InlineData("HFP", PatientPosture.Prone)]
    [InlineData("ffp ", PatientPosture.Prone)]
    [InlineData("HFDR", PatientPosture.DecubitusRight)]
    [InlineData("FFDL", PatientPosture.DecubitusLeft)]
    [InlineData("", PatientPosture.Supine)]
    [InlineData(null, PatientPosture.Supine)]
    [InlineData("XYZ", PatientPosture.Supine)]
    public void FromDicom_ReadsThePosture(string? value, PatientPosture expected) => Assert.Equal(expected, PatientPostures.FromDicom(value));

    [Theory]
    [InlineData(PatientPosture.Supine)]
    [InlineData(PatientPosture.Prone)]
    [InlineData(PatientPosture.DecubitusRight)]
    [InlineData(PatientPosture.DecubitusLeft)]
    public void DicomAndJsonNames_RoundTrip(PatientPosture p)
    {
        Assert.Equal(p, PatientPostures.FromDicom(PatientPostures.ToDicom(p)));
        Assert.Equal(p, PatientPostures.FromName(PatientPostures.Name(p)));
    }

    /// <summary>Rows running backwards (the usual axial image): up is to lower rows supine, to higher rows prone; on the side, along no row.</summary>
    [Theory]
    [InlineData(PatientPosture.Supine, 1, -1)]
    [InlineData(PatientPosture.Prone, 1, 1)]
    [InlineData(PatientPosture.Supine, -1, 1)]
    [InlineData(PatientPosture.Prone, -1, -1)]
    [InlineData(PatientPosture.DecubitusRight, 1, 0)]
    [InlineData(PatientPosture.DecubitusLeft, 1, 0)]
    public void UpRowStep_FollowsThePostureAndTheRows(PatientPosture p, int rowsRunY, int expected)
    {
        var g = new VolumeGeometry(8, 8, 4, new Vec3(1, 1, 1), default, new Vec3(1, 0, 0), new Vec3(0, rowsRunY, 0), new Vec3(0, 0, 1)) { Posture = p };
        Assert.Equal(expected, GasFluidLevel.UpRowStep(g));
    }

    /// <summary>Oral-contrast family cases drawn prone are read as their supine selves are: oral contrast found, no false soft-tissue calcium.</summary>
    [Theory]
    [InlineData(7)]
    [InlineData(74)]
    [InlineData(390)]
    [InlineData(488)]
    public void ProneOralContrastCases_ReadAsTheirSupineSelves(int seed)
    {
        var supine = Score(FamilyGenerator.Generate(FamilyCase.Draw(seed)));
        var prone = Score(FamilyGenerator.Generate(FamilyCase.Draw(seed) with { Prone = true }));
        Assert.True(prone.OralCalled, $"seed {seed} prone: oral contrast missed");
        Assert.True(prone.FalseSoftMm3 <= supine.FalseSoftMm3 + 50, $"seed {seed} prone: {prone.FalseSoftMm3:0} mm3 of false soft-tissue calcium against {supine.FalseSoftMm3:0} supine");
        Assert.Equal(supine.Found, prone.Found);
    }

    /// <summary>The same prone study read as if the patient were supine fails: what the posture is for.</summary>
    [Fact]
    public void ProneCase_ReadAsSupine_LosesItsBowel()
    {
        var study = FamilyGenerator.Generate(FamilyCase.Draw(74) with { Prone = true });
        var asSupine = new Volume<short>(study.Hu.Geometry with { Posture = PatientPosture.Supine }, study.Hu.Data);
        var r = FamilyEvaluation.Score(study, AnalysisPipeline.Analyse(new LoadedStudy(asSupine, study.Info, []), new AnalysisOptions()));
        Assert.True(!r.OralCalled || r.FalseSoftMm3 > 1000, $"oral {r.OralCalled}, false soft {r.FalseSoftMm3:0} mm3: the posture made no difference");
    }

    /// <summary>Patient Position travels through a DICOM series: written from the geometry, read back into it.</summary>
    [Fact]
    public void ProneSeries_KeepsItsPostureThroughDicom()
    {
        var study = FamilyGenerator.Generate(FamilyCase.Draw(30) with { Prone = true });
        var dir = Directory.CreateTempSubdirectory("calciscope-prone-").FullName;
        try
        {
            CtSeriesWriter.Write(dir, study.Hu, study.Info);
            var loaded = StudyReader.Load(dir);
            Assert.Equal(PatientPosture.Prone, loaded.Hu.Geometry.Posture);
            Assert.Equal("HFP", CtSeriesWriter.SliceDataset(study.Hu, study.Info, 0).GetString(DicomTags.PatientPosition));
        }
        finally { Directory.Delete(dir, true); }
    }

    private static FamilyCaseResult Score(FamilyStudy study) =>
        FamilyEvaluation.Score(study, AnalysisPipeline.Analyse(new LoadedStudy(study.Hu, study.Info, []), new AnalysisOptions()));
}
