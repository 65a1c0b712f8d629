using System.Reflection;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace CalciScope.Diagnosis;

/// <summary>A finding of the vocabulary.</summary>
public sealed record FindingDefinition
{
    public string Id { get; init; } = "";
    public string Label { get; init; } = "";
    public string Kind { get; init; } = "";
    public string? Group { get; init; }
    public double POther { get; init; } = 0.05;
    public string? Ask { get; init; }
    /// <summary>
    /// Its group is a partition: every patient is in exactly one of its findings (the age bands), so a condition's
    /// links to them sum to 1 and the bands it leaves out share what its listed ones leave.
    /// </summary>
    public bool Exclusive { get; init; }
}

/// <summary>How often a condition shows a finding, and where that figure comes from.</summary>
public sealed record FindingLink(string FindingId, double P, string Ref);

/// <summary>
/// The findings of which a report of the condition nearly always names one (its antecedents and hallmarks: the injury or
/// connective tissue disease of dystrophic calcinosis, the kidney failure or warfarin of calciphylaxis), and how often
/// none is named: in its own reports (<see cref="PSilent"/>) and in those of the other conditions
/// (<see cref="PSilentOther"/>). Where a clinical history was read and names none of them, the condition is weighed by
/// their ratio: silence about what defines a condition tells against it, as a clinician reads it. A subtype's rule weighs
/// it against its sister subtypes (scored against each other within the family), so its "other" reports are those of
/// its family's other subtypes and of the family itself. Both rates are measured on the tuning part of the published case
/// reports, each pulled towards the rate over every condition with a rule: a condition with one or two reports there
/// would otherwise sit at an extreme (0.25 from one report) that its next report may not keep.
/// </summary>
public sealed record HallmarkRule(IReadOnlyList<string> FindingIds, double PSilent, double PSilentOther, string Ref);

/// <summary>A condition of the differential, as its YAML file describes it.</summary>
public sealed record ConditionDefinition
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    public IReadOnlyList<string> Synonyms { get; init; } = [];
    /// <summary>
    /// How often the condition is the answer among patients whose imaging shows calcification or ossification of the
    /// soft tissue and who are worked up for it (for a subtype, its share of its family). No series counts all these
    /// conditions together, so it is a judgement in bands (common 0.10 and over, frequent 0.05-0.07, uncommon
    /// 0.03-0.04, rare 0.01-0.02, very rare 0.005 and under) placed by the frequency that <see cref="PriorBasis"/>
    /// states and <see cref="PriorRef"/> cites; age and sex enter as cited findings, not through it.
    /// </summary>
    public double Prior { get; init; }
    /// <summary>The frequency the prior rests on, in a sentence a reader of the differential can weigh.</summary>
    public string PriorBasis { get; init; } = "";
    /// <summary>The reference (a key of references.yaml) that <see cref="PriorBasis"/> cites.</summary>
    public string PriorRef { get; init; } = "";
    public string Summary { get; init; } = "";
    public IReadOnlyList<string> References { get; init; } = [];
    public IReadOnlyDictionary<string, FindingLink> Findings { get; init; } = new Dictionary<string, FindingLink>();
    /// <summary>The family this condition is a subtype of (e.g. primary hyperparathyroidism under metastatic calcinosis), or null at the top level.</summary>
    public string? Parent { get; init; }
    /// <summary>What a report of it nearly always names (null for conditions with no such findings).</summary>
    public HallmarkRule? Hallmarks { get; init; }
}

/// <summary>
/// The knowledge base: conditions, findings and their links with frequencies and citations, loaded from the YAML
/// embedded in the assembly (or from a folder, to try edits without rebuilding).
/// </summary>
public sealed class KnowledgeBase
{
    /// <summary>The conditions ranked against each other: the top level (families and conditions without subtypes).</summary>
    public IReadOnlyList<ConditionDefinition> Conditions { get; }
    /// <summary>Every condition, subtypes included.</summary>
    public IReadOnlyList<ConditionDefinition> AllConditions { get; }
    public IReadOnlyDictionary<string, FindingDefinition> Findings { get; }
    public IReadOnlyDictionary<string, string> References { get; }
    private readonly ILookup<string, ConditionDefinition> _subtypes;
    private readonly Dictionary<string, ConditionDefinition> _byId;
    /// <summary>The findings of each exclusive group (the age bands), looked up for every unlisted band.</summary>
    private readonly Dictionary<string, FindingDefinition[]> _groupMembers;
    /// <summary>P of this knowledge base's own conditions, which never change once loaded: a diagnosis asks it thousands of times.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Condition, string Finding), double> _pCache = new();

    private KnowledgeBase(IReadOnlyList<ConditionDefinition> conditions, IReadOnlyDictionary<string, FindingDefinition> findings, IReadOnlyDictionary<string, string> references)
    {
        AllConditions = conditions;
        Conditions = conditions.Where(c => c.Parent is null).ToList();
        _subtypes = conditions.Where(c => c.Parent is not null).ToLookup(c => c.Parent!);
        // First definition wins where an id is defined twice (Lint reports it).
        _byId = conditions.GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.First());
        Findings = findings;
        References = references;
        _groupMembers = findings.Values.Where(f => f.Group is not null).GroupBy(f => f.Group!).ToDictionary(g => g.Key, g => g.ToArray());
    }

    internal KnowledgeBase WithConditions(IReadOnlyList<ConditionDefinition> conditions) => new(conditions, Findings, References);

    /// <summary>The subtypes of a family, scored against each other within it (none for most conditions).</summary>
    public IReadOnlyList<ConditionDefinition> SubtypesOf(string id) => _subtypes[id].ToList();

    private static readonly Lazy<KnowledgeBase> Embedded = new(LoadEmbedded);
    public static KnowledgeBase Default => Embedded.Value;

    public ConditionDefinition Condition(string id) =>
        _byId.TryGetValue(id, out var c) ? c : throw new InvalidOperationException($"no condition {id} in the knowledge base");

    /// <summary>
    /// P(finding | condition): the linked frequency; for a subtype that does not list the finding, its family's (the
    /// subtypes of metastatic calcinosis share its periarticular masses and vascular calcification); for a family, the
    /// mixture of its subtypes where only they list it; for a band of a partition (the age bands) that the condition
    /// leaves out while listing others, an equal share of what the listed ones leave (a condition of adults that gives
    /// its three adult bands 1.0 is not seen in children, where the finding's rate elsewhere had said 8 %); else the
    /// finding's rate in conditions that do not list it.
    /// </summary>
    public double P(ConditionDefinition c, string findingId) =>
        _byId.TryGetValue(c.Id, out var own) && ReferenceEquals(own, c) ? _pCache.GetOrAdd((c.Id, findingId), _ => Compute(c, findingId)) : Compute(c, findingId);

    private double Compute(ConditionDefinition c, string findingId)
    {
        if (Link(c, findingId) is { } link) return link.P;
        var f = Findings[findingId];
        if (f.Exclusive && f.Group is { } group)
        {
            var bands = _groupMembers[group];
            var listed = bands.Select(b => Link(c, b.Id)).OfType<FindingLink>().ToList();
            if (listed.Count > 0)
                return Math.Max(MinUnlistedBandP, (1 - listed.Sum(l => l.P)) / (bands.Length - listed.Count));
        }
        // A family that does not list a finding its subtypes do (hypercalcaemia, calcium-alkali intake) shows it as the
        // mixture of its subtypes, weighted by their shares of the family.
        var subtypes = _subtypes[c.Id];
        if (subtypes.Any(s => s.Findings.ContainsKey(findingId)))
            return subtypes.Sum(s => s.Prior * P(s, findingId)) / subtypes.Sum(s => s.Prior);
        return Findings[findingId].POther;
    }

    /// <summary>
    /// The least a left-out band gets: the patient outside a condition's usual ages is rare, never impossible (the
    /// knowledge base's own smallest band, gout in children, is 0.005).
    /// </summary>
    public const double MinUnlistedBandP = 0.005;

    public string? Citation(ConditionDefinition c, string findingId) =>
        Link(c, findingId) is { } link ? References.GetValueOrDefault(link.Ref) : null;

    private FindingLink? Link(ConditionDefinition c, string findingId)
    {
        if (c.Findings.TryGetValue(findingId, out var link)) return link;
        if (c.Parent is not null && _byId.TryGetValue(c.Parent, out var parent) && parent.Findings.TryGetValue(findingId, out var inherited)) return inherited;
        return null;
    }

    private static readonly IDeserializer Yaml = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();

    private static KnowledgeBase LoadEmbedded()
    {
        var asm = Assembly.GetExecutingAssembly();
        string Read(string name)
        {
            using var s = asm.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"missing resource {name}");
            return new StreamReader(s).ReadToEnd();
        }
        var names = asm.GetManifestResourceNames();
        var conditionTexts = names.Where(n => n.Contains(".Knowledge.conditions.", StringComparison.Ordinal)).Order().Select(Read).ToList();
        return Parse(Read(names.Single(n => n.EndsWith(".Knowledge.findings.yaml", StringComparison.Ordinal))),
            Read(names.Single(n => n.EndsWith(".Knowledge.references.yaml", StringComparison.Ordinal))), conditionTexts);
    }

    public static KnowledgeBase LoadFolder(string folder) =>
        Parse(File.ReadAllText(Path.Combine(folder, "findings.yaml")), File.ReadAllText(Path.Combine(folder, "references.yaml")),
            Directory.GetFiles(Path.Combine(folder, "conditions"), "*.yaml").Order().Select(File.ReadAllText).ToList());

    private sealed class ConditionDto
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public List<string> Synonyms { get; set; } = [];
        public double Prior { get; set; }
        public string PriorBasis { get; set; } = "";
        public string PriorRef { get; set; } = "";
        public string Summary { get; set; } = "";
        public List<string> References { get; set; } = [];
        public List<LinkDto> Findings { get; set; } = [];
        public string? Parent { get; set; }
        public HallmarkDto? Hallmarks { get; set; }
    }

    private sealed class HallmarkDto
    {
        public List<string> Findings { get; set; } = [];
        public double PSilent { get; set; } = double.NaN;
        public double PSilentOther { get; set; } = double.NaN;
        public string Ref { get; set; } = "";
    }

    private sealed class LinkDto
    {
        public string Id { get; set; } = "";
        public double P { get; set; } = double.NaN;
        public string Ref { get; set; } = "";
    }

    private sealed class FindingDto
    {
        public string Id { get; set; } = "";
        public string Label { get; set; } = "";
        public string Kind { get; set; } = "";
        public string? Group { get; set; }
        public double POther { get; set; } = 0.05;
        public string? Ask { get; set; }
        public bool Exclusive { get; set; }
    }

    private static KnowledgeBase Parse(string findingsYaml, string referencesYaml, IEnumerable<string> conditionYamls)
    {
        var findings = Yaml.Deserialize<List<FindingDto>>(findingsYaml)
            .ToDictionary(f => f.Id, f => new FindingDefinition { Id = f.Id, Label = f.Label, Kind = f.Kind, Group = f.Group, POther = f.POther, Ask = f.Ask, Exclusive = f.Exclusive });
        var references = Yaml.Deserialize<Dictionary<string, string>>(referencesYaml);
        var conditions = new List<ConditionDefinition>();
        foreach (var text in conditionYamls)
        {
            var c = Yaml.Deserialize<ConditionDto>(text);
            var links = new Dictionary<string, FindingLink>();
            foreach (var l in c.Findings) links[l.Id] = new FindingLink(l.Id, l.P, l.Ref);
            conditions.Add(new ConditionDefinition
            {
                Id = c.Id, Name = c.Name, Synonyms = c.Synonyms, Prior = c.Prior, PriorBasis = c.PriorBasis.Trim(), PriorRef = c.PriorRef, Summary = c.Summary.Trim(),
                References = c.References, Findings = links, Parent = string.IsNullOrWhiteSpace(c.Parent) ? null : c.Parent,
                Hallmarks = c.Hallmarks is { } h ? new HallmarkRule(h.Findings, h.PSilent, h.PSilentOther, h.Ref) : null,
            });
        }
        return new KnowledgeBase(conditions, findings, references);
    }

    /// <summary>Every problem of the data: unresolved ids, frequencies outside (0, 1), links without a citation.</summary>
    public IReadOnlyList<string> Lint()
    {
        var problems = new List<string>();
        foreach (var f in Findings.Values)
        {
            if (f.POther is <= 0 or >= 1) problems.Add($"finding {f.Id}: p_other {f.POther} is not in (0, 1)");
            if (string.IsNullOrWhiteSpace(f.Label)) problems.Add($"finding {f.Id}: no label");
        }
        foreach (var c in AllConditions)
        {
            if (c.Parent is not null && !(_byId.TryGetValue(c.Parent, out var p) && p.Parent is null)) problems.Add($"condition {c.Id}: parent {c.Parent} is not a top-level condition");
            if (c.Prior is <= 0 or >= 1) problems.Add($"condition {c.Id}: prior {c.Prior} is not in (0, 1)");
            if (string.IsNullOrWhiteSpace(c.PriorBasis)) problems.Add($"condition {c.Id}: prior has no basis");
            if (!References.ContainsKey(c.PriorRef)) problems.Add($"condition {c.Id}: prior cites unknown reference '{c.PriorRef}'");
            if (string.IsNullOrWhiteSpace(c.Name) || string.IsNullOrWhiteSpace(c.Summary)) problems.Add($"condition {c.Id}: name or summary missing");
            if (c.References.Count == 0) problems.Add($"condition {c.Id}: no key references");
            foreach (var r in c.References) if (!References.ContainsKey(r)) problems.Add($"condition {c.Id}: reference {r} is not in references.yaml");
            foreach (var l in c.Findings.Values)
            {
                if (!Findings.ContainsKey(l.FindingId)) problems.Add($"condition {c.Id}: finding {l.FindingId} is not in findings.yaml");
                if (double.IsNaN(l.P) || l.P <= 0 || l.P >= 1) problems.Add($"condition {c.Id}: P({l.FindingId}) = {l.P} is not in (0, 1)");
                if (string.IsNullOrWhiteSpace(l.Ref)) problems.Add($"condition {c.Id}: link to {l.FindingId} has no citation");
                else if (!References.ContainsKey(l.Ref)) problems.Add($"condition {c.Id}: link to {l.FindingId} cites unknown reference {l.Ref}");
            }
            if (c.Hallmarks is { } h)
            {
                if (h.FindingIds.Count == 0) problems.Add($"condition {c.Id}: hallmarks name no finding");
                foreach (var id in h.FindingIds.Where(id => !Findings.ContainsKey(id))) problems.Add($"condition {c.Id}: hallmark {id} is not in findings.yaml");
                if (h.PSilent is not (> 0 and < 1) || h.PSilentOther is not (> 0 and < 1)) problems.Add($"condition {c.Id}: hallmark rates {h.PSilent}, {h.PSilentOther} are not in (0, 1)");
                if (!References.ContainsKey(h.Ref)) problems.Add($"condition {c.Id}: hallmarks cite unknown reference {h.Ref}");
            }
        }
        foreach (var c in AllConditions)
            foreach (var g in c.Findings.Values.Where(l => Findings.TryGetValue(l.FindingId, out var f) && f.Exclusive).GroupBy(l => Findings[l.FindingId].Group))
                if (g.Sum(l => l.P) > 1.001) problems.Add($"condition {c.Id}: its {g.Key} bands sum to {g.Sum(l => l.P):0.###}, over 1");
        foreach (var dup in AllConditions.GroupBy(c => c.Id).Where(g => g.Count() > 1)) problems.Add($"condition {dup.Key} is defined twice");
        return problems;
    }
}
