namespace CalciScope.Diagnosis;

/// <summary>One finding's weight for or against a condition: log10 of its likelihood ratio against the rest.</summary>
public sealed record EvidenceItem(string FindingId, string Label, bool Present, double Weight, double PGivenCondition, string? Citation, string Source)
{
    /// <summary>The finding as every report says it: an absent finding with a "no" ("no chronic kidney disease"), in For as in Against.</summary>
    public string Phrase => Present ? Label : "no " + Label;
}

/// <summary>
/// A ranked condition with its probability and the evidence for and against it. A family (metastatic calcinosis) lists
/// its subtypes, each with the family's probability shared by how well it fits within the family and evidence weighed
/// against its siblings; a subtype names its <see cref="Parent"/>.
/// </summary>
public sealed record RankedCondition(string Id, string Name, double Probability, IReadOnlyList<EvidenceItem> For, IReadOnlyList<EvidenceItem> Against, string Summary)
{
    public string? Parent { get; init; }
    public IReadOnlyList<RankedCondition> Subtypes { get; init; } = [];
    /// <summary>The prior it started from, with the frequency that prior rests on (null when read from an older file).</summary>
    public BaseRate? Prior { get; init; }
}

/// <summary>A condition's prior (for a subtype, its share of the family), the frequency it rests on, and that frequency's source.</summary>
public sealed record BaseRate(double P, string Basis, string? Citation);

/// <summary>An unknown finding or test that would best separate the leading conditions.</summary>
public sealed record NextBest(string FindingId, string Label, string Ask, double GainBits, string Why);

/// <summary>The outcome of a diagnosis.</summary>
public sealed record Differential(IReadOnlyList<ObservedFinding> Findings, IReadOnlyList<RankedCondition> Ranked, IReadOnlyList<NextBest> NextBest,
    IReadOnlyList<string> Conflicts, IReadOnlyList<string> Ignored);
