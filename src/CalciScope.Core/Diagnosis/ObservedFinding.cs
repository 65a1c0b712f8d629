namespace CalciScope.Diagnosis;

/// <summary>A finding said present or absent by one source, with the words or measurement behind it.</summary>
public sealed record ObservedFinding(string Id, bool Present, string Source, string Evidence)
{
    /// <summary>Character span of the evidence in the source text, where the source is text.</summary>
    public (int Start, int Length)? Span { get; init; }
    /// <summary>Qualifiers found with it (side, site, "right > left", certainty).</summary>
    public string? Detail { get; init; }
}
