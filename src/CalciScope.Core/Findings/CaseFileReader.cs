using System.Globalization;
using CalciScope.Diagnosis;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CalciScope.Findings;

/// <summary>
/// Reads a structured case (YAML or JSON): age, sex, and findings by knowledge-base id, as lists
/// (<c>present:</c>, <c>absent:</c>) or a map (<c>findings: {id: present|absent|unknown}</c>).
/// Unknown ids and contradictions are refused with the list of them.
/// </summary>
public static class CaseFileReader
{
    public const long MaxBytes = 1 << 20;

    public static IReadOnlyList<ObservedFinding> Read(string path, KnowledgeBase kb)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new InputException(path, "no such file");
        if (info.Length == 0) throw new InputException(path, "case file is empty");
        if (info.Length > MaxBytes) throw new InputException(path, $"case file of {info.Length} bytes is larger than {MaxBytes}");
        return Parse(IO.TextDecoder.Decode(File.ReadAllBytes(path)), kb, path);
    }

    public static IReadOnlyList<ObservedFinding> Parse(string text, KnowledgeBase kb, string? path = null)
    {
        try
        {
            return ParseUnchecked(text, kb, path);
        }
        catch (Exception e) when (e is InvalidOperationException or InvalidCastException or ArgumentException or YamlException)
        {
            // The YAML parser throws more than YamlException on some malformed input (found by fuzzing).
            throw new InputException(path, $"not valid YAML or JSON ({e.Message})");
        }
    }

    /// <summary>
    /// Deeper than any case file needs (they are two levels deep); the representation model is built recursively, so a
    /// file nested 100,000 deep would overflow the stack before any error handler runs.
    /// </summary>
    public const int MaxNestingDepth = 64;

    /// <summary>Walks the parser's events (no recursion) and refuses nesting beyond <see cref="MaxNestingDepth"/>.</summary>
    private static void CheckDepth(string text, string? path)
    {
        var parser = new Parser(new StringReader(text));
        int depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case YamlDotNet.Core.Events.MappingStart or YamlDotNet.Core.Events.SequenceStart:
                    if (++depth > MaxNestingDepth) throw new InputException(path, $"case file nests deeper than {MaxNestingDepth} levels");
                    break;
                case YamlDotNet.Core.Events.MappingEnd or YamlDotNet.Core.Events.SequenceEnd:
                    depth--;
                    break;
            }
        }
    }

    private static IReadOnlyList<ObservedFinding> ParseUnchecked(string text, KnowledgeBase kb, string? path)
    {
        YamlMappingNode root;
        try
        {
            CheckDepth(text, path);
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            root = stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode m
                ? m : throw new InputException(path, "case file must be a mapping (keys such as age, sex, present, absent, findings)");
        }
        catch (YamlException e)
        {
            throw new InputException(path, $"not valid YAML or JSON (line {e.Start.Line}: {e.Message})");
        }
        var result = new List<(string Id, bool Present, string Evidence)>();
        var unknown = new List<string>();
        foreach (var (keyNode, value) in root.Children)
        {
            var key = keyNode is YamlScalarNode keyScalar ? keyScalar.Value ?? "" : throw new InputException(path, $"a key at line {keyNode.Start.Line} is not a plain name");
            switch (key)
            {
                case "age":
                    if (!double.TryParse(Scalar(value), NumberStyles.Float, CultureInfo.InvariantCulture, out var age) || age is < 0 or > 130)
                        throw new InputException(path, $"age '{Scalar(value)}' is not a number of years");
                    result.Add((AgeBands.For(age), true, $"age {age}"));
                    foreach (var band in AgeBands.All.Where(b => b != AgeBands.For(age))) result.Add((band, false, $"age {age}"));
                    break;
                case "sex":
                    var sex = Scalar(value).ToLowerInvariant();
                    if (sex is not ("female" or "f" or "male" or "m")) throw new InputException(path, $"sex '{sex}' is not female or male");
                    result.Add(("sex_female", sex.StartsWith('f'), $"sex {sex}"));
                    break;
                case "present" or "absent":
                    foreach (var id in Sequence(value, key, path)) result.Add((id, key == "present", $"case file: {key}"));
                    break;
                case "findings":
                    if (value is not YamlMappingNode map) throw new InputException(path, "findings must map ids to present, absent or unknown");
                    foreach (var (k, v) in map.Children)
                    {
                        var id = Scalar(k);
                        var state = Scalar(v).ToLowerInvariant();
                        switch (state)
                        {
                            case "present" or "yes" or "true": result.Add((id, true, "case file")); break;
                            case "absent" or "no" or "false": result.Add((id, false, "case file")); break;
                            case "unknown" or "": if (!kb.Findings.ContainsKey(id)) unknown.Add(id); break;
                            default: throw new InputException(path, $"finding {id}: '{state}' is not present, absent or unknown");
                        }
                    }
                    break;
                case "id" or "title" or "source" or "notes" or "expected" or "text":
                    break;
                default:
                    throw new InputException(path, $"unknown key '{key}' (use age, sex, present, absent, findings)");
            }
        }
        unknown.AddRange(result.Select(r => r.Id).Where(id => !kb.Findings.ContainsKey(id)));
        if (unknown.Count > 0) throw new InputException(path, $"unknown finding id(s): {string.Join(", ", unknown.Distinct())}");
        var contradictions = result.GroupBy(r => r.Id).Where(g => g.Select(r => r.Present).Distinct().Count() > 1).Select(g => g.Key).ToList();
        if (contradictions.Count > 0) throw new InputException(path, $"finding(s) both present and absent: {string.Join(", ", contradictions)}");
        return result.DistinctBy(r => r.Id).Select(r => new ObservedFinding(r.Id, r.Present, "case", r.Evidence)).ToList();
    }

    private static string Scalar(YamlNode n) => n is YamlScalarNode s ? s.Value ?? "" : throw new InputException(null, $"expected a single value at line {n.Start.Line}");

    private static IEnumerable<string> Sequence(YamlNode n, string key, string? path) =>
        n is YamlSequenceNode s ? s.Children.Select(Scalar) : throw new InputException(path, $"{key} must be a list of finding ids");
}
