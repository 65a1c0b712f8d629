using CalciScope.Calcification;
using CalciScope.Imaging;
using CalciScope.Segmentation;

namespace CalciScope.Tests.Detection;

/// <summary>
/// A stone in a vein that lies on a bone joins the bone at the calcium threshold through the vein's enhanced blood; its
/// dense middle stands apart from the bone's and is carved out. What is joined to the bone's body through bone (a knob of
/// cortex) or lies inside it (a dense island in the marrow) stays bone, and so does a body denser than any stone
/// (contrast). Drawn at 0.8 mm with 1 mm slices: a long bone of radius 12 mm (a 4 mm cortex at 1000 HU, as the phantom
/// family's femoral shaft, round marrow at 150 HU: the bone's own dense core survives the erosion), a vein of radius 4 mm at 175 HU (the phantom family's enhanced venous blood) on its surface, and a stone of
/// radius 2.7 mm at 700 HU (the family's phleboliths) in the vein.
/// </summary>
public class NoduleOnBoneTests
{
    private const int N = 80, Z = 16;
    private const double Mm = 0.8, BoneR = 12, CortexMm = 4, VeinR = 4, StoneR = 2.7;
    private static readonly (double X, double Y) Bone = (28, 32);
    private static readonly (double X, double Y, double Z) Stone = (Bone.X + BoneR + VeinR - 0.5, Bone.Y, 8);

    /// <summary>
    /// A stone off the bone's surface at 45 degrees, 0.7 mm from its cortex: on this grid the two touch at voxel corners and
    /// edges only, never through a face (worked out once on the grid: from 0.45 to 0.95 mm they do).
    /// </summary>
    private static readonly (double X, double Y, double Z) CornerStone = (Bone.X + (BoneR + StoneR + 0.7) / Math.Sqrt(2), Bone.Y + (BoneR + StoneR + 0.7) / Math.Sqrt(2), 8);
    /// <summary>The blur round that stone: soft tissue raised to 180 HU within 1 mm of it (the family's 168-192 HU).</summary>
    private const double BlurMm = 1;
    private const short BlurHu = 180;

    private enum Extra { None, StoneInVein, KnobOfCortex, IslandInMarrow, ContrastInVein, StoneOnCorner, FaintStoneOnCorner, StoneOnThinCortex }

    /// <summary>A stone of 5.4 mm averaged into a thick slice: the family's unenhanced pelvic stones peaked at 360-400 HU.</summary>
    private const short FaintStoneHu = 390;

    /// <summary>
    /// The cortex of <see cref="Extra.StoneOnThinCortex"/>'s bone: 1.2 mm (an iliac wing's), which the erosion takes whole,
    /// but on the side away from the stone, more than the saddle's reach off it, where it is 4 mm thick.
    /// </summary>
    private const double ThinCortexMm = 1.2;
    private static readonly double ThickSideBelowMm = Bone.X - 6;

    private static Volume<short> Draw(Extra extra)
    {
        var hu = new Volume<short>(VolumeGeometry.Axial(N, N, Z, Mm, Mm, 1));
        for (int z = 0; z < Z; z++)
            for (int y = 0; y < N; y++)
                for (int x = 0; x < N; x++)
                {
                    double px = x * Mm, py = y * Mm, pz = z;
                    double rb = Math.Sqrt((px - Bone.X) * (px - Bone.X) + (py - Bone.Y) * (py - Bone.Y));
                    double rv = Math.Sqrt((px - Stone.X) * (px - Stone.X) + (py - Stone.Y) * (py - Stone.Y));
                    double rs = Math.Sqrt((px - Stone.X) * (px - Stone.X) + (py - Stone.Y) * (py - Stone.Y) + (pz - Stone.Z) * (pz - Stone.Z));
                    double ri = Math.Sqrt((px - Bone.X) * (px - Bone.X) + (py - Bone.Y) * (py - Bone.Y) + (pz - Stone.Z) * (pz - Stone.Z));
                    short v = 40;
                    double cortex = extra == Extra.StoneOnThinCortex && px >= ThickSideBelowMm ? ThinCortexMm : CortexMm;
                    if (rb < BoneR) v = rb > BoneR - cortex ? (short)1000 : (short)150;
                    if (extra == Extra.IslandInMarrow && ri < StoneR) v = 900;
                    if (extra is Extra.StoneInVein or Extra.ContrastInVein or Extra.StoneOnThinCortex && rv < VeinR && rb >= BoneR) v = 175;
                    if (extra is Extra.StoneInVein or Extra.StoneOnThinCortex && rs < StoneR) v = 700;
                    double rc = Math.Sqrt((px - CornerStone.X) * (px - CornerStone.X) + (py - CornerStone.Y) * (py - CornerStone.Y) + (pz - CornerStone.Z) * (pz - CornerStone.Z));
                    if (extra is Extra.StoneOnCorner or Extra.FaintStoneOnCorner && rb >= BoneR && rc < StoneR + BlurMm)
                        v = rc >= StoneR ? BlurHu : extra == Extra.StoneOnCorner ? (short)700 : FaintStoneHu;
                    if (extra == Extra.ContrastInVein && rs < StoneR) v = 2500;
                    // A knob of the bone's own cortex where the stone would be, joined to it by a neck of cortex.
                    bool neck = Math.Abs(py - Stone.Y) < 0.5 && Math.Abs(pz - Stone.Z) < 0.5 && px >= Bone.X + BoneR - 1 && px <= Stone.X;
                    if (extra == Extra.KnobOfCortex && (rs < StoneR || neck)) v = 1000;
                    hu.Data[z * N * N + y * N + x] = v;
                }
        return hu;
    }

    private static (List<int[]> Nodules, Volume<short> Hu) Carve(Extra extra, NoduleOnBoneOptions? options = null, Func<int, short>? denseHuAt = null)
    {
        var hu = Draw(extra);
        var runs = RunLabeler.Label(hu, CalcificationDetector.ThresholdHu, (z, y, mask) => mask.Fill(1));
        var o = options ?? new NoduleOnBoneOptions();
        return (NoduleOnBone.Carve(OneBone.Stats(runs), runs, hu, o, denseHuAt ?? (_ => o.DenseHu), new HashSet<int>()), hu);
    }

    /// <summary>One nodule was carved: most of the stone (voxels at <paramref name="stoneHu"/>) and none of the cortex.</summary>
    private static void AssertStoneCarvedAlone((List<int[]> Nodules, Volume<short> Hu) carved, short stoneHu = 700)
    {
        var nodule = Assert.Single(carved.Nodules);
        int stone = carved.Hu.Data.Count(v => v == stoneHu), inStone = nodule.Count(i => carved.Hu.Data[i] == stoneHu);
        Assert.True(inStone >= 0.8 * stone, $"{inStone} of the stone's {stone} voxels carved");
        Assert.DoesNotContain(nodule, i => carved.Hu.Data[i] == 1000);
    }

    /// <summary>
    /// The level the stone and the bone are told apart at is asked voxel by voxel: raised over the stone (as over a
    /// contrast-filled lumen, to the threshold of an arterial study above this stone's 700 HU) it leaves no core there;
    /// raised only over the far side of the bone, away from the stone's vein, the stone is carved as at the plain level.
    /// </summary>
    [Fact]
    public void DenseLevel_IsAskedWhereEachVoxelLies()
    {
        const short lumenHu = 750;
        Assert.Empty(Carve(Extra.StoneInVein, denseHuAt: _ => lumenHu).Nodules);
        var o = new NoduleOnBoneOptions();
        double farSideMm = Bone.X;
        Assert.Single(Carve(Extra.StoneInVein, denseHuAt: i => i % N * Mm < farSideMm - BoneR / 2 ? lumenHu : o.DenseHu).Nodules);
    }

    [Fact]
    public void StoneJoinedThroughTheBloodOfItsVein_IsCarvedOut()
    {
        AssertStoneCarvedAlone(Carve(Extra.StoneInVein));
    }

    [Fact]
    public void BoneAlone_KeepsEverything() => Assert.Empty(Carve(Extra.None).Nodules);

    /// <summary>
    /// A stone whose voxels meet the cortex's at corners only: through a face it is joined to the bone only by its blur.
    /// Flooded through corners as well, the saddle is the stone's own density and the stone stays bone (the phantom
    /// family's seed 444, an unenhanced pelvis at 3.7 mm, lost its phlebolith so); flooded through faces, it is carved.
    /// </summary>
    [Fact]
    public void StoneTouchingTheBoneAtCornersOnly_IsCarvedOut_WhenTheSaddleStepsThroughFaces()
    {
        Assert.Empty(Carve(Extra.StoneOnCorner).Nodules);
        AssertStoneCarvedAlone(Carve(Extra.StoneOnCorner, new NoduleOnBoneOptions(SaddleThroughFacesOnly: true)));
    }

    /// <summary>
    /// Without contrast no vessel against a bone is as dense as a stone, and a stone averaged into a thick slice need rise
    /// only above the dense level: with the search of a study with contrast (a stone must peak at 450 HU, above an unseen
    /// arterial lumen) the faint stone stays bone.
    /// </summary>
    [Fact]
    public void FaintStoneWithoutContrast_IsCarvedOut()
    {
        Assert.Empty(Carve(Extra.FaintStoneOnCorner, new NoduleOnBoneOptions(SaddleThroughFacesOnly: true)).Nodules);
        AssertStoneCarvedAlone(Carve(Extra.FaintStoneOnCorner, NoduleOnBoneOptions.Unenhanced), FaintStoneHu);
    }

    /// <summary>
    /// A stone in a vein on a bone whose cortex is thin where it lies: the erosion leaves the bone no core within the
    /// saddle's reach, so the path is asked to the rest of the bone's dense voxels, met through the vein's blood (the
    /// phantom family's seeds 968, 1222, 1267 lost their stones so). The bone's own thin cortex, asked the same way, meets
    /// its neighbours at the cortex's density and stays (no other nodule is carved).
    /// </summary>
    [Fact]
    public void StoneOnAThinCortex_WithTheBonesBodyOutOfReach_IsCarvedOut()
    {
        AssertStoneCarvedAlone(Carve(Extra.StoneOnThinCortex));
    }

    /// <summary>
    /// A knob of cortex on a narrow neck is as round and as dense, and as apart once eroded, but joined to its bone
    /// through bone: the saddle alone keeps it (with any saddle allowed it would be carved).
    /// </summary>
    [Fact]
    public void KnobOfTheBonesOwnCortex_StaysBone()
    {
        Assert.Empty(Carve(Extra.KnobOfCortex).Nodules);
        Assert.Single(Carve(Extra.KnobOfCortex, new NoduleOnBoneOptions(MaxSaddleHu: short.MaxValue)).Nodules);
    }

    /// <summary>A dense island in the marrow (an enostosis) lies inside its bone.</summary>
    [Fact]
    public void DenseIslandInTheMarrow_StaysBone() => Assert.Empty(Carve(Extra.IslandInMarrow).Nodules);

    /// <summary>Denser than any stone: undiluted contrast against a bone is not carved as calcium.</summary>
    [Fact]
    public void BodyDenserThanAnyStone_StaysWithTheBone() => Assert.Empty(Carve(Extra.ContrastInVein).Nodules);

    /// <summary>A 3 x 3 voxel nodule in one slice of a 1 mm grid, centred at (x, y).</summary>
    private static int[] Dot(int x, int y, int z) =>
        [.. from dy in Enumerable.Range(-1, 3) from dx in Enumerable.Range(-1, 3) select z * N * N + (y + dy) * N + x + dx];

    [Fact]
    public void NodulesStackedInAColumn_AreAVesselsContrast_StonesApartStay()
    {
        var g = VolumeGeometry.Axial(N, N, Z, 1, 1, 5);
        // Three nodules in consecutive 5 mm slices drifting 4 mm each: swirls of contrast down a vein; a stone apart.
        var column = new List<int[]> { Dot(20, 20, 3), Dot(24, 22, 4), Dot(27, 25, 5) };
        var stone = Dot(60, 60, 4);
        var kept = NoduleOnBone.WithoutColumns([.. column, stone], g, new NoduleOnBoneOptions());
        Assert.Equal([stone], kept);
        // Two stacked stones are not a column; three side by side in one slice (a cluster of stones) are not either.
        Assert.Equal(2, NoduleOnBone.WithoutColumns(column.Take(2).ToList(), g, new NoduleOnBoneOptions()).Count);
        var row = new List<int[]> { Dot(20, 20, 4), Dot(26, 20, 4), Dot(32, 20, 4) };
        Assert.Equal(3, NoduleOnBone.WithoutColumns(row, g, new NoduleOnBoneOptions()).Count);
    }
}
