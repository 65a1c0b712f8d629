using System.Text.RegularExpressions;

namespace CalciScope.Findings.Text;

/// <summary>
/// A sentence of the source text with its offset and the section it stands in. <paramref name="Written"/>: the sentence as
/// written where <paramref name="Text"/> puts it in plain order (<see cref="TextDocument.Uninvert"/>,
/// <see cref="TextDocument.Unfield"/>); evidence quotes it. <paramref name="Field"/>: the field a line of a form fills
/// ("consistency" in "Consistency: stony hard"), lower case.
/// </summary>
public sealed record Sentence(string Text, int Start, string Section, string? Written = null, string? Field = null)
{
    /// <summary>What a finding read from the sentence quotes: the sentence as written.</summary>
    public string Evidence => Written ?? Text;
}

/// <summary>
/// Splits prose into sections (by heading lines) and sentences, keeping character offsets into the original text.
/// Abbreviations common in radiology (Rt., Lt., Fig., Dr., e.g.) do not end a sentence.
/// </summary>
public static partial class TextDocument
{
    /// <summary>Sections whose content is about the disease in general or other diagnoses, not this patient.</summary>
    public static readonly HashSet<string> GeneralSections = ["introduction", "background", "differential diagnosis", "differential diagnoses", "discussion", "discussions", "conclusion", "conclusions", "references", "review of literature", "literature review", "keywords", "key words"];

    /// <summary>
    /// Headings only a published article has: its general sections but those a clinic note writes too, and its case.
    /// "Background" opens an article's review of the disease, but in a clinic note or a discharge summary ("Background:
    /// ESRF on haemodialysis") it is the patient's past history; a note lists its differential diagnosis as well.
    /// </summary>
    private static readonly HashSet<string> ArticleSections =
        [.. GeneralSections.Except(["background", "differential diagnosis", "differential diagnoses"]), "abstract", "case report", "case presentation", "case"];

    private static bool InAnArticle(List<Sentence> sentences) => sentences.Exists(s => ArticleSections.Contains(s.Section));

    private static readonly string[] Headings =
    [
        "abstract", "introduction", "background", "case report", "case presentation", "case", "history", "clinical history", "clinical details",
        "indication", "technique", "comparison", "findings", "impression", "conclusion", "conclusions", "discussion", "discussions",
        "differential diagnosis", "differential diagnoses", "references", "photos and figures", "figures", "recommendation", "recommendations",
        "examination", "investigations", "laboratory", "labs", "plan", "assessment", "review of literature", "literature review", "keywords", "key words",
    ];

    /// <summary>
    /// A sentence's end: not the period of an initial ("J. Smith": a capital, or a capital and one small letter, standing
    /// as a word of its own) or of the abbreviations listed; a unit or an acronym that ends a sentence ends it ("calcium
    /// 2.9 mmol/L. Chest X-ray showed ...", "seen on CT. The patient ..."). A question mark ends a question, written after
    /// its last word; one written before a word is a query of it ("Indication: ?CKD", "?calciphylaxis. ?CKD."), and a query
    /// opens a sentence of its own.
    /// </summary>
    [GeneratedRegex(@"(?<!(?:^|[\s(\[])[A-Z][a-z]?|\b(?:Rt|Lt|Fig|Figs|Dr|Mr|Mrs|Ms|vs|e\.g|i\.e|No|approx|St))([.!]|(?<=[^\s:;,(\[])\?)(?=\s*[A-Z(""]|\s+\?|\s*\n|\s*$)")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"^\s*([A-Za-z][A-Za-z ]{1,40}?)\s*[:]?\s*$")]
    private static partial Regex HeadingLine();

    [GeneratedRegex(@"^\s*([A-Za-z][A-Za-z ]{1,40}?)\s*:\s*(.*)$")]
    private static partial Regex InlineHeading();

    public static IReadOnlyList<Sentence> Split(string text)
    {
        var sentences = new List<Sentence>();
        string section = "body";
        int offset = 0;
        var buffer = new System.Text.StringBuilder();
        int bufferStart = -1;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            var heading = HeadingLine().Match(line);
            if (heading.Success && IsHeading(heading.Groups[1].Value))
            {
                Flush();
                section = Normalise(heading.Groups[1].Value);
            }
            else
            {
                var inline = InlineHeading().Match(line);
                int contentStart = 0;
                if (inline.Success && IsHeading(inline.Groups[1].Value))
                {
                    Flush();
                    section = Normalise(inline.Groups[1].Value);
                    contentStart = inline.Groups[2].Index;
                }
                if (string.IsNullOrWhiteSpace(line)) { }
                else
                {
                    // Page layout breaks lines (and leaves blank lines) inside sentences: a line that starts in lower
                    // case or with a number ("peaked at / 760,000 IU/L") continues the sentence; one that starts in
                    // upper case, or a list item, begins a new one.
                    var trimmed = line[contentStart..].TrimStart();
                    if (bufferStart >= 0 && trimmed.Length > 0 && StartsNewSentence(trimmed)) Flush();
                    if (bufferStart < 0) bufferStart = offset + contentStart;
                    else buffer.Append(' ');
                    // Keep offsets exact: pad with the skipped heading text as spaces.
                    if (buffer.Length == 0) buffer.Append(line[contentStart..]);
                    else buffer.Append(line);
                }
            }
            offset += rawLine.Length + 1;
        }
        Flush();
        return InAnArticle(sentences) ? sentences : sentences.Select(s => s.Section == "background" ? s with { Section = "history" } : s).ToList();

        void Flush()
        {
            if (bufferStart < 0) return;
            var block = buffer.ToString();
            int start = 0;
            foreach (Match m in SentenceEnd().Matches(block))
            {
                Add(block[start..(m.Index + 1)], bufferStart + start);
                start = m.Index + 1;
            }
            if (start < block.Length) Add(block[start..], bufferStart + start);
            buffer.Clear();
            bufferStart = -1;
        }

        void Add(string s, int at)
        {
            int lead = s.Length - s.TrimStart().Length;
            var t = s.Trim();
            if (t.Length > 0) sentences.Add(new Sentence(t, at + lead, section));
        }
    }

    /// <summary>
    /// A sentence whose predicate stands before its verb and subject ("High, at 3.1 mmol/L, was her calcium", "Negative
    /// were the antinuclear antibodies", "Within the thigh, deep to the fascia, lay the calcified mass"), put in plain
    /// order: subject, verb, predicate ("her calcium was high, at 3.1 mmol/L"), so that the readers of analytes,
    /// directions, negations and sites, which look for the predicate after its subject, read it. Only a copula or a verb
    /// of place (lay, sat, stood, ran) before a subject opened by an article or a possessive is taken for an inversion; a
    /// sentence that opens with its subject (a determiner, a pronoun, 'there', 'no'), with a negative adverbial ('at no
    /// time was the CK raised', read as it stands), or whose fronted part holds a clause of its own, is left as it is.
    /// </summary>
    public static Sentence Uninvert(Sentence s)
    {
        var m = Inverted().Match(s.Text);
        if (!m.Success) return s;
        var pred = m.Groups["pred"].Value;
        var plain = $"{m.Groups["subj"].Value} {m.Groups["verb"].Value} {char.ToLowerInvariant(pred[0])}{pred[1..]}{m.Groups["rest"].Value}{m.Groups["end"].Value}";
        return s with { Text = plain, Written = s.Written ?? s.Text };
    }

    /// <summary>
    /// A line of a form or a templated report, "Field: value" ("Tenderness: absent", "Previous surgery: none", "Renal
    /// function: normal", "Site: right buttock"), keeps its field, and a value that only denies or calls normal is put as a
    /// sentence the negation scopes read: "no tenderness", "no previous surgery", "renal function was normal". A value
    /// that says more ("no calcification in the muscles") is left as written; so is a line whose field is a section
    /// heading (those open sections, <see cref="Split"/>).
    /// </summary>
    public static Sentence Unfield(Sentence s)
    {
        // A table's row ("| ANA | negative | |", "| Calcium | 2.95 mmol/L | 2.10-2.60 |") is a field and its value, the
        // reference range after them kept in brackets.
        if (TableRow().Match(s.Text) is { Success: true } row)
        {
            var range = row.Groups["range"].Value.Trim();
            s = s with { Text = $"{row.Groups["key"].Value.Trim()}: {row.Groups["value"].Value.Trim()}{(range.Length > 0 ? $" ({range})" : "")}", Written = s.Written ?? s.Text };
        }
        var m = FieldLine().Match(s.Text);
        if (!m.Success || IsHeading(m.Groups["key"].Value) || NotAField().IsMatch(m.Groups["key"].Value)) return s;
        var key = m.Groups["key"].Value.Trim();
        var field = s with { Field = Normalise(key) };
        var value = m.Groups["value"].Value;
        // A field in capitals ("ANA", "PTH") keeps them; a word is lowered after the "No" put before it.
        var named = key.Length > 1 && char.IsLower(key[1]) ? char.ToLowerInvariant(key[0]) + key[1..] : key;
        if (NoneValue().Match(value) is { Success: true } none)
            return field with { Text = $"No {named}{none.Groups["rest"].Value}", Written = s.Written ?? s.Text };
        if (NormalValue().IsMatch(value))
            return field with { Text = $"{key} was {value}", Written = s.Written ?? s.Text };
        return field;
    }

    /// <summary>A row of a table written with rules: a field, its value and perhaps a reference range, each between bars.</summary>
    [GeneratedRegex(@"^\|?\s*(?<key>[A-Za-z][A-Za-z0-9'()/ -]{0,40}?)\s*\|\s*(?<value>[^|]*\S)\s*\|(?:\s*(?<range>[^|]*)\|?)?\s*$")]
    private static partial Regex TableRow();

    /// <summary>A field of one to five words, a colon, a value.</summary>
    [GeneratedRegex(@"^(?<key>[A-Za-z][A-Za-z'()/-]*(?:\s+[A-Za-z'()/-]+){0,4})\s*:\s*(?<value>\S.*)$")]
    private static partial Regex FieldLine();

    /// <summary>A sentence before its colon, not a field's name: it opens with a determiner or a pronoun, or holds a verb.</summary>
    [GeneratedRegex(@"^(?:the|a|an|this|these|that|those|she|he|it|they|we|i|there|her|his|their|our)\b|\b(?:was|were|is|are|had|has|have|showed|shows|revealed|demonstrated|included|includes)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NotAField();

    /// <summary>A value that denies the field, alone or with where it was looked for ("none on colour Doppler").</summary>
    [GeneratedRegex(@"^(?:absent|nil|none|no|not\s+present|not\s+seen|not\s+found|not\s+known)(?<rest>\s*(?:[,;(].*|\s(?:on|at|in|over|by|since|to)\b.*|[.!]?))$", RegexOptions.IgnoreCase)]
    private static partial Regex NoneValue();

    /// <summary>A value that calls the field normal or negative, or says it was denied.</summary>
    [GeneratedRegex(@"^(?:negative|normal|unremarkable|non-?contributory|within\s+normal\s+limits|wnl|nad|denied|not\s+raised|not\s+elevated)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NormalValue();

    [GeneratedRegex(@"^(?<pred>(?!(?:the|a|an|her|his|their|its|this|these|those|that|there|here|it|she|he|they|we|i|you|no|not|none|nothing|never|nowhere|neither|nor|only|rarely|seldom|hardly|scarcely|so|such|any|all|each|both|several|some|one|what|which|who|whose|when|where|whether|if|although|though|because|as|while|at\s+no|in\s+no|on\s+no|under\s+no|by\s+no)\b)[A-Za-z](?:(?!\b(?:she|he|they|it|we|i|you|when|while|whereas|because|since|until|unless|if|that|which|who|whom|had|has|have|is|are|did|does|do|been|being)\b)(?:[^.;]|\.(?=\d))){0,80}?)\s*,?\s+(?<verb>was|were|lay|sat|stood|ran)\s+(?<subj>(?:the|a|an|her|his|their|its|any)\s[^,.;]*?)(?<rest>\s*,[^.;]*?)?(?<end>[.!?]?)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Inverted();

    private static bool StartsNewSentence(string line) =>
        !(char.IsLower(line[0]) || char.IsDigit(line[0]) || line[0] == '(') || ListItem().IsMatch(line);

    [GeneratedRegex(@"^(?:[-*\u2022]\s|\d{1,2}[.)]\s)")]
    private static partial Regex ListItem();

    private static string Normalise(string h) => Regex.Replace(h.Trim().ToLowerInvariant(), @"\s+", " ");
    private static bool IsHeading(string h) => Array.IndexOf(Headings, Normalise(h)) >= 0;
}
