using CalciScope.Dicom;
using CalciScope.Imaging;
using CalciScope.IO;
using CalciScope.Nifti;

namespace CalciScope.Pipeline;

/// <summary>The one way into a study: a DICOM folder, file or zip, or a NIfTI file, read into a HU volume.</summary>
public static class StudyReader
{
    public sealed record Catalog(string Input, IReadOnlyList<SeriesSummary> Series, IReadOnlyList<string> Warnings, int FilesRead, int FilesSkipped);

    public static Catalog Scan(string input, IProgress<double>? progress = null)
    {
        using var files = InputFiles.Open(input);
        var scan = SeriesScanner.Scan(files.Files, progress);
        var warnings = files.Warnings.Concat(scan.Warnings).Select(w => Relative(w, files.Root, input)).ToList();
        if (scan.Series.Count == 0)
        {
            string why = NoImagesReason(input, files.Files.Count, scan.Warnings);
            throw new InputException(null, Relative(why, files.Root, input));
        }
        return new Catalog(input, scan.Series, warnings, scan.FilesRead, scan.FilesSkipped);
    }

    /// <summary>Why nothing could be read: the files' own reason when they all failed alike, else a count.</summary>
    private static string NoImagesReason(string input, int files, IReadOnlyList<string> warnings)
    {
        if (files == 1 && warnings.Count == 1) return warnings[0];
        if (warnings.Count == files && files > 0 && warnings.All(w => w.Contains("UTF-8")))
            return $"{warnings[0]} (and {files - 1} more file(s) like it)";
        return $"{input}: no DICOM images found among {files} file(s)";
    }

    private static string Relative(string message, string root, string input) =>
        root.Contains("calciscope-zip-") ? message.Replace(root, input + "!") : message;

    public static LoadedStudy Load(string input, string? seriesUid = null, IProgress<double>? progress = null)
    {
        if (File.Exists(input) && InputFiles.IsNifti(input)) return NiftiReader.Read(input);
        using var files = InputFiles.Open(input);
        var scan = SeriesScanner.Scan(files.Files, Scale(progress, 0, 0.2));
        if (scan.Series.Count == 0)
        {
            string why = NoImagesReason(input, files.Files.Count, scan.Warnings);
            throw new InputException(null, Relative(why, files.Root, input));
        }
        var series = SeriesLoader.Choose(scan.Series, seriesUid, input);
        if (series.IsColour) throw new InputException(input, $"series {series.SeriesUid} holds colour images, not CT");
        var stack = SeriesLoader.Arrange(series);
        var built = VolumeAssembler.Build<short>(stack, Scale(progress, 0.2, 1));
        var warnings = stack.Warnings.Select(w => Relative(w, files.Root, input)).ToList();
        if (built.ClampedVoxels > 0) warnings.Add($"{built.ClampedVoxels} voxels beyond the int16 HU range were clamped");
        return new LoadedStudy(built.Volume, InfoOf(series, stack), warnings);
    }

    /// <summary>Float HU, for exports where int16 would lose values (fractional rescale, out-of-range values).</summary>
    public static (Volume<float> Volume, bool FitsInt16, IReadOnlyList<string> Warnings) LoadFloat(string input, string? seriesUid = null, IProgress<double>? progress = null)
    {
        using var files = InputFiles.Open(input);
        var scan = SeriesScanner.Scan(files.Files, Scale(progress, 0, 0.2));
        if (scan.Series.Count == 0)
        {
            string why = NoImagesReason(input, files.Files.Count, scan.Warnings);
            throw new InputException(null, Relative(why, files.Root, input));
        }
        var series = SeriesLoader.Choose(scan.Series, seriesUid, input);
        if (series.IsColour) throw new InputException(input, $"series {series.SeriesUid} holds colour images, not CT");
        var stack = SeriesLoader.Arrange(series);
        var built = VolumeAssembler.Build<float>(stack, Scale(progress, 0.2, 1));
        bool fits = built.IntegerRescale;
        if (fits)
            foreach (var v in built.Volume.Data)
                if (v < short.MinValue || v > short.MaxValue) { fits = false; break; }
        return (built.Volume, fits, stack.Warnings.Select(w => Relative(w, files.Root, input)).ToList());
    }

    public static StudyInfo InfoOf(SeriesSummary s, SeriesLoader.Stack stack)
    {
        var h = s.FirstHeader;
        return new StudyInfo
        {
            StudyUid = s.StudyUid,
            SeriesUid = s.SeriesUid,
            FrameOfReferenceUid = h.GetString(DicomTags.FrameOfReferenceUid) ?? "",
            Modality = s.Modality,
            SeriesDescription = s.Description,
            StudyDate = h.GetString(DicomTags.StudyDate) ?? "",
            PatientName = h.GetString(DicomTags.PatientName) ?? "",
            PatientId = h.GetString(DicomTags.PatientId) ?? "",
            PatientBirthDate = h.GetString(DicomTags.PatientBirthDate) ?? "",
            PatientSex = h.GetString(DicomTags.PatientSex) ?? "",
            AccessionNumber = h.GetString(DicomTags.AccessionNumber) ?? "",
            TransferSyntax = s.TransferSyntaxName,
            Manufacturer = h.GetString(DicomTags.Manufacturer) ?? "",
            GantryTiltDeg = stack.TiltDeg > 0.5 ? Math.Round(stack.TiltDeg, 2) : null,
            SourceInstances = stack.Slices.Select(x => (x.SopClassUid, x.SopInstanceUid)).Where(x => x.SopInstanceUid.Length > 0).Distinct().ToList(),
        };
    }

    private static IProgress<double>? Scale(IProgress<double>? p, double from, double to) =>
        p is null ? null : new Progress<double>(v => p.Report(from + (to - from) * v));
}
