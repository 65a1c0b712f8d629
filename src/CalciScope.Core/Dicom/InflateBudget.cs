namespace CalciScope.Dicom;

/// <summary>
/// Bytes of deflated datasets being inflated and parsed at once, across the whole process. Each file is bounded on its
/// own (512 MiB), but files are read one per core: a folder of deflated files near that bound would take 512 MiB times
/// the cores at once (two 2 MB files had peaked at 4.5 GB). A reader waits while others hold the budget; one dataset
/// alone always proceeds, however large.
/// </summary>
internal static class InflateBudget
{
    /// <summary>Two datasets at the per-file bound: 1 GiB in flight.</summary>
    public const long MaxBytesInFlight = 1L << 30;

    private static readonly object Gate = new();
    private static long _inUse;

    public static Lease Acquire(long bytes)
    {
        lock (Gate)
        {
            while (_inUse > 0 && _inUse + bytes > MaxBytesInFlight) Monitor.Wait(Gate);
            _inUse += bytes;
        }
        return new Lease(bytes);
    }

    /// <summary>Returns its bytes to the budget when disposed; the default lease holds none.</summary>
    public readonly struct Lease(long bytes) : IDisposable
    {
        public void Dispose()
        {
            if (bytes == 0) return;
            lock (Gate)
            {
                _inUse -= bytes;
                Monitor.PulseAll(Gate);
            }
        }
    }
}
