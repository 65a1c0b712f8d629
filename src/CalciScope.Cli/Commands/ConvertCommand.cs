using System.CommandLine;
using CalciScope.Pipeline;

namespace CalciScope.Cli.Commands;

/// <summary>`calciscope convert INPUT --out FILE.nii[.gz] [--series UID]`: the chosen series as NIfTI in HU.</summary>
internal static class ConvertCommand
{
    public static Command Build(CliConsole console)
    {
        var input = new Argument<string>("INPUT") { Description = "DICOM folder, file or zip, or NIfTI" };
        var output = new Option<string>("--out") { Description = "output .nii or .nii.gz", Required = true };
        var series = new Option<string?>("--series") { Description = "Series Instance UID (default: the axial CT series with most slices)" };
        var nifti2 = new Option<bool>("--nifti2") { Description = "write NIfTI-2 instead of NIfTI-1" };
        var cmd = new Command("convert", "Write a series as NIfTI (HU, int16 where it fits, else float32)") { input, output, series, nifti2 };
        cmd.SetAction(r =>
        {
            var outPath = r.GetValue(output)!;
            var warnings = console.WithProgress("converting", p => NiftiExport.Convert(r.GetValue(input)!, outPath, r.GetValue(series), r.GetValue(nifti2) ? 2 : 1, p));
            foreach (var w in warnings) console.Warn(w);
            console.Out.WriteLine(Path.GetFullPath(outPath));
            return ExitCodes.Success;
        });
        return cmd;
    }
}
