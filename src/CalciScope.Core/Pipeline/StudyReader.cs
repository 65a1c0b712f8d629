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
        var scan = ScanFiles(files, input, progress);
        var warnings = files.Warnings.Concat(scan.Warnings).Select(w => Relative(w, files.Root, input)).ToList();
        return new Catalog(input, scan.Series, warnings, scan.FilesRead, scan.FilesSkipped);
    }

    /// <summary>The headers of every file; no image at all is refused with the files' own reason where they share one.</summary>
    private static SeriesScanner.ScanResult ScanFiles(InputFiles files, string input, IProgress<double>? progress)
    {
        var scan = SeriesScanner.Scan(files.Files, progress);
        if (scan.Series.Count == 0) throw new InputException(null, Relative(NoImagesReason(input, files.Files.Count, scan.Warnings), files.Root, input));
        return scan;
    }

    /// <summary>Why nothing could be read: the files' own reason when they all failed alike, else a count.</summary>
    private static string NoImagesReason(string input, int files, IReadOnlyList<string> warnings)
    {
        if (files == 1 && warnings.Count == 1) return warnings[0];
        if (warnings.Count == files && files > 0 && warnings.All(w => w.Contains("UTF-8")))
            return $"{warnings[0]} (and {files - 1} more file(s) like it)";
        // One line still, with the first file's own reason: "no images" alone hid why (a deflate bomb, a corrupt header).
        if (warnings.Count > 0)
            return $"{input}: no DICOM images found among {files} file(s); {warnings[0]}{(warnings.Count > 1 ? $" (and {warnings.Count - 1} more refused)" : "")}";
        return $"{input}: no DICOM images found among {files} file(s)";
    }

    private static string Relative(string message, string root, string input) =>
        root.Contains("calciscope-zip-") ? message.Replace(root, input + "!") : message;

    /// <summary>Scans, chooses the series and arranges its slices, then builds the voxels as <typeparamref name="T"/>.</summary>
    private static (VolumeAssembler.Result<T> Built, SeriesSummary Series, SeriesLoader.Stack Stack, List<string> Warnings) Read<T>(
        string input, string? seriesUid, IProgress<double>? progress) where T : unmanaged, System.Numerics.INumber<T>
    {
        using var files = InputFiles.Open(input);
        var scan = ScanFiles(files, input, Scale(progress, 0, 0.2));
        var series = SeriesLoader.Choose(scan.Series, seriesUid, input);
        if (series.IsColour) throw new InputException(input, $"series {series.SeriesUid} holds colour images, not CT");
        var stack = SeriesLoader.Arrange(series);
        stack = stack with { Geometry = stack.Geometry with { Posture = PatientPostures.FromDicom(series.FirstHeader.GetString(DicomTags.PatientPosition)) } };
        var built = VolumeAssembler.Build<T>(stack, Scale(progress, 0.2, 1));
        return (built, series, stack, files.Warnings.Concat(stack.Warnings).Select(w => Relative(w, files.Root, input)).ToList());
    }

    public static LoadedStudy Load(string input, string? seriesUid = null, IProgress<double>? progress = null)
    {
        if (File.Exists(input) && InputFiles.IsNifti(input)) return NiftiReader.Read(input);
        var (built, series, stack, warnings) = Read<short>(input, seriesUid, progress);
        if (built.ClampedVoxels > 0) warnings.Add($"{built.ClampedVoxels} voxels beyond the int16 HU range were clamped");
        return new LoadedStudy(built.Volume, InfoOf(series, stack), warnings);
    }

    /// <summary>Float HU, for exports where int16 would lose values (fractional rescale, out-of-range values).</summary>
    public static (Volume<float> Volume, bool FitsInt16, IReadOnlyList<string> Warnings) LoadFloat(string input, string? seriesUid = null, IProgress<double>? progress = null)
    {
        var (built, _, _, warnings) = Read<float>(input, seriesUid, progress);
        bool fits = built.IntegerRescale;
        if (fits)
            foreach (var v in built.Volume.Data)
                if (v < short.MinValue || v > short.MaxValue) { fits = false; break; }
        return (built.Volume, fits, warnings);
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
