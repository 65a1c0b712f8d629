using System.CommandLine;
using CalciScope.IO;
using CalciScope.Nifti;
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
        cmd.SetAction(r => Run(console, r.GetValue(input)!, r.GetValue(output)!, r.GetValue(series), r.GetValue(nifti2)));
        return cmd;
    }

    private static int Run(CliConsole console, string input, string output, string? series, bool nifti2)
    {
        if (!InputFiles.IsNifti(output)) throw new InputException(output, "output must end in .nii or .nii.gz");
        int version = nifti2 ? 2 : 1;
        if (File.Exists(input) && InputFiles.IsNifti(input))
        {
            var n = NiftiReader.Read(input);
            foreach (var w in n.Warnings) console.Warn(w);
            NiftiWriter.Write(output, n.Hu, "CalciScope HU", version);
        }
        else
        {
            var (hu, fits, warnings) = console.WithProgress("reading", p => StudyReader.LoadFloat(input, series, p));
            foreach (var w in warnings) console.Warn(w);
            if (fits)
            {
                var int16 = hu.Like<short>();
                for (int i = 0; i < hu.Data.Length; i++) int16.Data[i] = (short)hu.Data[i];
                NiftiWriter.Write(output, int16, "CalciScope HU", version);
            }
            else NiftiWriter.Write(output, hu, "CalciScope HU float", version);
        }
        console.Out.WriteLine(Path.GetFullPath(output));
        return ExitCodes.Success;
    }
}
