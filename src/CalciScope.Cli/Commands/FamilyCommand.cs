using System.CommandLine;
using CalciScope.Phantoms.Family;

namespace CalciScope.Cli.Commands;

/// <summary>
/// `calciscope family [--cases N] [--first SEED] [--prone]`: generates the seeded random phantom family, analyses every case and
/// prints sensitivity, false-positive volume, pattern accuracy and the contrast verdicts as Markdown on stdout.
/// </summary>
internal static class FamilyCommand
{
    public static Command Build(CliConsole console)
    {
        var cases = new Option<int>("--cases") { Description = "how many cases (seeds first..first+N-1)", DefaultValueFactory = _ => 50 };
        var first = new Option<int>("--first") { Description = "the first seed", DefaultValueFactory = _ => 1 };
        var save = new Option<string?>("--save") { Description = "also write each case's CT, label map and truth ids (NIfTI) into this folder" };
        var prone = new Option<bool>("--prone") { Description = "draw every case with the patient prone (gas rising to the back of the bowel)" };
        var cmd = new Command("family", "Analyse the seeded random phantom family against its truth") { cases, first, save, prone };
        cmd.SetAction(r =>
        {
            int n = r.GetValue(cases), s0 = r.GetValue(first);
            if (n is < 1 or > 100_000) throw new InputException(null, $"--cases {n} is outside 1..100000");
            var results = new List<FamilyCaseResult>();
            for (int s = s0; s < s0 + n; s++)
            {
                var res = FamilyEvaluation.Run(s, r.GetValue(save), r.GetValue(prone));
                results.Add(res);
                var c = res.Case;
                console.Err.WriteLine($"case {s}: {c.Region.ToString().ToLowerInvariant()}{(c.SingleLimb ? " alone" : "")} {c.SliceMm} mm {c.Contrast.ToString().ToLowerInvariant()} {c.MarrowKind} marrow, called {(res.EnhancedCalled ? "enhanced" : "unenhanced")}{(res.OralCalled ? " with oral contrast" : "")}, " +
                    $"[{string.Join(' ', c.Patterns)}]: found {res.Found}/{res.TruthLesions}, false soft {res.FalseSoftMm3:0} mm3, false any {res.FalseAnyMm3:0} mm3" +
                    (res.Missed.Count > 0 ? $", missed {string.Join("; ", res.Missed)}" : "") +
                    (res.Misnamed.Count > 0 ? $", named {string.Join("; ", res.Misnamed)}" : "") +
                    (res.PhlebolithsElsewhere.Count > 0 ? $", phlebolith placed in {string.Join("; ", res.PhlebolithsElsewhere)}" : "") +
                    (res.PartWrongSlices > 0 ? $", body part wrong on {res.PartWrongSlices}/{res.PartSlices} slices ({string.Join("; ", res.PartWrong.Select(p => $"{p.Key} {p.Value}"))})" : ""));
            }
            console.Out.Write(FamilyEvaluation.Summary(results));
            return ExitCodes.Success;
        });
        return cmd;
    }
}
