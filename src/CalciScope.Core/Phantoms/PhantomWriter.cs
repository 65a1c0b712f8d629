using System.Text.Json;
using CalciScope.Dicom;

namespace CalciScope.Phantoms;

/// <summary>Writes a phantom study as a DICOM series plus truth.json.</summary>
public static class PhantomWriter
{
    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static string Write(PhantomStudy study, string folder, IProgress<double>? progress = null)
    {
        CtSeriesWriter.Write(Path.Combine(folder, "dicom"), study.Hu, study.Info, progress);
        var truth = Path.Combine(folder, "truth.json");
        AtomicFile.WriteAllText(truth, JsonSerializer.Serialize(study.Truth, Json));
        return Path.Combine(folder, "dicom");
    }
}
