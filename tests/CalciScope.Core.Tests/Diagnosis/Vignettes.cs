using CalciScope.Diagnosis;
using YamlDotNet.RepresentationModel;

namespace CalciScope.Tests.Diagnosis;

/// <summary>A test case paraphrased from a published source: what it shows and what it was.</summary>
public sealed record Vignette(string Id, string Source, string Expected, string Body, string? Split = null);

public static class Vignettes
{
    public static IReadOnlyList<Vignette> Load(string file, string bodyKey)
    {
        var path = Path.Combine(AppContext.BaseDirectory, file);
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(path)));
        var result = new List<Vignette>();
        foreach (var node in ((YamlSequenceNode)stream.Documents[0].RootNode).Children.Cast<YamlMappingNode>())
        {
            string S(string k) => ((YamlScalarNode)node.Children[new YamlScalarNode(k)]).Value!;
            var body = node.Children[new YamlScalarNode(bodyKey)];
            string text;
            if (body is YamlScalarNode scalar) text = scalar.Value!;
            else
            {
                var doc = new YamlStream(new YamlDocument(body));
                var w = new StringWriter();
                doc.Save(w, assignAnchors: false);
                text = w.ToString();
            }
            string? split = node.Children.TryGetValue(new YamlScalarNode("split"), out var sp) ? ((YamlScalarNode)sp).Value : null;
            result.Add(new Vignette(S("id"), S("source"), S("expected"), text, split));
        }
        return result;
    }

    /// <summary>
    /// Top-1 and top-3 accuracy and the multi-class Brier score of a set of diagnoses, at the level of the top-level
    /// ranking (a case whose answer is a subtype counts for its family there), and at the level of subtypes: the ranking
    /// where every family with subtypes is replaced by them, each carrying its share of the family's probability.
    /// </summary>
    public static VignetteScore Score(IEnumerable<(Vignette V, Differential D)> results)
    {
        int n = 0, top1 = 0, top3 = 0, subTop1 = 0, subTop3 = 0;
        double brier = 0;
        var misses = new List<string>();
        foreach (var (v, d) in results)
        {
            n++;
            // The expected condition itself, or the family that holds it as a subtype.
            bool Holds(RankedCondition r) => r.Id == v.Expected || r.Subtypes.Any(s => s.Id == v.Expected);
            int rank = d.Ranked.ToList().FindIndex(Holds);
            if (rank == 0) top1++;
            if (rank is >= 0 and < 3) top3++;
            var leaves = d.Ranked.SelectMany(r => r.Subtypes.Count > 0 ? r.Subtypes : [r]).OrderByDescending(r => r.Probability).ToList();
            int leafRank = leaves.FindIndex(r => r.Id == v.Expected || r.Parent == v.Expected);
            if (leafRank == 0) subTop1++;
            if (leafRank is >= 0 and < 3) subTop3++;
            if (rank != 0 || leafRank != 0)
                misses.Add($"{v.Id}: expected {v.Expected} at rank {rank + 1} (subtype level {leafRank + 1}), first {d.Ranked[0].Id} ({d.Ranked[0].Probability:0.00})");
            foreach (var r in d.Ranked) brier += Math.Pow(r.Probability - (Holds(r) ? 1 : 0), 2);
        }
        return new VignetteScore((double)top1 / n, (double)top3 / n, brier / n, (double)subTop1 / n, (double)subTop3 / n, misses);
    }
}

/// <summary>Accuracy of a set of diagnoses: family level (the top-level ranking) and subtype level.</summary>
public sealed record VignetteScore(double Top1, double Top3, double Brier, double SubtypeTop1, double SubtypeTop3, IReadOnlyList<string> Misses);
