using CalciScope.Imaging;
using CalciScope.Segmentation;

namespace CalciScope.Calcification;

/// <summary>How a calcified mass joined to a bone is carved from it.</summary>
/// <param name="MinCoreMm3">
/// The mass's solid middle, what survives the nodules' erosion (<see cref="NoduleOnBoneOptions.CoreRadiusMm"/>), is at
/// least this large (the family's masses left cores of 2.7-3.1 mL; a phlebolith of 5.4 mm leaves a few voxels): smaller
/// cores are the nodule step's (<see cref="NoduleOnBone"/>), which runs after this one and leaves what was carved here.
/// </param>
/// <param name="MaxExtentMm">
/// Extent of the core along each axis: tumoral calcinosis round a hip or shoulder is lobulated and a few centimetres
/// across (the phantom family's masses 25-35 mm); a bone's thick cortex or sclerotic shaft runs on through the slices.
/// </param>
/// <param name="MirrorReachMm">
/// A voxel of the core whose mirror image across the skeleton's midline (<see cref="SkeletalMidline"/>) has bone within
/// this reach is mirrored: a pelvis lying a few degrees rotated shifts a paired bone's mirror by a few millimetres. The
/// skeleton is paired about the midline or lies on it (<see cref="MirroredBone"/>): a femoral head, a trochanter or an
/// acetabulum mirrors onto its partner, the sacrum onto itself; tumoral calcinosis and heterotopic bone are one-sided, or
/// not placed voxel for voxel in mirror image where both sides have them. Only the core's unmirrored part is a candidate:
/// where the mass meets the cortex, the erosion leaves them one core, and that junction mirrors onto the other cortex.
/// </param>
/// <param name="SolidRadiusMm">
/// The unmirrored part must be solid: this many millimetres of it each way along both in-plane axes round at least
/// <paramref name="MinSolidShare"/> of its voxels. A paired bone lying a few millimetres askew leaves a crescent of 1-3
/// mm unmirrored along its edge; a mass's middle is solid centimetres across.
/// </param>
/// <param name="MinSolidShare">See <paramref name="SolidRadiusMm"/>.</param>
/// <param name="MaxComponentShare">The mass grown back is at most this share of the component: the bone it lies on remains.</param>
/// <param name="MaxInsideShare">
/// Share of the mass lying inside the rest of the bone's dense outline (its marrow filled): a mass lies outside its bone,
/// wholly; a sclerotic marrow or a bone island lies inside. Stricter than for a nodule
/// (<see cref="NoduleOnBoneOptions.MaxInsideShare"/>), whose core is too small to be marrow.
/// </param>
/// <param name="MaxEnclosedShare">
/// Area the mass closes off as marrow when given back to the bone, per voxel of it: a bone's own cortex, however thick,
/// closes a ring round its marrow; a mass on its surface closes at most the crevice beside it. Stricter than for a
/// nodule (<see cref="NoduleOnBoneOptions.MaxEnclosedShare"/>): a femoral shaft's cortex of 5-8 mm closes a marrow about
/// half its own area.
/// </param>
/// <param name="MaxGasContactShare">
/// Share of the mass that may lie beside bowel gas: a loop of positive oral contrast under its gas lies against the
/// femoral head or the pelvic wall as a mass would, while calcinosis lies in the soft tissue, away from the bowel.
/// </param>
/// <param name="MirrorCortexHu">
/// A voxel this dense in the mirror image is bone's, whatever component it was drawn into: the phantom family's
/// oral-contrast pelvis 2051 had its right femur's last two slices joined to a loop of contrast-filled bowel (436 HU,
/// peaking at 578 HU alone), and the left femur's, with no bone in its mirror, became a 1.1 mL 'mass'. The family's
/// cortex is 700-1400 HU, 800-1000 HU where a thick slice cuts the femur's top at 4.85 mm; enhanced blood and the family's
/// oral contrast stay under it. Contrast denser still (undiluted, 1580-4960 HU, on the real CTs of ../shared/data) in the
/// mirror image would make a mass beside it look paired and be missed: a miss, never a false mass.
/// </param>
public sealed record MassOnBoneOptions(double MinCoreMm3 = 300, double MaxExtentMm = 80, double MirrorReachMm = 3, double SolidRadiusMm = 2,
    double MinSolidShare = 0.3, double MaxComponentShare = 0.5, double MaxInsideShare = 0.1, double MaxEnclosedShare = 0.1, double MaxGasContactShare = 0.01,
    short MirrorCortexHu = 800);

/// <summary>
/// Tumoral calcinosis lies in the soft tissue round a joint, and a lobulated mass of it touching the femoral head, the
/// trochanter or the acetabulum joins the bone at the calcium threshold and would be drawn as bone: the phantom family lost
/// five such masses of 4-5 mL so. A radiologist sees chalk outside the bone's contour, solid where bone is cortex round
/// marrow, and on one side where the skeleton is paired. Here each bone's dense voxels are eroded as for nodules
/// (<see cref="NoduleOnBone"/>); the solid part of a core too large for a nodule whose mirror image across the skeleton's
/// midline lands on no bone is grown back and carved out when it lies outside the rest of the bone, closes no marrow and
/// meets no bowel gas. Searched where the caller asks (the detector: round the hips and in the legs).
/// </summary>
internal static class MassOnBone
{
    /// <param name="no">The nodules' options: the erosion, the growing back and the peak's bounds are theirs.</param>
    /// <param name="denseHuAt">The density the mass and the bone are told apart at, per voxel (<see cref="NoduleOnBone.Carve"/>).</param>
    /// <param name="taken">Voxels already carved from the bones: never part of a mass.</param>
    /// <param name="searchedSlice">Whether a slice is searched: a bone none of whose slices is searched is not eroded at all.</param>
    /// <param name="excluded">Voxels where a mass is not looked for (slices not searched, positive oral contrast): a mass mostly there stays bone.</param>
    /// <param name="besideGas">Whether bowel gas lies beside a voxel (<see cref="MassOnBoneOptions.MaxGasContactShare"/>).</param>
    public static List<int[]> Carve(List<ComponentStats> stats, RunSet runs, Volume<short> hu, NoduleOnBoneOptions no, MassOnBoneOptions o,
        Func<int, short> denseHuAt, IReadOnlySet<int> taken, SliceStats[] slices, Func<int, bool> searchedSlice, Func<int, bool>? excluded = null,
        Func<int, bool>? besideGas = null)
    {
        var g = hu.Geometry;
        double voxel = g.VoxelVolumeMm3;
        var masses = new List<int[]>();
        var boneComponent = new bool[runs.ComponentCount + 1];
        foreach (var s in stats) boneComponent[s.Id] = s.IsBone;
        var searched = stats.Where(s => s.IsBone && s.Count * voxel >= no.MinBoneMm3 && Enumerable.Range(s.MinK, s.MaxK - s.MinK + 1).Any(searchedSlice))
            .Select(s => { var box = new NoduleOnBone.BoneBox(s, runs, hu, denseHuAt); return (S: s, Box: box, Cores: NoduleOnBone.Cores(box, no)); }).ToList();
        // The midline is found without the solid cores, the masses among them: a mass on one side would draw it over.
        var midline = new SkeletalMidline(runs, boneComponent, i => hu.Data[i] >= denseHuAt(i), slices, g,
            searched.SelectMany(b => b.Cores).Where(c => c.Length * voxel >= o.MinCoreMm3).SelectMany(c => c));
        foreach (var (s, bone, boneCores) in searched)
        {
            var (cores, candidates) = Split(boneCores, runs, boneComponent, hu, midline, o);
            if (candidates.Count == 0) continue;
            var bySlice = cores.SelectMany((members, id) => members.Select(i => (Core: id, Voxel: i))).ToLookup(t => bone.SliceOf(t.Voxel));
            foreach (int c in candidates)
            {
                short peak = cores[c].Max(i => hu.Data[i]);
                if (peak < no.MinPeakHu || peak > no.MaxPeakHu) continue;
                var mass = NoduleOnBone.GrowBack(bone, c, cores, bySlice, no, taken);
                if (mass.Length > o.MaxComponentShare * s.Count) continue;
                if (excluded is not null && mass.Count(excluded) >= AnatomyJudge.MajorityShare * mass.Length) continue;
                if (besideGas is not null && mass.Count(besideGas) > o.MaxGasContactShare * mass.Length) continue;
                var (inside, encloses) = NoduleOnBone.Placement(bone, mass, no);
                CalcificationDetector.Trace(s, voxel, $"mass {mass.Length * voxel:0} mm3 core {cores[c].Length * voxel:0} peak {peak} inside {inside:0.00} encloses {encloses:0.00}");
                if (inside > o.MaxInsideShare || encloses > o.MaxEnclosedShare) continue;
                masses.Add(mass);
                CalcificationDetector.Trace(s, voxel, $"carried a {mass.Length * voxel:0} mm3 mass (peak {peak} HU) with no bone in its mirror image: carved from the bone");
            }
        }
        return masses;
    }

    /// <summary>
    /// The bone's cores with each one's unmirrored part split off: where a solid piece of a core has no bone in its mirror
    /// image, it becomes a core of its own and a candidate (a mass whose middle the erosion leaves joined to a sclerotic
    /// femoral head's); the rest of that core stays one core, the bone's body.
    /// </summary>
    private static (List<int[]> Cores, List<int> Candidates) Split(List<int[]> cores, RunSet runs, bool[] boneComponent, Volume<short> hu, SkeletalMidline midline,
        MassOnBoneOptions o)
    {
        var g = hu.Geometry;
        double voxel = g.VoxelVolumeMm3;
        var result = new List<int[]>();
        var candidates = new List<int>();
        foreach (var core in cores)
        {
            if (core.Length * voxel < o.MinCoreMm3) { result.Add(core); continue; }
            var lone = core.Where(i => !MirroredByBone(i, runs, boneComponent, midline, hu, o)).ToHashSet();
            var pieces = lone.Count * voxel < o.MinCoreMm3 ? [] : VoxelPieces.Split(lone, g.SizeX, g.SizeY)
                .Where(p => p.Length * voxel >= o.MinCoreMm3 && NoduleOnBone.Compact(p, g, o.MaxExtentMm) && SolidShare(p, g, o.SolidRadiusMm) >= o.MinSolidShare).ToList();
            if (pieces.Count == 0) { result.Add(core); continue; }
            var rest = core.Except(pieces.SelectMany(p => p)).ToArray();
            if (rest.Length > 0) result.Add(rest);
            foreach (var p in pieces) { candidates.Add(result.Count); result.Add(p); }
        }
        return (result, candidates);
    }

    /// <summary>Share of the piece's voxels with the piece reaching the given radius beyond them both ways along each in-plane axis.</summary>
    private static double SolidShare(int[] piece, VolumeGeometry g, double radiusMm)
    {
        var set = piece.ToHashSet();
        int rx = Math.Max(1, (int)Math.Round(radiusMm / g.Spacing.X)), ry = Math.Max(1, (int)Math.Round(radiusMm / g.Spacing.Y)) * g.SizeX;
        int solid = piece.Count(i => set.Contains(i - rx) && set.Contains(i + rx) && set.Contains(i - ry) && set.Contains(i + ry));
        return (double)solid / piece.Length;
    }

    /// <summary>
    /// Whether the voxel's mirror image across the skeleton's midline has, within the reach, a voxel of bone (any bone
    /// component, its marrow too) or one of a cortex's density (<see cref="MassOnBoneOptions.MirrorCortexHu"/>) in any
    /// component.
    /// </summary>
    private static bool MirroredByBone(int i, RunSet runs, bool[] boneComponent, SkeletalMidline midline, Volume<short> hu, MassOnBoneOptions o)
    {
        var g = hu.Geometry;
        int nx = g.SizeX, ny = g.SizeY, len = nx * ny;
        int rx = (int)Math.Round(o.MirrorReachMm / g.Spacing.X), ry = (int)Math.Round(o.MirrorReachMm / g.Spacing.Y);
        int z = i / len, y = i % len / nx, x = i % nx;
        int mx = (int)Math.Round(2 * midline.At(z) - x), x0 = mx - rx, x1 = mx + rx;
        for (int yy = Math.Max(0, y - ry); yy <= Math.Min(ny - 1, y + ry); yy++)
        {
            int row = z * ny + yy, rowStart = z * len + yy * nx;
            for (int q = runs.RowStart[row]; q < runs.RowStart[row + 1]; q++)
            {
                if (runs.X1[q] < x0 || runs.X0[q] > x1) continue;
                if (boneComponent[runs.Component[q]]) return true;
                for (int xx = Math.Max(x0, runs.X0[q]); xx <= Math.Min(x1, runs.X1[q]); xx++)
                    if (hu.Data[rowStart + xx] >= o.MirrorCortexHu) return true;
            }
        }
        return false;
    }
}
