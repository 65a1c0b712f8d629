using CalciScope.Diagnosis;
using CalciScope.Findings;
using CalciScope.Phantoms;
using CalciScope.Pipeline;
using CalciScope.Tests.Support;

namespace CalciScope.Tests.Diagnosis;

/// <summary>`diagnose --analysis` on the phantoms: imaging alone puts the matching condition in the top three.</summary>
public class ImagingDiagnosisTests
{
    public static TheoryData<string> Cases() => new(PhantomCases.All.Where(c => c.Condition is not null).Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Diagnose_PhantomAnalysisAlone_MatchingConditionInTopThree(string name)
    {
        var (study, dicom) = TestStudies.Get(name);
        var analysis = AnalysisJson.ToDocument(AnalysisPipeline.Run(dicom, new AnalysisOptions()));
        var d = new BayesianDifferential(KnowledgeBase.Default).Diagnose(AnalysisFindings.From(analysis));
        int rank = d.Ranked.ToList().FindIndex(r => r.Id == study.Truth.Condition);
        Assert.True(rank is >= 0 and < 3, $"{study.Truth.Condition} ranked {rank + 1}; top: {string.Join(", ", d.Ranked.Take(3).Select(r => $"{r.Id} {r.Probability:0.00}"))}");
        Assert.All(d.Findings, f => Assert.Equal("analysis", f.Source));
    }

    [Fact]
    public void Diagnose_SeedPhantomWithClinicalText_LupusPanniculitisFirst()
    {
        var (_, dicom) = TestStudies.Get("seed");
        var analysis = AnalysisJson.ToDocument(AnalysisPipeline.Run(dicom, new AnalysisOptions()));
        var findings = AnalysisFindings.From(analysis).Concat(CalciScope.Findings.Text.TextFindingExtractor.Default.Extract(
            "40-year-old woman with SLE for 10 years on steroids and chloroquine. Butterfly rash. Hard buttocks with a discharging sinus."));
        var d = new BayesianDifferential(KnowledgeBase.Default).Diagnose(findings);
        Assert.Equal("lupus_panniculitis", d.Ranked[0].Id);
        Assert.Contains(d.Findings, f => f.Source == "text");
        Assert.Contains(d.Findings, f => f.Source == "analysis");
    }

    /// <summary>
    /// Every region the CT names is a site of the knowledge base: the leg's, the arm's, the chest wall's, the back's and
    /// the head and neck's soft-tissue calcification counts for its site as the buttocks' does (a calf scanned alone gave
    /// no site at all before limbs were named).
    /// </summary>
    [Theory]
    [InlineData("leg", "site_lower_leg")]
    [InlineData("arm", "site_upper_limb")]
    [InlineData("chest_wall", "site_chest_wall")]
    [InlineData("back", "site_back")]
    [InlineData("head_neck", "site_head_neck")]
    [InlineData("thigh", "site_thigh")]
    public void Findings_RegionOfTheCt_IsItsSite(string region, string site) =>
        Assert.Contains(AnalysisFindings.From(OneNodule(region, bodyParts: null)), f => f.Id == site && f.Present);

    /// <summary>An analysis.json of one subcutaneous nodule of 900 mm3 on the right, in <paramref name="region"/>.</summary>
    private static AnalysisDocument OneNodule(string region, List<AnalysisBodyPart>? bodyParts) => new()
    {
        Schema = AnalysisJson.Schema,
        Study = new AnalysisStudy { Size = [1, 1, 1], VoxelMm = [1, 1, 1], BodyParts = bodyParts },
        Lesions = [new AnalysisLesion { CentroidMm = [0, 0, 0], Compartment = "subcutaneous", Side = "right", Region = region, Pattern = "nodular" }],
        Summary = new AnalysisTotals
        {
            SoftTissueVolumeMm3 = 900, VolumeMm3ByCompartment = new Dictionary<string, double> { ["subcutaneous"] = 900 },
            VolumeMm3ByPattern = new Dictionary<string, double> { ["nodular"] = 900 }, VolumeMm3ByRegion = new Dictionary<string, double> { [region] = 900 },
            VolumeMm3BySide = new Dictionary<string, double> { ["right"] = 900, ["left"] = 0 },
        },
    };

    /// <summary>A chest CT says nothing of the buttocks: no gluteal, inguinal or hip finding is made absent from it.</summary>
    [Fact]
    public void Findings_ChestCt_RegionsOutsideTheScanAreNotAbsent()
    {
        var analysis = OneNodule("chest_wall", [new AnalysisBodyPart { Name = "chest", ZMm = [0, 200] }]);
        var findings = AnalysisFindings.From(analysis);
        Assert.DoesNotContain(findings, f => f.Id is "site_gluteal" or "site_inguinal" or "site_large_joint" or "site_abdominal_wall");
        // Without body parts (analysis.json of an earlier build) every region counts as seen, as before.
        analysis = analysis with { Study = analysis.Study with { BodyParts = null } };
        Assert.Contains(AnalysisFindings.From(analysis), f => f.Id == "site_gluteal" && !f.Present);
    }
}
