using CalciScope.Calcification;
using CalciScope.Segmentation;

namespace CalciScope.Tests.Detection;

/// <summary>The components of a drawing that holds one bone (with what is joined to it), each marked as bone.</summary>
internal static class OneBone
{
    public static List<ComponentStats> Stats(RunSet runs)
    {
        var stats = DrawnComponents.Stats(runs);
        Assert.Single(stats);
        foreach (var s in stats) s.IsBone = true;
        return stats;
    }
}
