using CalciScope.Calcification;
using CalciScope.Segmentation;

namespace CalciScope.Tests.Detection;

/// <summary>The components of a drawing that holds one bone (with what is joined to it), each marked as bone.</summary>
internal static class OneBone
{
    public static List<ComponentStats> Stats(RunSet runs)
    {
        var stats = new Dictionary<int, ComponentStats>();
        for (int r = 0; r < runs.Count; r++)
        {
            int id = runs.Component[r];
            if (!stats.TryGetValue(id, out var s)) stats[id] = s = new ComponentStats { Id = id, IsBone = true };
            s.Runs.Add(r);
            s.Count += runs.X1[r] - runs.X0[r] + 1;
            s.MinI = Math.Min(s.MinI, runs.X0[r]); s.MaxI = Math.Max(s.MaxI, runs.X1[r]);
            s.MinJ = Math.Min(s.MinJ, runs.Y[r]); s.MaxJ = Math.Max(s.MaxJ, runs.Y[r]);
            s.MinK = Math.Min(s.MinK, runs.Z[r]); s.MaxK = Math.Max(s.MaxK, runs.Z[r]);
        }
        Assert.Single(stats);
        return stats.Values.ToList();
    }
}
