namespace CalciScope.Calcification;

/// <summary>Running sums over the voxels of one connected component, gathered in a single pass over its runs.</summary>
internal sealed class ComponentStats
{
    public int Id;
    public long Count;
    public double SumHu;
    public int MaxHu, Dense;
    /// <summary>Voxels at or above the peak a contrast-filled tube stays under (<see cref="ContrastFilledTube.TubeMaxPeakHu"/>).</summary>
    public int AboveTubePeak;
    public int MinI = int.MaxValue, MaxI = int.MinValue, MinJ = int.MaxValue, MaxJ = int.MinValue, MinK = int.MaxValue, MaxK = int.MinValue;
    public long Interior;
    public double InteriorHu, SurfaceHu;
    public long Skin, Subcutaneous, Inner;
    public long SurroundFat, SurroundSoft;
    public readonly List<int> Runs = [];

    public bool IsBone;
    /// <summary>An arc of calcium round a lumen of blood in section (<see cref="VesselWallArc"/>): a vessel's wall, never bone.</summary>
    public bool VesselWall;
    /// <summary>A tube of contrast density, long or cut by the range (<see cref="ContrastFilledTube"/>): a vessel, never bone.</summary>
    public bool ContrastTube;
    /// <summary>
    /// Share of the voxels in the oral-contrast mask (<see cref="Segmentation.OralContrastDetector"/>), measured once for
    /// the bone classes and the candidates alike; 0 where the study holds none.
    /// </summary>
    public double OralContrastShare;
    /// <summary>The anatomy structure holding most of the component, where an anatomy source was given.</summary>
    public Anatomy.AnatomyStructure Structure;
    public long BloodPoolContact, PoolWallContact;
    /// <summary>Voxels in or a cell beside marrow of a pool core (<see cref="Segmentation.BloodPoolDetector.Result.MarrowInPool"/>).</summary>
    public long AlongMarrow;
    /// <summary>Probes around the component's runs, and those landing in the lumen.</summary>
    public long Probes, ProbesInLumen;
    /// <summary>Probes landing in gas enclosed by the body below the lungs: bowel gas.</summary>
    public long ProbesInBowelGas;
    /// <summary>
    /// Voxels of the component's front face (nothing of it in front of them, the patient supine) and those of them with
    /// bowel gas within <see cref="CalcificationDetector.LevelReachVoxels"/> in front: a gas-fluid level lies along it.
    /// </summary>
    public long FrontFace, FrontFaceUnderGas;

    /// <summary>The component's middle slice, within the first <paramref name="slices"/> (its level for per-slice tables).</summary>
    public int MidK(int slices) => Math.Clamp((MinK + MaxK) / 2, 0, slices - 1);

    /// <summary>The extent of the component's bounding box along each axis, in mm.</summary>
    public (double X, double Y, double Z) ExtentMm(Imaging.VolumeGeometry g) =>
        ((MaxI - MinI + 1) * g.Spacing.X, (MaxJ - MinJ + 1) * g.Spacing.Y, (MaxK - MinK + 1) * g.Spacing.Z);

    /// <summary>Share of the voxels in skin or subcutaneous fat: outside the muscular wall.</summary>
    public double OutsideShare => (double)(Skin + Subcutaneous) / Count;

    /// <summary>Deep to the subcutaneous fat: under <see cref="BoneClassifier.DeepMaxOutsideShare"/> of the voxels in skin or subcutaneous fat.</summary>
    public bool Deep => Skin + Subcutaneous < BoneClassifier.DeepMaxOutsideShare * Count;

    /// <summary>The component's runs grouped by slice, index 0 at <see cref="MinK"/>; null for a slice it does not reach.</summary>
    public List<int>?[] RunsBySlice(Segmentation.RunSet runs)
    {
        var bySlice = new List<int>?[MaxK - MinK + 1];
        foreach (int r in Runs) (bySlice[runs.Z[r] - MinK] ??= []).Add(r);
        return bySlice;
    }

    /// <summary>
    /// Sets the voxels of <paramref name="sliceRuns"/> (runs of one slice) in <paramref name="mask"/>, the component's
    /// bounding rectangle row by row from (<see cref="MinI"/>, <see cref="MinJ"/>); returns how many.
    /// </summary>
    public int Draw(List<int> sliceRuns, Segmentation.RunSet runs, Span<bool> mask)
    {
        int w = MaxI - MinI + 1, drawn = 0;
        foreach (int r in sliceRuns)
        {
            int n = runs.X1[r] - runs.X0[r] + 1;
            mask.Slice((runs.Y[r] - MinJ) * w + runs.X0[r] - MinI, n).Fill(true);
            drawn += n;
        }
        return drawn;
    }
}
