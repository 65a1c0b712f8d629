namespace CalciScope.Segmentation;

/// <summary>
/// In a contrast-enhanced study, myocardium, spleen, liver, kidneys and the smaller vessels reach the calcium threshold
/// too, and at 130 HU they join each other and the skeleton into one structure. This finds that enhancing tissue: deep
/// voxels from 130 HU up to cortical density, away from cortex and from what a ring of 300 HU encloses (marrow, but
/// also the lumen inside a calcified aortic ring, which the blood pool covers), in regions that are large or open onto
/// the blood pool. Inside it only what rises above the lumen's calcium threshold counts, as in the lumen.
/// </summary>
public static class EnhancedTissueDetector
{
    /// <summary>Bone cortex and calcium at CT resolution; enhancing tissue stays below it in all but undiluted contrast.</summary>
    public const short CortexHu = 600;
    /// <summary>How far from cortex a voxel stays part of the bone (partial volume, marrow at the cortex's edge).</summary>
    public const double BoneBandMm = 3;
    /// <summary>A closed ring at this density around a region makes it marrow.</summary>
    public const short RingHu = 300;
    public const double RingGapMm = 1.5;
    /// <summary>Enhancing regions this large are organs or vessel trees; small ones may be faint calcium and are left.</summary>
    public const double OrganMm3 = 1000;

    /// <summary>Enhancing tissue per cell of the tissue map's coarse grid (about 1.5 mm, the scale these rules work at).</summary>
    public static byte[] Detect(TissueMap tissue, short threshold)
    {
        var hu = tissue.Coarse;
        var codes = tissue.Codes;
        var g = hu.Geometry;
        int nx = g.SizeX, ny = g.SizeY, len = nx * ny;
        var candidate = new byte[hu.Data.Length];
        Parallel.For(0, g.SizeZ, () => (new SliceOps(nx, ny, g.Spacing.X, g.Spacing.Y), new bool[len], new bool[len]), (z, _, w) =>
        {
            var (ops, bone, ring) = w;
            var src = hu.Slice(z);
            var code = codes.AsSpan(z * len, len);
            bool any = false;
            for (int i = 0; i < len; i++)
            {
                any |= bone[i] = src[i] >= CortexHu;
                // The lumen is not a wall: closing over it would join the aorta to the spine.
                ring[i] = src[i] >= RingHu && (code[i] & TissueClass.Lumen) == 0;
            }
            if (any)
            {
                ops.DilateSquare(bone, BoneBandMm);
                // Marrow sits inside a ring of cortex that partial volume may keep under cortical density but not
                // under the ring's; enhancing organs are not walled in like that.
                ops.CloseSquare(ring, RingGapMm);
                ops.FillHoles(ring);
                for (int i = 0; i < len; i++) bone[i] |= ring[i];
            }
            var dst = candidate.AsSpan(z * len, len);
            for (int i = 0; i < len; i++)
            {
                byte c = TissueClass.Of(code[i]);
                dst[i] = !bone[i] && src[i] >= threshold && src[i] < CortexHu && c is TissueClass.InnerFat or TissueClass.InnerSoft ? (byte)1 : (byte)0;
            }
            return w;
        }, _ => { });

        var runs = RunLabeler.Label(hu, threshold, candidate);
        var count = new long[runs.ComponentCount + 1];
        var pool = new bool[runs.ComponentCount + 1];
        for (int r = 0; r < runs.Count; r++)
        {
            int c = runs.Component[r], off = runs.Z[r] * len + runs.Y[r] * nx;
            count[c] += runs.X1[r] - runs.X0[r] + 1;
            for (int x = runs.X0[r]; x <= runs.X1[r] && !pool[c]; x++) pool[c] = (codes[off + x] & TissueClass.BloodPool) != 0;
        }
        var keep = new bool[runs.ComponentCount + 1];
        for (int c = 1; c <= runs.ComponentCount; c++) keep[c] = pool[c] || count[c] * g.VoxelVolumeMm3 >= OrganMm3;
        Array.Clear(candidate);
        for (int r = 0; r < runs.Count; r++)
            if (keep[runs.Component[r]])
                candidate.AsSpan(runs.Z[r] * len + runs.Y[r] * nx + runs.X0[r], runs.X1[r] - runs.X0[r] + 1).Fill(1);
        return candidate;
    }
}
