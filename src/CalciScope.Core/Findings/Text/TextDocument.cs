using System.Text.RegularExpressions;

namespace CalciScope.Findings.Text;

/// <summary>A sentence of the source text with its offset and the section it stands in.</summary>
public sealed record Sentence(string Text, int Start, string Section);

/// <summary>
/// Splits prose into sections (by heading lines) and sentences, keeping character offsets into the original text.
/// Abbreviations common in radiology (Rt., Lt., Fig., Dr., e.g.) do not end a sentence.
/// </summary>
public static partial class TextDocument
{
    /// <summary>Sections whose content is about the disease in general or other diagnoses, not this patient.</summary>
    public static readonly HashSet<string> GeneralSections = ["introduction", "background", "differential diagnosis", "differential diagnoses", "discussion", "discussions", "conclusion", "conclusions", "references", "review of literature", "literature review", "keywords", "key words"];

    private static readonly string[] Headings =
    [
        "abstract", "introduction", "background", "case report", "case presentation", "case", "history", "clinical history", "clinical details",
        "indication", "technique", "comparison", "findings", "impression", "conclusion", "conclusions", "discussion", "discussions",
        "differential diagnosis", "differential diagnoses", "references", "photos and figures", "figures", "recommendation", "recommendations",
        "examination", "investigations", "laboratory", "labs", "plan", "assessment", "review of literature", "literature review", "keywords", "key words",
    ];

    [GeneratedRegex(@"(?<![A-Z][a-z]?|\b(?:Rt|Lt|Fig|Figs|Dr|Mr|Mrs|Ms|vs|e\.g|i\.e|No|approx|St))([.!?])(?=\s*[A-Z(""]|\s*\n|\s*$)")]
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
        return sentences;

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

    private static bool StartsNewSentence(string line) =>
        !(char.IsLower(line[0]) || char.IsDigit(line[0]) || line[0] == '(') || ListItem().IsMatch(line);

    [GeneratedRegex(@"^(?:[-*\u2022]\s|\d{1,2}[.)]\s)")]
    private static partial Regex ListItem();

    private static string Normalise(string h) => Regex.Replace(h.Trim().ToLowerInvariant(), @"\s+", " ");
    private static bool IsHeading(string h) => Array.IndexOf(Headings, Normalise(h)) >= 0;
}
