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
        // A family lists its subtypes (each with its parent); conditions without subtypes are written as before.
        JsonObject Condition(RankedCondition r)
        {
            var o = new JsonObject
            {
                ["id"] = r.Id, ["name"] = r.Name, ["probability"] = r.Probability, ["for"] = Items(r.For), ["against"] = Items(r.Against), ["summary"] = r.Summary,
            };
            if (r.Parent is not null) o["parent"] = r.Parent;
            if (r.Prior is { } b) o["prior"] = new JsonObject { ["p"] = b.P, ["basis"] = b.Basis, ["citation"] = b.Citation };
            if (r.Subtypes.Count > 0) o["subtypes"] = new JsonArray(r.Subtypes.Select(x => (JsonNode)Condition(x)).ToArray());
            return o;
        }
        return new JsonObject
        {
            ["schema"] = Schema,
            ["findings"] = new JsonArray(d.Findings.Select(f => (JsonNode)new JsonObject
            {
                ["id"] = f.Id, ["present"] = f.Present, ["source"] = f.Source, ["evidence"] = f.Evidence,
                ["span"] = f.Span is { } s ? new JsonArray(s.Start, s.Length) : null, ["detail"] = f.Detail,
            }).ToArray()),
            ["differential"] = new JsonArray(d.Ranked.Select(r => (JsonNode)Condition(r)).ToArray()),
            ["next_best"] = new JsonArray(d.NextBest.Select(n => (JsonNode)new JsonObject
            {
                ["finding"] = n.FindingId, ["label"] = n.Label, ["test"] = n.Ask, ["gain_bits"] = n.GainBits, ["why"] = n.Why,
            }).ToArray()),
            ["conflicts"] = new JsonArray(d.Conflicts.Select(c => (JsonNode)c!).ToArray()),
            ["notes"] = new JsonArray(d.Ignored.Select(c => (JsonNode)c!).ToArray()),
        };
    }
}

/// <summary>Reads differential.json back, for reports written from files.</summary>
public static class DifferentialJsonReader
{
    public static Differential Read(string path) => IO.JsonFile.Read(path, DifferentialJson.Schema, From);

    public static Differential From(JsonNode n)
    {
        List<EvidenceItem> Items(JsonNode? a) => (a?.AsArray() ?? []).Select(e => new EvidenceItem(
            e!["finding"]!.GetValue<string>(), e["label"]?.GetValue<string>() ?? "", e["present"]?.GetValue<bool>() ?? true,
            e["weight"]?.GetValue<double>() ?? 0, e["p_given_condition"]?.GetValue<double>() ?? 0, e["citation"]?.GetValue<string>(),
            e["source"]?.GetValue<string>() ?? "")).ToList();
        var findings = (n["findings"]?.AsArray() ?? []).Select(f => new ObservedFinding(f!["id"]!.GetValue<string>(), f["present"]!.GetValue<bool>(),
            f["source"]?.GetValue<string>() ?? "", f["evidence"]?.GetValue<string>() ?? "")).ToList();
        RankedCondition Condition(JsonNode r) => new(r["id"]!.GetValue<string>(), r["name"]?.GetValue<string>() ?? "",
            r["probability"]!.GetValue<double>(), Items(r["for"]), Items(r["against"]), r["summary"]?.GetValue<string>() ?? "")
        {
            Parent = r["parent"]?.GetValue<string>(),
            Subtypes = (r["subtypes"]?.AsArray() ?? []).Select(x => Condition(x!)).ToList(),
            Prior = r["prior"] is { } b ? new BaseRate(b["p"]!.GetValue<double>(), b["basis"]?.GetValue<string>() ?? "", b["citation"]?.GetValue<string>()) : null,
        };
        var ranked = (n["differential"]?.AsArray() ?? []).Select(r => Condition(r!)).ToList();
        var next = (n["next_best"]?.AsArray() ?? []).Select(x => new NextBest(x!["finding"]!.GetValue<string>(), x["label"]?.GetValue<string>() ?? "",
            x["test"]?.GetValue<string>() ?? x["finding"]!.GetValue<string>(), x["gain_bits"]?.GetValue<double>() ?? 0, x["why"]?.GetValue<string>() ?? "")).ToList();
        var conflicts = (n["conflicts"]?.AsArray() ?? []).Select(c => c!.GetValue<string>()).ToList();
        return new Differential(findings, ranked, next, conflicts, []);
    }
}
