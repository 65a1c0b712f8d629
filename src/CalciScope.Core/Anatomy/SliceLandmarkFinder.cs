using CalciScope.Imaging;
using CalciScope.Segmentation;

namespace CalciScope.Anatomy;

/// <summary>
/// Measures the landmarks of every slice (<see cref="SliceLandmarks"/>) from the tissue map and the skeleton: the body's
/// separate parts and which of them hold bone, and the largest piece of bone lying laterally.
/// </summary>
public static class SliceLandmarkFinder
{
    /// <summary>A body part counts as a limb of its own when at least this share of the largest part's area (two thighs are alike; an arm beside the trunk is not).</summary>
    public const double LimbAreaShare = Segmentation.TissueMapper.MajorPieceShare;
    /// <summary>
    /// Bone lies laterally when its centre is this far out from the centre of the muscular wall, as a share of the wall's
    /// half-width (iliac wings, femoral heads; not the spine or sacrum).
    /// </summary>
    public const double LateralShare = 0.35;
    /// <summary>
    /// A bone of the trunk's own lies where the trunk is deep: the body's front-to-back extent through its centre is at least
    /// this share of the deepest column of its body part. An iliac wing or femoral head lies within 0.8 of the pelvis's
    /// half-width, where an elliptic section is still 0.6 of its depth or more. An arm pressed against the trunk joins its
    /// section on the tissue map's grid (the gap between them filled), so it cannot be told apart as a part of its own; but the
    /// column through its humerus crosses the arm alone, 0.3-0.4 of the trunk's depth (the upper-abdomen CT of
    /// ../shared/data, whose humerus section, 6.6-8.7 cm2, is as large as an iliac wing's and made its lowest slices pelvis).
    /// </summary>
    public const double LateralBoneMinDepthShare = 0.5;

    /// <summary>
    /// Below the skull's ring the slices that follow on are still head while their section is at least this share of the
    /// head's widest: the face and the skull base. The neck's section is at most 0.6 of the head's (neck circumference
    /// 32-42 cm, Ben-Noun et al., Obes Res 2001; adult head circumference 54-58 cm, Nellhaus, Pediatrics 1968: (42/54)^2),
    /// where the tissue map's head flag, which reaches down the neck to the shoulders, had made the phantom family's necks
    /// head (seeds 19, 29, 33, 36, 39, 41).
    /// </summary>
    public const double FaceMinHeadShare = 0.75;

    /// <summary>
    /// Holes of a bone's section up to this area are its marrow: an adult femoral head (45-55 mm across) and a lumbar
    /// vertebral body (15-20 cm2) stay under it, the pelvic inlet (100 cm2 and more) does not. The one bound of a marrow
    /// cavity: the skeleton's labeller and the nodules carved from bone fill holes up to it too.
    /// </summary>
    public const double MaxMarrowMm2 = 2500;

    /// <summary>
    /// A piece of bone counted among a slice's bones: a rib cut across (1-2 cm2), a fibula (0.8-1.8 cm2) or an ulna's
    /// shaft count; a crumb of a few cells, the tip of a process or the edge of a joint, does not.
    /// </summary>
    public const double MinBonePieceMm2 = 40;

    public static SliceLandmarks[] Find(TissueMap tissue, byte[] skeleton, byte skeletonCode, SliceStats[] slices)
    {
        var g = tissue.Full;
        int nx = g.SizeX, ny = g.SizeY, len = nx * ny;
        int cw = tissue.Width, ch = tissue.Height, clen = cw * ch, f = tissue.Factor;
        double cellMm2 = g.Spacing.X * f * g.Spacing.Y * f;
        var result = new SliceLandmarks[g.SizeZ];
        double headMm2 = slices.Where(s => s.Cranial).Select(s => s.BodyAreaMm2).DefaultIfEmpty(0).Max();
        // Landmarks change over centimetres: the skeleton is looked at on the tissue map's grid (a cell is bone where any
        // of its voxels is), which keeps this pass a small share of the analysis.
        Parallel.For(0, g.SizeZ, () => (new SliceOps(cw, ch, g.Spacing.X * f, g.Spacing.Y * f), new bool[clen], new bool[clen], new int[clen]),
            (z, _, w) =>
            {
                var (ops, body, boneCells, partOf) = w;
                var st = slices[z];
                double zMm = g.ToPatient(nx / 2.0, ny / 2.0, z).Z;
                if (st.BodyAreaMm2 <= 0) { result[z] = new SliceLandmarks(zMm, 0, 0, 0, false, 0, 0); return w; }
                Array.Clear(boneCells);
                var slice = skeleton.AsSpan(z * len, len);
                bool any = false;
                for (int y = 0; y < ny; y++)
                {
                    var row = slice.Slice(y * nx, nx);
                    if (row.IndexOf(skeletonCode) < 0) continue;
                    int off = Math.Min(y / f, ch - 1) * cw;
                    for (int x = 0; x < nx; x++)
                        if (row[x] == skeletonCode) { boneCells[off + Math.Min(x / f, cw - 1)] = true; any = true; }
                }
                // Separate body parts on the same grid, and which hold bone.
                int cz = Math.Min(z / tissue.FactorZ, tissue.Coarse.SizeZ - 1);
                for (int i = 0; i < clen; i++) body[i] = tissue.Codes[cz * clen + i] != 0;
                var parts = ops.Components(body);
                // Kept apart: the bone pieces below are labelled with the same operations.
                ops.Labels.CopyTo(partOf);
                int largest = 0, largestLabel = 0;
                for (int l = 1; l < parts.Count; l++) if (parts[l] > largest) { largest = parts[l]; largestLabel = l; }
                double innerFat = InnerFatShare(tissue.Codes.AsSpan(cz * clen, clen), partOf, largestLabel);
                var withBone = new bool[parts.Count];
                for (int i = 0; i < clen; i++) if (boneCells[i] && partOf[i] != 0) withBone[partOf[i]] = true;
                int limbs = 0, large = 0;
                for (int l = 1; l < parts.Count; l++)
                {
                    if (parts[l] < LimbAreaShare * largest) continue;
                    large++;
                    if (withBone[l]) limbs++;
                }
                // The largest lateral bone of the trunk or a limb, never of an arm lying apart beside the trunk or pressed
                // against it (its humerus is as large as an iliac wing's section).
                double largestLateral = 0, boneOffset = double.NaN, firstBone = 0, secondBone = 0;
                int bonePieces = 0;
                if (any)
                {
                    for (int i = 0; i < clen; i++) boneCells[i] &= partOf[i] != 0 && parts[partOf[i]] >= LimbAreaShare * largest;
                    // A bone's section is its cortex and the marrow inside: fatty marrow falls under the calcium threshold
                    // and is not drawn as skeleton where its mean is under the labeller's bar (the phantom family's iliac
                    // wings of fatty marrow, -20 to 60 HU, counted their cortex alone, 5.8 of 12.2 cm2, and the pelves of
                    // seeds 53, 200 and 502 were called abdomen).
                    ops.FillHoles(boneCells, MaxMarrowMm2);
                    var areas = ops.Components(boneCells);
                    var labels = ops.Labels;
                    var sumX = new double[areas.Count];
                    var bodyPartOf = new int[areas.Count];
                    for (int i = 0; i < clen; i++)
                        if (labels[i] != 0) { sumX[labels[i]] += (i % cw + 0.5) * f; bodyPartOf[labels[i]] = partOf[i]; }
                    // Front-to-back depth of every column of the large parts, and each part's deepest column.
                    var columnDepth = new int[cw];
                    var partDepth = new int[parts.Count];
                    for (int i = 0; i < clen; i++) if (partOf[i] != 0 && parts[partOf[i]] >= LimbAreaShare * largest) columnDepth[i % cw]++;
                    for (int i = 0; i < clen; i++) if (partOf[i] != 0) partDepth[partOf[i]] = Math.Max(partDepth[partOf[i]], columnDepth[i % cw]);
                    var (wallCentre, wallHalfWidth) = WallWidth(tissue.Codes.AsSpan(cz * clen, clen), partOf, parts, largest, cw, f);
                    for (int l = 1; l < areas.Count; l++)
                    {
                        double cx = sumX[l] / areas[l];
                        int column = Math.Clamp((int)(cx / f), 0, cw - 1);
                        bool lateral = wallHalfWidth > 0 && Math.Abs(cx - wallCentre) > LateralShare * wallHalfWidth;
                        bool inDeepBody = columnDepth[column] >= LateralBoneMinDepthShare * partDepth[bodyPartOf[l]];
                        if (lateral && inDeepBody) largestLateral = Math.Max(largestLateral, areas[l] * cellMm2);
                    }
                    (boneOffset, firstBone, secondBone, bonePieces) = BoneOfLargestPart(areas, labels, partOf, largestLabel, largest, cw, cellMm2);
                }
                bool skull = st.Cranial || st.Head && st.BodyAreaMm2 >= FaceMinHeadShare * headMm2;
                result[z] = new SliceLandmarks(zMm, st.BodyAreaMm2, large, st.AirFraction, skull, largestLateral, limbs) {
                    CavityAirFraction = st.CavityAirFraction, BoneOffsetShare = boneOffset, LargestBoneMm2 = firstBone, SecondBoneMm2 = secondBone,
                    InnerFatShare = innerFat, BonePieces = bonePieces,
                };
                return w;
            }, _ => { });
        return result;
    }

    /// <summary>
    /// The centre and half-width (voxels) of the muscular wall and what it holds, across the large body parts: the body's
    /// width less its skin and subcutaneous fat, which a heavy patient adds to (the phantom family's seed 495, a pelvis of
    /// thick fat, had its iliac wings 0.33-0.36 of the body's half-width from its centre, under <see cref="LateralShare"/>,
    /// and was called abdomen).
    /// </summary>
    private static (double Centre, double HalfWidth) WallWidth(ReadOnlySpan<byte> codes, int[] partOf, List<int> parts, int largest, int cw, int f)
    {
        int x0 = int.MaxValue, x1 = int.MinValue;
        for (int i = 0; i < codes.Length; i++)
        {
            if (partOf[i] == 0 || parts[partOf[i]] < LimbAreaShare * largest) continue;
            int c = codes[i] & TissueClass.ClassMask;
            if (c is not (TissueClass.InnerFat or TissueClass.InnerSoft or TissueClass.Bone)) continue;
            int x = i % cw;
            x0 = Math.Min(x0, x); x1 = Math.Max(x1, x);
        }
        return x0 > x1 ? (0, 0) : ((x0 + x1 + 1) * 0.5 * f, (x1 - x0 + 1) * 0.5 * f);
    }

    /// <summary>Fat's share of the inner compartment of one body part, air left out.</summary>
    private static double InnerFatShare(ReadOnlySpan<byte> codes, int[] partOf, int part)
    {
        int fat = 0, inner = 0;
        for (int i = 0; i < codes.Length; i++)
        {
            if (partOf[i] != part || (codes[i] & TissueClass.Air) != 0) continue;
            int c = codes[i] & TissueClass.ClassMask;
            if (c is not (TissueClass.InnerFat or TissueClass.InnerSoft)) continue;
            inner++;
            if (c == TissueClass.InnerFat) fat++;
        }
        return inner == 0 ? 0 : (double)fat / inner;
    }

    /// <summary>
    /// The bone of the largest body part: how far its centre lies from the part's, as a share of the part's equivalent
    /// radius, and its two largest pieces (mm2).
    /// </summary>
    private static (double OffsetShare, double FirstMm2, double SecondMm2, int Pieces) BoneOfLargestPart(List<int> areas, ReadOnlySpan<int> labels, int[] partOf,
        int part, int partCells, int cw, double cellMm2)
    {
        double px = 0, py = 0, bx = 0, by = 0;
        long bone = 0;
        var inPart = new bool[areas.Count];
        for (int i = 0; i < partOf.Length; i++)
        {
            if (partOf[i] != part) continue;
            int x = i % cw, y = i / cw;
            px += x; py += y;
            if (labels[i] == 0) continue;
            bx += x; by += y; bone++;
            inPart[labels[i]] = true;
        }
        if (bone == 0 || partCells == 0) return (double.NaN, 0, 0, 0);
        double first = 0, second = 0;
        int pieces = 0;
        for (int l = 1; l < areas.Count; l++)
        {
            if (!inPart[l]) continue;
            if (areas[l] * cellMm2 >= MinBonePieceMm2) pieces++;
            if (areas[l] > first) { second = first; first = areas[l]; }
            else if (areas[l] > second) second = areas[l];
        }
        double dx = bx / bone - px / partCells, dy = by / bone - py / partCells;
        double radius = Math.Sqrt(partCells / Math.PI);
        return (Math.Sqrt(dx * dx + dy * dy) / radius, first * cellMm2, second * cellMm2, pieces);
    }
}
