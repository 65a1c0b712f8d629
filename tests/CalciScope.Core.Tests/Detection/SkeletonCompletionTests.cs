using CalciScope.Calcification;
using CalciScope.Imaging;
using CalciScope.Segmentation;

namespace CalciScope.Tests.Detection;

/// <summary>
/// The skeleton is completed into the bone it outlines (trabecular bone under an enhanced study's raised threshold)
/// as far as its reach, through calcium-density voxels only, never into a lesion, the blood pool or outside the body.
/// </summary>
public class SkeletonCompletionTests
{
    private const int N = 40, Z = 3;

    /// <summary>A slab of 40 HU tissue, with a bone band labelled at x 5..9 and 200 HU beside it from x 10 on.</summary>
    private static (Volume<short> Hu, TissueMap Tissue, byte[] Labels) Scene(byte code = TissueClass.InnerSoft)
    {
        var g = VolumeGeometry.Axial(N, N, Z, 1, 1, 1);
        var hu = new Volume<short>(g);
        var labels = new byte[g.VoxelCount];
        for (int z = 0; z < Z; z++)
            for (int y = 0; y < N; y++)
                for (int x = 0; x < N; x++)
                {
                    int i = z * N * N + y * N + x;
                    hu.Data[i] = x >= 5 ? (short)200 : (short)40;
                    if (x is >= 5 and <= 9) labels[i] = CalcificationDetector.Skeleton;
                }
        var codes = new byte[g.VoxelCount];
        Array.Fill(codes, code);
        var tissue = new TissueMap(g, 1, 1, codes, new byte[g.VoxelCount], new SliceStats[Z], hu);
        return (hu, tissue, labels);
    }

    [Fact]
    public void Complete_GrowsThroughCalciumDensityAsFarAsItsReachAndNoFurther()
    {
        var (hu, tissue, labels) = Scene();
        var result = SkeletonCompletion.Complete(labels, hu, tissue, new SkeletonCompletionOptions(ReachMm: 6));
        int row = 1 * N * N + 20 * N;
        Assert.Equal(CalcificationDetector.Skeleton, labels[row + 10]);
        Assert.Equal(CalcificationDetector.Skeleton, labels[row + 15]);
        Assert.Equal(0, labels[row + 16]);
        Assert.Equal(0, labels[row + 2]); // 40 HU beside the bone is not bone
        Assert.Equal(6L * N * Z, result.VoxelsAdded);
    }

    [Fact]
    public void Complete_NeverTakesALesionNorGrowsPastIt()
    {
        var (hu, tissue, labels) = Scene();
        int row = 1 * N * N + 20 * N;
        // A lesion wall across the whole slab at x 11: the growth stops at it.
        for (int z = 0; z < Z; z++) for (int y = 0; y < N; y++) labels[z * N * N + y * N + 11] = 2;
        SkeletonCompletion.Complete(labels, hu, tissue, new SkeletonCompletionOptions(ReachMm: 6));
        Assert.Equal(CalcificationDetector.Skeleton, labels[row + 10]);
        Assert.Equal(2, labels[row + 11]);
        Assert.Equal(0, labels[row + 12]);
    }

    [Fact]
    public void Complete_KeepsOutOfTheBloodPoolAndOutsideTheBody()
    {
        foreach (byte code in new[] { (byte)(TissueClass.InnerSoft | TissueClass.BloodPool), TissueClass.Outside })
        {
            var (hu, tissue, labels) = Scene(code);
            var result = SkeletonCompletion.Complete(labels, hu, tissue, new SkeletonCompletionOptions(ReachMm: 6));
            Assert.Equal(0, result.VoxelsAdded);
        }
    }

    [Fact]
    public void Complete_CartilageGrowsAsCartilage()
    {
        var (hu, tissue, labels) = Scene();
        for (int i = 0; i < labels.Length; i++) if (labels[i] == CalcificationDetector.Skeleton) labels[i] = CalcificationDetector.CostalCartilage;
        SkeletonCompletion.Complete(labels, hu, tissue, new SkeletonCompletionOptions(ReachMm: 3));
        Assert.Equal(CalcificationDetector.CostalCartilage, labels[1 * N * N + 20 * N + 12]);
    }

    /// <summary>Before the candidates are judged, their voxels are held apart: not taken, not crossed, left unlabelled.</summary>
    [Fact]
    public void CompleteAround_HoldsTheCandidatesApartAndLeavesThemUnlabelled()
    {
        var (hu, tissue, labels) = Scene();
        // A candidate: the 200 HU voxels at x 12 over the whole slab, found as runs by the labeller.
        var candidate = new Volume<short>(hu.Geometry);
        for (int z = 0; z < Z; z++) for (int y = 0; y < N; y++) candidate.Data[z * N * N + y * N + 12] = 200;
        var runs = RunLabeler.Label(candidate, CalcificationDetector.ThresholdHu, (z, y, mask) => mask.Fill(1));
        var held = new List<int>();
        for (int r = 0; r < runs.Count; r++) held.Add(r);
        SkeletonCompletion.CompleteAround(labels, hu, tissue, runs, [held], new SkeletonCompletionOptions(ReachMm: 6));
        int row = 1 * N * N + 20 * N;
        Assert.Equal(CalcificationDetector.Skeleton, labels[row + 11]);
        Assert.Equal(0, labels[row + 12]);
        Assert.Equal(0, labels[row + 13]);
        Assert.DoesNotContain((byte)255, labels);
    }
}
