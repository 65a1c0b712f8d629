using CalciScope.Calcification;
using CalciScope.Imaging;
using CalciScope.Segmentation;

namespace CalciScope.Tests.Detection;

/// <summary>
/// Plaque on an artery's wall that touches a bone joins it at the calcium threshold; the opening of the bone leaves the
/// arc, which lies round a lumen of blood outside the bone, and is carved out. A bump of the bone's own surface is no
/// arc round blood and stays bone. Drawn at 0.7 mm: a vertebra-like bone (radius 10 mm, 1.5 mm cortex round red
/// marrow) and an 8 mm artery beside it, whose plaque runs for 1.9 radians from where it touches the bone.
/// </summary>
public class PlaqueOnBoneTests
{
    private const int N = 96, Z = 6;
    private const double Mm = 0.7, BoneR = 10, ArteryR = 8, ShellMm = 1.4;
    private static readonly (double X, double Y) Bone = (25, 34);

    /// <param name="arteryR">Lumen radius (mm): 8 for an iliac-sized artery, 11 for an aorta.</param>
    /// <param name="centred">The plaque's arc centred on the point where the vessel touches the bone (else starting there).</param>
    /// <param name="span">Angle the plaque covers round the vessel (radians).</param>
    /// <param name="shellMm">The plaque's thickness at the calcium threshold (thicker where partial volume widens it).</param>
    /// <param name="plaqueSlices">Slices from the first that carry the plaque (all by default).</param>
    private static Volume<short> Draw(bool plaque, bool bump, double arteryR = ArteryR, bool centred = false, double span = 1.9,
        double shellMm = ShellMm, int plaqueSlices = Z)
    {
        var Artery = (X: Bone.X + BoneR + arteryR + shellMm - 0.3, Y: Bone.Y);
        var hu = new Volume<short>(VolumeGeometry.Axial(N, N, Z, Mm, Mm, 2));
        for (int z = 0; z < Z; z++)
            for (int y = 0; y < N; y++)
                for (int x = 0; x < N; x++)
                {
                    double px = x * Mm, py = y * Mm;
                    double rb = Math.Sqrt((px - Bone.X) * (px - Bone.X) + (py - Bone.Y) * (py - Bone.Y));
                    double ra = Math.Sqrt((px - Artery.X) * (px - Artery.X) + (py - Artery.Y) * (py - Artery.Y));
                    // Angle round the artery measured from the direction of the bone (pi): the plaque starts there.
                    double a = Math.Atan2(py - Artery.Y, px - Artery.X);
                    double fromBone = centred ? (Math.PI - Math.Abs(a)) * 1.9 / span + 0.95 : a >= 0 ? (Math.PI - a) * 1.9 / span : -1;
                    short v = 40;
                    if (rb < BoneR) v = rb > BoneR - 1.5 ? (short)1000 : (short)300;
                    else if (bump && Math.Sqrt((px - Bone.X) * (px - Bone.X) + (py - Bone.Y - BoneR) * (py - Bone.Y - BoneR)) < 3) v = 1000;
                    else if (plaque && z < plaqueSlices && ra >= arteryR && ra < arteryR + shellMm && fromBone is >= 0 and <= 1.9) v = 1000;
                    hu.Data[z * N * N + y * N + x] = v;
                }
        return hu;
    }

    private static (IReadOnlyList<int[]> Carved, Volume<short> Hu) Carve(bool plaque, bool bump, double arteryR = ArteryR, bool centred = false, PlaqueOnBoneOptions? options = null,
        double span = 1.9, double shellMm = ShellMm, int plaqueSlices = Z)
    {
        var hu = Draw(plaque, bump, arteryR, centred, span, shellMm, plaqueSlices);
        var runs = RunLabeler.Label(hu, CalcificationDetector.ThresholdHu, (z, y, mask) => mask.Fill(1));
        return (PlaqueOnBone.Carve(OneBone.Stats(runs), runs, hu, new VesselWallArcOptions(), options ?? new PlaqueOnBoneOptions()).Walls, hu);
    }

    [Fact]
    public void PlaqueTouchingBone_IsCarvedOut()
    {
        var (carved, hu) = Carve(plaque: true, bump: false);
        var piece = Assert.Single(carved);
        // Most of the piece is plaque (1000 HU outside the bone's disc), and it holds most of the plaque.
        int len = N * N, inPlaque = 0, plaqueVoxels = 0;
        foreach (int i in piece)
        {
            double px = i % N * Mm, py = i % len / N * Mm;
            if (Math.Sqrt((px - Bone.X) * (px - Bone.X) + (py - Bone.Y) * (py - Bone.Y)) >= BoneR) inPlaque++;
        }
        for (int i = 0; i < hu.Data.Length; i++)
        {
            double px = i % N * Mm, py = i % len / N * Mm;
            if (hu.Data[i] == 1000 && Math.Sqrt((px - Bone.X) * (px - Bone.X) + (py - Bone.Y) * (py - Bone.Y)) >= BoneR) plaqueVoxels++;
        }
        Assert.True(inPlaque >= 0.9 * piece.Length, $"{inPlaque} of {piece.Length} carved voxels are plaque");
        Assert.True(piece.Length >= 0.5 * plaqueVoxels, $"{piece.Length} carved of {plaqueVoxels} plaque voxels");
    }

    [Fact]
    public void BoneWithoutPlaque_KeepsEverything()
    {
        Assert.Empty(Carve(plaque: false, bump: false).Carved);
        Assert.Empty(Carve(plaque: false, bump: true).Carved);
    }

    /// <summary>
    /// An aorta's plaque centred where the vessel lies on the bone: the opening keeps its middle with the bone and leaves
    /// its two ends apart, each too small or too short to be judged alone. Judged together they are one arc round the
    /// lumen; judged only one by one (no gap allowed) nothing is carved.
    /// </summary>
    [Fact]
    public void PlaqueAlongTheBone_ItsEndsAreJudgedAsOneArc()
    {
        // A 1-radian plaque of an 11 mm aorta centred where the aorta lies on the bone.
        var (carved, _) = Carve(plaque: true, bump: false, arteryR: 11, centred: true, span: 1.0);
        var piece = Assert.Single(carved);
        Assert.True(piece.Length * Mm * Mm * 2 >= new PlaqueOnBoneOptions().MinPieceMm3, $"{piece.Length} voxels carved");
        var (alone, _) = Carve(plaque: true, bump: false, arteryR: 11, centred: true, span: 1.0, options: new PlaqueOnBoneOptions(FragmentGapMm: 0));
        Assert.Empty(alone);
    }

    /// <summary>
    /// A plaque widened by partial volume to 4 mm at the threshold (the family's aortic plaques at 3.2 mm slices were 5
    /// pixels wide) survives the 2 mm opening with the bone; the wider opening leaves it, and it is carved.
    /// </summary>
    [Fact]
    public void PlaqueWidenedByPartialVolume_IsCarvedByTheWiderOpening()
    {
        var narrowOnly = new PlaqueOnBoneOptions(WideOpenRadiusMm: new PlaqueOnBoneOptions().OpenRadiusMm);
        Assert.Empty(Carve(plaque: true, bump: false, shellMm: 4.0, options: narrowOnly).Carved);
        Assert.Single(Carve(plaque: true, bump: false, shellMm: 4.0).Carved);
    }

    /// <summary>
    /// An arc in one slice alone is not carved: a plaque runs along its vessel, while the tapering end of a rib or a
    /// vertebral plate cut once by a thick slice curves like one (three normal unenhanced family cases).
    /// </summary>
    [Fact]
    public void ArcInOneSliceOnly_StaysBone()
    {
        Assert.Empty(Carve(plaque: true, bump: false, plaqueSlices: 1).Carved);
        Assert.Single(Carve(plaque: true, bump: false, plaqueSlices: 2).Carved);
    }
}
