using CalciScope.Calcification;
using CalciScope.Imaging;
using CalciScope.Segmentation;

namespace CalciScope.Tests.Detection;

/// <summary>
/// A strand of calcium in the subcutaneous fat that runs onto a rib of a thin chest wall joins the rib at the calcium
/// threshold; the rib's opening leaves the strand, which lies outside the muscle wall in fat, thin, and runs away from
/// the bone, and is carved out. Drawn at 0.7 mm and 2 mm slices: a rib (radius 6 mm, 1.5 mm cortex round marrow) in
/// muscle whose outer edge touches the wall's edge, fat beyond it, and a 1.4 mm strand at 600 HU running 15 mm out into
/// the fat from the rib's surface.
/// </summary>
public class DepositOnBoneTests
{
    private const int N = 96, Z = 8;
    private const double Mm = 0.7, RibR = 6, WallX = 26, StrandHalfMm = 0.7;
    private static readonly (double X, double Y) Rib = (20, 34);

    /// <param name="strand">
    /// What runs from the rib's outer surface: none, a thin strand, a thicker and longer strand (1.6 mm by 22 mm, whose
    /// middle row has neighbours all round, as a strand of 1-2 mm has at fine pixels), the thicker strand as dense as
    /// undiluted contrast, or a plate as thick as the rib's own processes.
    /// </param>
    /// <param name="inFat">Whether fat (else muscle) lies beyond the wall's edge.</param>
    private static Volume<short> Draw(string strand, bool inFat)
    {
        var hu = new Volume<short>(VolumeGeometry.Axial(N, N, Z, Mm, Mm, 2));
        double halfWidth = strand switch { "plate" => 1.1, "thick" or "thick contrast" => 0.8, _ => StrandHalfMm };
        short strandHu = strand == "thick contrast" ? (short)1800 : (short)600;
        double length = strand.StartsWith("thick", StringComparison.Ordinal) ? 22 : 15;
        for (int z = 0; z < Z; z++)
            for (int y = 0; y < N; y++)
                for (int x = 0; x < N; x++)
                {
                    double px = x * Mm, py = y * Mm;
                    double rb = Math.Sqrt((px - Rib.X) * (px - Rib.X) + (py - Rib.Y) * (py - Rib.Y));
                    // The strand leaves the rib's outer surface at 30 degrees to the wall's normal.
                    double along = (px - (Rib.X + RibR - 0.5)) * Math.Cos(0.5) + (py - Rib.Y) * Math.Sin(0.5);
                    double across = -(px - (Rib.X + RibR - 0.5)) * Math.Sin(0.5) + (py - Rib.Y) * Math.Cos(0.5);
                    short v = px < WallX ? (short)45 : inFat ? (short)-100 : (short)45;
                    if (rb < RibR) v = rb > RibR - 1.5 ? (short)1000 : (short)300;
                    else if (strand != "none" && along >= 0 && along <= length && Math.Abs(across) <= halfWidth) v = strandHu;
                    hu.Data[z * N * N + y * N + x] = v;
                }
        return hu;
    }

    private static IReadOnlyList<int[]> Deposits(string strand, bool inFat = true, bool tissueMap = true)
    {
        var hu = Draw(strand, inFat);
        var runs = RunLabeler.Label(hu, CalcificationDetector.ThresholdHu, (z, y, mask) => mask.Fill(1));
        // The tissue map puts what lies beyond the wall's edge in the subcutaneous layer (or, for the check, nothing there).
        byte Code(int i) => tissueMap && i % N * Mm >= WallX ? TissueClass.Subcutaneous : TissueClass.InnerSoft;
        return PlaqueOnBone.Carve(OneBone.Stats(runs), runs, hu, new VesselWallArcOptions(), new PlaqueOnBoneOptions(), tissueCode: Code).Deposits;
    }

    [Fact]
    public void StrandInFatTouchingRib_IsCarvedOut()
    {
        var deposit = Assert.Single(Deposits("strand"));
        // The strand (1.4 mm by 15 mm in each of 8 slices of 2 mm: about 340 mm3 before partial pixels), not the rib.
        double mm3 = deposit.Length * Mm * Mm * 2;
        Assert.InRange(mm3, 150, 500);
        Assert.All(deposit, i => Assert.True(i % N * Mm >= WallX - 1.5, "a carved voxel lies in the rib"));
    }

    /// <summary>A strand with some core of its own is carved when fat lies round it and it runs well away from the bone (seed 532's network at 0.8 mm).</summary>
    [Fact]
    public void ThickerStrandInFat_IsCarvedOut() => Assert.Single(Deposits("thick"));

    /// <summary>The same shape as dense as undiluted contrast is a vein of the injected arm on the clavicle, not calcium.</summary>
    [Fact]
    public void ThickerStrandAsDenseAsContrast_StaysBone() => Assert.Empty(Deposits("thick contrast"));

    [Fact]
    public void StrandInMuscle_StaysBone() => Assert.Empty(Deposits("strand", inFat: false));

    [Fact]
    public void WithoutATissueMapOutsideTheWall_NothingIsCarved() => Assert.Empty(Deposits("strand", tissueMap: false));

    [Fact]
    public void PlateAsThickAsABoneProcess_StaysBone() => Assert.Empty(Deposits("plate"));

    [Fact]
    public void RibAlone_GivesNoDeposit() => Assert.Empty(Deposits("none"));
}
