using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using CalciScope.Diagnosis;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace CalciScope.Findings.Text;

/// <summary>
/// Reads clinical notes, radiology reports and whole case reports into findings: lexicon terms found in sentences of
/// this patient (not in introduction, discussion or differential sections, not in general statements), negation,
/// uncertainty and experiencer decided per mention, numbers with units for labs and age, and laterality kept as detail.
/// </summary>
public sealed partial class TextFindingExtractor
{
    public const long MaxBytes = 2 << 20;

    /// <param name="Simile">The terms name a resemblance ("chicken skin"): written as a likeness ("looked like chicken skin") they still count.</param>
    /// <param name="LookAlike">Whether the words round a match in its sentence show it is not the finding (<see cref="LookAlikes"/>).</param>
    /// <param name="Absent">The terms say the finding is absent ("stable in size", "muscle strength was normal"): affirmed, they report it absent.</param>
    /// <param name="OwnsNegation">
    /// The entry's own words include a negation ("could not climb stairs", "was normal"): one inside a match is part of
    /// what the entry means, not a denial of it (<see cref="ContextAnalyzer.Classify"/>'s deniedWithin).
    /// </param>
    /// <param name="Source">The expression: the terms and patterns as one alternation, whole words only.</param>
    private sealed record Entry(string Finding, string? Context, string Source, bool Simile, Func<string, Match, bool>? LookAlike, bool Absent, bool OwnsNegation);

    /// <summary>
    /// Findings whose terms also name something else, told by the words before and after the match:
    /// a muscle or a fascia named as a landmark ("around the hamstrings", "beside the psoas", "superficial to the fascia")
    /// places the calcium outside it, and a muscle named by its tendon in the tendon (<see cref="InItsTendon"/>); "at operation" tells what the operation that removed
    /// the lesion found, not an operation before it; an injection into the spine, a joint, a vein or the lesion itself
    /// ("epidural steroid injections", "intra-articular injections") is none into muscle, and a steroid injected there or put
    /// on the skin ("steroid injections", "topical steroids") no long course of it taken by mouth; chalky material that the
    /// surgeon took out ("white chalky material was taken out piece by piece") is no discharge from the lesion; "on the back of the hand", "on the back and inner side of the ankle" is a side of a part, not the back; pain of the
    /// bones is no painful lesion; the neck of a bone or an organ ("the heads and necks of both femurs", "the femoral neck",
    /// "the bladder neck") is no site in the neck; acute, temporary or short-lived kidney failure and its dialysis ("acute renal
    /// failure", "acute kidney injury requiring temporary haemodialysis", "dialysis for the acute kidney injury") are no chronic
    /// kidney disease; an organ's injury ("acute kidney injury", "liver injury") is no blow at the site; both lungs, hila or
    /// kidneys ("bilateral pulmonary nodules", "bilateral medullary nephrocalcinosis") are no calcification on both sides;
    /// a joint named for its radiograph ("a hip radiograph") is not where the lesion lies; the reticular dermis is a layer,
    /// not a pattern, a curvilinear rim the edge of one lesion and a linear mass or body the shape of one; nodules counted
    /// in an organ are no lesions of the soft tissue, and an uncalcified rim no calcified one; calcification imaged "in a
    /// net-like pattern" is no net-like purpura of the skin; large amounts of an antacid or milk taken are no large burden
    /// of calcium; amorphous calcium in a section is no amorphous mass on imaging; a beaded or winding calcified vessel is
    /// no worm; pork the patient never ate ("he had never eaten pork", "does not eat pork") says nothing of where he lived,
    /// since cysticercosis comes from the tapeworm's eggs passed by a carrier, not from the meat, and vegetarians get it
    /// (Garcia 2005, cited for the condition).
    /// </summary>
    private static readonly Dictionary<string, Func<string, Match, bool>> LookAlikes = new()
    {
        [MuscleFinding] = (s, m) => OutsideOf().IsMatch(Before(s, m)) || NamesItsTendon(s, m),
        ["surgery_local"] = (s, m) => TreatingOperation().IsMatch(Before(s, m)),
        ["calc_fascial"] = (s, m) => OutsideOf().IsMatch(Before(s, m)),
        ["site_back"] = (s, m) => SideOfAPart().IsMatch(After(s, m)),
        ["pain"] = (s, m) => BoneBefore().IsMatch(Before(s, m)) || BonesAfter().IsMatch(After(s, m)),
        ["site_head_neck"] = (s, m) => NeckOwnerBefore().IsMatch(Before(s, m)) || NeckOwnerAfter().IsMatch(After(s, m)),
        ["ckd_dialysis"] = (s, m) => ShortLivedBefore().IsMatch(Before(s, m)) || ForAcuteInjuryAfter().IsMatch(After(s, m)),
        ["trauma_local"] = (s, m) => OrganInjuryBefore().IsMatch(Before(s, m)),
        ["bilateral"] = (s, m) => ViscusAfter().IsMatch(After(s, m)),
        ["site_large_joint"] = (s, m) => ImagingViewAfter().IsMatch(After(s, m)),
        ["pattern_linear_reticular"] = (s, m) => DermisAfter().IsMatch(After(s, m)) || RimAfter().IsMatch(After(s, m)) || OneBodyAfter().IsMatch(After(s, m)),
        ["large_burden"] = (s, m) => IntakeAfter().IsMatch(After(s, m)),
        ["pattern_amorphous"] = (s, m) => StainAfter().IsMatch(After(s, m)) || HistologyBefore().IsMatch(Before(s, m)),
        ["pattern_serpiginous"] = (s, m) => VesselAfter().IsMatch(After(s, m)),
        ["multiple_lesions"] = (s, m) => OrganAfter().IsMatch(After(s, m)),
        ["central_lucency"] = (s, m) => UnmineralisedBefore().IsMatch(Before(s, m)),
        ["retiform_purpura"] = (s, m) => m.Value.StartsWith("net", StringComparison.OrdinalIgnoreCase) && ImagedBefore().IsMatch(Before(s, m)),
        ["endemic_pork"] = (s, m) => m.Value.Equals("pork", StringComparison.OrdinalIgnoreCase) && PorkNotEatenBefore().IsMatch(Before(s, m)),
        ["im_injections"] = (s, m) => NotIntoMuscleBefore().IsMatch(Before(s, m)),
        ["chronic_steroids"] = (s, m) => LocalRouteBefore().IsMatch(Before(s, m)) || LocalFormAfter().IsMatch(After(s, m)),
        ["sinus_discharge"] = (s, m) => TakenOutAfter().IsMatch(After(s, m)),
    };

    private static string Before(string sentence, Match m) => sentence[..m.Index];
    private static string After(string sentence, Match m) => sentence[(m.Index + m.Length)..];

    private readonly IReadOnlyList<Entry> _entries;

    /// <summary>Each entry's expression: interpreted at first, each replaced by its compiled form once that is built.</summary>
    private readonly Regex[] _patterns;

    private TextFindingExtractor(IReadOnlyList<Entry> entries)
    {
        _entries = entries;
        _patterns = entries.Select(e => new Regex(e.Source, RegexOptions.IgnoreCase)).ToArray();
        _compiled = new Lazy<Task>(StartCompiling);
    }

    private readonly Lazy<Task> _compiled;

    /// <summary>
    /// Starts (once) swapping the lexicon's ~800 expressions for compiled ones on a background thread, and returns the
    /// task that ends when all are. The reader starts interpreted, which a one-note command needs: building and
    /// JIT-compiling them all takes seconds of processor time (a cold `calciscope diagnose` took 9.7-10 s with them compiled
    /// up front, 1.5 s interpreted), and a test process reading thousands of short notes never earns it back (its text
    /// tests took 38 s interpreted and 50 s compiling beside them on two cores). A long-running process that reads long
    /// notes calls this at its start (the web service, a batch worker, `calciscope bench --diagnosis`): the seed report's
    /// 8,800 characters are read in 34-39 ms compiled against 44-52 ms interpreted. Both forms match alike.
    /// </summary>
    public Task CompileInBackground() => _compiled.Value;

    private Task StartCompiling()
    {
        var done = new TaskCompletionSource();
        var thread = new Thread(() =>
        {
            try
            {
                for (int i = 0; i < _entries.Count; i++)
                {
                    var compiled = new Regex(_entries[i].Source, RegexOptions.IgnoreCase | RegexOptions.Compiled);
                    // Runs the matcher here on the entry's own words, so that the JIT compiles both its search and its match
                    // on this thread, not on a reader's sentence (the first sentence a compiled expression meets pays for it).
                    compiled.IsMatch(RegexEscape().Replace(_entries[i].Source, " "));
                    Volatile.Write(ref _patterns[i], compiled);
                }
                done.SetResult();
            }
            catch (Exception e) { done.SetException(e); }
        }) { IsBackground = true, Priority = ThreadPriority.BelowNormal, Name = "calciscope-lexicon" };
        thread.Start();
        return done.Task;
    }

    private static readonly Lazy<TextFindingExtractor> Embedded = new(() => FromYaml(ReadLexicon()));
    public static TextFindingExtractor Default => Embedded.Value;

    private sealed class LexiconDto
    {
        public string Finding { get; set; } = "";
        public string? Context { get; set; }
        public bool Simile { get; set; }
        public bool Absent { get; set; }
        public List<string> Terms { get; set; } = [];
        public List<string> Patterns { get; set; } = [];
    }

    private static string ReadLexicon()
    {
        var asm = Assembly.GetExecutingAssembly();
        var name = asm.GetManifestResourceNames().Single(n => n.EndsWith(".Knowledge.lexicon.yaml", StringComparison.Ordinal));
        using var s = asm.GetManifestResourceStream(name)!;
        return new StreamReader(s).ReadToEnd();
    }

    public static TextFindingExtractor FromYaml(string yaml)
    {
        var dtos = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build().Deserialize<List<LexiconDto>>(yaml);
        var entries = dtos.Select(d => new Entry(d.Finding, d.Context,
            @"(?<![\w])(" + string.Join('|', d.Terms.OrderByDescending(t => t.Length).Select(TermPattern).Concat(d.Patterns.Select(p => "(?:" + p + ")"))) + @")(?![\w])",
            d.Simile, LookAlikes.GetValueOrDefault(d.Finding), d.Absent,
            d.Terms.Concat(d.Patterns).Any(t => ContextAnalyzer.NamesNegation(RegexEscape().Replace(t, " "))))).ToList();
        return new TextFindingExtractor(entries);
    }

    /// <summary>The fields of a form that describe a lesion: where it is, how it feels, what covers it, how it behaved.</summary>
    [GeneratedRegex(@"\b(?:site|sites|location|consistency|mobility|surface|margins?|shape|overlying\s+skin|skin\s+over|discharge|tenderness|course|onset|number|size|extent|fluctuation|temperature|content|contents|vascularity|echogenicity|adjacent\s+bone|underlying\s+bone)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LesionField();

    /// <summary>The fields of a report template that describe calcium: its compartment, pattern, shape and density.</summary>
    [GeneratedRegex(@"\b(?:compartment|distribution|pattern|morphology|mineral(?:is|iz)ation|calcifications?|density|attenuation|matrix)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CalciumField();

    /// <summary>A regular expression's escapes (\s, \b, \w) and operators, blanked so that the words of a pattern's source can be read.</summary>
    [GeneratedRegex(@"\\[a-zA-Z]|[+*?(){}\[\]|^$:]")]
    private static partial Regex RegexEscape();

    public IReadOnlyList<string> FindingIds => _entries.Select(e => e.Finding).Distinct().ToList();

    private static string TermPattern(string term)
    {
        var p = Regex.Escape(term).Replace("-", "\u0001").Replace(@"\ ", @"[\s-]+").Replace("\u0001", @"[\s-]?");
        // An optional plural on a final letter; a final consonant and y takes -ies ("injuries", "surgeries").
        if (term.Length > 2 && term[^1] == 'y' && !"aeiou".Contains(char.ToLowerInvariant(term[^2])) && char.IsLetter(term[^2]))
            return p[..^1] + "(?:y|ies)";
        return char.IsLetter(term[^1]) ? p + "(?:e?s)?" : p;
    }

    /// <summary>
    /// Words that speak of calcium or bone in the tissue; on a radiograph a dense spicule or opacity is one, and a bony
    /// mass; on CT high attenuation, or a density of 300 HU and more (calcium's, above any soft tissue's and enhancing
    /// blood's but for undiluted contrast); on MRI a signal void, low signal on all sequences, low-signal foci or bands, blooming
    /// or susceptibility artefact; on ultrasound, foci that cast an acoustic shadow (calcium or bone stops the beam); on a
    /// bone scan, uptake of its tracer outside the skeleton (the phosphonate binds calcium where it is laid down).
    /// </summary>
    [GeneratedRegex(@"calcif|\bcalcs?\b|calcinosis|calcium|ossif|phlebolith|mineral|densit|deposit|chalky|\b(?:[3-9]\d\d|[1-9]\d{3})\s*(?:HU|hounsfield)\b|echogenic fo(?:ci|cus)|(?:acoustic|posterior) shadow|hyperdens|radio-?opaque|radiopaque|radio-?opacit|radiopacit|radio-?dense|high[\s-]attenuation|signal voids?|low signal on all|susceptibility artefacts?|susceptibility artifacts?|\bblooming\b|low[\s-]signal\s+(?:foci|focus|bands?|material|rim|nodules?|strands?)|spicul|\bdense\s+(?:opacit|shadow|focus|foci|bod|nodul|spot|speck|dot)|\bbright\s+specks?\b|\bbony\s+mass|\bmature\s+bone\b|\b(?:lamellar|trabecular|woven)\s+bone\b|\bislands?\s+of\s+(?:[\w-]+\s+){0,2}?bone\b|\brim\s+of\s+bone\b|\btracer\s+uptake|\buptake\s+of\s+(?:the\s+)?(?:radio)?tracer|\bbone\s+(?:scan|scintigra)\w*\b[^.]*\buptake", RegexOptions.IgnoreCase)]
    private static partial Regex CalcificationWord();

    [GeneratedRegex(@"^\W*(?:it|its|they|this|these|the (?:lesion|lesions|mass|masses|nodule|nodules|deposit|deposits|largest|smallest|biggest|rest|remainder|others))\b|\b(?:put|placed|showed|found|located|lay|lies|sat) (?:it|them)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Anaphora();

    [GeneratedRegex(@"calcif|calcinosis|ossif|nodule|nodulation|\bformations\b|lesion|swelling|\bswell(?:ed|s)\b|mass|hard|induration|plaque|plate-like|\bplates\b(?!\s+and\s+screws)|lump|deposit|sinus|tract|tumefact|ulcer|panniculitis|densit|hyperdens|phlebolith|granuloma|growth|bump|papul|\btumou?rs?\b(?!\s+lysis)|\b(?:the|these|such|similar)\s+changes\b", RegexOptions.IgnoreCase)]
    private static partial Regex LesionWord();

    [GeneratedRegex(@"(\d{1,3})\s*[- ]?\s*(?:years?|yrs?|yr)[- ]?old|\baged?\s*(\d{1,3})\b|\baged\s+of\s+(\d{1,3})\b|\b(\d{1,3})\s*(?:yo|y/o|y\.o\.?)(?!\w)|" +
        // A case sheet's "Female, 62 yrs" and "62 yrs/F": years beside the sex (alone, "for 15 yrs" is a duration).
        @"\b(?:male|female|man|woman|boy|girl)\s*[,:]?\s*(\d{1,3})\s*(?:yrs?|years?)\b(?!\s+(?:ago|earlier|before|later|previously))|\b(\d{1,3})\s*(?:yrs?|years?)\s*[/,]?\s*(?:male|female|(?-i:[MF]))\b|\b(\d{1,3})\s*-?\s*year\b|" +
        PersonWords + @"\s+of\s+(\d{1,3})\b(?!\s*(?:kg|cm|mm|%|months?|weeks?|days?|hours?|children|pregnanc))|" +
        // The age the patient came at: "presented at 3 years of age", "was referred at the age of 14" (an age said of an
        // onset or a diagnosis is the story's, not the patient's now).
        PresentedAt + @"(?:(?:the\s+)?age\s+(?:of\s+)?(\d{1,3})\b(?!\s*(?:months?|weeks?|days?))|(\d{1,3})\s*(?:years?|yrs?)\b(?:\s+of\s+age|\s+old)?(?!['’]?\s*(?:follow|after|post|later|ago)))|" +
        // The bare number as the sentence's end or an aside: "the patient was 84.", "the patient, 52, was a teacher".
        PersonWords + @"\s+(?:was|is)\s+(\d{1,3})(?=\s*(?:[.;]|,\s|$))|" + PersonWords + @",\s+(\d{1,3}),|" +
        // A ward note's age and sex in one: "82F", "24M" (capitals only, so no metre or month is taken for a man), and a
        // case sheet's "34 M, farmer" or "34/M with a swelling" (set apart, only before what opens the story).
        @"\b(\d{1,3})(?-i:[FM])\b|" + CaseSheetAgeStart + @"(\d{1,3})(?:\s*/\s*|\s+)(?-i:[FM])\b(?=" + CaseSheetAgeSexEnd + ")", RegexOptions.IgnoreCase)]
    private static partial Regex AgePattern();

    /// <summary>
    /// A case sheet's age and sex set apart ("34 M, farmer", "Pt: 34/M with a swelling") open the note or its field, and
    /// what follows them opens the story: elsewhere a number and a bare capital are no age and sex ("temperature 101 F").
    /// </summary>
    private const string CaseSheetAgeStart = @"(?<=(?:^|[:;]|\b(?:pt|patient))\W{0,3})";

    private const string CaseSheetAgeSexEnd = @"\s*(?:[,;:]|with\b|presented\b|came\b|complain|c/o\b|had\b|was\b|$)";

    /// <summary>A verb of coming to care, then "at" within the clause: the age that follows is the patient's at presentation.</summary>
    private const string PresentedAt = @"\b(?:presented|presenting|seen|admitted|referred|came|attended|evaluated|examined|consulted|reviewed)\b[^.;]{0,40}?\bat\s+";

    /// <summary>Who an age belongs to in "a woman of 48", "the patient, in his late seventies".</summary>
    private const string PersonWords = @"\b(?:woman|man|lady|gentleman|girl|boy|schoolgirl|schoolboy|teenager|adolescent|toddler|patient|female|male|housewife|farmer|worker)";

    /// <summary>A number written out, one to ninety-nine: "a four-year-old boy", "aged fifty-five".</summary>
    private const string NumberWords = @"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)";

    /// <summary>An age in years written out in words.</summary>
    [GeneratedRegex(@"\b(" + NumberWords + @")[- ]years?[- ]old\b|\baged\s+(" + NumberWords + @")\b(?![- ](?:months?|weeks?|days?))|" + PersonWords + @"\s+of\s+(" + NumberWords + @")\b(?![- ](?:months?|weeks?|days?))", RegexOptions.IgnoreCase)]
    private static partial Regex WordAgePattern();

    private static readonly string[] Units = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
        "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
    private static readonly string[] Tens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    /// <summary>The value of a number written out (<see cref="NumberWords"/>).</summary>
    private static int WordNumber(string words)
    {
        var parts = words.ToLowerInvariant().Split('-', ' ');
        int ten = Array.IndexOf(Tens, parts[0]);
        if (ten < 0) return Array.IndexOf(Units, parts[0]) + 1;
        return 10 * (ten + 2) + (parts.Length > 1 ? Array.IndexOf(Units, parts[1]) + 1 : 0);
    }

    [GeneratedRegex(@"\b\d{1,3}\s*[- ]?\s*(?:months?|weeks?|days?|mo)[- ]old\b|\baged?\s*\d{1,3}\s*(?:months?|weeks?|days?)\b|" + PresentedAt + @"(?:the\s+age\s+of\s+)?\d{1,3}\s*(?:months?|weeks?|days?)(?:\s+of\s+age|\s+old)?\b(?!['’]?\s*(?:follow|after|post|later|ago|(?:of\s+)?(?:gestation|pregnancy)|pregnant))", RegexOptions.IgnoreCase)]
    private static partial Regex InfantAgePattern();

    // "As a child he had fits", "since she was a girl": the patient's own childhood, past, places no age now.
    [GeneratedRegex(@"(?<!\b(?:as|since|when|while|from)\s+(?:(?:he|she)\s+was\s+)?)(?:\b(?:a|an|the)\s+|^\s*)(?:(?:preschool|little|young|small|term|full-term|preterm|premature|male|female)\s+){0,2}(?:child|boy|girl|toddler|infant|newborn|neonate|baby)\b|\bchild's\b", RegexOptions.IgnoreCase)]
    private static partial Regex ChildWord();

    [GeneratedRegex(@"\b(?:an?\s+|the\s+)(?:(?:elderly|old|aged|frail|very\s+old)\s+)(?:[\w-]+\s+)?(?:man|woman|lady|gentleman|patient|male|female|widow|widower)\b|\b(?:octogenarian|nonagenarian|septuagenarian|centenarian)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ElderlyWord();

    /// <summary>
    /// An age told by its decade, said of the patient: "a woman in her late sixties", "he was in his twenties", "the patient,
    /// in his seventies". A decade said of an event is not the patient's age ("cataracts removed in his twenties").
    /// </summary>
    [GeneratedRegex(@"(?:" + PersonWords + @",?|\b(?:he|she|they)\s+(?:is|was|were|are)|^(?:\w+\s+){0,2}?)\s*\bin\s+(?:his|her|their)\s+(?:(early|mid|mid-|late)\s*)?(teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DecadePattern();

    private static readonly string[] Decades = ["teens", "twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"];

    /// <summary>
    /// The age a decade stands for: its middle, or its first, middle or last years when said early, mid or late; the
    /// teens run from 13 ("in her teens" is 16, the first year of a young adult).
    /// </summary>
    private static int DecadeAge(Match m)
    {
        int i = Array.IndexOf(Decades, m.Groups[2].Value.ToLowerInvariant());
        int start = i == 0 ? 13 : 10 * (i + 1), span = i == 0 ? 7 : 10;
        return m.Groups[1].Value.ToLowerInvariant() switch
        {
            "early" => start + span / 5,
            "late" => start + span - 2,
            _ => start + span / 2,
        };
    }

    [GeneratedRegex(@"\b(?:around|surrounding|adjacent to|beside|next to|between|outside|superficial to|deep to)\s+(?:the\s+)?(?:\w+\s+){0,2}$", RegexOptions.IgnoreCase)]
    private static partial Regex OutsideOf();

    private const string MuscleFinding = "calc_muscle", TendonFinding = "tendon_insertion";

    /// <summary>
    /// A muscle named by its tendon ("the pectoralis major tendon", "the tendon of tibialis posterior") and not as a
    /// landmark places the calcium in that tendon: the look-alike of the muscle is the tendon's finding.
    /// </summary>
    private static bool InItsTendon(Entry e, string sentence, Match m) =>
        e.Finding == MuscleFinding && !OutsideOf().IsMatch(Before(sentence, m)) && NamesItsTendon(sentence, m);

    /// <summary>
    /// Whether a muscle's name is its tendon's: followed by "tendon" after at most two more words of its name ("gluteus
    /// medius tendon", "pectoralis major tendon", "flexor hallucis longus tendon"), or after "tendon of" ("the tendon of
    /// tibialis posterior").
    /// </summary>
    private static bool NamesItsTendon(string sentence, Match m) => TendonAfter().IsMatch(After(sentence, m)) || TendonOf().IsMatch(Before(sentence, m));

    [GeneratedRegex(@"^(?:\s+(?!muscles?\b|and\b|or\b|with\b)[a-z]+){0,2}\s+tendons?\b", RegexOptions.IgnoreCase)]
    private static partial Regex TendonAfter();

    [GeneratedRegex(@"\btendons?\s+of\s+(?:the\s+)?(?:\w+\s+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex TendonOf();

    [GeneratedRegex(@"\b(?:at|during)\s+(?:the\s+)?(?:open\s+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex TreatingOperation();

    [GeneratedRegex(@"\b(?:acute|acutely|temporary|temporarily|short-term|transient|transiently|emergency|urgent|(?:a\s+)?(?:few|several|\d+|two|three|four|five)\s+sessions\s+of)\s+(?:needed\s+|required\s+|requiring\s+)?$|\b(?:acute\s+(?:kidney|renal)\s+(?:injury|failure)|aki)\s+(?:needing|requiring|that\s+needed|that\s+required|which\s+required|treated\s+with|managed\s+with)\s+$", RegexOptions.IgnoreCase)]
    private static partial Regex ShortLivedBefore();

    [GeneratedRegex(@"\b(?:kidney|renal|liver|hepatic|hepatocellular|lung|pulmonary|brain|cerebral|myocardial|hypoxic|ischaemic|ischemic|reperfusion|drug-induced|radiation)\s+$", RegexOptions.IgnoreCase)]
    private static partial Regex OrganInjuryBefore();

    /// <summary>Pork denied as food: "never eaten", "did not eat", "does not consume", "avoided".</summary>
    [GeneratedRegex(@"\b(?:never|not|no|nor|n't|avoid\w*|abstain\w*)\s+(?:\w+\s+){0,2}?(?:eat|eats|eaten|ate|eating|consume|consumes|consumed|consuming|taste|tasted)\s+(?:any\s+|undercooked\s+)?$|\b(?:avoid\w*|abstain\w*\s+from)\s+$", RegexOptions.IgnoreCase)]
    private static partial Regex PorkNotEatenBefore();

    /// <summary>A route that is not into muscle, just before the injection: "epidural steroid", "intra-articular", "facet joint".</summary>
    [GeneratedRegex(@"\b(?:epidural|caudal|spinal|intrathecal|facet(?:\s+joint)?|nerve(?:\s+root)?|intra-?articular|joint|intra-?lesional|intravenous|i\.?v\.?|intravitreal|subacromial|local(?:\s+anaesthetic|\s+anesthetic)?)\s+(?:[\w-]+\s+){0,2}?$", RegexOptions.IgnoreCase)]
    private static partial Regex NotIntoMuscleBefore();

    /// <summary>A steroid given where it acts, not through the body: "epidural", "intra-articular", "topical", "inhaled".</summary>
    [GeneratedRegex(@"\b(?:epidural|caudal|intra-?articular|intra-?lesional|topical|topically\s+applied|inhaled|local|nasal)\s+$", RegexOptions.IgnoreCase)]
    private static partial Regex LocalRouteBefore();

    /// <summary>A steroid named by a local form: "steroid injections", "steroid cream", "steroid eye drops".</summary>
    [GeneratedRegex(@"^\s*(?:injections?|injected|shots?|jabs?|creams?|ointments?|eye\s*drops|drops|inhalers?|sprays?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LocalFormAfter();

    /// <summary>Material the surgeon took out: "was taken out piece by piece", "were removed", "was curetted".</summary>
    [GeneratedRegex(@"^\s*(?:\w+\s+){0,2}?(?:was|were)\s+(?:then\s+|carefully\s+|completely\s+)?(?:taken\s+out|removed|excised|curetted|evacuated|scooped\s+out|debrided|cleared\s+out)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TakenOutAfter();

    [GeneratedRegex(@"^\s*(?:\w+\s+)?(?:pulmonary|lungs?|hilar|hila|renal|kidneys?|adrenals?|pleural|medullary|nephrocalcinosis|nephrolithiasis|basal\s+ganglia|lower\s+lobes?|upper\s+lobes?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ViscusAfter();

    [GeneratedRegex(@"^\s*(?:and\s+\w+\s+)?(?:radiographs?|x-?rays?|films?|views?|series)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ImagingViewAfter();

    [GeneratedRegex(@"^\s*(?:and\s+papillary\s+)?dermis\b", RegexOptions.IgnoreCase)]
    private static partial Regex DermisAfter();

    /// <summary>
    /// A curved line that outlines a rim or a wall ("curvilinear rim calcification", "curvilinear calcification of its
    /// capsule") draws the edge of one lesion, not a network.
    /// </summary>
    [GeneratedRegex(@"^\s*(?:(?:calcifi\w+|calcific|minerali[sz]ation)\s+(?:(?:of|in|along|round|around)\s+(?:the|its|their|a)\s+(?:[\w-]+\s+)?)?)?(?:rims?|shells?|walls?|capsules?|margins?|outlines?|peripheral|periphery|eggshell)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RimAfter();

    /// <summary>
    /// A linear mass or body ("a linear ossified mass along the scar", "linear calcified bodies in the muscles") is the
    /// shape of each lesion, elongated, not calcium laid down as a network.
    /// </summary>
    [GeneratedRegex(@"^\s*(?:(?:calcified|calcific|ossified|ossifying|bony|osseous|mineralised|mineralized|dense|hard)\s+)?(?:mass|masses|body|bodies|structure|structures|nodule|nodules|plaque|bar|bridge)\b", RegexOptions.IgnoreCase)]
    private static partial Regex OneBodyAfter();

    /// <summary>A rim said to hold no mineral ("an uncalcified peripheral rim of soft tissue") is no calcified rim round a lucent centre.</summary>
    [GeneratedRegex(@"\b(?:un|non-?)(?:calcified|mineralised|mineralized|ossified)\s+$", RegexOptions.IgnoreCase)]
    private static partial Regex UnmineralisedBefore();

    /// <summary>Nodules counted in an organ ("several nodules in both lungs", "two lesions in the liver") are no lesions of the soft tissue.</summary>
    [GeneratedRegex(@"^\s*(?:(?:were|was)\s+(?:seen|found|noted)\s+)?(?:in|of|within|throughout)\s+(?:the\s+|both\s+|his\s+|her\s+)?(?:lungs?|liver|brain|thyroid|kidneys?|lymph\s+nodes|mediastinum|spine|skeleton|bones?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex OrganAfter();

    [GeneratedRegex(@"^s?\s+of\s+(?:[\w-]+\s+){0,3}?(?:carbonate|antacids?|milk|supplements?|tablets?|vitamin|dairy|fluids?|water|alcohol)\b", RegexOptions.IgnoreCase)]
    private static partial Regex IntakeAfter();

    /// <summary>
    /// Amorphous calcium under the microscope ("amorphous basophilic deposits in the papillary dermis"; "histology showed
    /// amorphous calcified material") is how every calcinosis looks in a section, not the lobulated amorphous mass of an
    /// imaging study.
    /// </summary>
    [GeneratedRegex(@"^\s*,?\s*(?:basophilic|eosinophilic|granular|acellular|purple|pink|haematoxyphilic|hematoxyphilic)\b", RegexOptions.IgnoreCase)]
    private static partial Regex StainAfter();

    /// <summary>A vessel's calcified wall may be beaded or tortuous ("beaded calcification of the femoral artery"): no worm.</summary>
    [GeneratedRegex(@"^\s*(?:(?:calcifi\w+|calcific\s+\w+|densit(?:y|ies)|opacit(?:y|ies))\s+)?(?:of|in|along|within)\s+(?:the\s+|both\s+)?(?:[\w-]+\s+){0,2}?(?:arter\w*|vessels?|vascular|aorta|aortic|veins?|vas\s+deferens)\b", RegexOptions.IgnoreCase)]
    private static partial Regex VesselAfter();

    [GeneratedRegex(@"\b(?:biops(?:y|ies)|bx|histolog\w*|histopatholog\w*|microscop\w*|sections?|H&E|haematoxylin|hematoxylin|von\s+kossa|alizarin|cytolog\w*|smears?|aspirates?)\b[^.;]*$", RegexOptions.IgnoreCase)]
    private static partial Regex HistologyBefore();

    [GeneratedRegex(@"(?:calcif\w*|mineral\w*|x-?rays?|radiographs?|\bct\b|films?)\b[^.;]{0,80}$", RegexOptions.IgnoreCase)]
    private static partial Regex ImagedBefore();

    [GeneratedRegex(@"^\s*(?:\w+\s+){0,3}?(?:for|because\s+of|owing\s+to|due\s+to)\s+(?:the\s+|her\s+|his\s+|an?\s+)?(?:acute|aki\b|rhabdomyolysis|myoglobin|tumou?r\s+lysis|crush|sepsis|septic)" +
        // Dialysis for days or weeks, or until the kidneys recovered: "dialysis-dependent for two weeks, then recovered".
        @"|^[\s-]*(?:dependent\s+|dependence\s+)?for\s+(?:only\s+)?(?:\d+|a\s+few|a|one|two|three|four|five|six|several)\s+(?:days?|weeks?)\b|^[^.;]{0,40}?\b(?:then|until|before)\s+(?:\w+\s+)?(?:recovered|recovery)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ForAcuteInjuryAfter();

    /// <summary>
    /// Pain of the bones ("aching bones", "bone pain", "pain in her bones"): a symptom of the whole skeleton (of
    /// hyperparathyroidism, osteomalacia, myeloma), not pain at a lesion. Matched on the words around a pain term.
    /// </summary>
    [GeneratedRegex(@"\bbones?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex BoneBefore();

    [GeneratedRegex(@"^\s*(?:bones?\b|(?:in|of)\s+(?:the|his|her|their|all)?\s*(?:\w+\s+)?bones\b)", RegexOptions.IgnoreCase)]
    private static partial Regex BonesAfter();

    /// <summary>
    /// The parts that have a neck of their own: the long bones, the ribs, the talus and the scapula, the bladder, the
    /// gallbladder, the pancreas, the womb, a tooth, an aneurysm or a hernia's sac. Matched before a neck term ("femoral
    /// neck") or after it ("necks of both femurs").
    /// </summary>
    [GeneratedRegex(@"\b(?:femoral|humeral|radial|talar|scapular|rib|bladder|gallbladder|pancreatic|uterine|dental|tooth|aneurysm|sac)\s+(?:heads?\s+and\s+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex NeckOwnerBefore();

    [GeneratedRegex(@"^\s*(?:and\s+(?:the\s+)?heads?\s+)?of\s+(?:the\s+|both\s+|each\s+|his\s+|her\s+|their\s+|a\s+|an\s+)?(?:left\s+|right\s+)?(?:femur|femurs|femora|humerus|humeri|radius|radii|rib|ribs|talus|scapula|scapulae|fibula|fibulae|bladder|gallbladder|pancreas|uterus|womb|tooth|teeth|aneurysm|sac|hernia)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NeckOwnerAfter();

    /// <summary>What follows "the back" when it names a side of a part: "of the hand", "and inner side of the ankle".</summary>
    [GeneratedRegex(@"^\s*(?:(?:and|or)\s+(?:the\s+)?[\w-]+\s+(?:sides?|aspects?|surfaces?)\s+)?of\s+(?:the|his|her|their|both|each|a|an|one)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SideOfAPart();

    /// <summary>
    /// What stands before a sex written as its capital: the age ("82F", "45 yo F"), or a case sheet's age set apart ("34 M,
    /// farmer", "34/M with a swelling"), the one form <see cref="FemaleWord"/> and <see cref="MaleWord"/> share.
    /// </summary>
    private const string AgeBeforeSexLetter = @"(?<=\b\d{1,3}(?:\s*(?:yo|y/o|y\.o\.|yrs?|years?(?:\s+old)?)\s*)?)";

    private const string CaseSheetAgeBeforeSexLetter = @"(?<=" + CaseSheetAgeStart + @"\d{1,3}(?:\s*/\s*|\s+))";

    [GeneratedRegex(@"\b(female|woman|lady|girl|mrs|ms|she|her|housewife|widow|postmenopausal|pregnant|primigravida|multigravida|primipara|multipara|postpartum)\b|" + AgeBeforeSexLetter + @"(?-i:F)\b|" + CaseSheetAgeBeforeSexLetter + @"(?-i:F)\b(?=" + CaseSheetAgeSexEnd + ")", RegexOptions.IgnoreCase)]
    private static partial Regex FemaleWord();

    [GeneratedRegex(@"\b(male|man|gentleman|boy|mr|he|his|him)\b|" + AgeBeforeSexLetter + @"(?-i:M)\b|" + CaseSheetAgeBeforeSexLetter + @"(?-i:M)\b(?=" + CaseSheetAgeSexEnd + ")", RegexOptions.IgnoreCase)]
    private static partial Regex MaleWord();

    [GeneratedRegex(@"\b(?:ck|cpk|creatin(?:in)?e (?:phospho)?kinases?)\b\D{0,25}?(" + SpacedThousands + @"|\d[\d,]*(?:\.\d+)?)\s*(?:u/l|iu/l|units)?", RegexOptions.IgnoreCase)]
    private static partial Regex CkValue();

    /// <summary>
    /// Thousands set apart by a space, as European and many journals' styles print them ("CK 12 000 IU/L", a thin or
    /// no-break space as often as a plain one): whole groups of three, and no digit, point or comma after the last.
    /// </summary>
    private const string SpacedThousands = @"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,])";

    /// <summary>
    /// A value, with or without thousands separators ("1,240", "12 000", "2.45"), or with the decimal comma of European
    /// reports ("calcium 2,85 mmol/L": one or two digits after the comma, where a thousands group has three), as the first
    /// group; <see cref="TryValue"/> reads it.
    /// </summary>
    private const string Number = @"(\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|" + SpacedThousands + @"|" + CommaDecimal + @"|\d+(?:\.\d+)?)";

    /// <summary>A value with a decimal comma: one or two digits after it (a thousands group has three).</summary>
    private const string CommaDecimal = @"\d+,\d{1,2}(?!\d)";

    /// <summary>A value as written: a decimal comma read as a point, thousands separators (commas, spaces) dropped.</summary>
    private static bool TryNumber(string written, out double v) =>
        double.TryParse(DecimalComma().IsMatch(written) ? written.Replace(',', '.') : written.Replace(",", "").Replace(" ", "").Replace("\u00a0", "").Replace("\u202f", ""),
            NumberStyles.Float, CultureInfo.InvariantCulture, out v);

    [GeneratedRegex("^" + CommaDecimal + "$")]
    private static partial Regex DecimalComma();

    /// <summary>
    /// The serum levels as case reports written in French or Spanish name them ("calcemia at 3.1 mmol/L", "phosphoremia
    /// normal"), for both the values and the directions read.
    /// </summary>
    private const string CalcaemiaWord = "calca?emia", PhosphataemiaWord = "phosph(?:or|at)a?emia";

    /// <summary>A value never written with thousands (calcium, phosphate, their product): a decimal point or comma.</summary>
    private const string Decimal = @"(?:" + CommaDecimal + @"|\d+(?:\.\d+)?)";

    /// <summary>
    /// Milligrams per decilitre, and as older reports write it: "mg per 100 ml", "mg/100 ml", "mg %" (read as mg/dL by
    /// <see cref="UnitOf"/>).
    /// </summary>
    private const string MgDl = @"mg/dl|mg\s*(?:per|/)\s*100\s*ml|mg\s*%";

    /// <summary>A captured unit in lower case, with the older forms of mg/dL (<see cref="MgDl"/>) as "mg/dl".</summary>
    private static string UnitOf(string unit) => unit.StartsWith("mg", StringComparison.OrdinalIgnoreCase) && !unit.Contains("/l", StringComparison.OrdinalIgnoreCase) ? "mg/dl" : unit.ToLowerInvariant();

    /// <summary>
    /// Where a unit would stand, none: a ward note's bare number ("urate 0.62,", "adj Ca 2.95.") ends the item, at a comma,
    /// a semicolon, a bracket, a full stop that no digit follows, a slash set apart ("Ca 9.8 / Phos 6.9"), the line's
    /// end or the moment it was drawn ("Ca 1.85 on admission", "urate 0.62 this morning"); its unit is then read from its size.
    /// </summary>
    private const string NoUnit = @"(?=\s*(?:[,;)]|\.(?!\d)|$)|\s+/\s|\s+(?:on|at)\s+(?:admission|presentation|arrival|baseline|review|discharge)\b|\s+(?:today|this\s+morning|yesterday|overnight)\b)";

    /// <summary>
    /// A bare 'Ca' and what may follow it within its item: anything but the sentence's end, a decimal point included ("Ca
    /// 9.8 mg/dL, P 6.1"); a bare 'P' after it is phosphorus (<see cref="PhosphateValue"/>, <see cref="DirectionalLabs"/>).
    /// </summary>
    private const string BareCaThen = @"\bca\b(?:[^.;]|\.(?=\d))";

    /// <summary>
    /// Serum phosphate with its unit, or bare (<see cref="NoUnit"/>: "Phos 7.8,"), read by <see cref="PhosphateBareHigh"/>;
    /// a bare 'P' is phosphorus in the item after a calcium ("Ca 9.8 mg/dL, P 6.1 mg/dL").
    /// </summary>
    [GeneratedRegex(@"(?:\b(?:phosphate|phosphorus|phos|po4|" + PhosphataemiaWord + @")|(?<=" + BareCaThen + @"{0,30}?(?:,|;|/|\band\b)\s*)\bp)\b\D{0,20}?(" + Decimal + @")\s*(mmol/l|" + MgDl + "|" + NoUnit + ")", RegexOptions.IgnoreCase)]
    private static partial Regex PhosphateValue();

    /// <summary>
    /// A phosphate written without its unit is read only where both units agree: above 4.5 it is high whichever it is in
    /// (the upper reference limit in mg/dL; in mmol/L far above 1.45), below 1.45 it is not (the upper limit in mmol/L; in
    /// mg/dL a severe hypophosphataemia). Between them it could be a high mmol/L or a normal mg/dL, and is left unread.
    /// </summary>
    private static bool? PhosphateBareHigh(double v) => v > PhosphateHighMgDl ? true : v < PhosphateHighMmolL ? false : null;

    /// <summary>Upper reference limits of serum phosphate in adults, 1.45 mmol/L and 4.5 mg/dL (Tietz, 6th ed., 2018).</summary>
    private const double PhosphateHighMmolL = 1.45, PhosphateHighMgDl = 4.5;

    [GeneratedRegex(@"\b(?:calcium[ -]?(?:x|×)[ -]?phosph(?:ate|orus)|calcium[ -]phosph(?:ate|orus) product|phospho-?calcic product|ca\s*(?:x|×)\s*p(?:o4)?)\b\D{0,20}?(" + Decimal + @")\s*(mmol2/l2|mmol²/l²|mmol\^2/l\^2|mg2/dl2|mg²/dl²|mg\^2/dl\^2)?", RegexOptions.IgnoreCase)]
    private static partial Regex CaPValue();

    /// <summary>Not the parathyroid hormone-related peptide (or protein), which is no measure of the parathyroids.</summary>
    private const string NotRelatedPeptide = @"(?![\s-]*(?:related|like)\b)";

    /// <summary>A PTH value with its unit: ng/L is the same number as pg/mL.</summary>
    [GeneratedRegex(@"\b(?:i?pth|parathyroid hormone|parathormone)\b" + NotRelatedPeptide + @"\D{0,20}?" + Number + @"\s*(pg/ml|ng/l|pmol/l)", RegexOptions.IgnoreCase)]
    private static partial Regex PthValue();

    /// <summary>A urate value, with its unit or bare (<see cref="NoUnit"/>).</summary>
    [GeneratedRegex(@"\b(?:uric acid|urate)\b\D{0,20}?" + Number + @"\s*(" + MgDl + "|µmol/l|umol/l|micromol/l|mmol/l|" + NoUnit + ")", RegexOptions.IgnoreCase)]
    private static partial Regex UrateValue();

    [GeneratedRegex(@"\b(?:eosinophils?)\b\D{0,15}?(" + Decimal + @")\s*%", RegexOptions.IgnoreCase)]
    private static partial Regex EosinophilValue();

    /// <summary>An absolute eosinophil count per microlitre ("absolute eosinophil count 2,100 per microlitre", "eosinophils 1800/µL", "1200 cells/cumm").</summary>
    [GeneratedRegex(@"\beosinophil(?:s|\s+count)?\b\D{0,15}?" + Number + @"\s*(?:cells\s*)?(?:per\s+(?:micro ?lit(?:re|er)|µl|ul|mm3|cubic millimet(?:re|er)|cumm|cu\.?\s*mm)|/\s*(?:µl|ul|mm3|mcl|cumm|cu\.?\s*mm|cmm))", RegexOptions.IgnoreCase)]
    private static partial Regex EosinophilCountValue();

    /// <summary>The same count in the units of a full blood count ("eosinophils 2.1 x 10^9/L"): a thousand per microlitre each.</summary>
    [GeneratedRegex(@"\beosinophil(?:s|\s+count)?\b\D{0,15}?(" + Decimal + @")\s*(?:x|×)\s*10\s*\^?\s*9\s*/\s*l\b", RegexOptions.IgnoreCase)]
    private static partial Regex EosinophilGigaValue();

    /// <summary>A differential count's share with the share first ("18 % eosinophils").</summary>
    [GeneratedRegex(@"(" + Decimal + @")\s*%\s+eosinophils?\b", RegexOptions.IgnoreCase)]
    private static partial Regex EosinophilShareFirst();

    /// <summary>Glycated haemoglobin in per cent.</summary>
    [GeneratedRegex(@"\b(?:hba1c|hb\s*a1c|a1c|glycated ha?emoglobin|glycosylated ha?emoglobin)\b\D{0,20}?(" + Decimal + @")\s*%", RegexOptions.IgnoreCase)]
    private static partial Regex HbA1cValue();

    /// <summary>Serum angiotensin-converting enzyme in U/L.</summary>
    [GeneratedRegex(@"\b(?:serum\s+)?(?:ace|angiotensin[\s-]converting enzyme)\b\D{0,20}?(" + Decimal + @")\s*(?:u/l|iu/l|units/l)", RegexOptions.IgnoreCase)]
    private static partial Regex AceValue();

    /// <summary>A comparison standing just before a value ("greater than 150", "> 90", "below 15"): the value lies beyond the number.</summary>
    [GeneratedRegex(@"(?:(greater than|more than|higher than|above|over|exceeding|exceeded|exceeds|in excess of|>|≥)|(less than|lower than|below|under|<|≤))\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex ComparisonBefore();

    /// <summary>
    /// The value a match reports, its thousands separators dropped, moved a hair beyond its number where a comparison
    /// stands before it, so that "greater than 150 ng/mL" is over a limit of 150 and "less than 15 pg/mL" under one of 15.
    /// </summary>
    private static bool TryValue(Match m, int group, out double v)
    {
        var g = m.Groups[group];
        if (!TryNumber(g.Value, out v)) return false;
        var cmp = ComparisonBefore().Match(m.Value[..(g.Index - m.Index)]);
        if (cmp.Success) v = cmp.Groups[1].Success ? v * (1 + 1e-9) + 1e-9 : v * (1 - 1e-9) - 1e-9;
        return true;
    }

    [GeneratedRegex(@"\b(?:lipase|amylase)\b\D{0,20}?(\d[\d,]*(?:\.\d+)?)\s*(u/l|iu/l|units/l|units)?", RegexOptions.IgnoreCase)]
    private static partial Regex PancreaticEnzymeValue();

    /// <summary>Total or ionised serum calcium with its unit, or bare (<see cref="NoUnit"/>); a dose of calcium carbonate in mg is not a serum level.</summary>
    [GeneratedRegex(@"\b(ioni[sz]ed\s+)?(?:calcium|ca|" + CalcaemiaWord + @")\b(?![\s-]*(?:carbonate|gluconate|chloride|supplement|phosph|x|×))\D{0,30}?(" + Decimal + @")\s*(mmol/l|" + MgDl + "|meq/l|" + NoUnit + ")", RegexOptions.IgnoreCase)]
    private static partial Regex CalciumValue();

    [GeneratedRegex(@"\b(right|rt)\s*(?:>|more than|greater than)\s*(left|lt)\b|\b(left|lt)\s*(?:>|more than|greater than)\s*(right|rt)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Asymmetry();

    public IReadOnlyList<ObservedFinding> ExtractFile(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new InputException(path, "no such file");
        if (info.Length == 0) throw new InputException(path, "text is empty");
        if (info.Length > MaxBytes) throw new InputException(path, $"text of {info.Length} bytes is larger than {MaxBytes}");
        return Extract(IO.TextDecoder.Decode(File.ReadAllBytes(path)), path);
    }

    public IReadOnlyList<ObservedFinding> Extract(string text, string? path = null)
    {
        Validate(text, path);
        var found = new List<ObservedFinding>();
        var sentences = TextDocument.Split(text).Select(TextDocument.Unfield).Select(TextDocument.Uninvert).ToList();
        bool previousSpokeOfCalcium = false, previousSpokeOfLesion = false;
        // Where a part was hurt or injected ("he had been kicked on the left thigh"): the lesion's site, if the text
        // places the lesion nowhere else.
        var injurySites = new List<ObservedFinding>();
        foreach (var s in sentences)
        {
            if (!AboutThePatient(s)) { previousSpokeOfCalcium = previousSpokeOfLesion = false; continue; }
            // A sentence that goes on about "it" or "the lesion" after one that named the calcium speaks of the same
            // calcified thing ("A radiograph showed a faintly calcified lesion. Ultrasound put it in the subcutaneous tissue."),
            // and after one that named a lesion, of that lesion ("She had a lump on the arm. It had grown over three months.").
            bool anaphora = Anaphora().IsMatch(s.Text);
            // A form's field that describes a lesion ("Consistency: stony hard", "Site: right buttock") speaks of the lesion
            // the form is about, and one that describes mineral ("Pattern: linear and reticular", "Compartment:
            // intramuscular") of its calcium; a lesion's field after a line that named calcium goes on about it.
            bool lesionField = s.Field is { } f && LesionField().IsMatch(f), calciumField = s.Field is { } g && CalciumField().IsMatch(g);
            bool carried = previousSpokeOfCalcium && (anaphora || lesionField) || calciumField;
            bool carriedLesion = previousSpokeOfLesion && anaphora || lesionField || calciumField;
            previousSpokeOfCalcium = CalcificationWord().IsMatch(s.Text) || carried;
            previousSpokeOfLesion = LesionWord().IsMatch(s.Text) || carriedLesion;
            string? detail = Asymmetry().Match(s.Text) is { Success: true } asym ? asym.Value : null;
            int sentenceStart = found.Count;
            for (int ei = 0; ei < _entries.Count; ei++)
            {
                var e = _entries[ei];
                foreach (Match m in Volatile.Read(ref _patterns[ei]).Matches(s.Text))
                {
                    // Qualifiers (site, pattern, compartment) count only in a clause that speaks of calcification or a lesion.
                    bool injurySite = false;
                    if (e.Context is not null)
                    {
                        var clause = Clause(s.Text, m.Index);
                        // A match that runs on past a comma ("elongated, oval calcifications") ends in the clause of its last word.
                        if (m.Value.Contains(',')) clause += " " + Clause(s.Text, m.Index + m.Length - 1);
                        bool calcification = carried || CalcificationWord().IsMatch(clause) || PronounCarries(s.Text, m.Index, CalcificationWord());
                        if (e.Context == "calcification" && !calcification) continue;
                        if (e.Context == "lesion" && !calcification && !carriedLesion && !LesionWord().IsMatch(clause) && !PronounCarries(s.Text, m.Index, LesionWord()))
                        {
                            if (!e.Finding.StartsWith(SitePrefix, StringComparison.Ordinal) || !InjuryWord().IsMatch(clause)) continue;
                            injurySite = true;
                        }
                    }
                    string id = e.Finding;
                    if (e.LookAlike is { } lookAlike && lookAlike(s.Text, m))
                    {
                        if (!InItsTendon(e, s.Text, m)) continue;
                        id = TendonFinding;
                    }
                    // A pattern that spans words can span a denial of what it ends on ("Doppler shows no internal flow").
                    var status = ContextAnalyzer.Classify(s.Text, m.Index, m.Length, deniedWithin: !e.OwnsNegation);
                    // "Non-tender", "non-uraemic": the prefix denies the term it is joined to.
                    if (status == MentionStatus.Affirmed && NonPrefix().IsMatch(s.Text[..m.Index])) status = MentionStatus.Negated;
                    if (status == MentionStatus.Affirmed && e.Context is { } context && QualifiedThingDenied(s.Text, m, context)) status = MentionStatus.Negated;
                    if (status is MentionStatus.Uncertain or MentionStatus.Generic) continue;
                    // Diseases and histories have no qualifier context; for them a likeness is not the thing.
                    if (e.Context is null && !e.Simile && ContextAnalyzer.IsLikeness(s.Text, m.Index, m.Length)) continue;
                    if (status == MentionStatus.OtherPerson)
                    {
                        // A relative's calcinosis is the family history finding, and so is what the family history's own terms say of
                        // relatives ("her parents were first cousins"); other findings of relatives are not the patient's. Denied of
                        // the relatives, or said by a term of absence, it is absent.
                        if (e.Finding == "family_history_calcinosis" || CalcificationWord().IsMatch(Clause(s.Text, m.Index)))
                        {
                            var ofRelatives = ContextAnalyzer.Classify(s.Text, m.Index, m.Length, experiencer: false);
                            if (ofRelatives is MentionStatus.Uncertain or MentionStatus.Generic) continue;
                            if (e.Absent && ofRelatives != MentionStatus.Affirmed) continue;
                            found.Add(Make("family_history_calcinosis", ofRelatives == MentionStatus.Affirmed && !e.Absent, s, m, null));
                        }
                        continue;
                    }
                    // A term that says the finding is absent counts only as said; denied ("not stable") it tells nothing.
                    if (e.Absent && status != MentionStatus.Affirmed) continue;
                    if (injurySite)
                    {
                        if (status == MentionStatus.Affirmed && !e.Absent) injurySites.Add(Make(id, true, s, m, detail));
                        continue;
                    }
                    found.Add(Make(id, status == MentionStatus.Affirmed && !e.Absent, s, m, detail));
                }
            }
            Numbers(s, found);
            WidespreadBySites(s, found, sentenceStart);
            ApartFromBone(s, found);
            VitaminDOverdose(s, found);
            ErodesBone(s, found);
        }
        if (!found.Any(f => f.Present && f.Id.StartsWith(SitePrefix, StringComparison.Ordinal))) found.AddRange(injurySites);
        Demographics(text, sentences, found);
        PthResistance(found);
        return Resolve(found);
    }

    /// <summary>
    /// Whether a later clause of the sentence goes on about the calcium or lesion an earlier one named, through a pronoun
    /// standing for it between the two ("hard, porcelain-white plates lay under the skin; they moved freely over the
    /// deeper structures"): the pronoun's clause, up to the match, is about the thing named before it.
    /// </summary>
    private static bool PronounCarries(string sentence, int at, Regex named)
    {
        // Read over the whole sentence: the pronoun's verb may be the match itself ('; it pressed on the left kidney').
        int pronoun = -1;
        foreach (Match p in ClausePronoun().Matches(sentence))
            if (p.Index < at) pronoun = p.Index;
        return pronoun > 0 && named.IsMatch(sentence[..pronoun]);
    }

    /// <summary>
    /// A pronoun opening a clause (after a semicolon, a comma or 'and') as the subject of a verb, or a superlative standing
    /// for one of them ('of the nodules, the largest sat in the buttock'): what the sentence named before. The verb is a
    /// form of be, have, lie or feel, a modal, any regular past ('it pressed on the kidney', 'they extended into the
    /// fascia') or a present of the verbs reports use for a mass's relations ('it abuts the psoas').
    /// </summary>
    [GeneratedRegex(@"(?:[;,]|\band)\s+(?:it|they|these|both|the\s+(?:largest|smallest|biggest|others|rest|remainder))\s+(?:was|were|is|are|had|have|has|lay|lies|sat|moved|measured|could|did|felt|grew|ran|[a-z]{3,}ed|(?:abut|displace|compresse|encase|extend|involve|contain|show|appear|measure|run|grow|reache|crosse|surround|invade)s)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ClausePronoun();

    /// <summary>
    /// A qualifier (site, compartment, pattern) of a calcification or a lesion that the sentence denies is denied with it:
    /// "no calcification was seen in the muscle", "the muscles showed no calcification", "no mass was felt in the thigh".
    /// Every word in the qualifier's piece of the sentence (between commas or semicolons) naming what it qualifies must be
    /// denied by a negation standing right before it: in "a mass with no calcification lay in the thigh" the mass is not.
    /// </summary>
    private static bool QualifiedThingDenied(string sentence, Match m, string context)
    {
        int start = sentence.LastIndexOfAny([',', ';'], Math.Max(0, m.Index - 1)) + 1;
        int end = sentence.IndexOfAny([',', ';'], m.Index + m.Length);
        List<Match> Named(string piece) => CalcificationWord().Matches(piece).Concat(context == "lesion" ? LesionWord().Matches(piece) : [])
            .Where(h => start + h.Index + h.Length <= m.Index || start + h.Index >= m.Index + m.Length).ToList();
        var named = Named(sentence[start..(end < 0 ? sentence.Length : end)]);
        // A qualifier listed in the subject ("the lungs, stomach and kidneys showed no calcification") qualifies what the
        // list's last item goes on to deny: the piece runs through the list's short items to it.
        for (int items = 0; named.Count == 0 && end >= 0 && sentence[end] == ',' && items < MaxListedQualifiers; items++)
        {
            int next = sentence.IndexOfAny([',', ';'], end + 1);
            var item = sentence[(end + 1)..(next < 0 ? sentence.Length : next)];
            if (!ShortListItem().IsMatch(item) && !ListEnd().IsMatch(item)) break;
            end = next;
            named = Named(sentence[start..(end < 0 ? sentence.Length : end)]);
        }
        // "No calcification apart from that in the buttocks": the qualifier after the exception is the calcium there is.
        return named.Count > 0 && named.All(h => DeniedRightBefore().IsMatch(sentence[..(start + h.Index)])
            && ContextAnalyzer.Classify(sentence, start + h.Index, h.Length) == MentionStatus.Negated
            && !Exception().IsMatch(Between(sentence, start + h.Index, h.Length, m)));
    }

    [GeneratedRegex(@"\b(?:no|without|nor|absence\s+of|not\s+any|free\s+of|devoid\s+of)\s+(?:[\w-]+\s+){0,2}$", RegexOptions.IgnoreCase)]
    private static partial Regex DeniedRightBefore();

    /// <summary>The text between a word (at <paramref name="at"/>, <paramref name="length"/> long) and a match, whichever comes first.</summary>
    private static string Between(string sentence, int at, int length, Match m) =>
        at < m.Index ? sentence[Math.Min(at + length, m.Index)..m.Index] : sentence[Math.Min(m.Index + m.Length, at)..at];

    /// <summary>Items of a listed subject a qualifier may stand in before the verb that denies the calcification.</summary>
    private const int MaxListedQualifiers = 6;

    /// <summary>An item of a list: one to three words, no verb.</summary>
    [GeneratedRegex(@"^\s*(?:the\s+)?[a-z-]+(?:\s+[a-z-]+){0,2}\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex ShortListItem();

    /// <summary>The list's last items and the verb that denies: 'stomach and kidneys showed no calcification'.</summary>
    [GeneratedRegex(@"^\s*(?:[a-z-]+\s+){1,5}?(?:showed|show|shows|had|has|have|contained|contain|contains|revealed|were|was)\s+(?:no|not)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ListEnd();

    /// <summary>The comma- or semicolon-delimited part of a sentence around a position.</summary>
    private static string Clause(string sentence, int at)
    {
        int start = sentence.LastIndexOfAny([',', ';'], Math.Max(0, at - 1)) + 1;
        int end = sentence.IndexOfAny([',', ';'], at);
        // A clause that only goes on describing the thing before it ("a mass with a calcified rim, continuous with the
        // belly of tibialis anterior"; "elongated calcifications, like grains of rice,"; "hard nodules under the skin, not
        // stuck to the tissue round them") speaks of the same lesion: it is read together with the clause it continues.
        // A continuation may follow another ("elongated calcifications in the muscles, each about 1 cm long, oriented along
        // the fibres"): the chain is read back to the clause that names the thing.
        while (start > 1 && GoesOn(sentence, start))
            start = sentence.LastIndexOfAny([',', ';'], start - 2) + 1;
        // And the clause it continues reads the description that follows ("a mass in the subcutaneous fat of the flank,
        // with a thick calcified capsule"): the place named first is where that calcium lies.
        // A size set apart ("elongated calcifications, about 1 cm long, aligned along the muscle fibres") is an aside
        // about the same thing: the description after it is read back too (and, above, read back through it).
        while (end >= 0 && sentence[end] == ',' && GoesOn(sentence, end + 1))
            end = NextPiece(sentence, end).End;
        // The items of a list ("masses on his back, left arm and left hip"; "swellings over the back, the right
        // shoulder, the left hip") belong to the clause that heads the list, and so does a place after a size or a
        // description set apart ("a mass with a calcified rim, 4 cm across, in the subcutaneous fat"; "calcified bodies,
        // 5-10 mm long and oriented along the fibres, in the gluteal muscles").
        int itemEnd = end < 0 ? sentence.Length : end;
        while (start > 1 && sentence[start - 1] == ',' && (ListItem().IsMatch(sentence[start..itemEnd]) || SizeAside().IsMatch(sentence[start..itemEnd])
            || Continuation().IsMatch(sentence[start..itemEnd])))
        {
            itemEnd = start - 1;
            start = sentence.LastIndexOfAny([',', ';'], start - 2) + 1;
        }
        // Adjectives listed with commas ("an amorphous, chalky, lobulated mass") describe the one noun they lead to: a
        // piece of one word joins the pieces on either side of it, and so does the piece the term is in when it is one
        // word after a quantifier ("numerous elongated, oval calcified bodies").
        if (end >= 0 && sentence[end] == ',' && LeadingAdjective().IsMatch(sentence[start..end])) end = NextPiece(sentence, end).End;
        // So does a piece that ends in such an adjective when the next piece names the lesion after its own adjectives
        // ("he had slowly growing, multiple firm nodules on the scrotum").
        else if (end >= 0 && sentence[end] == ',' && EndsInAdjective().IsMatch(sentence[start..end]) && OpensWithLesion().IsMatch(sentence[(end + 1)..]))
            end = NextPiece(sentence, end).End;
        while (end >= 0 && NextPiece(sentence, end) is var (pieceEnd, oneWord) && oneWord)
            end = pieceEnd < 0 ? -1 : NextPiece(sentence, pieceEnd).End;
        while (start > 1 && sentence[start - 1] == ',' && sentence.LastIndexOfAny([',', ';'], start - 2) is var prev && prev >= 0
            && SingleWord().IsMatch(sentence[(prev + 1)..(start - 1)]))
            start = sentence.LastIndexOfAny([',', ';'], Math.Max(0, prev - 1)) + 1;
        var clause = sentence[start..(end < 0 ? sentence.Length : end)];
        // A predicate parted from its subject by an aside ("Pale papules, very hard to the touch, were clustered over
        // both cheeks") speaks of that subject: it is read with the sentence's opening clause.
        if (start > 1 && Predicate().IsMatch(clause))
        {
            int subjectEnd = sentence.IndexOfAny([',', ';']);
            if (subjectEnd > 0 && subjectEnd < start) return sentence[..subjectEnd] + " " + clause;
        }
        // And the opening subject reads the predicate it is parted from ("Ultrasound of the left thigh, 3 weeks after a
        // kick, showed an intramuscular mass"): the first later piece that opens with a verb of showing is its predicate.
        if (start == 0 && end >= 0 && sentence[end] == ',')
            for (int piece = end; piece >= 0 && sentence[piece] == ','; piece = NextPiece(sentence, piece).End)
                if (ShowingPredicate().IsMatch(sentence[(piece + 1)..]))
                {
                    int predicateEnd = NextPiece(sentence, piece).End;
                    return clause + " " + sentence[(piece + 1)..(predicateEnd < 0 ? sentence.Length : predicateEnd)];
                }
        return clause;
    }

    /// <summary>A piece that gives only a size: "about 1 cm long", "each 2-3 mm", "measuring 4 x 3 cm", "up to 5 mm across".</summary>
    [GeneratedRegex(@"^\s*" + Size + @"\s*[.!?]?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex SizeAside();

    private const string Size = @"(?:(?:each|all|up\s+to|about|approximately|roughly|around|measuring|some|most|varying|ranging)\s+)*(?:from\s+)?\d+(?:[.,]\d+)?(?:\s*(?:-|–|to|x|×)\s*\d+(?:[.,]\d+)?)*\s*(?:mm|cm)\b(?:\s+(?:long|across|wide|thick|in\s+(?:length|diameter|size|greatest\s+dimension)))?";

    /// <summary>A piece that opens with the verb of an imaging or pathology report's subject.</summary>
    [GeneratedRegex(@"^\s*(?:showed|shows|revealed|reveals|demonstrated|demonstrates|disclosed|confirmed)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ShowingPredicate();

    /// <summary>
    /// Whether the piece that begins at <paramref name="start"/> goes on describing the thing before it: a continuation
    /// (<see cref="Continuation"/>) or a size alone (<see cref="SizeAside"/>).
    /// </summary>
    private static bool GoesOn(string sentence, int start)
    {
        if (Continuation().IsMatch(sentence[start..])) return true;
        int end = sentence.IndexOfAny([',', ';'], start);
        return SizeAside().IsMatch(sentence[start..(end < 0 ? sentence.Length : end)]);
    }

    /// <summary>The piece after the comma at <paramref name="comma"/>: where it ends (the next comma, or -1 at the sentence's end) and whether it is one word.</summary>
    private static (int End, bool OneWord) NextPiece(string sentence, int comma)
    {
        int next = sentence.IndexOfAny([',', ';'], comma + 1);
        return (next, next >= 0 && sentence[comma] == ',' && SingleWord().IsMatch(sentence[(comma + 1)..next]));
    }

    /// <summary>One word, or one led by its adverb ("slowly growing", "mildly tender"): an adjective of a list.</summary>
    [GeneratedRegex(@"^\s*" + LeadingAdverb + @"[a-z-]+\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex SingleWord();

    [GeneratedRegex(@"^\s*(?:(?:a|an|the|numerous|multiple|several|many|some|few|innumerable|countless|two|three|four|five)\s+)?" + LeadingAdverb + @"[a-z-]+\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingAdjective();

    [GeneratedRegex(@"\b[a-z]+(?:ing|ed|ous|al|ic|less|ful|ive|ble|ish|ar|id|ent|ant)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex EndsInAdjective();

    [GeneratedRegex(@"^\s*(?:(?:a|an|multiple|numerous|several|many|some|few|two|three|four|five|six|small|large|tiny|firm|hard|soft|tender|painful|painless|mobile|fixed|yellow\w*|white\w*|red\w*|blue\w*|pink\w*|skin-colou?red|calcified|calcific|ossified|minerali[sz]ed|dense|radio-?opaque|linear|round|oval|ovoid|elongated|coiled|tubular|[a-z]+-[a-z]+)\s+){1,4}(?:nodules?|papules?|masses|mass|lumps?|swellings?|lesions?|plaques?|deposits?|calcifications?|structures?|bod(?:y|ies)|densit(?:y|ies)|opacit(?:y|ies)|foci|focus|shadows?|strands?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex OpensWithLesion();

    private const string LeadingAdverb = @"(?:(?!(?:family|only|early|daily|weekly|monthly|yearly)\b)[a-z]+ly\s+)?";

    /// <summary>A clause that opens with the verb of the sentence's subject.</summary>
    [GeneratedRegex(@"^\s*(?:was|were|is|are|lay|lie|lies|sat|appeared|grew|measured)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Predicate();

    /// <summary>
    /// A bare item of a list: one or two short noun phrases, no verb (a place, a side, a part), each with the part it
    /// belongs to ("the helix of the ear") and perhaps its preposition ("subcutaneous tissue and along the fascial planes"),
    /// the last perhaps placed by a landmark ("in the subcutaneous fat anterior to the rectus sheath").
    /// </summary>
    [GeneratedRegex(@"^\s*(?:and\s+|or\s+)?" + PlacePreposition + @"(?:(?:the|his|her|their|both|left|right|upper|lower|inner|outer)\s+)*[a-z]+(?:\s+[a-z]+)?" + PartOf + @"(?:\s+(?:and|or)\s+" + PlacePreposition + @"(?:(?:the|his|her|their|both|left|right|upper|lower|inner|outer)\s+)*[a-z]+(?:\s+[a-z]+)?" + PartOf + @")?" + ByLandmark + @"\s*[.!?]?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex ListItem();

    private const string ByLandmark = @"(?:\s+(?:anterior|posterior|superficial|deep|lateral|medial|adjacent|next|close|proximal|distal)\s+to\s+(?:the\s+)?[a-z]+(?:\s+[a-z]+)?)?";

    private const string PlacePreposition = @"(?:(?:along|in|into|within|around|over|on|under|beneath|across)\s+)?";

    private const string PartOf = @"(?:\s+of\s+(?:the\s+|his\s+|her\s+|their\s+|both\s+)?[a-z]+)?";

    /// <summary>
    /// A piece that goes on describing the thing before it: "with a calcified rim", "each about 1 cm", "oriented along the
    /// fibres", "slowly enlarging over 6 months", and an aspect set after it as French-shaped case reports write it
    /// ("calcifications of the soft parts, of reticulated aspect"); an adjective of mineral standing alone after the thing
    /// ("it lay in the subcutaneous tissue, calcified and separate from the bone"), and its relation to what lies beside it;
    /// a place inside what the thing lies in, set after a comma ("a mass of the right thigh, within the vastus medialis"),
    /// but not a time or a range ("within the next week", "within the normal range").
    /// </summary>
    [GeneratedRegex(@"^\s*(?:" + Size + @"\s+(?:and\s+)?)?(?:(?:some|many|most|several|a\s+few|few|one|two|three|all|each|both|the\s+largest|the\s+smallest)(?:\s+of\s+them)?\s+(?=with\b|without\b))?(?:(?:slowly|gradually|steadily|rapidly|progressively)\s+(?=growing|enlarging|increasing|spreading|extending))?(with|without|each|which|(?:within|inside)(?=\s+(?:the|his|her|its)\s+(?!next\b|past\b|last\b|first\b|following\b|same\b|normal\b|reference\b))|continuous|contiguous|extending|reaching|oriented|orientated|aligned|arranged|arising|involving|replacing|filling|lying|sitting|centred|centered|rimmed|surrounded|surrounding|spreading|running|growing|enlarging|increasing|like|resembling|reminiscent|(?:not\s+)?(?:stuck|fixed|attached|adherent|tethered)|(?:freely\s+)?(?:mobile|movable|moveable)|of(?=\s+(?:an?\s+)?(?:[\w-]+\s+){1,2}(?:aspect|appearance|density|shape|morphology)\b)|(?:[a-z]+ly\s+)?(?:calcified|mineralised|mineralized|ossified)(?=\s+and\b|\s*[,;.]|\s*$)|(?:separate|separated|distinct)\s+from)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Continuation();

    private const string SitePrefix = "site_";

    /// <summary>
    /// A blow, a fall, a strain or an injection at a part: calcium that follows an injury (myositis ossificans, a
    /// haematoma, fat necrosis, dystrophic calcinosis, injection granulomas) lies where it was.
    /// </summary>
    [GeneratedRegex(@"\b(?:kick(?:ed|s)?|fell|falls?|fallen|struck|blows?|hit|injur(?:y|ies|ed)|trauma(?:tic)?|contusions?|bruis\w*|tackled?|collisions?|crush(?:ed)?|knock(?:ed)?|sprain\w*|strain(?:ed)?|tore|torn|accident|injections?|injected)\b", RegexOptions.IgnoreCase)]
    private static partial Regex InjuryWord();

    private static ObservedFinding Make(string id, bool present, Sentence s, Match m, string? detail) =>
        new(id, present, "text", s.Evidence) { Span = s.Written is null ? (s.Start + m.Index, m.Length) : (s.Start, s.Written.Length), Detail = detail };

    /// <summary>
    /// Low calcium and high phosphate despite a raised PTH are the biochemistry of resistance to PTH
    /// (pseudohypoparathyroidism; Mantovani G, J Clin Endocrinol Metab 2011;96:3020-3030), once the kidneys are said to
    /// be well: in chronic kidney disease the same three are secondary hyperparathyroidism, and vitamin D deficiency
    /// raises PTH with a low phosphate. Worked out over the whole text, as the values come in different sentences.
    /// </summary>
    private static void PthResistance(List<ObservedFinding> found)
    {
        bool Affirmed(string id) => found.Any(f => f.Id == id && f.Present);
        if (!Affirmed("hypocalcaemia") || !Affirmed("phosphate_high") || !Affirmed("pth_high")) return;
        if (Affirmed("ckd_dialysis") || !found.Any(f => f.Id == "ckd_dialysis")) return;
        var pth = found.First(f => f.Id == "pth_high" && f.Present);
        found.Add(pth with { Id = "pth_resistance", Detail = "low calcium and high phosphate with a raised PTH, the kidneys well" });
    }

    /// <summary>A finding affirmed anywhere stands; a negation counts only where nothing affirms it.</summary>
    private static IReadOnlyList<ObservedFinding> Resolve(List<ObservedFinding> found)
    {
        var result = new List<ObservedFinding>();
        foreach (var g in found.GroupBy(f => f.Id))
        {
            var affirmed = g.FirstOrDefault(f => f.Present);
            var chosen = affirmed ?? g.First();
            var detail = g.Select(f => f.Detail).FirstOrDefault(d => d is not null);
            result.Add(chosen with { Detail = detail ?? chosen.Detail });
        }
        // Asymmetric involvement of both sides is bilateral, not symmetric.
        if (result.Any(f => f.Detail is not null && Regex.IsMatch(f.Detail, ">|more than|greater than")) && result.All(f => f.Id != "bilateral_symmetric"))
        {
            var b = result.FirstOrDefault(f => f.Id == "bilateral" && f.Present);
            if (b is not null) result.Add(b with { Id = "bilateral_symmetric", Present = false });
        }
        return result.OrderBy(f => f.Span?.Start ?? int.MaxValue).ToList();
    }

    public const double LipaseHighUl = 180, AmylaseHighUl = 300;

    /// <summary>
    /// The calcium-phosphate product above which calcium salts are expected to precipitate in soft tissue: over 70
    /// mg2/dL2 (Block GA et al., Am J Kidney Dis 1998;31:607-617: mortality on dialysis rose above 72).
    /// </summary>
    public const double CaPHighMg2Dl2 = 70;

    /// <summary>
    /// A calcium-phosphate product written without its unit is in mmol2/L2 under this: no product in mg2/dL2 is (the
    /// reference range is about 30-55 mg2/dL2, 2.4-4.4 mmol2/L2).
    /// </summary>
    private const double CaPBareMmolBelow = 10;

    /// <summary>Serum calcium (4.008 mg/dL per mmol/L) and phosphate (3.097 mg/dL per mmol/L) in mg/dL.</summary>
    private const double CalciumMgDlPerMmolL = 4.008, PhosphateMgDlPerMmolL = 3.097;

    /// <summary>
    /// Whether a total calcium is in mmol/L: said so, or a ward note's bare number ("adj Ca 2.95") under
    /// <see cref="CalciumBareMmolBelow"/>, read by its size.
    /// </summary>
    private static bool CalciumInMmolL(string unit, double v) =>
        unit.Equals("mmol/l", StringComparison.OrdinalIgnoreCase) || unit.Length == 0 && v < CalciumBareMmolBelow;

    /// <summary>A bare calcium under 5 can only be in mmol/L: in mg/dL it would be a fatal hypocalcaemia (normal 8.5-10.5).</summary>
    private const double CalciumBareMmolBelow = 5;

    /// <summary>
    /// A total calcium and a phosphate given together, with no product stated, give the product a clinician would work
    /// out ("calcium 11.8 mg/dL, phosphate 7.1 mg/dL": 84 mg2/dL2).
    /// </summary>
    private static void CalciumPhosphateProduct(Sentence s, List<ObservedFinding> found)
    {
        if (CaPValue().IsMatch(s.Text)) return;
        var ca = CalciumValue().Matches(s.Text).FirstOrDefault(m => !m.Groups[1].Success);
        var p = PhosphateValue().Match(s.Text);
        if (ca is null || !p.Success) return;
        if (!TryValue(ca, 2, out var c) || !TryValue(p, 1, out var ph)) return;
        // A bare phosphate is in the unit system of the calcium beside it.
        var caUnit = ca.Groups[3].Value.ToLowerInvariant();
        bool caMmol = CalciumInMmolL(caUnit, c);
        if (caMmol) c *= CalciumMgDlPerMmolL;
        else if (caUnit == "meq/l") c *= CalciumMgDlPerMmolL / CalciumMEqPerMmol;
        var pUnit = p.Groups[2].Value.ToLowerInvariant();
        if (pUnit == "mmol/l" || pUnit.Length == 0 && caMmol) ph *= PhosphateMgDlPerMmolL;
        double product = c * ph;
        found.Add(Make("ca_phos_high", product > CaPHighMg2Dl2, s, ca, $"{product:0} mg2/dL2 (calcium x phosphate)"));
    }

    /// <summary>
    /// The usual adult reference range of serum calcium (total 2.1-2.6 mmol/L, 8.5-10.5 mg/dL; ionised 1.1-1.35
    /// mmol/L, 4.5-5.4 mg/dL; Tietz Textbook of Clinical Chemistry and Molecular Diagnostics, 6th ed., 2018).
    /// </summary>
    public const double CalciumLowMmolL = 2.1, CalciumHighMmolL = 2.6, CalciumLowMgDl = 8.5, CalciumHighMgDl = 10.5,
        CalciumIonisedLowMmolL = 1.1, CalciumIonisedHighMmolL = 1.35, CalciumIonisedLowMgDl = 4.5, CalciumIonisedHighMgDl = 5.4;

    /// <summary>
    /// Intact PTH reference range of most second- and third-generation assays, 15-65 pg/mL (1.6-6.9 pmol/L; Bilezikian
    /// et al., J Clin Endocrinol Metab 2014, primary hyperparathyroidism workshop).
    /// </summary>
    public const double PthLowPgMl = 15, PthLowPmolL = 1.6, PthHighPgMl = 65, PthHighPmolL = 7;

    /// <summary>25-hydroxyvitamin D above 150 ng/mL (375 nmol/L) is toxic (Holick et al., Endocrine Society guideline, J Clin Endocrinol Metab 2011).</summary>
    public const double Vitamin25ToxicNgMl = 150, Vitamin25ToxicNmolL = 375;

    /// <summary>1,25-dihydroxyvitamin D above the usual adult range of about 20-80 pg/mL (48-190 pmol/L; Tebben et al., Endocr Rev 2016).</summary>
    public const double Calcitriol125HighPgMl = 80, Calcitriol125HighPmolL = 190;

    /// <summary>eGFR under 60 mL/min/1.73 m2 is chronic kidney disease stage 3 or worse (KDIGO 2012).</summary>
    public const double EgfrCkdMlMin = 60, EgfrNormalMlMin = 90;

    /// <summary>
    /// The upper limit of serum creatinine in adults, 110 umol/L (1.24 mg/dL; Tietz, 6th ed., 2018): a creatinine at or
    /// under it is kidney function without chronic kidney disease, which keeps it raised. It says nothing of an acute
    /// injury at another time (a rhabdomyolysis whose creatinine was normal on admission and rose later), and a raised
    /// creatinine alone cannot tell an acute injury from chronic disease: neither is read from it.
    /// </summary>
    public const double CreatinineNormalUmolL = 110, CreatinineNormalMgDl = 1.24;

    /// <summary>Milliequivalents of calcium per millimole: the ion is divalent.</summary>
    private const double CalciumMEqPerMmol = 2;

    /// <summary>HbA1c of 6.5 % or more is diabetes, under 5.7 % normal (American Diabetes Association, Diabetes Care 2010;33 Suppl 1:S62-S69).</summary>
    public const double HbA1cDiabetesPercent = 6.5, HbA1cNormalPercent = 5.7;

    /// <summary>Serum ACE above the upper reference limit of the common spectrophotometric assay, 8-52 U/L (Lieberman 1975).</summary>
    public const double AceHighUl = 52;

    /// <summary>Eosinophilia is a blood count over 500 per microlitre (Valent et al., J Allergy Clin Immunol 2012).</summary>
    public const double EosinophilsHighPerUl = 500;

    /// <summary>Which way a laboratory value is said to lie, for analytes whose level is a finding (a urine calcium is no serum level).</summary>
    private static readonly (Regex Analyte, string? High, string? Low)[] DirectionalLabs =
    [
        (new Regex(@"\bca(?:2\+|²⁺|\+\+)|\bca\b(?!\s*(?:19-?9|125|15-?3|27[.-]29|72-?4)\b)(?=\s*(?:\d|/\s*po4\b|,?\s*(?:and|&)\s*(?:phos|po4|p\b|mg\b|magnesium|alb)|,\s*(?:phos|po4|p\b)|(?:was|is|were|are)?\s*(?:normal|nl|wnl|high|low|raised|elevated)\b|\s*$))|(?<!\b(?:urine|urinary)\s+(?:[\w-]+\s+)?)\b(?:serum |total |ionised |ionized |corrected )?(?:calcium|" + CalcaemiaWord + @")\b(?![\s-]*(?:carbonate|excretion|gluconate|chloride|supplement|phosphate|x|×|-?alkali|infusion|deposit|salts))", RegexOptions.IgnoreCase), "hypercalcaemia", "hypocalcaemia"),
        // A bare 'P' is phosphorus only after a bare 'Ca' ("Ca and P normal", "Ca normal, P high", "Ca/P 2.4/1.1").
        (new Regex(@"(?<!calcium[\s-]|(?:x|×)\s*)\b(?:phosphate|phosphorus|po4|" + PhosphataemiaWord + @")\b(?!\s+product)|(?<=" + BareCaThen + @"{0,25}?(?:,|and|&|/)\s*)\bp\b(?=\s*(?:(?:was|were|is|are)\s+)?(?:normal|nl|wnl|high|low|raised|elevated|\d)|\s*$)", RegexOptions.IgnoreCase), "phosphate_high", null),
        // "iPTH" is the intact hormone as laboratory tables abbreviate it. The parathyroid hormone-related peptide is another
        // analyte, a tumour's (its "normal" had judged the hormone before it: "PTH under 6 and the PTH-related peptide normal").
        (new Regex(@"\b(?:intact )?(?:i-?pth|pth|parathyroid hormone|parathormone)\b" + NotRelatedPeptide, RegexOptions.IgnoreCase), "pth_high", "pth_low"),
        (new Regex(@"\b(?:ck|cpk|creatin(?:in)?e (?:phospho)?kinases?|muscle enzymes)\b", RegexOptions.IgnoreCase), "ck_elevated", null),
        (new Regex(@"\b(?:uric acid|urate)\b", RegexOptions.IgnoreCase), "uric_acid_high", null),
        (new Regex(@"\b(?:ace|angiotensin[- ]converting enzyme)\b", RegexOptions.IgnoreCase), "ace_high", null),
        (new Regex(@"\b(?:1,25-dihydroxy ?vitamin d|1,25\(oh\)2 ?d3?|calcitriol)\b", RegexOptions.IgnoreCase), "calcitriol_high", null),
        // Plain "vitamin D" too: it ends the stretch of the analyte before it ("PTH was undetectable and the vitamin D
        // metabolite was raised"; "phosphate low and vitamin D high"), and its own "high" is the 25-OH level's.
        (new Regex(@"\b(?:25-hydroxy ?vitamin d|25\(oh\) ?d|25-oh ?d|vitamin d[23]?(?: metabolites?| levels?)?)\b", RegexOptions.IgnoreCase), "vitamin_d_excess", null),
        (new Regex(@"\b(?:lipase|amylase|(?:serum )?pancreatic enzymes?)\b", RegexOptions.IgnoreCase), "lipase_high", null),
        (new Regex(@"\b(?:eosinophils?|aec|(?:absolute )?eosinophil counts?)\b", RegexOptions.IgnoreCase), "eosinophilia", null),
    ];

    /// <summary>
    /// A direction word, a laboratory table's flag ('(H)', '(L)'), or a multiple of the upper reference limit ('ten times
    /// the upper limit of normal', '3 x ULN', 'fivefold above normal'), which is high.
    /// </summary>
    [GeneratedRegex(@"\b(?<dir>high|raised|elevated|increased|low|suppressed|undetectable|decreased)\b(?!-|\s+dos)|\bon\s+(?:the\s+)?(?<dir>higher|lower)\s+side\b|(?-i:\((?<flag>H|L)\))|\b(?<times>(?:\d+(?:\.\d+)?|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|a\s+hundred|several|many)[\s-]*(?:times|fold|x|×)\s+(?:(?:above|over)\s+)?(?:the\s+)?(?:upper\s+(?:limit|reference)|normal|uln)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex Direction();

    /// <summary>
    /// "Calcium was first very low and later became severely high", "PTH was suppressed", "CK rose and stayed high":
    /// the words of direction that follow an analyte within its own stretch of text (up to the next analyte or 90
    /// characters), each counted; a negated one ("not raised") is left to the normal-value grammar.
    /// </summary>
    private static void Directions(Sentence s, List<ObservedFinding> found)
    {
        var mentions = DirectionalLabs.SelectMany(l => l.Analyte.Matches(s.Text).Select(m => (m, l.High, l.Low))).OrderBy(x => x.m.Index).ToList();
        for (int i = 0; i < mentions.Count; i++)
        {
            var (m, high, low) = mentions[i];
            int start = m.Index + m.Length;
            int end = Math.Min(s.Text.Length, start + 90);
            if (i + 1 < mentions.Count) end = Math.Min(end, mentions[i + 1].m.Index);
            if (end <= start) continue;
            var stretch = s.Text[start..end];
            // A direction standing before the next analyte is that one's ("PTH was raised in spite of a low calcium").
            if (i + 1 < mentions.Count && end == mentions[i + 1].m.Index && DirectionBeforeAnalyte().Match(stretch) is { Success: true } next)
                stretch = stretch[..next.Index];
            foreach (Match d in Direction().Matches(stretch))
            {
                if (NegatedBefore().IsMatch(stretch[..d.Index])) continue;
                bool up = d.Groups["times"].Success || d.Groups["flag"].Value == "H"
                    || d.Groups["dir"].Value.ToLowerInvariant() is "high" or "raised" or "elevated" or "increased" or "higher";
                var id = up ? high : low;
                if (id is null) continue;
                // Denied before the analyte ("at no time was the creatine kinase raised"), the direction is absent.
                var status = ContextAnalyzer.Classify(s.Text, start + d.Index, d.Length);
                if (status == MentionStatus.Negated) found.Add(Make(id, false, s, m, d.Value.ToLowerInvariant()));
                if (status != MentionStatus.Affirmed) continue;
                found.Add(Make(id, true, s, m, d.Value.ToLowerInvariant()));
            }
        }
    }

    [GeneratedRegex(@"\b(?:not|never|no)\s+(?:\w+\s+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex NegatedBefore();

    [GeneratedRegex(@"\b(?:high|raised|elevated|increased|low|suppressed|decreased)\s+(?:serum\s+|plasma\s+|total\s+|ionised\s+|ionized\s+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex DirectionBeforeAnalyte();

    [GeneratedRegex(@"\b(?:limits?|bounds?)\s+of\s+$", RegexOptions.IgnoreCase)]
    private static partial Regex LimitOfBefore();

    [GeneratedRegex(@"\b(?:short(?:ened)?|stubby)\s+(?:fourth|fifth|4th|5th)\b|\b(?:fourth|fifth|4th|5th)\s+(?:and\s+(?:fourth|fifth|4th|5th)\s+)?(?:fingers?|metacarpals?|digits?|toes?|metatarsals?)\s+(?:\w+\s+){0,3}?short(?:ened)?\b", RegexOptions.IgnoreCase)]
    private static partial Regex Brachydactyly();

    /// <summary>
    /// The cyst-with-dot sign of a cysticercus, however worded: a cyst (or cystic, anechoic or hypoechoic lesion) with,
    /// holding or containing a bright, echogenic or hyperintense nodule, dot, focus or speck (the scolex, on ultrasound,
    /// CT or MRI; Del Brutto 2017's diagnostic criteria). A mural nodule of a tumour is not a bright dot, and foci that cast
    /// an acoustic shadow are calcium ("a hypoechoic lesion with echogenic foci casting posterior acoustic shadows"); nor is
    /// an inflamed fat's hypoechoic area ("hypoechoic areas in the subcutaneous fat with small echogenic foci": panniculitis).
    /// </summary>
    [GeneratedRegex(@"\b(?:cysts?|cystic\s+(?:lesions?|masses|mass|areas?|spaces?|structures?)|(?:an|hypo)echoic\s+(?:lesions?|structures?))\b[^.;]{0,40}?\b(?:with|holding|containing|enclosing|showing|had|has|having)\b[^.;]{0,30}?\b(?:bright|echogenic|hyperechoic|hyperechogenic|hyperdense|hyperintense)\s+(?:\w+\s+)?(?:nodules?|dots?|foci|focus|specks?|spots?|nidus)\b(?![^.;]{0,40}?\bshadow)", RegexOptions.IgnoreCase)]
    private static partial Regex CystWithDot();

    /// <summary>
    /// Hard or firm among other adjectives before the lesion ("hard, porcelain-white plates", "firm and mobile nodules",
    /// "hard, fixed, painless lump"): the lexicon's phrases need the adjective next to the noun.
    /// </summary>
    [GeneratedRegex(@"\b(?:stony\s+|rock\s+|very\s+)?(?:hard|firm)(?:\s*,\s*|\s+and\s+)(?:[\w-]+\s*,?\s+(?:and\s+)?){0,3}(?:plates?|plaques?|nodules?|lumps?|masses|mass|swellings?|papules?|lesions?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex HardAmongAdjectives();

    [GeneratedRegex(@"\bnon(?:-|\s)$", RegexOptions.IgnoreCase)]
    private static partial Regex NonPrefix();

    [GeneratedRegex(@"\b(?:painless|pain-free|pain free|nontender|untender|asymptomatic)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PainlessWord();

    [GeneratedRegex(@"\b(?:no|not|without)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NegatedWithin();

    [GeneratedRegex(@"\b(?:25-hydroxy ?vitamin d|25\(oh\) ?(?:vitamin )?d3?|25-oh ?(?:vitamin )?d3?)\b\D{0,20}?" + Number + @"\s*(ng/ml|nmol/l)", RegexOptions.IgnoreCase)]
    private static partial Regex Vitamin25Value();

    [GeneratedRegex(@"\b(?:1,25-dihydroxy ?vitamin d|1,25\(oh\)2 ?d3?|calcitriol)\b\D{0,20}?" + Number + @"\s*(pg/ml|pmol/l)", RegexOptions.IgnoreCase)]
    private static partial Regex Vitamin125Value();

    /// <summary>
    /// eGFR, GFR or the estimated GFR with its value in the same phrase: never the TmP/GFR of phosphate handling, and never
    /// a number past a comma ("a raised TmP/GFR, low intact FGF23" is no GFR of 23).
    /// </summary>
    [GeneratedRegex(@"(?<![/\w])(?:e?gfr|estimated\s+(?:gfr|glomerular\s+filtration\s+rate))\b[^\d.;,]{0,20}?(" + Decimal + @")\s*(?:ml/min)?", RegexOptions.IgnoreCase)]
    private static partial Regex EgfrValue();

    /// <summary>Serum creatinine with its unit (umol/L or mg/dL); a creatinine clearance or a urine creatinine is not it.</summary>
    [GeneratedRegex(@"(?<!urine\s|urinary\s)\b(?:serum\s+)?(?:creatinine|creat|cr)\b(?!\s+(?:clearance|kinase|phosphokinase|ratio))\D{0,20}?(" + Decimal + @")\s*(µmol/l|umol/l|micromol/l|" + MgDl + ")", RegexOptions.IgnoreCase)]
    private static partial Regex CreatinineValue();

    [GeneratedRegex(@"\b(?:rose|rises|rising|risen|increas\w*|peak\w*|climb\w*|worsen\w*|deteriorat\w*|doubl\w*|from|baseline|then|later|fell|fall\w*|improv\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CreatinineCourse();

    /// <summary>The bones, or the bone's parts, a lesion can lie apart from or wear away (a regular-expression alternation).</summary>
    private const string BoneNames = @"bones?|cortex|cortices|periosteum|skeleton|femur|femora|tibiae?|fibula|humerus|radius|ulna|pelvis|ilium|ischium|pubis|scapula|ribs?|vertebrae?|skull|calvari(?:um|a)|cranium|mandible|condyles?|condylar\s+head|clavicle|sternum|phalanx|phalanges|metacarpals?|metatarsals?|calcaneus|patella|ilia|sacrum|coccyx|acetabul(?:um|a)|iliac\s+crests?|trochanters?";

    /// <summary>
    /// A lesion said to lie apart from the bone beside it ("parted from the pelvic bone by a plane of soft tissue", "lay
    /// well apart from the bones", "separated from the femur by a lucent cleft") involves no bone: the cleft that parts
    /// myositis ossificans from the cortex next to it, where ossification spreading from a bone (fibrodysplasia
    /// ossificans progressiva, an exostosis) or a sarcoma eroding it is joined to it. "Separated" and "parted" anywhere;
    /// "apart" or "separate from" after a verb or an adverb only: "apart from the bone pain" at the head of a clause means "except";
    /// after a comma a note's "separate from femur" or "distinct from the tibia" still describes the lesion.
    /// </summary>
    [GeneratedRegex(@"(?:\b(?:separated|parted)|(?<=\b(?:lay|lies|lie|lying|was|were|is|are|sat|sits|situated|located|seen|remained|well|clearly|completely|entirely|distinctly|quite|appears?|appeared|seems?|seemed)\s+)(?:apart|separate|distinct|free)|(?<=,\s*)(?:separate|distinct))\s+from\s+(?:the\s+|an?\s+|its\s+|their\s+)?(?:[a-z]+\s+){0,2}?(?:" + BoneNames + @")\b(?!\s+(?:pain|scan|marrow|density|age|disease))", RegexOptions.IgnoreCase)]
    private static partial Regex ApartFromBoneWords();

    /// <summary>
    /// Vitamin D taken beyond its dose, told as the dose exceeded rather than named as an overdose of vitamin D ("gave her
    /// an over-the-counter vitamin D supplement at more than the dose", "took too much cholecalciferol", "doses of
    /// ergocalciferol far above those prescribed"): the vitamin and the excess in one sentence. Given by someone else (a
    /// parent, a carer) it is still the patient's intake. A daily dose of 10,000 IU or more is beyond the tolerable upper
    /// intake for adults (Holick et al., Endocrine Society guideline, J Clin Endocrinol Metab 2011); a weekly 50,000 IU
    /// is a usual repletion dose and is not matched.
    /// </summary>
    [GeneratedRegex(@"\b(?:vitamin\s+d[23]?|ch?olecalciferol|ergocalciferol|calcifediol)\b", RegexOptions.IgnoreCase)]
    private static partial Regex VitaminDWord();

    [GeneratedRegex(@"\b(?:(?:[1-9]\d|[1-9]\d\d)[,.\s]?000\s*(?:iu|units|international\s+units)\b[^.;]{0,50}?\b(?:daily|a\s+day|per\s+day|each\s+day|every\s+day)|overdos\w*|too\s+much(?!\s+(?!vitamin|ch?olecalciferol|ergocalciferol|calcifediol|of\b)[a-z])|more\s+than\s+(?:the\s+)?(?:\w+\s+)?dose|(?:far\s+)?(?:above|beyond|over)\s+(?:the\s+|those\s+)?(?:\w+\s+)?(?:dose|doses|prescribed)|excessive\s+(?:doses?|amounts?)|megados\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex BeyondTheDose();

    private static void VitaminDOverdose(Sentence s, List<ObservedFinding> found)
    {
        if (!VitaminDWord().IsMatch(s.Text)) return;
        foreach (Match m in BeyondTheDose().Matches(s.Text))
        {
            // The vitamin and its excess within one part of the sentence (a semicolon starts another matter).
            int start = s.Text.LastIndexOf(';', m.Index) + 1, end = s.Text.IndexOf(';', m.Index);
            if (!VitaminDWord().IsMatch(s.Text[start..(end < 0 ? s.Text.Length : end)])) continue;
            var status = ContextAnalyzer.Classify(s.Text, m.Index, m.Length);
            if (status is MentionStatus.Affirmed or MentionStatus.Negated or MentionStatus.OtherPerson)
                found.Add(Make("vitamin_d_excess", status != MentionStatus.Negated, s, m, null));
        }
    }

    /// <summary>
    /// Body regions far apart: the knowledge base's regions of the limbs and trunk, never the large joints (a kind of
    /// place, not a region of its own) nor the groin and the genitals (beside the buttocks and thighs).
    /// </summary>
    private static readonly HashSet<string> DistantRegions =
        ["site_gluteal", "site_thigh", "site_upper_limb", "site_lower_leg", "site_hands", "site_head_neck", "site_abdominal_wall", "site_chest_wall", "site_back", "site_foot", "site_retroperitoneum"];

    [GeneratedRegex(@"\b(?:elbows?|shoulders?|wrists?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex UpperLimbJoint();

    [GeneratedRegex(@"\b(?:knees?|ankles?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LowerLimbJoint();

    /// <summary>Calcium named in this many regions far apart in one sentence ("in the buttocks, thighs and arms") is widespread.</summary>
    public const int WidespreadMinRegions = 3;

    private static void WidespreadBySites(Sentence s, List<ObservedFinding> found, int sentenceStart)
    {
        if (!CalcificationWord().IsMatch(s.Text)) return;
        var regions = found.Skip(sentenceStart).Where(f => f.Present && DistantRegions.Contains(f.Id)).ToList();
        var named = regions.Select(f => f.Id).ToHashSet();
        // A large joint stands for its limb ("over the elbows, knees and buttocks": arm, leg and buttock).
        if (found.Skip(sentenceStart).Any(f => f.Present && f.Id == "site_large_joint"))
        {
            if (UpperLimbJoint().IsMatch(s.Text)) named.Add("site_upper_limb");
            if (LowerLimbJoint().IsMatch(s.Text)) named.Add("site_lower_leg");
        }
        if (named.Count < WidespreadMinRegions || regions.Count == 0) return;
        var first = regions.MinBy(f => f.Span?.Start ?? 0)!;
        found.Add(new ObservedFinding("widespread", true, "text", s.Evidence) { Span = first.Span });
    }

    private static void ApartFromBone(Sentence s, List<ObservedFinding> found)
    {
        foreach (Match m in ApartFromBoneWords().Matches(s.Text))
            if (ContextAnalyzer.Classify(s.Text, m.Index, m.Length) == MentionStatus.Affirmed)
                found.Add(Make("bone_involvement", false, s, m, null));
    }

    /// <summary>
    /// A lesion that wears away or invades the bone beside it involves the bone, however the erosion is told: with a verb
    /// ("eroded the surfaces of the bones beside it", "scalloping the cortex", "invading the tibia"), as a noun with its
    /// bone ("erosion of the adjacent phalanx", "destruction of the cortex"); an erosion named bony ("punched-out
    /// erosions") is a term of the lexicon. The erosions of tophi, of tumoral calcinosis against its joint and of sarcomas.
    /// </summary>
    [GeneratedRegex(@"\b(?:(?:erod(?:e|ed|es|ing)|scallop(?:ed|s|ing)?|invad(?:e|ed|es|ing)|destroy(?:ed|s|ing)?|remodell?(?:ed|s|ing)?)\s+(?:into\s+)?|(?:erosions?|scalloping|destruction|invasion)\s+(?:of|into)\s+)(?:the\s+|an?\s+|its\s+|their\s+)?(?:[a-z]+\s+){0,3}?(?:bony|cortical|" + BoneNames + @")\b", RegexOptions.IgnoreCase)]
    private static partial Regex ErodesBoneWords();

    private static void ErodesBone(Sentence s, List<ObservedFinding> found)
    {
        foreach (Match m in ErodesBoneWords().Matches(s.Text))
            if (ContextAnalyzer.Classify(s.Text, m.Index, m.Length) is var status and (MentionStatus.Affirmed or MentionStatus.Negated))
                found.Add(Make("bone_involvement", status == MentionStatus.Affirmed, s, m, null));
    }

    private static void Numbers(Sentence s, List<ObservedFinding> found)
    {
        // A reading that returns no verdict is left unread.
        void Value(Regex rx, string id, Func<double, string?, bool?> high)
        {
            foreach (Match m in rx.Matches(s.Text))
            {
                if (!TryValue(m, 1, out var v)) continue;
                string? unit = m.Groups.Count > 2 ? UnitOf(m.Groups[2].Value) : null;
                if (high(v, unit) is not { } verdict) continue;
                found.Add(Make(id, verdict, s, m, $"{m.Groups[1].Value} {unit}".Trim()));
            }
        }
        Value(CkValue(), "ck_elevated", (v, _) => v > 200);
        Value(PhosphateValue(), "phosphate_high", (v, u) => u switch { "mmol/l" => v > PhosphateHighMmolL, "mg/dl" => v > PhosphateHighMgDl, _ => PhosphateBareHigh(v) });
        // A product in mmol2/L2 is converted (calcium's 4.008 mg/dL per mmol/L times phosphate's 3.097: 12.4), and so is a
        // bare product under CaPBareMmolBelow.
        Value(CaPValue(), "ca_phos_high", (v, u) => ((u is "" ? v < CaPBareMmolBelow : u!.StartsWith("mmol"))
            ? v * CalciumMgDlPerMmolL * PhosphateMgDlPerMmolL : v) > CaPHighMg2Dl2);
        CalciumPhosphateProduct(s, found);
        // One PTH value says both whether it is raised and, below the reference range, that it is suppressed: calcium
        // raised by something other than the parathyroids.
        foreach (Match m in PthValue().Matches(s.Text))
        {
            if (!TryValue(m, 1, out var pth)) continue;
            bool pmol = m.Groups[2].Value.Equals("pmol/l", StringComparison.OrdinalIgnoreCase);
            var detail = $"{m.Groups[1].Value} {m.Groups[2].Value.ToLowerInvariant()}";
            found.Add(Make("pth_high", pth > (pmol ? PthHighPmolL : PthHighPgMl), s, m, detail));
            if (pth < (pmol ? PthLowPmolL : PthLowPgMl)) found.Add(Make("pth_low", true, s, m, detail));
        }
        Value(Vitamin25Value(), "vitamin_d_excess", (v, u) => u == "nmol/l" ? v > Vitamin25ToxicNmolL : v > Vitamin25ToxicNgMl);
        Value(Vitamin125Value(), "calcitriol_high", (v, u) => u == "pmol/l" ? v > Calcitriol125HighPmolL : v > Calcitriol125HighPgMl);
        // An eGFR of 90 or more is normal kidney function (KDIGO 2012, G1): no chronic kidney disease.
        foreach (Match m in EgfrValue().Matches(s.Text))
            if (TryValue(m, 1, out var egfr) && (egfr < EgfrCkdMlMin || egfr >= EgfrNormalMlMin))
                found.Add(Make("ckd_dialysis", egfr < EgfrCkdMlMin, s, m, $"eGFR {m.Groups[1].Value}"));
        foreach (Match m in CreatinineValue().Matches(s.Text))
        {
            if (!TryValue(m, 1, out var creatinine)) continue;
            bool mgDl = UnitOf(m.Groups[2].Value) == "mg/dl";
            if (creatinine > (mgDl ? CreatinineNormalMgDl : CreatinineNormalUmolL)) continue;
            // A value in a course ("rose from 80 to 450", "from a baseline of 78") is no steady kidney function.
            if (CreatinineCourse().IsMatch(s.Text)) break;
            found.Add(Make("ckd_dialysis", false, s, m, $"creatinine {m.Groups[1].Value} {m.Groups[2].Value}"));
        }
        // Diabetes from an HbA1c of 6.5 % or more; under 5.7 % none (American Diabetes Association, Standards of Care 2010).
        foreach (Match m in HbA1cValue().Matches(s.Text))
            if (TryValue(m, 1, out var a1c) && (a1c >= HbA1cDiabetesPercent || a1c < HbA1cNormalPercent))
                found.Add(Make("diabetes", a1c >= HbA1cDiabetesPercent, s, m, $"HbA1c {m.Groups[1].Value} %"));
        Value(AceValue(), "ace_high", (v, _) => v > AceHighUl);
        Value(EosinophilCountValue(), "eosinophilia", (v, _) => v > EosinophilsHighPerUl);
        Value(EosinophilGigaValue(), "eosinophilia", (v, _) => v * 1000 > EosinophilsHighPerUl);
        Directions(s, found);
        foreach (Match m in Brachydactyly().Matches(s.Text))
            if (ContextAnalyzer.Classify(s.Text, m.Index, m.Length) == MentionStatus.Affirmed) found.Add(Make("brachydactyly", true, s, m, null));
        // "Painless", "nontender" and "asymptomatic" say pain is absent: the lexicon's "pain" and "tender" do not match inside
        // them ("non-tender" is the lexicon's "tender" denied by its prefix).
        foreach (Match m in PainlessWord().Matches(s.Text))
            if (ContextAnalyzer.Classify(s.Text, m.Index, m.Length) is MentionStatus.Affirmed) found.Add(Make("pain", false, s, m, null));
        foreach (Match m in HardAmongAdjectives().Matches(s.Text))
            if (ContextAnalyzer.Classify(s.Text, m.Index, m.Length) is var status and (MentionStatus.Affirmed or MentionStatus.Negated))
                found.Add(Make("hard_nodules", status == MentionStatus.Affirmed, s, m, null));
        // "A cyst with no echogenic nodule" says the sign is absent.
        foreach (Match m in CystWithDot().Matches(s.Text))
            if (ContextAnalyzer.Classify(s.Text, m.Index, m.Length) == MentionStatus.Affirmed)
                found.Add(Make("cyst_with_scolex", !NegatedWithin().IsMatch(m.Value), s, m, null));
        Value(UrateValue(), "uric_acid_high", (v, u) => u == "mg/dl" || u == "" && v is >= 2 and < 20 ? v > 6.8 : u == "mmol/l" || u == "" && v < 2 ? v > 0.4 : v > 400);
        Value(EosinophilValue(), "eosinophilia", (v, _) => v > 6);
        Value(EosinophilShareFirst(), "eosinophilia", (v, _) => v > 6);
        // Pancreatic enzymes count as raised from three times the upper reference limit, the threshold of the revised
        // Atlanta classification of acute pancreatitis (Banks et al., Gut 2013): lipase about 60 U/L and amylase about
        // 100 U/L in most laboratories.
        foreach (Match m in PancreaticEnzymeValue().Matches(s.Text))
        {
            if (!TryNumber(m.Groups[1].Value, out var v)) continue;
            bool lipase = m.Value.StartsWith("lipase", StringComparison.OrdinalIgnoreCase);
            found.Add(Make("lipase_high", v > (lipase ? LipaseHighUl : AmylaseHighUl), s, m, $"{m.Groups[1].Value} U/L"));
        }
        // Serum calcium outside the usual adult reference range: total 2.1-2.6 mmol/L (8.5-10.5 mg/dL), ionised
        // 1.1-1.35 mmol/L (4.5-5.4 mg/dL); a value within it is neither high nor low.
        foreach (Match m in CalciumValue().Matches(s.Text))
        {
            if (!TryValue(m, 2, out var v)) continue;
            string caUnit = UnitOf(m.Groups[3].Value);
            bool mEq = caUnit == "meq/l";
            if (mEq) v /= CalciumMEqPerMmol;
            bool ionised = m.Groups[1].Success, mmol = mEq || CalciumInMmolL(caUnit, v);
            double high = ionised ? (mmol ? CalciumIonisedHighMmolL : CalciumIonisedHighMgDl) : (mmol ? CalciumHighMmolL : CalciumHighMgDl);
            double low = ionised ? (mmol ? CalciumIonisedLowMmolL : CalciumIonisedLowMgDl) : (mmol ? CalciumLowMmolL : CalciumLowMgDl);
            string detail = $"{m.Groups[2].Value} {(m.Groups[3].Length > 0 ? m.Groups[3].Value : mmol ? "mmol/L" : "mg/dL")}";
            found.Add(Make("hypercalcaemia", v > high, s, m, detail));
            found.Add(Make("hypocalcaemia", v < low, s, m, detail));
        }
        NormalResults(s, found);
    }

    /// <summary>
    /// Tests reported normal: "calcium, phosphate and PTH were normal", "normal CK", "routine biochemistry was
    /// unremarkable", "renal function was normal". Each analyte of the list is read as neither high nor low, and a
    /// panel for the analytes it reports: a routine chemistry panel (the basic metabolic panel and the bone profile)
    /// reports calcium, phosphate and the kidney function (creatinine or urea), so a normal one is no hypercalcaemia,
    /// no raised phosphate and no chronic kidney disease. An analyte given with a value or a direction of its own
    /// ("calcium was high and phosphate normal") keeps it, and a sentence with an exception ("normal apart from...")
    /// is left to the analytes' own values.
    /// </summary>
    private static void NormalResults(Sentence s, List<ObservedFinding> found)
    {
        var text = s.Text;
        if (Exception().IsMatch(text)) return;
        foreach (Match n in NormalWord().Matches(text))
        {
            // "Three times the upper limit of normal" is a value's reference, not a normal result.
            if (NegatedBefore().IsMatch(text[..n.Index]) || LimitOfBefore().IsMatch(text[..n.Index])) continue;
            // "Normal" before the results ("normal calcium and CK"), or after them: with a copula, as "within normal
            // limits" or "unremarkable", or closing a clause without one ("calcium was high and phosphate normal").
            bool predicative = n.Groups["copula"].Success || !n.Value.StartsWith("normal", StringComparison.OrdinalIgnoreCase)
                || ClauseEnd().IsMatch(text[(n.Index + n.Length)..]);
            int from, to;
            if (predicative)
            {
                to = n.Index;
                from = 0;
                foreach (Match d in ResultsBoundary().Matches(text[..to])) from = d.Index + d.Length;
            }
            else
            {
                from = n.Index + n.Length;
                to = text.Length;
                if (ResultsBoundary().Match(text, from) is { Success: true } d) to = d.Index;
            }
            if (to <= from) continue;
            var span = text[from..to];
            // "Renal function was normal, as were calcium and phosphate": the results after 'as were' are normal too.
            if (predicative && AsWereAfter().Match(text[(n.Index + n.Length)..]) is { Success: true } aw) span += " " + aw.Groups["list"].Value;
            var analytes = DirectionalLabs.SelectMany(l => l.Analyte.Matches(span).Select(m => (m, Ids: new[] { l.High, l.Low })))
                .Concat(NormalPanels.SelectMany(p => p.Panel.Matches(span).Select(m => (m, Ids: p.Normal))))
                .OrderBy(x => x.m.Index).ToList();
            for (int i = 0; i < analytes.Count; i++)
            {
                var (m, ids) = analytes[i];
                int end = i + 1 < analytes.Count ? analytes[i + 1].m.Index : span.Length;
                int after = m.Index + m.Length;
                // Its own value or direction, or calcium as a deposit somewhere ("calcium in the muscles"), is not this result.
                if (end > after && OwnResult().IsMatch(span[after..end])) continue;
                foreach (var id in ids)
                    if (id is not null) found.Add(Make(id, false, s, n, "normal"));
                if (ids.Contains("hypercalcaemia")) found.Add(Make("ca_phos_high", false, s, n, "normal"));
            }
        }
    }

    /// <summary>What a normal panel reports: the findings read from it as absent.</summary>
    private static readonly (Regex Panel, string?[] Normal)[] NormalPanels =
    [
        (new Regex(@"\b(?:(?:serum|blood|routine|basic|comprehensive)\s+)?(?:bio)?chemistry\b|\bmetabolic\s+(?:panel|profile)\b|\bbone\s+(?:profile|chemistry)\b|\b(?:blood|laboratory|lab)\s+(?:tests?|investigations?|studies|work-?up|results|values|parameters|findings|data)\b|\b(?:routine\s+)?bloods\b|\blabs\b", RegexOptions.IgnoreCase),
            ["hypercalcaemia", "hypocalcaemia", "phosphate_high", "ckd_dialysis"]),
        (new Regex(@"\b(?:renal|kidney)(?:\s+and\s+(?:liver|hepatic))?\s+(?:function|profile|parameters|tests?)\b|\b(?:liver|hepatic)\s+and\s+(?:renal|kidney)\s+(?:function|profile|parameters|tests?)\b|\bcreatinine\b|\bcreatinin(?:a)?emia\b|\burea\b|\begfr\b|\bu\s*&\s*es?\b", RegexOptions.IgnoreCase),
            ["ckd_dialysis"]),
    ];

    /// <summary>"Normal" said of results: after a copula ("were normal", "came back normal", "has consistently been within the reference range"), in "within normal limits" or "unremarkable", or before them ("normal calcium").</summary>
    [GeneratedRegex(@"(?<copula>\b(?:was|were|is|are|remained|came\s+back|proved|(?:has|have|had)\s+(?:(?:always|consistently|repeatedly|persistently|also|otherwise)\s+)?been)\s+(?:(?:all|entirely|completely|otherwise|essentially|also|again)\s+)?)?(?:\bnormal\b|\b(?:within|in)\s+(?:the\s+)?(?:normal|reference)\s+(?:limits?|ranges?|values?|intervals?)\b|\b(?:within|in)\s+the\s+norm\b|\b(?:within|in)\s+(?:the\s+range\s+of\s+)?normality\b|\bwnl\b|\bunremarkable\b|\bnot\s+(?:raised|elevated|increased|high|deranged|abnormal)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex NormalWord();

    /// <summary>Where a list of results starts or ends: a clause of its own, or a verb of finding before it ('has' and 'had' but where they open a perfect copula, 'has been').</summary>
    [GeneratedRegex(@"[;:]|\b(?:but|while|whereas|although|though|however|showed|revealed|demonstrated|evidenced|found|noted|with)\b|\b(?:had|has)\b(?!\s+(?:\w+\s+)?been\b)", RegexOptions.IgnoreCase)]
    private static partial Regex ResultsBoundary();

    [GeneratedRegex(@"^\s*(?:[,.;]|and\b|$)", RegexOptions.IgnoreCase)]
    private static partial Regex ClauseEnd();

    [GeneratedRegex(@"^\s*,\s*as\s+(?:were|was)\s+(?<list>[^.;]+)", RegexOptions.IgnoreCase)]
    private static partial Regex AsWereAfter();

    [GeneratedRegex(@"\b(?:except|apart\s+from|other\s+than|aside\s+from|save\s+for|exception)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Exception();

    /// <summary>After an analyte, before the next: a value (not a digit of a name, as in anti-Scl-70), a direction, or a place (calcium as a deposit).</summary>
    [GeneratedRegex(@"(?<![\w-])\d|\b(?:high|raised|elevated|increased|low|suppressed|undetectable|decreased|abnormal|deranged|in|within|around|along|over|under|at)\b", RegexOptions.IgnoreCase)]
    private static partial Regex OwnResult();

    /// <summary>Sentences of the patient's story: not in a general section (background, discussion), not a general statement.</summary>
    private static bool AboutThePatient(Sentence s) => !TextDocument.GeneralSections.Contains(s.Section) && !ContextAnalyzer.IsGeneric(s.Text);

    private static void Demographics(string text, IReadOnlyList<Sentence> sentences, List<ObservedFinding> found)
    {
        bool aged = false;
        foreach (var s in sentences.Where(AboutThePatient))
        {
            var m = AgePattern().Match(s.Text);
            string band, detail;
            if (m.Success)
            {
                var digits = m.Groups.Values.Skip(1).First(g => g.Success).Value;
                if (!int.TryParse(digits, out var age) || age > 120) continue;
                (band, detail) = (AgeBands.For(age), $"age {age}");
            }
            else if (WordAgePattern().Match(s.Text) is { Success: true } words)
            {
                int age = WordNumber(words.Groups.Values.Skip(1).First(g => g.Success).Value);
                (m, band, detail) = (words, AgeBands.For(age), $"age {age}");
            }
            // An age in months, weeks or days is a baby's: under 16 whatever the number.
            else if (InfantAgePattern().Match(s.Text) is { Success: true } baby) (m, band, detail) = (baby, "age_child", baby.Value);
            else if (DecadePattern().Match(s.Text) is { Success: true } decade) (m, band, detail) = (decade, AgeBands.For(DecadeAge(decade)), decade.Value);
            else continue;
            found.Add(Make(band, true, s, m, detail));
            foreach (var other in AgeBands.All.Where(b => b != band)) found.Add(Make(other, false, s, m, detail));
            aged = true;
            break;
        }
        // Without an age in years, "a child", "a preschool girl", "a child's forearm" still place the patient under 16, and
        // "an elderly woman", "an old man", "an octogenarian" among the old.
        if (!aged)
            foreach (var s in sentences.Where(AboutThePatient))
            {
                if (ChildWord().Match(s.Text) is { Success: true } c) { found.Add(Make("age_child", true, s, c, "child")); break; }
                if (ElderlyWord().Match(s.Text) is { Success: true } e) { found.Add(Make("age_elderly", true, s, e, "elderly")); break; }
            }
        var patient = string.Join(' ', sentences.Where(s => !TextDocument.GeneralSections.Contains(s.Section)).Select(s => s.Text));
        int f = FemaleWord().Matches(patient).Count, male = MaleWord().Matches(patient).Count;
        if (f + male >= 1 && f != male)
        {
            var first = (f > male ? FemaleWord() : MaleWord()).Match(patient);
            var at = text.IndexOf(first.Value, StringComparison.Ordinal);
            found.Add(new ObservedFinding("sex_female", f > male, "text", f > male ? "female" : "male") { Span = at >= 0 ? (at, first.Length) : null });
        }
    }

    [GeneratedRegex(@"\b(the|and|of|with|in|a|is|was|on|for|to|no|patient|right|left|pain|history)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishWord();

    /// <summary>Empty, binary or non-English text is refused with one line naming the problem.</summary>
    private static void Validate(string text, string? path)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new InputException(path, "text is empty");
        int control = 0;
        foreach (var c in text) if (c == '\0' || (char.IsControl(c) && c is not ('\n' or '\r' or '\t' or '\f'))) control++;
        if (control > 0.01 * text.Length) throw new InputException(path, "looks like binary data, not text");
        var words = Regex.Matches(text, @"\p{L}+").Count;
        // One word is a note too ("SLE", "dermatomyositis"): a radiologist types the history that way.
        if (words < 1) throw new InputException(path, "has no words to read");
        var english = EnglishWord().Matches(text).Count;
        var latin = Regex.Matches(text, @"[A-Za-z]").Count;
        if (latin < 0.5 * text.Count(char.IsLetter) || (words >= 20 && english < 0.04 * words))
            throw new InputException(path, "does not look like English text; only English is read");
    }
}
