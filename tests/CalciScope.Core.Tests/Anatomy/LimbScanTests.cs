using CalciScope.Imaging;
using CalciScope.Phantoms.Family;
using CalciScope.Pipeline;

namespace CalciScope.Tests.Anatomy;

/// <summary>
/// A limb scanned alone (a thigh, a calf, an arm) holds no skull, lungs or pelvis, so none of the trunk's landmarks: it
/// is told by its one section, its bone near the middle and no enclosed air, and named thigh, leg or arm, never abdomen.
/// </summary>
public class LimbScanTests
{
    private const double PixelMm = 0.8, SliceMm = 3;

    /// <summary>A bone's section: centre (mm from the limb's centre, y posterior) and outer radius; cortex 3 mm round fatty marrow.</summary>
    private readonly record struct Bone(double X, double Y, double R);

    /// <summary>
    /// A round limb of radius <paramref name="radiusMm"/> at every slice: skin, subcutaneous fat, muscle and its bones,
    /// with a calcified nodule in the subcutaneous fat half-way along, so that a region is named.
    /// </summary>
    private static AnalysisResult Analyse(double radiusMm, double fatMm, int slices, params Bone[] bones) => Analyse(0, radiusMm, fatMm, slices, bones);

    /// <summary>The same limb reconstructed with its centre <paramref name="centreXMm"/> from the scanner's isocentre (negative: the patient's right), with a second nodule on the other side of its middle.</summary>
    private static AnalysisResult Analyse(double centreXMm, double radiusMm, double fatMm, int slices, params Bone[] bones)
    {
        int n = (int)Math.Ceiling((2 * radiusMm + 30) / PixelMm);
        double half = (n - 1) / 2.0 * PixelMm;
        var g = VolumeGeometry.Axial(n, n, slices, PixelMm, PixelMm, SliceMm, new Vec3(centreXMm - half, -half, 0));
        var hu = new Volume<short>(g);
        var noise = new Random(7);
        double nodZ = slices / 2 * SliceMm, nodX = 0, nodY = -(radiusMm - 2 - fatMm / 2);
        double sideX = radiusMm - 2 - fatMm / 2, sideZ = nodZ - 30;
        for (int k = 0; k < slices; k++)
        {
            var s = hu.Slice(k);
            for (int j = 0; j < n; j++)
                for (int i = 0; i < n; i++)
                {
                    var p = g.ToPatient(i, j, k) - new Vec3(centreXMm, 0, 0);
                    double r = Math.Sqrt(p.X * p.X + p.Y * p.Y);
                    short v = r > radiusMm ? (short)-1000 : r > radiusMm - 2 ? (short)40 : r > radiusMm - 2 - fatMm ? (short)-100 : (short)50;
                    foreach (var b in bones)
                    {
                        double d = Math.Sqrt((p.X - b.X) * (p.X - b.X) + (p.Y - b.Y) * (p.Y - b.Y));
                        if (d < b.R) v = d > b.R - 3 ? (short)1100 : (short)20;
                    }
                    double dn = Math.Sqrt((p.X - nodX) * (p.X - nodX) + (p.Y - nodY) * (p.Y - nodY) + (p.Z - nodZ) * (p.Z - nodZ));
                    if (dn < 4) v = 600;
                    if (centreXMm != 0)
                        foreach (double sx in new[] { -sideX, sideX })
                            if (Math.Sqrt((p.X - sx) * (p.X - sx) + p.Y * p.Y + (p.Z - sideZ) * (p.Z - sideZ)) < 4) v = 600;
                    s[j * n + i] = (short)(v + (v > -900 ? noise.Next(-8, 9) : 0));
                }
        }
        var info = new StudyInfo { StudyUid = "1.2.3", SeriesUid = "1.2.3.1", Modality = "CT", SourceFormat = "phantom" };
        return AnalysisPipeline.Analyse(new LoadedStudy(hu, info, []), new AnalysisOptions());
    }

    [Fact]
    public void Analyse_ThighAlone_IsThigh()
    {
        // An adult thigh, 48 cm round (section 180 cm2), its femur a little medial and posterior of the middle.
        var r = Analyse(76, 15, 40, new Bone(-8, 6, 14));
        Assert.Equal(["thigh"], r.Detection.BodyParts.Select(b => b.Name));
        Assert.Contains(r.Lesions, l => l.Region == "thigh");
    }

    [Fact]
    public void Analyse_CalfAlone_IsLeg()
    {
        // A calf, 36 cm round (100 cm2): the tibia in front and medially, the fibula behind and laterally.
        var r = Analyse(57, 10, 40, new Bone(-10, -18, 12), new Bone(22, 6, 6.5));
        Assert.Equal(["leg"], r.Detection.BodyParts.Select(b => b.Name));
        Assert.Contains(r.Lesions, l => l.Region == "leg");
    }

    [Fact]
    public void Analyse_UpperArmAlone_IsArm()
    {
        // An upper arm, 30 cm round (70 cm2), its humerus in the middle.
        var r = Analyse(47, 8, 40, new Bone(0, 2, 10.5));
        Assert.Equal(["arm"], r.Detection.BodyParts.Select(b => b.Name));
        Assert.Contains(r.Lesions, l => l.Region == "arm");
    }

    [Fact]
    public void Analyse_ForearmAlone_IsArm()
    {
        // A forearm, 25 cm round (50 cm2): radius and ulna side by side, of one size.
        var r = Analyse(40, 6, 40, new Bone(-11, 4, 7), new Bone(11, 6, 6.5));
        Assert.Equal(["arm"], r.Detection.BodyParts.Select(b => b.Name));
    }

    /// <summary>
    /// A right thigh reconstructed alone, 110 mm right of the isocentre: its lesions on either side of its middle (medial
    /// and lateral) are all on the patient's right, and none is bilateral.
    /// </summary>
    [Fact]
    public void Analyse_RightThighAlone_EveryLesionOnTheRight()
    {
        var r = Analyse(-110, 76, 15, 40, new Bone(-8, 6, 14));
        Assert.Equal(["thigh"], r.Detection.BodyParts.Select(b => b.Name));
        Assert.True(r.Lesions.Count >= 3, $"{r.Lesions.Count} lesions");
        Assert.All(r.Lesions, l => Assert.Equal("right", l.Side));
        var centred = Analyse(76, 15, 40, new Bone(-8, 6, 14));
        Assert.All(centred.Lesions, l => Assert.Equal("midline", l.Side));
    }

    /// <summary>One thigh of a phantom family case, the other cut away: the family's own generator, not the round limb above.</summary>
    [Fact]
    public void Analyse_FamilyThighWithTheOtherCutAway_IsThigh()
    {
        var c = FamilyCase.Draw(1) with
        {
            Region = FamilyRegion.Thigh, FromZMm = -300, ToZMm = -150, Habitus = 1.0, SliceMm = 3, Contrast = FamilyContrast.None, Patterns = [],
        };
        var study = FamilyGenerator.Generate(c);
        var g = study.Hu.Geometry;
        for (int k = 0; k < g.SizeZ; k++)
        {
            var s = study.Hu.Slice(k);
            for (int j = 0; j < g.SizeY; j++)
                for (int i = 0; i < g.SizeX; i++)
                    if (g.ToPatient(i, j, k).X > 0) s[j * g.SizeX + i] = -1000;
        }
        var r = AnalysisPipeline.Analyse(new LoadedStudy(study.Hu, study.Info, []), new AnalysisOptions());
        Assert.Equal(["thigh"], r.Detection.BodyParts.Select(b => b.Name));
    }
}
