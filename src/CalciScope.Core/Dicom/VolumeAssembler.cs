using System.Numerics;
using CalciScope.Imaging;

namespace CalciScope.Dicom;

/// <summary>Builds the voxel buffer of an arranged stack: rescale to HU, fill unreadable slices, resample uneven stacks.</summary>
public static class VolumeAssembler
{
    public sealed record Result<T>(Volume<T> Volume, long ClampedVoxels, bool IntegerRescale) where T : unmanaged, INumber<T>;

    public static Result<T> Build<T>(SeriesLoader.Stack stack, IProgress<double>? progress = null) where T : unmanaged, INumber<T>
    {
        var g = stack.Geometry;
        int len = g.SizeX * g.SizeY;
        int nSrc = stack.Slices.Count;
        var volume = new Volume<T>(g);
        T[] src = stack.Resampled ? new T[(long)nSrc * len] : volume.Data;
        if (typeof(T) == typeof(short) && TryDirect(stack, (short[])(object)src, len, progress, out var directClamped))
        {
            if (stack.Resampled) Resample(src, nSrc, stack.SourceOffsetsMm, volume, len);
            return new Result<T>(volume, directClamped, true);
        }
        var bad = new bool[nSrc];
        long clamped = 0;
        bool integer = true;
        double min = double.CreateTruncating(T.CreateSaturating(double.MinValue)), max = double.CreateTruncating(T.CreateSaturating(double.MaxValue));
        bool isFloat = typeof(T) == typeof(float) || typeof(T) == typeof(double);
        SeriesLoader.Decode(stack, (i, stored, slope, intercept) =>
        {
            if (stored.Length > 0 && stored[0] == int.MinValue) { bad[i] = true; return; }
            if (slope != Math.Round(slope) || intercept != Math.Round(intercept)) integer = false;
            var dst = src.AsSpan(i * len, len);
            long c = 0;
            if (typeof(T) == typeof(short) && slope == 1 && intercept == Math.Round(intercept))
            {
                var d16 = System.Runtime.InteropServices.MemoryMarshal.Cast<T, short>(dst);
                int ic = (int)intercept;
                for (int p = 0; p < len; p++)
                {
                    int v = stored[p] + ic;
                    if (v > short.MaxValue) { v = short.MaxValue; c++; } else if (v < short.MinValue) { v = short.MinValue; c++; }
                    d16[p] = (short)v;
                }
            }
            else
            {
                for (int p = 0; p < len; p++)
                {
                    double v = stored[p] * slope + intercept;
                    if (!isFloat) v = Math.Round(v);
                    if (v > max) { v = max; c++; } else if (v < min) { v = min; c++; }
                    dst[p] = T.CreateTruncating(v);
                }
            }
            if (c > 0) Interlocked.Add(ref clamped, c);
        }, progress);

        FillBadSlices(src, bad, len);
        if (stack.Resampled) Resample(src, nSrc, stack.SourceOffsetsMm, volume, len);
        return new Result<T>(volume, clamped, integer);
    }

    /// <summary>
    /// The common case read without parsing again: single-frame 16-bit little-endian slices whose pixel bytes sit at a
    /// known offset go straight from the file into the volume, with the integer intercept added in place.
    /// </summary>
    private static bool TryDirect(SeriesLoader.Stack stack, short[] dst, int len, IProgress<double>? progress, out long clamped)
    {
        clamped = 0;
        foreach (var s in stack.Slices)
            if (s.DirectPixelOffset < 0 || s.Slope != 1 || s.Intercept != Math.Round(s.Intercept) || Math.Abs(s.Intercept) > 65536) return false;
        long total = 0;
        int done = 0;
        try
        {
            Parallel.For(0, stack.Slices.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            {
                var s = stack.Slices[i];
                var target = dst.AsSpan(i * len, len);
                var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(target);
                using (var handle = File.OpenHandle(s.Path, FileMode.Open, FileAccess.Read, FileShare.Read))
                {
                    int read = 0;
                    while (read < bytes.Length)
                    {
                        int n = RandomAccess.Read(handle, bytes[read..], s.DirectPixelOffset + read);
                        if (n <= 0) throw new EndOfStreamException();
                        read += n;
                    }
                }
                int intercept = (int)s.Intercept;
                long c = 0;
                if (s.DirectSigned)
                {
                    if (intercept != 0)
                        for (int p = 0; p < len; p++) target[p] = Clamp(target[p] + intercept, ref c);
                }
                else
                {
                    var unsigned = System.Runtime.InteropServices.MemoryMarshal.Cast<short, ushort>(target);
                    for (int p = 0; p < len; p++) target[p] = Clamp(unsigned[p] + intercept, ref c);
                }
                if (c > 0) Interlocked.Add(ref total, c);
                if ((Interlocked.Increment(ref done) & 15) == 0) progress?.Report((double)done / stack.Slices.Count);
            });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or AggregateException)
        {
            // Anything odd: the careful path reads, reports and repairs.
            return false;
        }
        clamped = total;
        progress?.Report(1);
        return true;
    }

    private static short Clamp(int v, ref long clamped)
    {
        if (v > short.MaxValue) { clamped++; return short.MaxValue; }
        if (v < short.MinValue) { clamped++; return short.MinValue; }
        return (short)v;
    }

    private static T FromDouble<T>(double v) where T : unmanaged, INumber<T> =>
        typeof(T) == typeof(float) || typeof(T) == typeof(double) ? T.CreateTruncating(v) : T.CreateSaturating(Math.Round(v));

    private static void FillBadSlices<T>(T[] src, bool[] bad, int len) where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < bad.Length; i++)
        {
            if (!bad[i]) continue;
            int lo = i - 1, hi = i + 1;
            while (lo >= 0 && bad[lo]) lo--;
            while (hi < bad.Length && bad[hi]) hi++;
            var dst = src.AsSpan(i * len, len);
            if (lo < 0 && hi >= bad.Length) continue;
            if (lo < 0) src.AsSpan(hi * len, len).CopyTo(dst);
            else if (hi >= bad.Length) src.AsSpan(lo * len, len).CopyTo(dst);
            else
            {
                double w = (double)(i - lo) / (hi - lo);
                for (int p = 0; p < len; p++)
                    dst[p] = FromDouble<T>(double.CreateTruncating(src[lo * len + p]) * (1 - w) + double.CreateTruncating(src[hi * len + p]) * w);
            }
        }
    }

    private static void Resample<T>(T[] src, int nSrc, double[] offsets, Volume<T> volume, int len) where T : unmanaged, INumber<T>
    {
        var g = volume.Geometry;
        Parallel.For(0, g.SizeZ, k =>
        {
            double z = offsets[0] + k * g.Spacing.Z;
            int hi = Array.BinarySearch(offsets, z);
            var dst = volume.Slice(k);
            if (hi >= 0) { src.AsSpan(hi * len, len).CopyTo(dst); return; }
            hi = ~hi;
            if (hi <= 0) { src.AsSpan(0, len).CopyTo(dst); return; }
            if (hi >= nSrc) { src.AsSpan((nSrc - 1) * len, len).CopyTo(dst); return; }
            int lo = hi - 1;
            double w = (z - offsets[lo]) / (offsets[hi] - offsets[lo]);
            for (int p = 0; p < len; p++)
                dst[p] = FromDouble<T>(double.CreateTruncating(src[lo * len + p]) * (1 - w) + double.CreateTruncating(src[hi * len + p]) * w);
        });
    }
}
