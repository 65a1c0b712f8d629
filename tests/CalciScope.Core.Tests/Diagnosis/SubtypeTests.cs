using CalciScope.Diagnosis;
using CalciScope.Findings.Text;

namespace CalciScope.Tests.Diagnosis;

/// <summary>
/// Metastatic calcinosis is scored as a family and by subtype: its subtypes (uraemic tumoral calcinosis, primary
/// hyperparathyroidism, milk-alkali syndrome, hypervitaminosis D) share its imaging, are told apart by history and labs,
/// and never displace the top-level ranking that outside tools read.
/// </summary>
public class SubtypeTests
{
    private static readonly BayesianDifferential Engine = new(KnowledgeBase.Default);

    private static Differential Read(string text) => Engine.Diagnose(TextFindingExtractor.Default.Extract(text));

    [Theory]
    [InlineData("A 57-year-old man on haemodialysis for 10 years with raised phosphate and raised PTH has painless lobulated calcified masses around both hips with fluid-calcium levels.", "uraemic_tumoral_calcinosis")]
    [InlineData("A 68-year-old woman taking large doses of calcium carbonate and antacids presents with confusion and hypercalcaemia; CT shows amorphous periarticular calcification around both shoulders.", "milk_alkali_syndrome")]
    [InlineData("A 49-year-old woman with a parathyroid adenoma, hypercalcaemia and raised parathyroid hormone, and no kidney disease, has periarticular calcified deposits around the hips and vascular calcification.", "primary_hyperparathyroidism")]
    [InlineData("A 60-year-old man took megadoses of vitamin D from an online supplement; hypercalcaemia; CT shows new amorphous calcification around both shoulders and in the arteries.", "hypervitaminosis_d")]
    public void Diagnose_MetastaticCase_FamilyFirstAndItsSubtypeFirstWithin(string text, string subtype)
    {
        var d = Read(text);
        var family = d.Ranked[0];
        Assert.Equal("metastatic_calcinosis", family.Id);
        Assert.Equal(subtype, family.Subtypes[0].Id);
        Assert.All(family.Subtypes, s => Assert.Equal("metastatic_calcinosis", s.Parent));
        // Subtype probabilities share out the family's.
        Assert.InRange(family.Subtypes.Sum(s => s.Probability), family.Probability - 0.001, family.Probability + 0.001);
    }

    /// <summary>
    /// Within the family, a history that names none of a subtype's hallmarks tells against it: a high calcium with a high
    /// vitamin D level on vitamin D3, with no calcium or alkali named, is vitamin D intoxication, not milk-alkali syndrome
    /// (which had led on its larger prior); the hallmark's presence lifts the silence.
    /// </summary>
    [Theory]
    [InlineData("A 91-year-old woman with chronic kidney disease came in confused with a high calcium. Calcium was high and vitamin D high; she had been taking vitamin D3.", "hypervitaminosis_d")]
    [InlineData("A 91-year-old woman with chronic kidney disease came in confused with a high calcium after months of chewing calcium carbonate antacids.", "milk_alkali_syndrome")]
    public void Diagnose_SubtypeWhoseHallmarksTheHistoryNamesNone_FallsBehind(string text, string subtype)
    {
        var family = Read(text).Ranked.Single(r => r.Id == "metastatic_calcinosis");
        Assert.Equal(subtype, family.Subtypes[0].Id);
    }

    [Fact]
    public void Diagnose_Subtypes_NeverRankedAtTheTopLevel()
    {
        var d = Read("A 68-year-old woman on calcium carbonate with hypercalcaemia and periarticular calcification.");
        Assert.DoesNotContain(d.Ranked, r => r.Parent is not null);
        Assert.Contains(KnowledgeBase.Default.AllConditions, c => c.Id == "milk_alkali_syndrome");
        Assert.Empty(KnowledgeBase.Default.Lint());
    }

    [Fact]
    public void Json_Subtypes_WrittenWithTheirParentAndReadBack()
    {
        var d = Read("A 57-year-old man on haemodialysis with raised phosphate has calcified masses around both hips.");
        var json = DifferentialJson.ToJson(d);
        var first = json["differential"]![0]!;
        Assert.Equal("metastatic_calcinosis", first["id"]!.GetValue<string>());
        Assert.Equal("metastatic_calcinosis", first["subtypes"]![0]!["parent"]!.GetValue<string>());
        Assert.Null(json["differential"]![1]!["subtypes"]);
        var back = DifferentialJsonReader.From(json);
        Assert.Equal(d.Ranked[0].Subtypes.Select(s => s.Id), back.Ranked[0].Subtypes.Select(s => s.Id));
    }

    [Fact]
    public void Json_EveryCondition_NamesItsPriorWithBasisAndCitation()
    {
        var d = Read("A 57-year-old man on haemodialysis with raised phosphate has calcified masses around both hips.");
        var json = DifferentialJson.ToJson(d);
        foreach (var r in json["differential"]!.AsArray().Concat(json["differential"]![0]!["subtypes"]!.AsArray()))
        {
            var id = r!["id"]!.GetValue<string>();
            var prior = r["prior"]!;
            Assert.Equal(KnowledgeBase.Default.Condition(id).Prior, prior["p"]!.GetValue<double>());
            Assert.False(string.IsNullOrWhiteSpace(prior["basis"]!.GetValue<string>()), id);
            Assert.False(string.IsNullOrWhiteSpace(prior["citation"]?.GetValue<string>()), id);
        }
        // A subtype's prior is its share of the family: kidney failure is most of metastatic calcinosis.
        var uraemic = json["differential"]![0]!["subtypes"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == "uraemic_tumoral_calcinosis")!;
        Assert.True(uraemic["prior"]!["p"]!.GetValue<double>() > 0.5);
        var back = DifferentialJsonReader.From(json);
        Assert.Equal(d.Ranked[0].Prior, back.Ranked[0].Prior);
    }
}
