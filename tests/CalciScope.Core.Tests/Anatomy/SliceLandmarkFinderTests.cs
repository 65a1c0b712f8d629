using CalciScope.Anatomy;
using CalciScope.Calcification;
using CalciScope.Imaging;
using CalciScope.Segmentation;

namespace CalciScope.Tests.Anatomy;

/// <summary>
/// The largest lateral bone of a slice, the pelvis's landmark, is a bone of the trunk or a thigh: an iliac wing counts, a
/// humerus in an arm pressed against the trunk does not, though the two sections are alike in size.
/// </summary>
public class SliceLandmarkFinderTests
{
    private const int N = 256;
    private const double PixelMm = 2;

    /// <summary>
    /// One slice at 2 mm: a trunk 300 x 220 mm and, where asked, an arm 80 x 90 mm that overlaps its edge (one section
    /// with it), holding a humerus; bone discs are given by centre and radius in pixels.
    /// </summary>
    private static SliceLandmarks Find(bool arm, params (int X, int Y, int R)[] bones) => Find(arm, 0, bones);

    /// <param name="fatPixels">A layer of subcutaneous fat this thick round the trunk's muscular wall (0: none).</param>
    private static SliceLandmarks Find(bool arm, int fatPixels, params (int X, int Y, int R)[] bones)
    {
        var g = VolumeGeometry.Axial(N, N, 1, PixelMm, PixelMm, 2);
        var hu = new Volume<short>(g);
        var codes = new byte[g.VoxelCount];
        var skeleton = new byte[g.VoxelCount];
        const int cx = 140, cy = 128, ax = 75, ay = 55;
        int armX = cx - ax - 17, armY = 140;
        int minX = N, maxX = 0, area = 0;
        for (int y = 0; y < N; y++)
            for (int x = 0; x < N; x++)
            {
                double t = Sq((x - cx) / (double)ax) + Sq((y - cy) / (double)ay);
                double a = Sq((x - armX) / 20.0) + Sq((y - armY) / 22.0);
                if (t > 1 && (!arm || a > 1)) continue;
                int i = y * N + x;
                bool inWall = Sq((x - cx) / (double)(ax - fatPixels)) + Sq((y - cy) / (double)(ay - fatPixels)) <= 1;
                codes[i] = fatPixels > 0 && !inWall && (!arm || a > 1) ? TissueClass.Subcutaneous : TissueClass.InnerSoft;
                hu.Data[i] = 40;
                minX = Math.Min(minX, x); maxX = Math.Max(maxX, x); area++;
                foreach (var b in bones)
                    if (Sq(x - b.X) + Sq(y - b.Y) <= b.R * b.R) { skeleton[i] = CalcificationDetector.Skeleton; hu.Data[i] = 700; }
            }
        var stats = new SliceStats(area * PixelMm * PixelMm, (minX + maxX) / 2.0, cy, (maxX - minX) / 2.0, ay, 0);
        var tissue = new TissueMap(g, 1, 1, codes, new byte[g.VoxelCount], [stats], hu);
        return SliceLandmarkFinder.Find(tissue, skeleton, CalcificationDetector.Skeleton, [stats])[0];

        static double Sq(double v) => v * v;
    }

    [Fact]
    public void Find_HumerusOfAnArmPressedAgainstTheTrunk_IsNotALateralBone()
    {
        // A humerus of 9 pixels' radius: 1018 mm2, above the pelvis's 800 mm2, in an arm joined to the trunk's section.
        var withArm = Find(arm: true, (58, 140, 9));
        Assert.Equal(0, withArm.LargestLateralBoneMm2);
    }

    /// <summary>
    /// Three slices of a small round body: the skull's ring (cranial, 200 cm2), then two that the tissue map's head flag
    /// follows on to, a face as wide as 0.8 of the head and a neck of half its section.
    /// </summary>
    [Fact]
    public void Find_BelowTheSkullsRing_FaceIsSkullNeckIsNot()
    {
        const int n = 64;
        var g = VolumeGeometry.Axial(n, n, 3, 2.5, 2.5, 5);
        var hu = new Volume<short>(g);
        var codes = new byte[g.VoxelCount];
        for (int i = 0; i < codes.Length; i++) { codes[i] = TissueClass.InnerSoft; hu.Data[i] = 40; }
        SliceStats Stats(double areaMm2, bool cranial) => new(areaMm2, n / 2.0, n / 2.0, n / 2.0, n / 2.0, 0, Head: true, Cranial: cranial);
        SliceStats[] stats = [Stats(20_000, cranial: true), Stats(16_000, cranial: false), Stats(10_000, cranial: false)];
        var tissue = new TissueMap(g, 1, 1, codes, new byte[g.VoxelCount], stats, hu);
        var found = SliceLandmarkFinder.Find(tissue, new byte[g.VoxelCount], CalcificationDetector.Skeleton, stats);
        Assert.Equal([true, true, false], found.Select(f => f.Skull));
    }

    [Fact]
    public void Find_IliacWingInsideTheTrunk_IsALateralBone()
    {
        // The same section of bone inside the trunk, at 0.7 of its half-width, with and without the arm beside it.
        Assert.InRange(Find(arm: false, (87, 128, 9)).LargestLateralBoneMm2, 900, 1200);
        Assert.InRange(Find(arm: true, (87, 128, 9), (58, 140, 9)).LargestLateralBoneMm2, 900, 1200);
    }

    /// <summary>
    /// In a heavy patient the fat widens the body, not the pelvis: a wing 0.32 of the body's half-width from its centre,
    /// under the lateral share, lies 0.53 of the way out to the edge of its muscular wall (60 mm of fat each side).
    /// </summary>
    [Fact]
    public void Find_IliacWingOfAHeavyPatient_IsALateralBone() =>
        Assert.InRange(Find(arm: false, fatPixels: 30, (164, 128, 9)).LargestLateralBoneMm2, 900, 1200);
}
