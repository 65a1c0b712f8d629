using System.CommandLine;
using System.Globalization;
using CalciScope.Store;

namespace CalciScope.Cli.Commands;

/// <summary>`calciscope history PATIENT --store FILE [--chart FILE.png]`: the patient's studies with burden over time.</summary>
internal static class HistoryCommand
{
    public static Command Build(CliConsole console)
    {
        var patient = new Argument<string>("PATIENT") { Description = "patient id" };
        var store = StoreOption.Create();
        var chart = new Option<string?>("--chart") { Description = "write the trend chart (PNG) here" };
        var cmd = new Command("history", "List a patient's studies with calcification burden over time") { patient, store, chart };
        cmd.SetAction(r =>
        {
            var path = r.GetValue(store) ?? throw new InputException(null, "history needs --store (or $CALCISCOPE_STORE)");
            using var s = new CaseStore(path);
            var studies = s.History(r.GetValue(patient)!);
            if (studies.Count == 0) throw new InputException(path, $"no studies of patient {r.GetValue(patient)}");
            console.Out.WriteLine("date        soft-tissue mm3   right     left      pattern            top diagnosis");
            foreach (var x in studies)
                console.Out.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-11} {1,15:0} {2,9:0} {3,9:0}   {4,-18} {5}",
                    x.StudyDate, x.SoftTissueMm3, x.RightMm3, x.LeftMm3, x.DominantPattern, x.TopCondition is null ? "" : $"{x.TopCondition} ({x.TopProbability:P0})"));
            if (r.GetValue(chart) is { } png)
            {
                var bytes = Reports.TrendChart.Render(studies);
                AtomicFile.Write(png, s => s.Write(bytes));
            }
            return ExitCodes.Success;
        });
        return cmd;
    }
}
