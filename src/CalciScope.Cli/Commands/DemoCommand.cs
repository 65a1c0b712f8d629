using System.CommandLine;
using CalciScope.Diagnosis;
using CalciScope.Findings;
using CalciScope.Findings.Text;
using CalciScope.Phantoms;
using CalciScope.Pipeline;
using CalciScope.Reports;

namespace CalciScope.Cli.Commands;

/// <summary>
/// `calciscope demo`: the main job on the embedded default. Makes the seed-like phantom, analyses it, reads the
/// clinical picture of the founding case, ranks the differential and writes the full report.
/// </summary>
internal static class DemoCommand
{
    /// <summary>The founding case's clinical picture, as a clinician would note it.</summary>
    public const string ClinicalNote = """
        40-year-old woman with systemic lupus erythematosus for 10 years, on high-dose glucocorticoids and chloroquine.
        Butterfly rash on the cheeks. Hard feeling over both buttocks for a couple of years, increasing in size, and an
        intermittently discharging sinus tract on the lateral aspect of the right gluteal region.
        Chest radiograph: no soft tissue calcification in the chest wall. Ultrasound: no features of acute inflammation.
        """;

    public static Command Build(CliConsole console)
    {
        var output = new Option<string>("--out") { Description = "output folder", DefaultValueFactory = _ => "demo-out" };
        var cmd = new Command("demo", "Run the whole work-up on the built-in seed-like case") { output };
        cmd.SetAction(r =>
        {
            var folder = Path.GetFullPath(r.GetValue(output)!);
            var study = console.WithProgress("making the seed-like phantom", _ => PhantomGenerator.Generate(new PhantomOptions { Case = "seed" }));
            var dicom = console.WithProgress("writing DICOM", p => PhantomWriter.Write(study, Path.Combine(folder, "phantom"), p));
            var notePath = Path.Combine(folder, "clinical_note.txt");
            AtomicFile.WriteAllText(notePath, ClinicalNote);
            var clinical = TextFindingExtractor.Default.Extract(ClinicalNote, notePath);
            var options = new WorkUpOptions { Analysis = new AnalysisOptions { LabelMapPath = Path.Combine(folder, "labels.nii.gz") } };
            var w = console.WithProgress("working up", p => WorkUp.Run(dicom, folder, options, clinical, new Progress<(string, double)>(x => p.Report(x.Item2))));
            foreach (var warning in w.Analysis.Study.Warnings) console.Warn(warning);
            var (result, d, files) = (w.Analysis, w.Differential, w.Report);
            var analysisPath = Path.Combine(folder, "analysis.json");
            var s = result.Summary;
            var o = console.Out;
            o.WriteLine("CalciScope demo: the seed-like case (bilateral gluteal calcified panniculitis)");
            o.WriteLine($"  soft-tissue calcification  {s.SoftTissueVolumeMm3 / 1000:0.0} mL in {s.SoftTissueLesionCount} lesions (truth {study.Truth.SoftTissueVolumeMm3 / 1000:0.0} mL)");
            o.WriteLine($"  right / left               {s.VolumeBySide["right"] / 1000:0.0} / {s.VolumeBySide["left"] / 1000:0.0} mL (ratio {s.RightLeftRatio:0.00})");
            o.WriteLine($"  by region                  {string.Join(", ", s.VolumeByRegion.Select(kv => $"{kv.Key} {kv.Value / 1000:0.00} mL"))}");
            o.WriteLine($"  dominant pattern           {s.DominantPattern} (truth {study.Truth.DominantPattern})");
            o.WriteLine("  differential:");
            foreach (var c in d.Ranked.Take(5)) o.WriteLine($"    {c.Probability,6:P1}  {c.Name}");
            if (d.NextBest.Count > 0) o.WriteLine($"  next best: {d.NextBest[0].Ask}");
            o.WriteLine($"  analysis     {analysisPath}");
            o.WriteLine($"  differential {Path.Combine(folder, "differential.json")}");
            o.WriteLine($"  report       {files.Html}");
            o.WriteLine($"               {files.Pdf}");
            o.WriteLine($"               {files.Fhir}");
            o.WriteLine($"               {files.Seg}");
            o.WriteLine($"               {files.Sr}");
            return ExitCodes.Success;
        });
        return cmd;
    }
}
