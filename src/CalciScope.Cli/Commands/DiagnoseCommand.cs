using System.CommandLine;
using CalciScope.Diagnosis;
using CalciScope.Findings;
using CalciScope.Findings.Text;
using CalciScope.Pipeline;
using Spectre.Console;

namespace CalciScope.Cli.Commands;

/// <summary>`calciscope diagnose [--case FILE] [--text FILE] [--analysis FILE] [--out FILE]`: differential.json and a table.</summary>
internal static class DiagnoseCommand
{
    public static Command Build(CliConsole console)
    {
        var caseFile = new Option<string?>("--case") { Description = "structured findings (YAML or JSON)" };
        var text = new Option<string?>("--text") { Description = "clinical notes, a radiology report or a case report (plain text)" };
        var analysis = new Option<string?>("--analysis") { Description = "analysis.json from `calciscope analyze`" };
        var output = new Option<string?>("--out") { Description = "write differential.json here (default: stdout)" };
        var store = StoreOption.Create();
        var cmd = new Command("diagnose", "Rank the differential from findings, text and CT analysis") { caseFile, text, analysis, output, store };
        cmd.SetAction(r =>
        {
            var d = Diagnose(r.GetValue(caseFile), r.GetValue(text), r.GetValue(analysis));
            var json = DifferentialJson.ToJson(d).ToJsonString(AnalysisJson.Options);
            var outPath = r.GetValue(output);
            // A folder, as `analyze --out` takes one, gets differential.json inside it.
            if (outPath is not null && Directory.Exists(outPath)) outPath = Path.Combine(outPath, "differential.json");
            if (outPath is null) console.Out.WriteLine(json);
            else
            {
                AtomicFile.WriteAllText(outPath, json);
                console.Out.WriteLine(Path.GetFullPath(outPath));
            }
            Table(console, d);
            if (r.GetValue(store) is { } storePath)
            {
                using var caseStore = new Store.CaseStore(storePath);
                var studyUid = r.GetValue(analysis) is { } a ? AnalysisJsonReader.Read(a).Study.StudyUid : null;
                caseStore.RecordDiagnosis(studyUid, d);
            }
            return ExitCodes.Success;
        });
        return cmd;
    }

    internal static Differential Diagnose(string? caseFile, string? textFile, string? analysisFile)
    {
        if (caseFile is null && textFile is null && analysisFile is null)
            throw new InputException(null, "give at least one of --case, --text, --analysis");
        var clinical = new List<ObservedFinding>();
        if (caseFile is not null) clinical.AddRange(CaseFileReader.Read(caseFile, KnowledgeBase.Default));
        if (textFile is not null) clinical.AddRange(TextFindingExtractor.Default.ExtractFile(textFile));
        var imaging = analysisFile is null ? [] : AnalysisFindings.FromFile(analysisFile);
        return Reports.WorkUp.Rank(imaging, clinical);
    }

    /// <summary>The readable table, on stderr so that stdout stays machine-readable.</summary>
    internal static void Table(CliConsole console, Differential d)
    {
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console.Err), Interactive = InteractionSupport.No });
        var table = new Table().Title("Differential").AddColumns("#", "Condition", "P", "For", "Against");
        int i = 0;
        foreach (var r in d.Ranked.Take(8))
            table.AddRow((++i).ToString(), Markup.Escape(r.Name), $"{r.Probability:0.000}",
                Markup.Escape(string.Join(", ", r.For.Take(3).Select(Id))), Markup.Escape(string.Join(", ", r.Against.Take(3).Select(Id))));
        ansi.Write(table);
        // Finding ids keep the table narrow; an absent one says so, as the reports do.
        static string Id(CalciScope.Diagnosis.EvidenceItem e) => e.Present ? e.FindingId : "no " + e.FindingId;
        foreach (var n in d.NextBest.Take(3)) ansi.MarkupLine($"next best: [bold]{Markup.Escape(n.Ask)}[/] ({n.GainBits:0.00} bits) - {Markup.Escape(n.Why)}");
        foreach (var c in d.Conflicts) ansi.MarkupLine($"[yellow]conflict:[/] {Markup.Escape(c)}");
    }
}
