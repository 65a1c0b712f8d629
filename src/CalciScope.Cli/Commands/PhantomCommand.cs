using System.CommandLine;
using System.Globalization;
using CalciScope.Imaging;
using CalciScope.Phantoms;

namespace CalciScope.Cli.Commands;

/// <summary>`calciscope phantom --case NAME --out DIR`: a synthetic CT study with its truth.json.</summary>
internal static class PhantomCommand
{
    public static Command Build(CliConsole console)
    {
        var caseName = new Option<string>("--case") { Description = "phantom case (see --list)", DefaultValueFactory = _ => "seed" };
        var output = new Option<string?>("--out") { Description = "output folder" };
        var list = new Option<bool>("--list") { Description = "list the cases" };
        var size = new Option<int>("--size") { Description = "pixels per row and column", DefaultValueFactory = _ => 384 };
        var slices = new Option<int>("--slices") { Description = "number of slices", DefaultValueFactory = _ => 80 };
        var pixel = new Option<double>("--pixel-mm") { Description = "in-plane pixel size", DefaultValueFactory = _ => 0.95 };
        var sliceMm = new Option<double>("--slice-mm") { Description = "slice spacing", DefaultValueFactory = _ => 2.0 };
        var seed = new Option<int>("--seed") { Description = "random seed", DefaultValueFactory = _ => 1 };
        var noise = new Option<double>("--noise") { Description = "noise standard deviation (HU)", DefaultValueFactory = _ => 10 };
        var shift = new Option<string?>("--shift") { Description = "patient shift in mm, as x,y,z" };
        var rotate = new Option<double>("--rotate") { Description = "patient rotation about the long axis (degrees)" };
        var growth = new Option<double>("--growth") { Description = "extent of calcification relative to the reference", DefaultValueFactory = _ => 1 };
        var orientation = new Option<string>("--orientation") { Description = "axial or flipped", DefaultValueFactory = _ => "axial" };
        var contrast = new Option<short>("--contrast-hu") { Description = "lumen of the pelvic vessels after contrast (HU, 150..1000); 0: unenhanced" };
        var date = new Option<string>("--study-date") { Description = "study date (YYYYMMDD)", DefaultValueFactory = _ => "20260101" };
        var cmd = new Command("phantom", "Write a synthetic CT study (DICOM) with its truth.json")
            { caseName, output, list, size, slices, pixel, sliceMm, seed, noise, shift, rotate, growth, orientation, contrast, date };
        cmd.SetAction(r =>
        {
            if (r.GetValue(list))
            {
                foreach (var c in PhantomCases.All) console.Out.WriteLine($"{c.Name,-22} {c.Description}");
                return ExitCodes.Success;
            }
            var outDir = r.GetValue(output) ?? throw new InputException(null, "--out is required (or --list)");
            var options = new PhantomOptions
            {
                Case = r.GetValue(caseName)!, Size = r.GetValue(size), Slices = r.GetValue(slices), PixelMm = r.GetValue(pixel),
                SliceMm = r.GetValue(sliceMm), Seed = r.GetValue(seed), NoiseHu = r.GetValue(noise), ShiftMm = ParseVec(r.GetValue(shift)),
                RotationDeg = r.GetValue(rotate), Growth = r.GetValue(growth), Orientation = r.GetValue(orientation)!, StudyDate = r.GetValue(date)!,
                ContrastHu = r.GetValue(contrast),
            };
            var study = console.WithProgress("generating", _ => PhantomGenerator.Generate(options));
            var dicom = console.WithProgress("writing", p => PhantomWriter.Write(study, outDir, p));
            console.Out.WriteLine(Path.GetFullPath(dicom));
            return ExitCodes.Success;
        });
        return cmd;
    }

    internal static Vec3 ParseVec(string? s)
    {
        if (string.IsNullOrWhiteSpace(s)) return default;
        var parts = s.Split(',');
        if (parts.Length != 3 || !parts.All(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
            throw new InputException(null, $"'{s}' is not three numbers x,y,z");
        var v = parts.Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return new Vec3(v[0], v[1], v[2]);
    }
}
