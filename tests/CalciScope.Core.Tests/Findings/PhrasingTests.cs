using CalciScope.Diagnosis;
using CalciScope.Findings.Text;

namespace CalciScope.Tests.Findings;

/// <summary>
/// The reader against a bank of ways a clinician says each finding (phrasings.tsv): sentences written from clinical
/// and radiological usage, one finding each, never taken from the case reports the differential is scored on. A
/// sentence must yield its finding as present; one marked "-" as absent (a negation); one marked "!" must not yield it
/// as present (a look-alike: the finding of a relative, a disease named in a differential, a word that means something
/// else). A change to the lexicon or the grammar that loses a way of saying a thing fails here.
/// </summary>
public class PhrasingTests
{
    public static TheoryData<string, string> Bank()
    {
        var data = new TheoryData<string, string>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Findings", "phrasings.tsv")))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split('\t');
            data.Add(parts[0], parts[1]);
        }
        return data;
    }

    [Fact]
    public void Bank_NamesOnlyKnownFindings_AndIsLarge()
    {
        var known = KnowledgeBase.Default.Findings.Keys.ToHashSet();
        var rows = Bank().Select(r => (string)r[0]).ToList();
        Assert.True(rows.Count >= 300, $"{rows.Count} phrasings");
        Assert.All(rows, id => Assert.Contains(id.TrimStart('-', '!'), known));
    }

    /// <summary>
    /// Each sentence once: a sentence written again in a later round is no new way of saying it, and xunit skips the
    /// copy's case without failing (63 copies had gathered over the rounds and been counted in the bank's size).
    /// </summary>
    [Fact]
    public void Bank_HoldsEachSentenceOnce()
    {
        var rows = Bank().Select(r => $"{r[0]}\t{r[1]}").ToList();
        var twice = rows.GroupBy(r => r).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, "written twice: " + string.Join(" | ", twice));
    }

    [Theory]
    [MemberData(nameof(Bank))]
    public void Extract_EachPhrasing_YieldsItsFinding(string finding, string sentence)
    {
        var found = TextFindingExtractor.Default.Extract(sentence);
        string read = string.Join(' ', found.Select(f => (f.Present ? "" : "-") + f.Id));
        bool ok = finding[0] switch
        {
            '-' => found.Any(f => f.Id == finding[1..] && !f.Present) && !found.Any(f => f.Id == finding[1..] && f.Present),
            '!' => !found.Any(f => f.Id == finding[1..] && f.Present),
            _ => found.Any(f => f.Id == finding && f.Present),
        };
        Assert.True(ok, $"{finding} not read in: {sentence} (read: {read})");
    }
}
