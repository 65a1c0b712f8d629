using CalciScope.Findings.Text;

namespace CalciScope.Tests.Findings;

/// <summary>
/// The lexicon's expressions start interpreted and a long-running process swaps in compiled ones
/// (<see cref="TextFindingExtractor.CompileInBackground"/>): a note must be read alike before, during and after.
/// </summary>
public class LexiconCompileTests
{
    private const string Lexicon = """
        - {finding: hard_nodules, context: lesion, terms: ["stony hard", "rock-hard"], patterns: ['(?:nodules?|lumps?)\s+(?:was|were)\s+(?:very\s+)?hard']}
        - {finding: trauma_local, terms: ["injury", "trauma", "blow"]}
        - {finding: calc_subcutaneous, context: calcification, terms: ["subcutaneous fat", "subcutis"]}
        - {finding: sle, terms: ["systemic lupus erythematosus", "sle"]}
        """;

    private const string Note = "A 40-year-old woman with SLE had rock-hard lumps in both buttocks; she recalled no injury. " +
        "CT showed reticular calcification in the subcutaneous fat. The nodules were very hard.";

    private static string Read(TextFindingExtractor x) =>
        string.Join(' ', x.Extract(Note).OrderBy(f => f.Id, StringComparer.Ordinal).Select(f => $"{f.Id}:{f.Present}:{f.Evidence}"));

    [Fact]
    public async Task CompiledExpressions_ReadANoteAsInterpretedOnes()
    {
        var x = TextFindingExtractor.FromYaml(Lexicon);
        var interpreted = Read(x);
        Assert.Contains("hard_nodules:True", interpreted);
        Assert.Contains("trauma_local:False", interpreted);
        var compiling = x.CompileInBackground();
        Assert.Same(compiling, x.CompileInBackground());
        var during = Read(x);
        await compiling;
        Assert.Equal(interpreted, during);
        Assert.Equal(interpreted, Read(x));
    }
}
