using System.Collections.Concurrent;
using CalciScope.Imaging;

namespace CalciScope.Dicom;

/// <summary>
/// Reads the headers (not the pixels) of every file and groups the images into series. Files that are not DICOM are
/// skipped with a warning; a file that is DICOM but broken becomes a warning on its series, not a failure of the study.
/// </summary>
public static class SeriesScanner
{
    public sealed record ScanResult(IReadOnlyList<SeriesSummary> Series, IReadOnlyList<string> Warnings, int FilesRead, int FilesSkipped);

    public static ScanResult Scan(IReadOnlyList<string> files, IProgress<double>? progress = null)
    {
        var headers = new DicomFile?[files.Count];
        var errors = new ConcurrentBag<(int, string)>();
        int done = 0;
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            try
            {
                var path = files[i];
                using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
                long len = RandomAccess.GetLength(handle);
                var head = len == 0 ? [] : ReadHead(handle, len);
                if (len == 0) errors.Add((i, $"{path}: file is empty (0 bytes)"));
                else if (!DicomReader.LooksLikeDicom(head)) errors.Add((i, $"{path}: not a DICOM file, skipped"));
                else headers[i] = DicomReader.ReadHeaders(path, head, len);
            }
            catch (InputException e) { errors.Add((i, e.Message)); }
            catch (IOException e) when (files[i].Contains('\uFFFD'))
            {
                // .NET cannot open a file whose name is not valid UTF-8 (it sees U+FFFD in its place).
                errors.Add((i, $"{files[i]}: file name is not valid UTF-8 and cannot be opened; rename it ({e.GetType().Name})"));
            }
            catch (IOException e) { errors.Add((i, $"{files[i]}: cannot be read ({e.Message})")); }
            catch (UnauthorizedAccessException) { errors.Add((i, $"{files[i]}: permission denied")); }
            var d = Interlocked.Increment(ref done);
            if ((d & 15) == 0) progress?.Report((double)d / files.Count);
        });
        progress?.Report(1);

        var warnings = errors.OrderBy(e => e.Item1).Select(e => e.Item2).ToList();
        var bySeries = new Dictionary<string, SeriesSummary>();
        foreach (var f in headers)
        {
            if (f is null) continue;
            var ds = f.Dataset;
            if (!f.HasPixelData) continue; // SR, DICOMDIR, presentation states: not images
            var uid = ds.GetString(DicomTags.SeriesInstanceUid);
            if (string.IsNullOrEmpty(uid)) uid = "(no series uid)";
            // Images of another modality under the same series UID are a series of their own, never merged into it.
            var modality = ds.GetString(DicomTags.Modality) ?? "";
            if (bySeries.TryGetValue(uid, out var same) && same.Modality != modality)
            {
                if (!same.Warnings.Any(w => w.Contains("shares its series UID"))) same.Warnings.Add($"series {uid} shares its series UID with {modality} images; they are read apart");
                uid = $"{uid} ({modality})";
            }
            if (!bySeries.TryGetValue(uid, out var s))
            {
                s = new SeriesSummary
                {
                    SeriesUid = uid,
                    StudyUid = ds.GetString(DicomTags.StudyInstanceUid) ?? "",
                    Modality = ds.GetString(DicomTags.Modality) ?? "",
                    Description = ds.GetString(DicomTags.SeriesDescription) ?? "",
                    StudyDescription = ds.GetString(DicomTags.StudyDescription) ?? "",
                    SeriesNumber = SafeInt(ds, DicomTags.SeriesNumber),
                    FirstHeader = ds,
                    TransferSyntaxUid = f.Syntax.Uid,
                    TransferSyntaxName = f.Syntax.Name,
                };
                bySeries[uid] = s;
            }
            try
            {
                AddSlices(s, f);
            }
            catch (DicomFormatException e)
            {
                s.Warnings.Add($"{f.Path}: {e.Message}; image skipped");
            }
        }
        return new ScanResult(bySeries.Values.OrderBy(s => s.StudyUid).ThenBy(s => s.SeriesNumber ?? int.MaxValue).ThenBy(s => s.SeriesUid).ToList(),
            warnings, files.Count - errors.Count, errors.Count);
    }

    private static int? SafeInt(DicomDataset ds, DicomTag tag)
    {
        try { return ds.GetInt(tag); } catch (DicomFormatException) { return null; }
    }

    private const int HeadBytes = 16 * 1024;

    /// <summary>One read of the first bytes serves both the "is it DICOM?" check and the header parse.</summary>
    private static byte[] ReadHead(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long length)
    {
        var head = new byte[(int)Math.Min(length, HeadBytes)];
        int got = 0;
        while (got < head.Length)
        {
            int n = RandomAccess.Read(handle, head.AsSpan(got), got);
            if (n <= 0) break;
            got += n;
        }
        if (got < head.Length) Array.Resize(ref head, got);
        return head;
    }

    /// <summary>A CT pixel is under 2 mm across; 50 mm leaves room for any scout or low-dose series and refuses nonsense (1e9).</summary>
    public const double MaxPixelSpacingMm = 50;

    private static void AddSlices(SeriesSummary s, DicomFile f)
    {
        var ds = f.Dataset;
        var desc = PixelDescription.From(ds);
        if (!desc.IsMonochrome) s.IsColour = true;
        var shared = ds.FirstItem(DicomTags.SharedFunctionalGroupsSequence);
        bool direct = desc.Frames == 1 && desc.IsMonochrome && desc.BitsAllocated == 16 && desc.BitsStored == 16 && desc.HighBit == 15
                      && f.NativePixelOffset >= 0 && f.NativePixelLength >= desc.BytesPerFrame && !f.Syntax.BigEndian && !f.Syntax.Encapsulated;
        var perFrame = ds.GetSequence(DicomTags.PerFrameFunctionalGroupsSequence);
        for (int frame = 0; frame < desc.Frames; frame++)
        {
            var pf = frame < perFrame.Count ? perFrame[frame] : null;
            var position = Lookup(ds, pf, shared, DicomTags.PlanePositionSequence, DicomTags.ImagePositionPatient);
            var orientation = Lookup(ds, pf, shared, DicomTags.PlaneOrientationSequence, DicomTags.ImageOrientationPatient);
            var spacing = Lookup(ds, pf, shared, DicomTags.PixelMeasuresSequence, DicomTags.PixelSpacing);
            var slope = Lookup(ds, pf, shared, DicomTags.PixelValueTransformationSequence, DicomTags.RescaleSlope);
            var intercept = Lookup(ds, pf, shared, DicomTags.PixelValueTransformationSequence, DicomTags.RescaleIntercept);
            var thickness = Lookup(ds, pf, shared, DicomTags.PixelMeasuresSequence, DicomTags.SliceThickness);
            double depth = ds.GetDouble(DicomTags.SpacingBetweenSlices) ?? (thickness.Length > 0 ? thickness[0] : 0);

            Vec3 row = new(1, 0, 0), col = new(0, 1, 0);
            if (orientation.Length == 6)
            {
                row = Vec3.From(orientation).Normalized();
                col = Vec3.From(orientation.AsSpan(3)).Normalized();
                if (Math.Abs(row.Dot(col)) > 0.01 || row.Length < 0.5 || col.Length < 0.5)
                    throw new DicomFormatException("Image Orientation (Patient) is not two orthogonal unit vectors");
            }
            else if (orientation.Length != 0) throw new DicomFormatException("Image Orientation (Patient) does not hold 6 numbers");
            else if (frame == 0) s.Warnings.Add($"{f.Path}: no Image Orientation (Patient); axial assumed");

            Vec3 pos;
            if (position.Length == 3) pos = Vec3.From(position);
            else
            {
                // Frames without positions (legacy multi-frame, secondary capture) stack along the normal.
                double step = depth > 0 ? depth : 1;
                pos = row.Cross(col) * (frame * step);
                if (frame == 0) s.Warnings.Add($"{f.Path}: no Image Position (Patient); frames stacked at {step:0.###} mm");
            }
            double sr = 1, sc = 1;
            if (spacing.Length == 2 && (spacing[0] > MaxPixelSpacingMm || spacing[1] > MaxPixelSpacingMm))
                throw new DicomFormatException($"Pixel Spacing {spacing[0]}\\{spacing[1]} mm is beyond {MaxPixelSpacingMm} mm: not a CT image's geometry");
            if (slope.Length > 0 && (slope[0] == 0 || !double.IsFinite(slope[0])))
                throw new DicomFormatException($"Rescale Slope is {slope[0]}: the pixels cannot be turned into HU");
            if (spacing.Length == 2 && spacing[0] > 0 && spacing[1] > 0) { sr = spacing[0]; sc = spacing[1]; }
            else if (frame == 0) s.Warnings.Add($"{f.Path}: no valid Pixel Spacing; 1 mm assumed");

            s.Slices.Add(new SliceRef(f.Path!, frame, pos, row, col, sr, sc, desc.Rows, desc.Columns,
                slope.Length > 0 && slope[0] != 0 ? slope[0] : 1, intercept.Length > 0 ? intercept[0] : 0, f.Syntax.Uid)
            {
                SopInstanceUid = ds.GetString(DicomTags.SopInstanceUid) ?? "",
                Thickness = depth is > 0 and < 100 ? depth : 0,
                SopClassUid = ds.GetString(DicomTags.SopClassUid) ?? "",
                DirectPixelOffset = direct ? f.NativePixelOffset : -1,
                DirectSigned = desc.Signed,
                HasPosition = position.Length == 3,
                InstanceNumber = int.TryParse(ds.GetString(DicomTags.InstanceNumber)?.Trim(), out var n) ? n : 0,
            });
        }
    }

    /// <summary>Enhanced objects keep geometry in functional groups (per-frame first, then shared); classic ones at the top level.</summary>
    private static double[] Lookup(DicomDataset ds, DicomDataset? perFrame, DicomDataset? shared, DicomTag macro, DicomTag attribute)
    {
        foreach (var group in new[] { perFrame, shared })
        {
            var item = group?.FirstItem(macro);
            if (item is not null && item.Contains(attribute)) return item.GetDoubles(attribute);
        }
        return ds.GetDoubles(attribute);
    }
}
