using CalciScope.IO;
using CalciScope.Nifti;

namespace CalciScope.Pipeline;

/// <summary>Writes the chosen series as NIfTI in HU: int16 where every value fits exactly, float32 otherwise.</summary>
public static class NiftiExport
{
    public static IReadOnlyList<string> Convert(string input, string output, string? seriesUid = null, int version = 1, IProgress<double>? progress = null)
    {
        if (!InputFiles.IsNifti(output)) throw new InputException(output, "output must end in .nii or .nii.gz");
        if (File.Exists(input) && InputFiles.IsNifti(input))
        {
            var n = NiftiReader.Read(input);
            NiftiWriter.Write(output, n.Hu, "CalciScope HU", version);
            return n.Warnings;
        }
        var (hu, fits, warnings) = StudyReader.LoadFloat(input, seriesUid, progress);
        if (fits)
        {
            var int16 = hu.Like<short>();
            for (int i = 0; i < hu.Data.Length; i++) int16.Data[i] = (short)hu.Data[i];
            NiftiWriter.Write(output, int16, "CalciScope HU", version);
        }
        else NiftiWriter.Write(output, hu, "CalciScope HU float", version);
        return warnings;
    }
}
