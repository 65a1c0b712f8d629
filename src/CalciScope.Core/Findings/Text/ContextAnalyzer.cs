using System.Text.RegularExpressions;

namespace CalciScope.Findings.Text;

/// <summary>What a mention means for the patient: affirmed, negated, uncertain, or about someone else.</summary>
public enum MentionStatus { Affirmed, Negated, Uncertain, OtherPerson, Generic }

/// <summary>
/// ConText-style scope rules (after Chapman et al.'s NegEx and Harkema et al.'s ConText, implemented from their
/// description): trigger phrases open a scope forwards or backwards over a few words, termination words close it;
/// pseudo-triggers are removed first; experiencer and generic statements are recognised per sentence.
/// </summary>
public static partial class ContextAnalyzer
{
    private const int ForwardWords = 8, BackwardWords = 5;
    /// <summary>How far a denial of a clause ("denied that ...") reaches: a clause of a subject, its verb and what it takes.</summary>
    private const int ClauseWords = 15;

    /// <summary>
    /// "Not" run into its verb, as patients write and speak it ("the lumps don't hurt"), with either apostrophe. "Can't"
    /// and "couldn't" are not among them: as "cannot", they hedge ("can't exclude") or are the finding ("can't lift her arms").
    /// </summary>
    private static readonly string[] NotContracted = ["don't", "doesn't", "didn't", "isn't", "wasn't", "aren't", "weren't", "hasn't", "haven't", "hadn't", "won't", "wouldn't"];

    private static readonly string[] PreNegation =
    [
        .. NotContracted, .. NotContracted.Select(c => c.Replace('\'', '\u2019')),
        "no evidence of", "no evidence for", "no signs of", "no sign of", "no features of", "no feature of", "without evidence of", "negative for",
        "absence of", "absent", "free of", "denies", "denied", "denies that", "denied that", "negated", "negates", "no", "not", "without", "nor", "never", "neither", "rules out", "ruled out",
        "no history of", "no h/o", "normal", "unremarkable", "nothing to suggest", "nothing to suggest a", "devoid of", "free from", "lacked", "lacked any",
        "lacking", "lacking any", "failed to show", "failed to reveal", "failed to demonstrate", "failed to detect", "did not show", "did not reveal",
        "did not disclose", "did not demonstrate", "none of", "excluded", "excluding", "at no time", "at no point", "nobody", "nobody else", "too small to", "too faint to",
        // The alternative set aside: "amorphous rather than zonal".
        "rather than", "instead of",
        // A screen's verdict, then what it held: "autoimmune screen negative, including ANA and dsDNA".
        "negative, including", "negative including", "negative, incl", "negative incl",
        // What the patient cannot recall did not happen, as far as the history goes ("cannot" alone is no denial: "cannot
        // exclude" hedges).
        "cannot recall", "can not recall", "can't recall", "cannot remember", "can not remember", "can't remember",
        "doesn't recall", "doesn't remember", "didn't recall", "didn't remember",
    ];

    private static readonly string[] PostNegation =
    [
        "was ruled out", "were ruled out", "has been ruled out", "is ruled out", "was excluded", "were excluded", "is absent", "are absent", "was absent",
        "were absent", "not seen", "was not seen", "were not seen", "not identified", "was not identified", "not present", "is not present", "was negative",
        "were negative", "is negative", "are negative", "within normal limits", "was normal", "were normal", "is normal", "was intact", "were intact", "remained intact",
        "not detected", "was not detected", "were not detected", "not involved", "was not involved", "were not involved", "was free of", "were free of",
        "is free of", "are free of", "was free from", "were free from", "is free from", "are free from", "was denied", "were denied", "nil",
        "was never documented", "were never documented", "never documented", "had never been prescribed", "has never been prescribed",
        "was never prescribed", "were never prescribed", "had never been given", "was never given", "had never been used", "was never used", "was never recorded", "was never found", "could not be detected",
        "could not be found", "could not be demonstrated", "was not found", "were not found", "was spared", "were spared", "were all negative",
        "was all negative", "all negative", "were all normal", "all normal", "was rejected", "were rejected", "considered and rejected",
        "was considered and rejected", "considered and excluded", "was considered and excluded", "had never occurred", "never occurred",
        "had never happened", "never happened", "negative",
        // German "negiert": what the patient denied ("a trauma was negated by the patient").
        "was negated", "were negated",
        // Russian-shaped English: "Raynaud's syndrome is not noted", "destructive changes were not revealed".
        "is not noted", "was not noted", "were not noted", "are not noted", "not revealed", "was not revealed", "were not revealed",
        // A laboratory table's verdicts: "dsDNA (-)", "ENA -ve", "ANA neg".
        "(-)", "(−)", "(–)", "(neg)", "-ve", "neg",
        // Portuguese-shaped English: a serology "non-reagent" (não reagente) is negative.
        "non-reagent", "non reagent", "nonreagent", "non-reactive", "nonreactive",
    ];

    /// <summary>
    /// Hedges of mere possibility. A hedge of probability ("probably phleboliths", "likely dystrophic calcification in the
    /// subcutaneous fat", "presumably") is not among them: it gives the writer's best reading of what was seen, and the
    /// observation under it (calcium, its place, its shape) is what the differential weighs.
    /// </summary>
    private static readonly string[] PreUncertain =
    [
        "cannot exclude", "can not exclude", "cannot rule out", "could not exclude", "possible", "possibly", "suspected",
        "suspicious for", "suspicion of", "questionable", "may represent", "may be", "might", "could be", "to rule out", "rule out", "r/o",
        "concern for", "consider", "versus", "vs", "differential includes", "unlikely", "suggestive of", "query",
        "may reflect", "might reflect", "could reflect", "may indicate", "might indicate", "could indicate", "if",
        // A ward note's query written against the word it asks about: "?rhabdo", "?gout".
        "?",
        // What was looked for, asked or listed among the possibilities, not found: "biopsy was planned to look for lobular
        // panniculitis", "asked whether calcium supplements could explain it", "the differential diagnosis included scleroderma".
        "to look for", "looking for", "looked for", "checked for", "screened for", "whether", "asked whether",
        "differential diagnosis", "differential diagnoses", "differential diagnosis included", "differential diagnoses included",
        "differential diagnosis includes", "differential included",
        // Reasoning that weighs a diagnosis and leans away from it, which neither finds it nor rules it out: "negative,
        // arguing against lupus", "this spoke against systemic sclerosis".
        "argued against", "arguing against", "argues against", "argue against", "spoke against", "speaks against",
        "militated against", "militates against", "weighed against", "against a diagnosis of", "against the diagnosis of",
        // What is yet to be done has not been done: "she was scheduled for a hip replacement".
        "scheduled for", "planned for", "listed for", "booked for", "awaiting",
    ];

    private static readonly string[] PostUncertain = ["cannot be excluded", "can not be excluded", "cannot be ruled out", "is suspected", "was suspected", "is possible", "unlikely", "?",
        "in the differential", "in the differential diagnosis", "as a differential", "as a differential diagnosis", "should be considered",
        "should be excluded", "should be sought", "to be considered", "to be excluded", "was considered", "were considered", "was doubted",
        "were doubted", "to be measured", "were to be measured", "was to be measured", "to be checked", "was to be checked", "were to be checked",
        // An operation planned is not one done: "a knee replacement had been planned because the joint space had narrowed".
        "was planned", "were planned", "had been planned", "has been planned", "is planned", "was scheduled", "were scheduled",
        "had been scheduled", "has been scheduled", "is scheduled"];

    private static readonly string[] Pseudo =
    [
        "no increase", "no change", "not only", "no further", "not necessarily", "without difficulty", "gram negative", "not certain whether",
        "no longer", "not drained", "not extended", "not cause", "no doubt",
        // A referral's request, not a condition: "I would be grateful if you could see him regarding the calcinosis".
        "grateful if",
        // The course of a lesion, not the absence of what follows: "an ulcer that would not heal on the front of the leg".
        "not heal", "not healed", "not healing", "not improve", "not improved", "not improving", "not resolve", "not resolved",
        // The term reaches beyond what is named: "calcification is not limited to the subcutaneous fat".
        "not limited to", "not confined to", "not restricted to",
        // What the examiner found, not a possibility: "small firm masses could be felt round both hips".
        "could be felt", "could be palpated", "could be seen", "could be identified", "could be demonstrated", "could be traced",
        "could be visualised", "could be visualized", "could be appreciated", "can be felt", "can be palpated", "can be seen",
    ];

    private static readonly string[] Terminators =
    [
        "but", "however", "although", "though", "except", "apart from", "aside from", "which", "whereas", "yet", "while", "still", "and there",
        "rather", "instead", ";", "nevertheless",
    ];

    private static readonly string[] OtherPerson =
    [
        "mother", "father", "sister", "brother", "son", "daughter", "aunt", "uncle", "grandmother", "grandfather", "cousin", "family history of",
        "family history", "sibling", "siblings", "parents", "wife", "husband", "spouse",
    ];

    /// <summary>
    /// Words that tie a sentence to this patient ("Pt" among them, as notes write it); a clinic letter's examination,
    /// written in the present tense ("on examination the nodules are mobile"), is the patient's too, and so is a pedigree
    /// told of this family ("the parents are first cousins", "the proband", "two of their five children are affected"),
    /// where a textbook speaks of parents in general; and a child or a stated age ("the child is a 6-year-old girl with a round
    /// face"): a textbook speaks of children in the plural and of ages in ranges. So does the patient's own voice, quoted or
    /// written ("my fingers have got tight", "I can't lift my arms"), though not a writer's "in my experience".
    /// </summary>
    [GeneratedRegex(@"\bI\s+(?:am|was|have|had|can't|can’t|cannot|could|get|got|noticed|feel|felt|take|took|keep|kept)\b|\bI['’](?:m|ve)\b|\bmy\s+(?!experience\b|opinion\b|view\b|colleagues?\b|practice\b)|\b(she|he|her|his|patient|our case|this case|this patient|our patient|we |was|were|had|has|presented|showed|shows|revealed|demonstrated|on examination|o/e|today|pt|the parents|both parents|proband|of their \w+ children|the (?:child|infant|baby|neonate|newborn|girl|boy)|\d{1,3}[\s-]*(?:years?|months?|weeks?|days?)[\s-]*old)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PatientAnchor();

    [GeneratedRegex(@"\b(usually|commonly|typically|often|generally|tends to|is characterized|is characterised|rarely|mainly|frequently|include|includes|(?:more|less|most|least)\s+(?:common|frequent|likely)\s+(?:in|among|with))\b", RegexOptions.IgnoreCase)]
    private static partial Regex GenericCue();

    /// <summary>
    /// The present tense and 'can' or 'may': a textbook's voice, and an imaging report's too. 'May' before or after a number
    /// is the month of a date ("CT dated 2 May 2022 reports ..."), no modal.
    /// </summary>
    [GeneratedRegex(@"\b(can|(?<!\d(?:st|nd|rd|th)?\s)may(?!\s+\d)|is a|are a|is an|are)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PresentTenseCue();

    /// <summary>
    /// How an imaging report states what it sees, in the present tense: "calcified nodules are present in the scrotal
    /// skin", "sheets of calcification are seen within the gluteus maximus", "calcifications are visualized in the
    /// subcutaneous fat", "the formations are painful on palpation", "there is atrophy of the fat", "a calcified
    /// node sits in the groin", "densities project over the pelvis", "the kidneys are normal" (but not "calcium is normal in
    /// most patients"); and what it makes of them, opening with the things just described ("these are typical of old
    /// injection sites") or in a relative clause after them ("sheet-like calcification, which may reflect dermatomyositis");
    /// and where the things it described lie and how they spread, opening with them ("the calcific deposits are in the
    /// subcutaneous fat", "the muscles are spared", "the distribution is bilateral and symmetrical"), where a textbook
    /// speaks of a kind in general ("calcific deposits are usually subcutaneous").
    /// </summary>
    [GeneratedRegex(@"^\s*(?:these|they)\s+(?:are|were)\b|\b(?:is|are)\s+(?:\w+\s+)?(?:seen|noted|present|identified|visible|demonstrated|shown|scattered|intact|clear|unremarkable|preserved|aligned|stable|unchanged|again|extensive|larger|smaller|visuali[sz]ed|determined|detected|palpable|palpated|painful|tender)\b|\b(?:is|are)\s+normal\b(?!\s+in\s+(?:most|many|all|some|patients|cases|the\s+majority))|\b(?:which|that)\s+(?:may|might|could)\s+(?:reflect|represent|indicate)\b|\bthere\s+(?:is|are)\b|\b(?:lies|lie|sits|project|projects)\b|^\s*the\s+(?:[\w-]+\s+){1,3}?(?:is|are)\s+(?:\w+\s+)?(?:in|within|inside|confined|limited|located|situated|centred|centered|spared|involved|bilateral|unilateral|symmetric\w*|asymmetric\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ReportsWhatItSees();

    private static readonly Regex NothingNew = Phrases(["no new", "no newly", "no other", "no further", "no additional"]);

    private static readonly Regex PreNeg = Phrases(PreNegation), PostNeg = Phrases(PostNegation), PreUnc = Phrases(PreUncertain), PostUnc = Phrases(PostUncertain),
        PseudoRx = Phrases(Pseudo), Term = Phrases(Terminators), Other = Phrases(OtherPerson);

    private static Regex Phrases(IEnumerable<string> phrases) =>
        new("(" + string.Join('|', phrases.OrderByDescending(p => p.Length).Select(Phrase)) + ")", RegexOptions.IgnoreCase | RegexOptions.Compiled);

    /// <summary>
    /// One phrase, whole words only: a word at either edge may not run on into another word. A mark of punctuation at an
    /// edge needs no such guard: the terminator ';' stands right after the word before it ("no fever; heterotopic bone was
    /// seen"), and so does the '?' of a query ("gout?").
    /// </summary>
    private static string Phrase(string p) =>
        (char.IsLetterOrDigit(p[0]) ? @"(?<![\w-])" : "") + Regex.Escape(p).Replace(@"\ ", @"[\s-]+") + (char.IsLetterOrDigit(p[^1]) ? @"(?![\w-])" : "");

    /// <summary>
    /// True for sentences that state general facts: no patient in them, and a generic adverb ("usually", "often"), or the
    /// present tense without the words with which a report states what it sees (<see cref="ReportsWhatItSees"/>).
    /// </summary>
    public static bool IsGeneric(string sentence) => !PatientAnchor().IsMatch(sentence)
        && (GenericCue().IsMatch(sentence) || PresentTenseCue().IsMatch(sentence) && !ReportsWhatItSees().IsMatch(sentence));

    /// <param name="experiencer">
    /// Whether a relative named before the term makes it theirs (<see cref="MentionStatus.OtherPerson"/>); without it the
    /// mention is judged as if it were the patient's, to read whether a relative's finding is denied ("her parents were not
    /// aware of anyone in the family with similar lumps").
    /// </param>
    /// <param name="deniedWithin">
    /// Whether a denial inside the mention reaches what it ends on (<see cref="DeniedWithin"/>): for a lexicon pattern that
    /// spans words and holds no negation of its own.
    /// </param>
    public static MentionStatus Classify(string sentence, int start, int length, bool experiencer = true, bool deniedWithin = false)
    {
        // Pseudo-triggers are blanked out so that "no change" does not negate.
        var s = PseudoRx.Replace(sentence, m => new string(' ', m.Length));
        var before = s[..start];
        var after = s[(start + length)..];
        if (experiencer && Other.IsMatch(before) && !Regex.IsMatch(before, @"\b(she|he|patient)\b", RegexOptions.IgnoreCase) && !Informant(before)) return MentionStatus.OtherPerson;
        var term = s.Substring(start, length);
        // A term that carries its own negation ("no one in his family had the same") is not denied again by one before
        // it ("he had no metabolic disease and no one in his family had the same").
        bool ownNegation = PreNeg.Match(term) is { Success: true, Index: 0 };
        // A follow-up's "no new calcification in the thighs" denies only what is new: of the calcium there before it says
        // nothing, neither present nor absent; so "no other injuries" of the injury already told.
        if (!ownNegation && InForwardScope(before, NothingNew, term)) return MentionStatus.Uncertain;
        if (!ownNegation && InForwardScope(before, PreNeg, term)) return MentionStatus.Negated;
        if (InBackwardScope(after, PostNeg, term) || DeniedAfter().IsMatch(after)) return MentionStatus.Negated;
        if (InForwardScope(before, PreUnc, term) || InBackwardScope(after, PostUnc, term)) return MentionStatus.Uncertain;
        return deniedWithin && DeniedWithin(term) ? MentionStatus.Negated : MentionStatus.Affirmed;
    }

    /// <summary>Whether the text holds a word or phrase that denies what follows it ("no", "not", "without", "normal").</summary>
    public static bool NamesNegation(string text) => PreNeg.IsMatch(text);

    /// <summary>
    /// A mention that holds its own denial after its first word: a pattern that spans words can span one ("Doppler shows
    /// no internal flow", "a sestamibi scan showed no adenoma", "the swelling had not increased rapidly"). The denial reaches
    /// the rest of the mention unless a comma, a terminator or a finite verb comes between, or it is 'normal' before an
    /// article (<see cref="InForwardScope"/>). <paramref name="term"/>: the mention with pseudo-triggers blanked.
    /// </summary>
    private static bool DeniedWithin(string term)
    {
        Match? last = null;
        foreach (Match m in PreNeg.Matches(term)) if (m.Index > 0) last = m;
        if (last is null) return false;
        var tail = term[(last.Index + last.Length)..];
        if (tail.Contains(',') || Term.IsMatch(tail) || ClauseVerb().IsMatch(tail)) return false;
        if (AdjectiveTrigger().IsMatch(last.Value) && (Article().IsMatch(tail) || DisorderWord().IsMatch(tail) && ListJoin().IsMatch(tail))) return false;
        return Words(tail) is > 0 and <= ForwardWords;
    }

    /// <summary>
    /// A term denied by what follows it across a terminator: a relative clause of the patient's ("retiform purpura, which she
    /// did not have"; "warfarin, which he had never taken"; "varicose veins, which were absent here") or a clause that
    /// answers what was looked for ("checked for the heliotrope rash; there was none"), or says the patient had none of what
    /// usually comes before ("myositis ossificans usually follows trauma, but she recalled none").
    /// </summary>
    [GeneratedRegex(@"^[^,;.]{0,30}?(?:,\s*which\s+(?:(?:she|he|they|the\s+patient)\s+(?:did\s+not|didn't|had\s+not|hadn't|had\s+never|has\s+never|never|does\s+not|doesn't)\s+(?:have|had|take|taken|took|receive|received|use|used|get|got|experience|experienced)\b|(?:was|were)\s+(?:absent|not\s+present|not\s+seen|not\s+found)\b)|;\s*(?:there\s+(?:was|were)\s+none|none\s+(?:was|were)\s+(?:found|seen|present))\b|,\s*but\s+(?:she|he|they|the\s+patient)\s+(?:recalled|remembered|reported|had|knew\s+of)\s+none\b)", RegexOptions.IgnoreCase)]
    private static partial Regex DeniedAfter();

    /// <summary>
    /// A relative who tells of the patient ("her parents said the lump had been there since the neonatal period"; "her mother
    /// felt that the lumps had become smaller"; "his mother noticed a hard lump"; "a swelling noticed by his mother shortly
    /// after birth") is the informant, and so is one who gave the patient a drug ("the parents had been giving the infant
    /// a vitamin D preparation"): what follows is the patient's.
    /// </summary>
    private static bool Informant(string before) =>
        Other.Matches(before) is { Count: > 0 } m && (InformantVerb().IsMatch(before[(m[^1].Index + m[^1].Length)..])
            || InformantAgent().IsMatch(before[..m[^1].Index]));

    [GeneratedRegex(@"^\s*(?:had\s+|first\s+)?(?:been\s+)?(?:said|reported|noticed|noted|recalled|stated|described|observed|told|explained|remembered|brought|felt|thought|believed|confirmed|mentioned|worried|gave|giving|given|fed|feeding|administered|administering)\b", RegexOptions.IgnoreCase)]
    private static partial Regex InformantVerb();

    /// <summary>
    /// The relative as the agent of a participle: "a swelling noticed by his mother", and the parent who brings the child
    /// ("a boy was brought to the clinic by his mother with a hard papule", "accompanied by her parents").
    /// </summary>
    [GeneratedRegex(@"\b(?:(?:noticed|noted|seen|found|discovered|felt|observed|reported)\s+by|(?:brought|taken|accompanied|referred)(?:\s+(?:in|along|to|into|the|a|an|our|clinic|hospital|outpatient|outpatients|department|emergency|paediatric|pediatric|surgery|ward)){0,5}\s+by)\s+(?:his|her|their|the)?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex InformantAgent();

    /// <summary>
    /// A likeness named, not the thing: "skin like scleroderma", "scleroderma-like legs", "resembling gout". Only for a
    /// disease or a history: an appearance described by likeness ("like grains of rice", "sheet-like") is the pattern.
    /// </summary>
    public static bool IsLikeness(string sentence, int start, int length) =>
        LikenessBefore().IsMatch(sentence[..start]) || LikenessAfter().IsMatch(sentence[(start + length)..]);

    /// <summary>
    /// A likeness written before the term ("like chicken skin", "mimicking infection or gout", "resembling a sarcoma"), or a
    /// first reading that was set aside ("first taken for a pancreatic tumour", "mistaken for a lipoma", "misdiagnosed as
    /// cellulitis", "ultrasound first suggested a haematoma", "initially diagnosed as cellulitis"); never the end of a hyphened adjective, which describes the noun it stands before ("lace-like
    /// malignant osteoid", "milia-like papules").
    /// </summary>
    [GeneratedRegex(@"(?<!-)\b(?:like|unlike|resembling|mimicking|mimicked|mimics|simulating|(?:mis)?taken\s+for|misdiagnosed\s+as|masquerading\s+as|(?:first|initially)\s+(?:suggested|thought\s+to\s+be|read\s+as|diagnosed\s+as|considered))\s+(?:an?\s+|the\s+)?(?:(?:an?\s+)?[\w-]+\s+(?:or|and)\s+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex LikenessBefore();

    [GeneratedRegex(@"^-?like\b", RegexOptions.IgnoreCase)]
    private static partial Regex LikenessAfter();

    [GeneratedRegex(@",\s*(?:and|but|while|whereas)\s+(?:the|his|her|their|its|this|that|these|those)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NewSubjectClause();

    private static bool InForwardScope(string before, Regex triggers, string term)
    {
        Match? last = null;
        foreach (Match m in triggers.Matches(before)) last = m;
        if (last is null) return false;
        var gap = before[(last.Index + last.Length)..];
        if (last.Value == "?" && gap.Length > 0) return false;
        // A list under one negation holds what the negation's verb takes: adjectives after 'was not' ("not tender, warm or
        // red"), participles after 'had never' ("had never hurt, burned, ulcerated or discharged"). After a negated
        // adjective, a piece that opens with a verb in the past is a new predicate of the same subject ("they were not
        // tender, moved freely over the deeper structures"), which the negation does not reach.
        if (AfterComma().IsMatch(gap) && PastVerb().IsMatch(term) && CopulaBefore().IsMatch(before[..last.Index])) return false;
        // "Never", "not" (run into its verb too: "doesn't have") and "at no time" deny the verb they stand before ("she had
        // never had an operation", "has not had surgery", "at no time was the creatine kinase raised"): that verb opens no
        // new clause.
        var clause = NegatingAdverb().IsMatch(last.Value) ? LeadingVerb().Replace(gap, "", 1) : gap;
        // A denial of a whole clause ("she denied that the skin over the lumps had ever broken down") reaches its end: the
        // clause's own verb opens no new one.
        if (ClausalTrigger().IsMatch(last.Value)) return !Term.IsMatch(gap) && Words(gap) <= ClauseWords;
        if (Term.IsMatch(gap) || ClauseVerb().IsMatch(clause)) return false;
        // A coordinate clause with a subject of its own ("he could not straighten it, and the biceps hurt") is not denied.
        if (NewSubjectClause().IsMatch(gap)) return false;
        // A colon ends the denied phrase and opens what explains it ("there was no trauma: the swelling was hard"); a term
        // that carries its own verb after a comma or inside brackets is a clause of its own ("she had no pain, and the
        // lumps were hard"; "no fever (the mass was hard)").
        if (gap.Contains(':') || gap.IndexOfAny([',', '(']) >= 0 && ClauseVerb().IsMatch(term)) return false;
        // "Normal" qualifies its own noun phrase ("normal calcium and phosphate"), not the next one ("under a normal
        // epidermis a hard plate could be felt"), nor, written after its own noun, the item after it ("calcium normal,
        // phosphate high").
        // Nor does it reach past a comma into a phrase of its own ("with normal renal function, on warfarin for a clot").
        // Nor does it qualify a disorder named later in a list ("despite normal renal function and hypocalcaemia"): a state
        // is no thing that can be normal.
        if (AdjectiveTrigger().IsMatch(last.Value) && (Article().IsMatch(gap) || gap.TrimStart().StartsWith(',') || NewPhraseAfterComma().IsMatch(gap)
            || DisorderWord().IsMatch(term) && ListJoin().IsMatch(gap))) return false;
        return Words(gap) <= ForwardWords;
    }

    /// <summary>
    /// A finite verb between a forward trigger and the term ends the trigger's clause: "a woman on no medicines had a hard
    /// nodule" has the nodule; "no calcification was seen" still has the verb after the term. 'Had' after 'having' is no
    /// finite verb ("she denied ever having had injections"). Nor does the denial of a history reach the complaint that
    /// follows it: "a woman without notable history presented with a painful swelling", "without notable antecedents,
    /// consulted for a painful tumefaction" (case-report English shaped by French) have the pain.
    /// </summary>
    [GeneratedRegex(@"\b(?<!\bhaving\s)(" + FiniteVerb + @")\b", RegexOptions.IgnoreCase)]
    private static partial Regex ClauseVerb();

    /// <summary>The finite verbs that open a clause (<see cref="ClauseVerb"/>) and that a negating adverb stands before (<see cref="LeadingVerb"/>).</summary>
    private const string FiniteVerb = "had|has|have|was|were|is|are|presented|presents|consulted|consults|complained|complains|attended|came|comes";

    [GeneratedRegex(@",\s*$")]
    private static partial Regex AfterComma();

    [GeneratedRegex(@",\s*(?:on|taking|receiving|with|without|who|whose|and\s+(?:on|was|had|has|is|took|takes))\b", RegexOptions.IgnoreCase)]
    private static partial Regex NewPhraseAfterComma();

    [GeneratedRegex(@"\b(?:was|were|is|are)\s+$", RegexOptions.IgnoreCase)]
    private static partial Regex CopulaBefore();

    [GeneratedRegex(@"^(?:(?!(?:red|bed|shed|need|seed|feed|speed|bleed|breed|hundred)\b)[a-z]+ed|slid|lay|felt|grew|rose|fell|became|began|shrank|swelled)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PastVerb();

    /// <summary>
    /// Triggers whose scope is the whole clause after them, its own verb included: a denied clause ("denied that ..."), a
    /// condition ("should be considered if the calcium is raised") and a denied subject ("none of the lesions had
    /// ulcerated or discharged").
    /// </summary>
    [GeneratedRegex(@"(?:\bthat|^if|^none\s+of)$", RegexOptions.IgnoreCase)]
    private static partial Regex ClausalTrigger();

    [GeneratedRegex(@"^(never|not|\w+n['’]t|at no time|at no point)$", RegexOptions.IgnoreCase)]
    private static partial Regex NegatingAdverb();

    /// <summary>The verb a negating adverb stands before ("had never", "never complained of"): it opens no new clause.</summary>
    [GeneratedRegex(@"^\s*(?:" + FiniteVerb + @")\b", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingVerb();

    [GeneratedRegex(@"^(normal|unremarkable)$", RegexOptions.IgnoreCase)]
    private static partial Regex AdjectiveTrigger();

    [GeneratedRegex(@"\b(a|an|the)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Article();

    /// <summary>A word naming a disordered state, which 'normal' cannot qualify: hypocalcaemia, hyperphosphataemia, hyperparathyroidism.</summary>
    [GeneratedRegex(@"\b(?:hypo|hyper)[a-z]+\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex DisorderWord();

    [GeneratedRegex(@"\band\b|,")]
    private static partial Regex ListJoin();

    private static bool InBackwardScope(string after, Regex triggers, string term)
    {
        var m = triggers.Match(after);
        if (!m.Success) return false;
        var gap = after[..m.Index];
        if (Term.IsMatch(gap)) return false;
        // A query mark asks about the word it is written against: "gout?" queries gout, and in "long lie, ?rhabdo" the
        // mark belongs to what follows it. A bare verdict likewise judges the test it stands right after ("dsDNA
        // negative"), not one before it ("ANA positive, dsDNA negative").
        if (m.Value == "?" && gap.Length > 0) return false;
        if (BareVerdict().IsMatch(m.Value) && !BareVerdictGap().IsMatch(gap) && (!SerologyListGap().IsMatch(gap) || OwnVerdict().IsMatch(term))) return false;
        return Words(gap) <= BackwardWords;
    }

    /// <summary>A verdict written after a test with nothing but the test's name before it.</summary>
    [GeneratedRegex(@"^(?:negative|neg|-ve|\((?:-|−|–|neg)\))$", RegexOptions.IgnoreCase)]
    private static partial Regex BareVerdict();

    /// <summary>What may stand between a test and its bare verdict: nothing but the word for the test itself ("anti-centromere antibody negative"), or a table's rule ("| ANA | negative |").</summary>
    [GeneratedRegex(@"^[\s:|-]*(?:(?:antibod(?:y|ies)|abs?|serology|titres?|titers?|tests?|screen)[\s:|-]*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex BareVerdictGap();

    /// <summary>
    /// The rest of a list of serological tests that one verdict closes ("dsDNA and ANA negative", "anti-Ro, anti-La and
    /// anti-Sm were negative"): the verdict is every item's. Not for an item with a verdict of its own ("ANA positive,
    /// dsDNA and ENA negative", <see cref="OwnVerdict"/>).
    /// </summary>
    [GeneratedRegex(@"^(?:\s*,\s*" + SerologyTest + @")*\s*,?\s*(?:and|or|&)\s+" + SerologyTest + @"\s+(?:(?:was|were|is|are)\s+)?(?:both\s+|all\s+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex SerologyListGap();

    private const string SerologyTest = @"(?:anti[\s-]*)?(?:ana|ena|dsdna|ds-dna|rf|ccp|anca|c3|c4|sm|rnp|ro|la|ssa|ssb|scl-?70|jo-?1|centromere|mda-?5|nxp-?2|tif-?1\w*|hmgcr|srp|mi-?2|pm-?scl|ku|cardiolipin|b2gp1)(?:\s+(?:antibod(?:y|ies)|abs?))?";

    [GeneratedRegex(@"\b(?:positive|negative|pos|neg)\b|\((?:\+|-|\u2212|\u2013)\)", RegexOptions.IgnoreCase)]
    private static partial Regex OwnVerdict();

    private static int Words(string s) => s.Split((char[])[' ', '\t', ',', '(', ')'], StringSplitOptions.RemoveEmptyEntries).Length;
}
