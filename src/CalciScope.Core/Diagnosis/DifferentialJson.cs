using System.Text.Json.Nodes;

namespace CalciScope.Diagnosis;

/// <summary>differential.json (schema calciscope.differential/1 of the contract).</summary>
public static class DifferentialJson
{
    public const string Schema = "calciscope.differential/1";

    public static JsonObject ToJson(Differential d)
    {
        JsonArray Items(IEnumerable<EvidenceItem> items) => new(items.Select(e => (JsonNode)new JsonObject
        {
            ["finding"] = e.FindingId, ["label"] = e.Label, ["present"] = e.Present, ["weight"] = e.Weight,
            ["p_given_condition"] = e.PGivenCondition, ["citation"] = e.Citation, ["source"] = e.Source,
        }).ToArray());
        return new JsonObject
        {
            ["schema"] = Schema,
            ["findings"] = new JsonArray(d.Findings.Select(f => (JsonNode)new JsonObject
            {
                ["id"] = f.Id, ["present"] = f.Present, ["source"] = f.Source, ["evidence"] = f.Evidence,
                ["span"] = f.Span is { } s ? new JsonArray(s.Start, s.Length) : null, ["detail"] = f.Detail,
            }).ToArray()),
            ["differential"] = new JsonArray(d.Ranked.Select(r => (JsonNode)new JsonObject
            {
                ["id"] = r.Id, ["name"] = r.Name, ["probability"] = r.Probability, ["for"] = Items(r.For), ["against"] = Items(r.Against), ["summary"] = r.Summary,
            }).ToArray()),
            ["next_best"] = new JsonArray(d.NextBest.Select(n => (JsonNode)new JsonObject
            {
                ["finding"] = n.FindingId, ["label"] = n.Label, ["test"] = n.Ask, ["gain_bits"] = n.GainBits, ["why"] = n.Why,
            }).ToArray()),
            ["conflicts"] = new JsonArray(d.Conflicts.Select(c => (JsonNode)c!).ToArray()),
            ["notes"] = new JsonArray(d.Ignored.Select(c => (JsonNode)c!).ToArray()),
        };
    }
}
