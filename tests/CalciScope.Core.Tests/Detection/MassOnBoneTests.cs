using CalciScope.Calcification;
using CalciScope.Imaging;
using CalciScope.Phantoms.Family;
using CalciScope.Pipeline;
using CalciScope.Segmentation;

namespace CalciScope.Tests.Detection;

/// <summary>
/// A lobulated mass of calcium touching a bone joins it at the calcium threshold; where its solid middle has no bone in
/// its mirror image across the skeleton's midline, it is carved out as a mass beside the bone. Drawn at 1 mm: two femoral
/// sections (radius 12 mm, 2 mm cortex at 1100 HU round marrow) 60 mm apart in soft tissue, and a mass of four lobes at
/// 600 HU against the lateral cortex of one, the other, or both.
/// </summary>
public class MassOnBoneTests
{
    private const int N = 128, Z = 30;
    private const double BoneR = 12, Cortex = 2, Apart = 30;
    private const int Centre = 64;

    /// <param name="masses">Which sides hold a mass: "right", "both" or "none".</param>
    /// <param name="marrowHu">The marrow of the right bone (the left's is 120 HU): 500 HU is a sclerotic bone, solid at the nodules' 300 HU and as dense as their stones.</param>
    /// <param name="artery">Whether a contrast-filled artery (radius 9 mm at 330 HU) runs against the left bone's medial side, joined to it at the threshold.</param>
    /// <param name="massHu">The masses' density.</param>
    /// <param name="leftApart">How far the left mass is drawn out from its bone (mm): 3 mm parts them at the threshold.</param>
    private static Volume<short> Draw(string masses, short marrowHu = 120, bool artery = false, short massHu = 600, double leftApart = 0)
    {
        var hu = new Volume<short>(VolumeGeometry.Axial(N, N, Z, 1, 1, 1));
        var lobes = new (double X, double Y, double Z, double R)[] { (17, 0, 15, 6.5), (20, 5, 12, 6), (19, -5, 18, 6), (23, 1, 16, 5.5) };
        for (int z = 0; z < Z; z++)
            for (int y = 0; y < N; y++)
                for (int x = 0; x < N; x++)
                {
                    short v = 40;
                    foreach (int side in new[] { -1, 1 })
                    {
                        double bx = Centre + side * Apart, r = Math.Sqrt((x - bx) * (x - bx) + (y - Centre) * (y - Centre));
                        if (r < BoneR) v = r > BoneR - Cortex ? (short)1100 : side > 0 ? marrowHu : (short)120;
                        bool drawn = masses == "both" || masses == "right" && side > 0;
                        double apart = side < 0 ? leftApart : 0;
                        if (drawn && v == 40 && lobes.Any(l => Dist(x - (bx + side * (l.X + apart)), y - (Centre + l.Y), z - l.Z) < l.R)) v = massHu;
                    }
                    if (artery && v == 40 && InArtery(x, y)) v = ArteryHu;
                    hu.Data[(z * N + y) * N + x] = v;
                }
        return hu;

        static double Dist(double dx, double dy, double dz) => Math.Sqrt(dx * dx + dy * dy + dz * dz);
    }

    private const short ArteryHu = 330;

    private static bool InArtery(int x, int y) => Math.Pow(x - (Centre - Apart + BoneR + 8), 2) + Math.Pow(y - Centre, 2) < 81;

    /// <param name="bodyOffsetPx">How far the body's centre lies from the skeleton's midline (a pannus or a patient off the table's centre).</param>
    /// <param name="denseHuAt">The level bone is drawn at per voxel; the nodules' dense level where not given.</param>
    /// <param name="isBone">Which components are bone; by default all.</param>
    private static List<int[]> Carve(Volume<short> hu, double bodyOffsetPx = 0, Func<int, short>? denseHuAt = null, Func<ComponentStats, bool>? isBone = null)
    {
        var runs = RunLabeler.Label(hu, CalcificationDetector.ThresholdHu, (_, _, mask) => mask.Fill(1), short.MaxValue);
        var stats = DrawnComponents.Stats(runs);
        foreach (var s in stats) s.IsBone = isBone?.Invoke(s) ?? true;
        var slices = Enumerable.Range(0, Z).Select(_ => new SliceStats(N * N, Centre + bodyOffsetPx, Centre, 60, 60, 0)).ToArray();
        var no = new NoduleOnBoneOptions();
        return MassOnBone.Carve(stats, runs, hu, no, new MassOnBoneOptions(), denseHuAt ?? (_ => no.DenseHu), new HashSet<int>(), slices, _ => true);
    }

    private static bool InRightBone(int i)
    {
        int x = i % N, y = i / N % N;
        return Math.Sqrt(Math.Pow(x - (Centre + Apart), 2) + Math.Pow(y - Centre, 2)) < BoneR;
    }

    [Fact]
    public void MassAgainstOneBone_IsCarvedWithoutTheBone()
    {
        var mass = Assert.Single(Carve(Draw("right")));
        // Four lobes of 5.5-6.5 mm (about 2.4 mL where they do not overlap the bone), not the bone's 13.6 mL.
        Assert.InRange(mass.Length, 1500, 4000);
        Assert.True(mass.Count(InRightBone) <= 0.1 * mass.Length, "the carved mass holds the bone's cortex");
    }

    /// <summary>The same mass on both sides in mirror image: a pair of processes of paired bones, as a radiologist reads it.</summary>
    [Fact]
    public void MassesMirroredOnBothSides_StayWithTheirBones() => Assert.Empty(Carve(Draw("both")));

    /// <summary>
    /// Paired dense bodies (900 HU) against paired bones, the left one parted from its bone and judged no bone (as the
    /// phantom family's oral-contrast pelvis 2051 had a femur's last slices drawn into a loop of contrast-filled bowel):
    /// the mirror image still holds a cortex's density, and the right one stays with its bone. Read by the bone components
    /// alone, it was carved as a mass. A mirror of a mass's density (600 HU) is no such evidence.
    /// </summary>
    [Fact]
    public void MirrorDrawnIntoAnotherStructure_StillMirrorsByItsDensity()
    {
        // The bones drawn are their cortex rings at the threshold (about 4,100 voxels each), the left mass about 2,400.
        static bool LargeIsBone(ComponentStats s) => s.Count > 3000;
        Assert.Empty(Carve(Draw("both", massHu: 900, leftApart: 3), isBone: LargeIsBone));
        Assert.Single(Carve(Draw("both", leftApart: 3), isBone: LargeIsBone));
    }

    /// <summary>The phantom family's oral-contrast pelvis 2051, a normal case: its femur's end slices are no 1.1 mL 'mass'.</summary>
    [Fact]
    public void FemurEndBesideALoopOfOralContrast_IsNoMass() => Assert.True(FamilyEvaluation.Run(2051).FalseSoftMm3 <= 50);

    /// <summary>
    /// A sclerotic bone, solid throughout, on one side only: its solid middle has no bone in its mirror image (the other
    /// bone's marrow is under the calcium threshold) but lies inside its own cortex.
    /// </summary>
    [Fact]
    public void ScleroticBoneOnOneSide_IsNoMass() => Assert.Empty(Carve(Draw("none", marrowHu: 500)));

    /// <summary>
    /// The mirror is taken about the skeleton's midline, not the body's centre: with the body's centre 12 mm to one side,
    /// mirrored about it the paired masses would each land 24 mm from the other and both be carved.
    /// </summary>
    [Fact]
    public void BodyCentreOffTheSkeleton_MirrorsAboutTheSkeleton()
    {
        Assert.Empty(Carve(Draw("both"), bodyOffsetPx: 12));
        Assert.Single(Carve(Draw("right"), bodyOffsetPx: 12));
    }

    /// <summary>
    /// A contrast-filled artery joined to one bone at the threshold (the aorta left of the spine) is no bone of the
    /// skeleton's midline: drawn at the lumen's own level (450 HU here, as the detector draws a lumen's voxels at its calcium
    /// threshold), it leaves the midline between the paired bones, and their paired masses stay with them. Counted as
    /// bone, it draws the midline toward itself and the masses are carved (the phantom family's seed 1520).
    /// </summary>
    [Fact]
    public void ArteryJoinedToOneBone_DoesNotDrawTheMidlineAside()
    {
        var hu = Draw("both", artery: true);
        int n2 = N * N;
        Assert.Empty(Carve(hu, denseHuAt: i => InArtery(i % N, i % n2 / N) ? (short)450 : new NoduleOnBoneOptions().DenseHu));
    }

    /// <summary>
    /// The phantom family's tumoral calcinosis against the femoral head: seed 512 (unenhanced, red marrow, 1.64 mm) and
    /// seed 419 (venous, sclerotic marrow, 3.4 mm), 4.6 and 5.0 mL, had been drawn with the femur; found, at the joint.
    /// </summary>
    [Theory]
    [InlineData(512)]
    [InlineData(419)]
    public void TumoralCalcinosisAgainstTheFemur_IsFoundAtTheJoint(int seed)
    {
        var study = FamilyGenerator.Generate(FamilyCase.Draw(seed));
        var r = AnalysisPipeline.Analyse(new LoadedStudy(study.Hu, study.Info, []), new AnalysisOptions());
        var score = FamilyEvaluation.Score(study, r);
        Assert.Empty(score.Missed);
        Assert.DoesNotContain(score.Misnamed, m => m.StartsWith("amorphous", StringComparison.Ordinal));
        Assert.Contains(r.Lesions, l => l is { Compartment: "periarticular", Pattern: "amorphous" } && l.VolumeMm3 > 2000);
    }
}
