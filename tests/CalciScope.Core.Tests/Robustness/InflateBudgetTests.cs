using CalciScope.Dicom;

namespace CalciScope.Tests.Robustness;

/// <summary>Deflated datasets inflating at once share one budget per process: a second large one waits for the first.</summary>
public class InflateBudgetTests
{
    private const long Large = 600L << 20;

    [Fact]
    public void SecondLargeInflation_WaitsUntilTheFirstIsDone()
    {
        var first = InflateBudget.Acquire(Large);
        var second = Task.Run(() => InflateBudget.Acquire(Large));
        // Only proceeding early could fail this; a slow machine merely waits longer.
        Assert.False(second.Wait(TimeSpan.FromMilliseconds(300)), "two 600 MiB inflations ran at once under a 1 GiB budget");
        first.Dispose();
        Assert.True(second.Wait(TimeSpan.FromSeconds(30)), "the second inflation never proceeded");
        second.Result.Dispose();
    }

    [Fact]
    public void OneDatasetAlone_AlwaysProceeds()
    {
        var task = Task.Run(() => InflateBudget.Acquire(InflateBudget.MaxBytesInFlight + 1));
        Assert.True(task.Wait(TimeSpan.FromSeconds(30)), "a dataset over the budget waited with nothing else in flight");
        task.Result.Dispose();
    }
}
