using CalciScope.Diagnosis;
using CalciScope.Findings.Text;
using Xunit;
using Xunit.Abstractions;

namespace CalciScope.Tests.Diagnosis;

/// <summary>
/// The hallmark rates of the knowledge base (<see cref="HallmarkRule"/>) are measured on the tuning part of the
/// published case reports: measured again here, they must be what the conditions' files say, so the data keeps its
/// source. The test part is never read.
/// </summary>
public class HallmarkRatesTests(ITestOutputHelper output)
{
    /// <summary>The stored rates are rounded to two decimals.</summary>
    private const double Tolerance = 0.0051;

    [Fact]
    public void HallmarkRates_AreThoseOfTheTuningPart()
    {
        var kb = KnowledgeBase.Default;
        var tune = Vignettes.Load("Findings/case_reports.yaml", "text").Where(v => v.Split == "tune").ToList();
        Assert.True(tune.Count >= 60, $"{tune.Count} tune cases");
        string Family(string id) => kb.Condition(id).Parent ?? id;
        var named = tune.Select(v => (Family: Family(v.Expected), v.Expected,
            Present: TextFindingExtractor.Default.Extract(v.Body).Where(f => f.Present).Select(f => f.Id).ToHashSet())).ToList();
        var ruled = kb.AllConditions.Where(c => c.Hallmarks is not null).ToList();
        Assert.NotEmpty(ruled);
        var wrong = new List<string>();
        foreach (var c in ruled)
        {
            var h = c.Hallmarks!;
            // A family against every other condition's reports; a subtype against its family's other reports, the
            // ones it is scored against.
            var own = named.Where(n => c.Parent is null ? n.Family == c.Id : n.Expected == c.Id).ToList();
            var other = named.Where(n => c.Parent is null ? n.Family != c.Id : n.Family == c.Parent && n.Expected != c.Id).ToList();
            double Rate(List<(string Family, string Expected, HashSet<string> Present)> cases) =>
                (cases.Count(n => !h.FindingIds.Any(n.Present.Contains)) + 0.5) / (cases.Count + 1);
            double silent = Rate(own), silentOther = Rate(other);
            output.WriteLine($"{c.Id}: p_silent {silent:0.00} ({own.Count} cases), p_silent_other {silentOther:0.00} ({other.Count}); stored {h.PSilent:0.00}, {h.PSilentOther:0.00}");
            if (Math.Abs(silent - h.PSilent) > Tolerance || Math.Abs(silentOther - h.PSilentOther) > Tolerance)
                wrong.Add($"{c.Id}: measured p_silent {silent:0.00}, p_silent_other {silentOther:0.00}; the file says {h.PSilent}, {h.PSilentOther}");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }
}
