using CalciScope.Diagnosis;
using Xunit;

namespace CalciScope.Tests.Diagnosis;

/// <summary>A history that names none of a condition's hallmarks tells against it; a CT alone says nothing of a history.</summary>
public class HallmarkSilenceTests
{
    private static readonly BayesianDifferential Engine = new(KnowledgeBase.Default);

    private static RankedCondition Dystrophic(params ObservedFinding[] findings) =>
        Engine.Diagnose(findings).Ranked.Single(r => r.Id == "dystrophic_calcinosis_cutis");

    private static ObservedFinding Text(string id, bool present = true) => new(id, present, "text", id);

    [Fact]
    public void History_NamingNoHallmark_CountsAgainstTheCondition()
    {
        var d = Dystrophic(Text("calc_subcutaneous"), Text("hard_nodules"), Text("age_middle"));
        var item = Assert.Single(d.Against, e => e.FindingId == BayesianDifferential.HallmarksUnreported);
        Assert.True(item.Weight < 0);
        Assert.Contains("trauma at the site", item.Phrase, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(item.Citation);
    }

    [Fact]
    public void History_NamingAHallmark_IsNoSilence()
    {
        var silent = Dystrophic(Text("calc_subcutaneous"), Text("hard_nodules"), Text("age_middle"));
        var named = Dystrophic(Text("calc_subcutaneous"), Text("hard_nodules"), Text("age_middle"), Text("trauma_local"));
        Assert.DoesNotContain(named.For.Concat(named.Against), e => e.FindingId == BayesianDifferential.HallmarksUnreported);
        Assert.True(named.Probability > silent.Probability);
    }

    [Fact]
    public void Hallmark_SaidAbsent_IsStillSilence()
    {
        // "No injury" names no hallmark as present: the history is silent on what would explain the condition.
        var d = Dystrophic(Text("calc_subcutaneous"), Text("trauma_local", present: false));
        Assert.Contains(d.Against, e => e.FindingId == BayesianDifferential.HallmarksUnreported);
    }

    [Fact]
    public void CtAlone_SaysNothingOfAHistory()
    {
        var d = Dystrophic(new ObservedFinding("calc_subcutaneous", true, "analysis", "CT"), new ObservedFinding("pattern_nodular", true, "analysis", "CT"));
        Assert.DoesNotContain(d.For.Concat(d.Against), e => e.FindingId == BayesianDifferential.HallmarksUnreported);
    }
}
