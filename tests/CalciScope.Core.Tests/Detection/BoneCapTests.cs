using CalciScope.Calcification;
using CalciScope.Imaging;
using CalciScope.Segmentation;

namespace CalciScope.Tests.Detection;

/// <summary>
/// The end of a bone cut by thick slices (a femoral head's dome) is a ring of cortex standing over the outline that the
/// bone draws on the next slice; it is bone. A solid deposit there, or a ring beside the bone, is not a cap.
/// </summary>
public class BoneCapTests
{
    private const int N = 64, Z = 4;

    /// <summary>No body drawn: no midline, so no mirrored pair.</summary>
    private static readonly SliceStats[] NoBody = new SliceStats[Z];

    /// <summary>
    /// Slice 1: a bone of radius 14 (cortex of 2 voxels round marrow under the threshold), labelled skeleton. Slice 2:
    /// a piece centred at (<paramref name="cx"/>, 24), a ring of radius 7 or a solid disc.
    /// </summary>
    private static (List<ComponentStats> Stats, RunSet Runs, VolumeGeometry G, byte[] Labels) Study(int cx, bool ring, double discRadius = 3)
    {
        var g = VolumeGeometry.Axial(N, N, Z, 1, 1, 4);
        var hu = new Volume<short>(g);
        Array.Fill(hu.Data, (short)40);
        var labels = new byte[hu.Data.Length];
        for (int y = 0; y < N; y++)
            for (int x = 0; x < N; x++)
            {
                double r = Math.Sqrt((x - 24) * (x - 24) + (y - 24) * (y - 24));
                if (r is >= 12.5 and <= 14.5) { hu.Data[N * N + y * N + x] = 750; labels[N * N + y * N + x] = CalcificationDetector.Skeleton; }
                double q = Math.Sqrt((x - cx) * (x - cx) + (y - 24) * (y - 24));
                if (ring ? q is >= 5.5 and <= 7.5 : q <= discRadius) hu.Data[2 * N * N + y * N + x] = 750;
            }
        var runs = RunLabeler.Label(hu, CalcificationDetector.ThresholdHu, (z, y, mask) => mask.Fill(1));
        var stats = DrawnComponents.Stats(runs);
        foreach (var s in stats.Where(s => s.MinK == 1)) s.IsBone = true;
        return (stats, runs, g, labels);
    }

    [Fact]
    public void RingOverTheBonesOutline_IsItsCap()
    {
        var (stats, runs, g, labels) = Study(cx: 24, ring: true);
        Assert.Equal(2, stats.Count);
        Assert.Equal(1, BoneClassifier.AttachBoneCaps(stats, runs, g, labels, NoBody));
        Assert.All(stats, s => Assert.True(s.IsBone));
        Assert.Equal(CalcificationDetector.Skeleton, labels[2 * N * N + 24 * N + 31]);
    }

    [Fact]
    public void SmallSolidDepositOverTheBone_IsNotACap()
    {
        var (stats, runs, g, labels) = Study(cx: 24, ring: false);
        Assert.Equal(2, stats.Count);
        Assert.Equal(0, BoneClassifier.AttachBoneCaps(stats, runs, g, labels, NoBody));
    }

    /// <summary>Where the slice holds only the bone's cortex, its end is a solid disc over a good part of the section beneath.</summary>
    [Fact]
    public void SolidDiscOverMuchOfTheSection_IsACap()
    {
        // Radius 8 (about 200 voxels) over a section of radius 14.5 (about 660): 0.3 of it.
        var (stats, runs, g, labels) = Study(cx: 24, ring: false, discRadius: 8);
        Assert.Equal(2, stats.Count);
        Assert.Equal(1, BoneClassifier.AttachBoneCaps(stats, runs, g, labels, NoBody));
    }

    [Fact]
    public void RingBesideTheBone_IsNotACap()
    {
        // Centred 24 voxels off, two voxels clear of the bone: the ring stands outside the bone's outline (heterotopic bone beside it).
        var (stats, runs, g, labels) = Study(cx: 48, ring: true);
        Assert.Equal(2, stats.Count);
        Assert.Equal(0, BoneClassifier.AttachBoneCaps(stats, runs, g, labels, NoBody));
    }

    /// <summary>
    /// Slice 1: two bones of radius 14.5 mirrored about the body's midline (column 48), labelled skeleton. Slice 2: over
    /// each a solid disc (the top of a femoral head in a thick slice) of the given radius, none where null.
    /// </summary>
    private static (List<ComponentStats> Stats, RunSet Runs, VolumeGeometry G, byte[] Labels, SliceStats[] Slices) Pair(double left, double? right)
    {
        const int w = 96, mid = 48, y0 = 30;
        var g = VolumeGeometry.Axial(w, w, Z, 1, 1, 4);
        var hu = new Volume<short>(g);
        Array.Fill(hu.Data, (short)40);
        var labels = new byte[hu.Data.Length];
        foreach (var (cx, disc) in new[] { (mid - 24, (double?)left), (mid + 24, right) })
            for (int y = 0; y < w; y++)
                for (int x = 0; x < w; x++)
                {
                    double r = Math.Sqrt((x - cx) * (x - cx) + (y - y0) * (y - y0));
                    if (r is >= 12.5 and <= 14.5) { hu.Data[w * w + y * w + x] = 750; labels[w * w + y * w + x] = CalcificationDetector.Skeleton; }
                    if (disc is { } d && r <= d) hu.Data[2 * w * w + y * w + x] = 750;
                }
        var runs = RunLabeler.Label(hu, CalcificationDetector.ThresholdHu, (z, y, mask) => mask.Fill(1));
        var stats = DrawnComponents.Stats(runs);
        foreach (var s in stats.Where(s => s.MinK == 1)) s.IsBone = true;
        var slices = Enumerable.Repeat(new SliceStats(w * w, mid, y0, 45, 40, 0), Z).ToArray();
        return (stats, runs, g, labels, slices);
    }

    /// <summary>
    /// Discs of radius 5 cover about 0.12 of the sections beneath, too little for a cap alone; mirrored over both bones
    /// at the same slice they are the ends of the paired bones.
    /// </summary>
    [Fact]
    public void NarrowDiscsMirroredOverPairedBones_AreTheirCaps()
    {
        var (stats, runs, g, labels, slices) = Pair(5, 5);
        Assert.Equal(2, BoneClassifier.AttachBoneCaps(stats, runs, g, labels, slices));
        Assert.All(stats, s => Assert.True(s.IsBone));
    }

    [Fact]
    public void NarrowDiscOverOneBoneOnly_IsNotACap()
    {
        var (stats, runs, g, labels, slices) = Pair(5, null);
        Assert.Equal(0, BoneClassifier.AttachBoneCaps(stats, runs, g, labels, slices));
    }

    [Fact]
    public void NarrowDiscsOfUnlikeSize_AreNotCaps()
    {
        var (stats, runs, g, labels, slices) = Pair(5, 6);
        Assert.Equal(0, BoneClassifier.AttachBoneCaps(stats, runs, g, labels, slices));
    }
}
