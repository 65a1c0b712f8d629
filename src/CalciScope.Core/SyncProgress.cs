namespace CalciScope;

/// <summary>
/// Progress reported on the reporting thread. Progress&lt;T&gt; posts each report to the thread pool, so a report can
/// arrive after the work has ended and overwrite its final state; where that matters, this is used instead.
/// </summary>
public sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
