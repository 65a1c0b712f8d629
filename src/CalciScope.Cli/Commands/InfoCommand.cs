using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CalciScope.Dicom;
using CalciScope.IO;
using CalciScope.Nifti;
using CalciScope.Pipeline;

namespace CalciScope.Cli.Commands;

/// <summary>`calciscope info INPUT [--json]`: the studies and series found, without reading pixel data.</summary>
internal static class InfoCommand
{
    public static Command Build(CliConsole console)
    {
        var input = new Argument<string>("INPUT") { Description = "DICOM folder, file or zip, or NIfTI" };
        var json = new Option<bool>("--json") { Description = "machine-readable output" };
        var cmd = new Command("info", "List the studies and series in INPUT") { input, json };
        cmd.SetAction(r => Run(console, r.GetValue(input)!, r.GetValue(json)));
        return cmd;
    }

    private static int Run(CliConsole console, string input, bool asJson)
    {
        var series = new JsonArray();
        var warnings = new JsonArray();
        if (File.Exists(input) && InputFiles.IsNifti(input))
        {
            var s = NiftiReader.Read(input);
            var g = s.Hu.Geometry;
            series.Add(new JsonObject
            {
                ["series_uid"] = null, ["study_uid"] = null, ["modality"] = s.Info.Modality, ["description"] = s.Info.SeriesDescription,
                ["size"] = new JsonArray(g.SizeX, g.SizeY, g.SizeZ), ["spacing_mm"] = new JsonArray(R(g.Spacing.X), R(g.Spacing.Y), R(g.Spacing.Z)),
                ["format"] = s.Info.SourceFormat, ["transfer_syntax"] = null, ["warnings"] = new JsonArray(s.Warnings.Select(w => (JsonNode)w!).ToArray()),
            });
        }
        else
        {
            var catalog = console.WithProgress("scanning", p => StudyReader.Scan(input, p));
            foreach (var w in catalog.Warnings) warnings.Add(w);
            foreach (var s in catalog.Series)
            {
                var item = new JsonObject
                {
                    ["series_uid"] = s.SeriesUid, ["study_uid"] = s.StudyUid, ["modality"] = s.Modality, ["description"] = s.Description,
                    ["series_number"] = s.SeriesNumber, ["images"] = s.Slices.Count, ["transfer_syntax"] = s.TransferSyntaxUid,
                    ["transfer_syntax_name"] = s.TransferSyntaxName, ["format"] = "DICOM",
                };
                try
                {
                    var stack = SeriesLoader.Arrange(s);
                    var g = stack.Geometry;
                    item["size"] = new JsonArray(g.SizeX, g.SizeY, g.SizeZ);
                    item["spacing_mm"] = new JsonArray(R(g.Spacing.X), R(g.Spacing.Y), R(g.Spacing.Z));
                    item["gantry_tilt_deg"] = stack.TiltDeg > 0.5 ? R(stack.TiltDeg) : null;
                    item["warnings"] = new JsonArray(stack.Warnings.Select(w => (JsonNode)w!).ToArray());
                }
                catch (CalciScopeException e)
                {
                    item["warnings"] = new JsonArray(e.Message);
                }
                if (!TransferSyntax.Lookup(s.TransferSyntaxUid).Supported)
                    ((JsonArray)item["warnings"]!).Add(TransferSyntax.Lookup(s.TransferSyntaxUid).UnsupportedMessage());
                series.Add(item);
            }
        }
        var doc = new JsonObject { ["input"] = input, ["series"] = series, ["warnings"] = warnings };
        if (asJson)
        {
            console.Out.WriteLine(doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return ExitCodes.Success;
        }
        foreach (var node in series)
        {
            var s = node!.AsObject();
            console.Out.WriteLine($"series {s["series_uid"]?.ToString() ?? "(NIfTI)"}");
            console.Out.WriteLine($"  study        {s["study_uid"]}");
            console.Out.WriteLine($"  modality     {s["modality"]}   description: {s["description"]}");
            console.Out.WriteLine($"  size         {s["size"]?.ToJsonString()}   spacing (mm): {s["spacing_mm"]?.ToJsonString()}");
            console.Out.WriteLine($"  format       {s["format"]} {s["transfer_syntax_name"]} {s["transfer_syntax"]}");
            foreach (var w in s["warnings"]?.AsArray() ?? []) console.Out.WriteLine($"  warning      {w}");
        }
        foreach (var w in warnings) console.Out.WriteLine($"warning: {w}");
        return ExitCodes.Success;
    }

    private static double R(double v) => Math.Round(v, 4);
}
