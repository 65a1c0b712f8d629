using CalciScope.Imaging;

namespace CalciScope.Dicom;

/// <summary>
/// Turns a scanned series into one volume: slices ordered by their position along the slice normal (never by name
/// or instance number), duplicates dropped, mixed sizes or orientations reduced to the main stack, gantry tilt kept
/// as a sheared slice axis, uneven spacing resampled to the finest spacing; every such repair leaves a warning.
/// </summary>
public static class SeriesLoader
{
    private const double DuplicateToleranceMm = 0.01;
    private const double TiltToleranceDeg = 0.5;

    public sealed record Stack(IReadOnlyList<SliceRef> Slices, VolumeGeometry Geometry, double[] SourceOffsetsMm, bool Resampled, List<string> Warnings, double TiltDeg);

    /// <summary>Picks the series to read: the one asked for, else the axial CT series with the most slices.</summary>
    public static SeriesSummary Choose(IReadOnlyList<SeriesSummary> series, string? seriesUid, string inputPath)
    {
        var images = series.Where(s => s.Slices.Count > 0).ToList();
        if (seriesUid is not null)
        {
            var match = images.FirstOrDefault(s => s.SeriesUid == seriesUid);
            if (match is null)
                throw new InputException(inputPath, $"series {seriesUid} not found; available: {string.Join(", ", images.Select(s => s.SeriesUid))}");
            return match;
        }
        if (images.Count == 0)
        {
            // Say why: the images that were found were all refused.
            var why = series.SelectMany(s => s.Warnings).FirstOrDefault();
            throw why is null ? new InputException(inputPath, "no DICOM image series found") : new InputException(null, why);
        }
        var best = images
            .OrderByDescending(s => s.Modality == "CT" && !s.IsColour)
            .ThenByDescending(s => !s.IsColour)
            .ThenByDescending(s => s.IsAxial)
            .ThenByDescending(s => s.Slices.Count)
            .First();
        return best;
    }

    /// <summary>The resampled step is at least the typical (median) step over this.</summary>
    public const double MaxUpsampling = 4;

    public static Stack Arrange(SeriesSummary series)
    {
        var warnings = new List<string>(series.Warnings);
        var slices = series.Slices.ToList();
        // A segmentation, a structured report or a presentation state has no image slices to stack.
        if (slices.Count == 0)
            throw new InputException(null, $"series {series.SeriesUid} ({series.Modality}) holds no image slices to stack");

        var bySize = slices.GroupBy(s => (s.Rows, s.Columns)).OrderByDescending(g => g.Count()).ToList();
        if (bySize.Count > 1)
        {
            warnings.Add($"mixed image sizes ({string.Join(", ", bySize.Select(g => $"{g.Key.Columns}x{g.Key.Rows}: {g.Count()}"))}); only the {bySize[0].Key.Columns}x{bySize[0].Key.Rows} images are read");
            slices = bySize[0].ToList();
        }
        var byOrientation = slices.GroupBy(s => OrientationKey(s)).OrderByDescending(g => g.Count()).ToList();
        if (byOrientation.Count > 1)
        {
            warnings.Add($"mixed orientations ({byOrientation.Count} planes); only the {byOrientation[0].Count()} images of the main plane are read");
            slices = byOrientation[0].ToList();
        }
        slices = Positioned(slices, warnings);
        var first = slices[0];
        var normal = first.Row.Cross(first.Column).Normalized();
        slices = slices.OrderBy(s => s.Position.Dot(normal)).ThenBy(s => s.Path, StringComparer.Ordinal).ThenBy(s => s.Frame).ToList();

        var unique = new List<SliceRef> { slices[0] };
        int dupes = 0;
        for (int i = 1; i < slices.Count; i++)
        {
            if ((slices[i].Position - unique[^1].Position).Length < DuplicateToleranceMm) dupes++;
            else unique.Add(slices[i]);
        }
        if (dupes > 0) warnings.Add($"{dupes} duplicate slice(s) at the same position ignored");
        slices = unique;

        var offsets = slices.Select(s => (s.Position - slices[0].Position).Dot(normal)).ToArray();
        Vec3 axisK = normal;
        double spacingZ = first.SpacingRow;
        if (slices.Count == 1)
        {
            // A lone slice has no neighbour to measure its depth against: its own thickness gives the voxel volume.
            if (first.Thickness > 0) spacingZ = first.Thickness;
            warnings.Add($"a single slice: volumes take its depth as {spacingZ:0.###} mm{(first.Thickness > 0 ? "" : " (no slice thickness given; the pixel size is used)")}");
        }
        double tilt = 0;
        bool resampled = false;
        int nz = slices.Count;
        if (slices.Count > 1)
        {
            var span = slices[^1].Position - slices[0].Position;
            axisK = span.Normalized();
            tilt = Math.Acos(Math.Clamp(Math.Abs(axisK.Dot(normal)), 0, 1)) * 180 / Math.PI;
            if (tilt > TiltToleranceDeg)
                warnings.Add($"gantry tilt of {tilt:0.#} degrees: slices kept on a sheared grid, every voxel at its true patient position");
            else axisK = normal;

            // Distances along the stacking direction (with tilt, the in-plane shift is part of the step).
            double scale = 1 / Math.Abs(axisK.Dot(normal));
            var steps = new double[slices.Count - 1];
            for (int i = 0; i < steps.Length; i++) steps[i] = (offsets[i + 1] - offsets[i]) * scale;
            double min = steps.Min(), max = steps.Max();
            var sorted = steps.Order().ToArray();
            double median = sorted[sorted.Length / 2];
            if (max - min > 0.05 * median + 0.01)
            {
                // Resample at the finest step, but never finer than a quarter of the typical one: two slices 0.02 mm
                // apart in a 290 mm stack would otherwise ask for 14,500 slices (gigabytes) from three.
                spacingZ = Math.Max(min, median / MaxUpsampling);
                if (spacingZ > min) warnings.Add($"slices as close as {min:0.###} mm in a stack of {median:0.###} mm steps: resampled at {spacingZ:0.###} mm, not finer");
                double total = (offsets[^1] - offsets[0]) * scale;
                nz = (int)Math.Round(total / spacingZ) + 1;
                spacingZ = total / (nz - 1);
                resampled = true;
                warnings.Add($"uneven slice spacing ({min:0.###} to {max:0.###} mm{(max > 1.5 * median ? ", a slice may be missing" : "")}): resampled to {spacingZ:0.###} mm by linear interpolation");
            }
            else spacingZ = (offsets[^1] - offsets[0]) * scale / (slices.Count - 1);
            for (int i = 0; i < offsets.Length; i++) offsets[i] *= scale;
        }
        var geometry = new VolumeGeometry(first.Columns, first.Rows, nz, new Vec3(first.SpacingColumn, first.SpacingRow, spacingZ),
            slices[0].Position, first.Row, first.Column, axisK);
        return new Stack(slices, geometry, offsets, resampled, warnings, tilt);
    }

    /// <summary>
    /// Slices that carry no position: where none of a series' single-frame slices does, they are stacked by Instance
    /// Number at their thickness (never taken as duplicates of one another); where only some lack it, those are left
    /// out rather than placed by guess. Either way a warning says so.
    /// </summary>
    private static List<SliceRef> Positioned(List<SliceRef> slices, List<string> warnings)
    {
        var without = slices.Where(s => !s.HasPosition).ToList();
        if (without.Count == 0) return slices;
        if (without.Count < slices.Count)
        {
            warnings.Add($"{without.Count} slice(s) without Image Position (Patient) left out; {slices.Count - without.Count} placed by their positions");
            return slices.Where(s => s.HasPosition).ToList();
        }
        // Multi-frame objects without positions were already stacked frame by frame by the scanner.
        if (slices.Select(s => s.Path).Distinct().Count() == 1) return slices;
        var first = slices[0];
        double step = first.Thickness > 0 ? first.Thickness : 1;
        var normal = first.Row.Cross(first.Column).Normalized();
        warnings.Add($"no slice has an Image Position (Patient): {slices.Count} slices stacked by Instance Number at {step:0.###} mm{(first.Thickness > 0 ? "" : " (no thickness given)")}");
        return slices.OrderBy(s => s.InstanceNumber).ThenBy(s => s.Path, StringComparer.Ordinal).ThenBy(s => s.Frame)
            .Select((s, i) => s with { Position = normal * (i * step) }).ToList();
    }

    private static string OrientationKey(SliceRef s) =>
        string.Join(',', new[] { s.Row.X, s.Row.Y, s.Row.Z, s.Column.X, s.Column.Y, s.Column.Z }.Select(v => Math.Round(v, 3).ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Decodes the stack into HU. <paramref name="store"/> receives each source slice's HU values in slice order.</summary>
    public static void Decode(Stack stack, Action<int, ReadOnlySpan<int>, double, double> store, IProgress<double>? progress = null)
    {
        var byFile = stack.Slices.Select((s, i) => (s, i)).GroupBy(x => x.s.Path).ToList();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        try
        {
            DecodeFiles(stack, store, progress, byFile, failures);
        }
        catch (AggregateException e) when (e.InnerExceptions.FirstOrDefault(x => x is CalciScopeException) is { } first)
        {
            // One bad file stops a parallel decode; report it as itself, not wrapped.
            throw first;
        }
        if (failures.Count == stack.Slices.Count) throw new InputException(stack.Slices[0].Path, $"no slice could be decoded: {failures.First()}");
        foreach (var f in failures.Order()) stack.Warnings.Add($"{f}; slice filled by its neighbours");
        progress?.Report(1);
    }

    private static void DecodeFiles(Stack stack, Action<int, ReadOnlySpan<int>, double, double> store, IProgress<double>? progress,
        List<IGrouping<string, (SliceRef s, int i)>> byFile, System.Collections.Concurrent.ConcurrentBag<string> failures)
    {
        int done = 0;
        Parallel.ForEach(byFile, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, group =>
        {
            var stored = new int[stack.Geometry.SizeX * stack.Geometry.SizeY];
            DicomFile file;
            try
            {
                file = DicomReader.ReadFile(group.Key);
            }
            catch (InputException e) { failures.Add(e.Message); return; }
            foreach (var (s, i) in group)
            {
                try
                {
                    var d = PixelDescription.From(file.Dataset);
                    DicomPixelData.DecodeFrame(file, d, s.Frame, stored);
                }
                catch (DicomFormatException e) when (!file.Syntax.Supported || e.Message.Contains("colour image"))
                {
                    throw new InputException(group.Key, e.Message);
                }
                catch (DicomFormatException e)
                {
                    failures.Add($"{group.Key}: {e.Message}");
                    Array.Fill(stored, int.MinValue);
                }
                store(i, stored, s.Slope, s.Intercept);
                int n = Interlocked.Increment(ref done);
                if ((n & 7) == 0) progress?.Report((double)n / stack.Slices.Count);
            }
        });
    }
}
