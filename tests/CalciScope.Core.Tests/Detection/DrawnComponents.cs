using CalciScope.Calcification;
using CalciScope.Segmentation;

namespace CalciScope.Tests.Detection;

/// <summary>The components of a drawing as the detector gathers them: runs, voxel count and bounding box, by component id.</summary>
internal static class DrawnComponents
{
    public static List<ComponentStats> Stats(RunSet runs)
    {
        var stats = Enumerable.Range(1, runs.ComponentCount).Select(c => new ComponentStats { Id = c }).ToList();
        for (int r = 0; r < runs.Count; r++)
        {
            var s = stats[runs.Component[r] - 1];
            s.Runs.Add(r);
            s.Count += runs.X1[r] - runs.X0[r] + 1;
            s.MinI = Math.Min(s.MinI, runs.X0[r]); s.MaxI = Math.Max(s.MaxI, runs.X1[r]);
            s.MinJ = Math.Min(s.MinJ, runs.Y[r]); s.MaxJ = Math.Max(s.MaxJ, runs.Y[r]);
            s.MinK = Math.Min(s.MinK, runs.Z[r]); s.MaxK = Math.Max(s.MaxK, runs.Z[r]);
        }
        return stats;
    }
}
