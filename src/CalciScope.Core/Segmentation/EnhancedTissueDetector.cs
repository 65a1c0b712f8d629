using CalciScope.Imaging;

namespace CalciScope.Segmentation;

/// <summary>
/// In a contrast-enhanced study, myocardium, spleen, liver, kidneys and the smaller vessels reach the calcium threshold
/// too, and at 130 HU they join each other and the skeleton into one structure. This finds that enhancing tissue: deep
/// voxels from 130 HU up to cortical density, away from cortex and from what a ring of 300 HU encloses (marrow; also
/// the lumen inside a calcified aortic ring and solid enhanced vessels, which the blood pool or size rules catch), in regions that are large
/// or open onto the blood pool. Inside it only what rises above the lumen's calcium threshold counts, as in the lumen.
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

    public static byte[] Detect(Volume<short> hu, TissueMap tissue, short threshold)
    {
        var g = hu.Geometry;
        int nx = g.SizeX, ny = g.SizeY, len = nx * ny;
        var candidate = new byte[hu.Data.Length];
        Parallel.For(0, g.SizeZ, () => (new SliceOps(nx, ny, g.Spacing.X, g.Spacing.Y), new bool[len], new bool[len], new byte[nx]), (z, _, w) =>
        {
            var (ops, bone, ring, codes) = w;
            var src = hu.Slice(z);
            bool any = false;
            for (int y = 0; y < ny; y++)
            {
                tissue.Row(z, y, codes);
                int off = y * nx;
                for (int x = 0; x < nx; x++)
                {
                    short v = src[off + x];
                    any |= bone[off + x] = v >= CortexHu;
                    // The lumen is not a wall: closing over it would join the aorta to the spine.
                    ring[off + x] = v >= RingHu && (codes[x] & TissueClass.Lumen) == 0;
                }
            }
            var dst = candidate.AsSpan(z * len, len);
            if (any)
            {
                ops.Dilate(bone, BoneBandMm);
                // Marrow sits inside a ring of cortex that partial volume may keep under cortical density but not
                // under the ring's; enhancing organs are not walled in like that.
                ops.CloseSquare(ring, RingGapMm);
                ops.FillHoles(ring);
                for (int i = 0; i < len; i++) bone[i] |= ring[i];
            }
            for (int y = 0; y < ny; y++)
            {
                tissue.Row(z, y, codes);
                int off = y * nx;
                for (int x = 0; x < nx; x++)
                {
                    short v = src[off + x];
                    byte c = TissueClass.Of(codes[x]);
                    dst[off + x] = !bone[off + x] && v >= threshold && v < CortexHu && c is TissueClass.InnerFat or TissueClass.InnerSoft ? (byte)1 : (byte)0;
                }
            }
            return w;
        }, _ => { });

        var runs = RunLabeler.Label(hu, threshold, candidate);
        var count = new long[runs.ComponentCount + 1];
        var pool = new bool[runs.ComponentCount + 1];
        for (int r = 0; r < runs.Count; r++)
        {
            int c = runs.Component[r], x0 = runs.X0[r], x1 = runs.X1[r], y = runs.Y[r], z = runs.Z[r];
            count[c] += x1 - x0 + 1;
            for (int x = x0; x <= x1 && !pool[c]; x++) pool[c] = (tissue.Code(x, y, z) & TissueClass.BloodPool) != 0;
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
