using CalciScope.Calcification;
using CalciScope.Pipeline;
using CalciScope.Tests.Support;

namespace CalciScope.Tests.Analysis;

/// <summary>Real scans: what scanners write is not what phantoms idealise.</summary>
public class RealCtAnalysisTests
{
    [Fact]
    public void Analyze_ContrastChestCt_DetectsContrastAndKeepsBloodPoolOut()
    {
        var input = Path.Combine(Repo.SharedData, "ct", "chest_ct_contrast.nii.gz");
        using var tmp = new TempDir();
        var r = AnalysisPipeline.Run(input, new AnalysisOptions { LabelMapPath = tmp["labels.nii.gz"] });
        var contrast = r.Detection.Contrast;
        Assert.True(contrast.Enhanced);
        Assert.InRange(contrast.BloodPoolMeanHu, 200, 450);
        Assert.True(contrast.ThresholdHu > contrast.BloodPoolMeanHu);
        // The heart chambers are found as blood pool, not only the aorta.
        Assert.True(contrast.BloodPoolVolumeMm3 >= 200_000, $"blood pool {contrast.BloodPoolVolumeMm3 / 1000:0} mL");
        // The crop holds no skin or subcutaneous fat: nothing may be put there.
        Assert.DoesNotContain(r.Lesions, l => l.Compartment is "skin" or "subcutaneous" or "fascial");
        // No labelled calcium voxel may sit in the enhanced lumen below the raised threshold.
        var labels = CalciScope.Nifti.NiftiReader.Read(tmp["labels.nii.gz"]).Hu.Data;
        var hu = r.Study.Hu.Data;
        // No enhanced lumen is counted as wall calcium: a vascular voxel of lumen density (150-450 HU) is only ever the
        // partial volume of a dense one beside it (the origins of the arch's branches, about 1,000 voxels enclosed by
        // the calcified ring, were counted before).
        var g0 = r.Study.Hu.Geometry;
        int sx = g0.SizeX, sxy = g0.SizeX * g0.SizeY;
        long lumenLike = 0, away = 0;
        for (int i = 0; i < hu.Length; i++)
        {
            if (labels[i] != 5 || hu[i] < 150 || hu[i] > 450) continue;
            lumenLike++;
            int z = i / sxy, y = i % sxy / sx, x = i % sx;
            bool beside = false;
            for (int dz = -1; dz <= 1 && !beside; dz++)
            for (int dy = -1; dy <= 1 && !beside; dy++)
            for (int dx = -1; dx <= 1 && !beside; dx++)
            {
                int xx = x + dx, yy = y + dy, zz = z + dz;
                beside = xx >= 0 && yy >= 0 && zz >= 0 && xx < sx && yy < g0.SizeY && zz < g0.SizeZ && hu[zz * sxy + yy * sx + xx] >= 600;
            }
            if (!beside) away++;
        }
        Assert.True(lumenLike > 0, "no partial volume at all around the wall calcium");
        Assert.Equal(0, away);
        // Landmarks read off this scan (voxel boxes, i/j/k as stored): the descending aorta and the arch carry a ring of
        // wall calcification, the spleen and the myocardium enhance, the thoracic vertebrae are bone.
        var g = r.Study.Hu.Geometry;
        double Fraction(int i0, int i1, int j0, int j1, int k0, int k1, Func<short, bool> select, byte code)
        {
            long n = 0, hit = 0;
            for (int k = k0; k < k1; k++)
                for (int j = j0; j < j1; j++)
                    for (int i = i0; i < i1; i++)
                    {
                        int idx = (k * g.SizeY + j) * g.SizeX + i;
                        if (!select(hu[idx])) continue;
                        n++;
                        if (labels[idx] == code) hit++;
                    }
            Assert.True(n > 100, "landmark box holds too few voxels");
            return (double)hit / n;
        }
        // Aortic wall calcification is reported as vascular (it was drawn as skeleton, 0 % vascular, before enhancing
        // tissue was set apart).
        Assert.True(Fraction(50, 76, 78, 101, 96, 104, v => v >= 1000, 5) > 0.9, "descending aortic wall calcium not vascular");
        Assert.True(Fraction(48, 76, 75, 101, 126, 134, v => v >= 1000, 5) > 0.9, "aortic arch wall calcium not vascular");
        Assert.True(r.Summary.VascularVolumeMm3 > 5000, $"vascular {r.Summary.VascularVolumeMm3} mm3");
        Assert.Contains(r.Lesions, l => l.Compartment == "vascular" && l.Pattern == "vascular_wall" && l.VolumeMm3 > 5000);
        Assert.DoesNotContain(r.Lesions, l => l.Pattern == "phlebolith");
        // Enhancing organs are not skeleton (spleen was 100 %, myocardium 46 %).
        Assert.True(Fraction(90, 120, 85, 116, 15, 25, v => v >= 130, 9) < 0.05, "spleen drawn as skeleton");
        Assert.True(Fraction(40, 100, 10, 70, 45, 55, v => v is >= 130 and < 300, 9) < 0.05, "myocardium drawn as skeleton");
        Assert.True(Fraction(0, g.SizeX, 0, g.SizeY, 0, g.SizeZ, v => v is >= 300 and <= 600, 9) < 0.25, "enhanced blood drawn as skeleton");
        // The thoracic vertebral bodies are skeleton, marrow and all (their marrow enhances like the organs and is set
        // apart with them; the label map fills it back inside the cortex).
        Assert.True(Fraction(40, 60, 95, 115, 45, 55, v => v >= 130, 9) > 0.5, "vertebral body not skeleton");
        // The superior cava full of undiluted contrast (1,500 HU and more, right of the aortic root) is neither
        // calcium nor bone (it was drawn as skeleton with the ribs and sternum it runs into).
        Assert.True(Fraction(15, 45, 40, 75, 90, 135, v => v >= 1500, 9) < 0.15, "contrast-filled cava drawn as skeleton");
        Assert.True(Fraction(15, 45, 40, 75, 90, 135, v => v >= 1500, 0) > 0.85, "contrast-filled cava labelled");
        // Ribs: cortex-dense voxels along the left chest wall and the back (the right side holds the arm's vein full of
        // undiluted contrast, set aside as contrast) are skeleton.
        Assert.True(Fraction(100, 120, 0, 126, 0, 164, v => v >= 600, 9) > 0.95, "left ribs not skeleton");
        Assert.True(Fraction(0, 120, 110, 126, 0, 164, v => v >= 600, 9) > 0.95, "posterior ribs and spine not skeleton");
        // Ribs, sternum and costal cartilage are skeleton: nothing is left outside vessels and bone in this crop.
        Assert.True(r.Summary.SoftTissueVolumeMm3 < 50, $"{r.Summary.SoftTissueVolumeMm3} mm3 soft-tissue calcification");
        Assert.Contains(r.Detection.Notes, n => n.Contains("contrast-enhanced"));
    }
    /// <summary>
    /// The tilted head CT: a study outside CalciScope's usual field, read as a radiologist would. The head holder's
    /// carbon shells are not skin calcification, the brain is not marrow, the choroid plexus calcifications (both
    /// trigones, read off the scan) are intracranial, and nothing is placed in a body region the scan does not hold.
    /// </summary>
    [Fact]
    public void Analyze_HeadCt_IsReadAsAHead()
    {
        using var tmp = new TempDir();
        var r = AnalysisPipeline.Run(Path.Combine(Repo.SharedData, "ct", "head_ct_gantry_tilt"), new AnalysisOptions { LabelMapPath = tmp["labels.nii.gz"] });
        Assert.DoesNotContain(r.Lesions, l => l.Compartment == "skin" && l.VolumeMm3 > 1000);
        Assert.Contains(r.Detection.Notes, n => n.Contains("head holder"));
        Assert.All(r.Lesions, l => Assert.Contains(l.Region, new[] { "intracranial", "head_neck" }));

        var labels = CalciScope.Nifti.NiftiReader.Read(tmp["labels.nii.gz"]).Hu.Data;
        var g = r.Study.Hu.Geometry;
        long brain = 0, skeleton = 0;
        for (int j = 200; j < 340; j++)
            for (int i = 200; i < 310; i++)
            {
                brain++;
                if (labels[(80 * g.SizeY + j) * g.SizeX + i] == CalcificationDetector.Skeleton) skeleton++;
            }
        Assert.Equal(0, skeleton);
        Assert.True(r.Summary.BoneVolumeMm3 > 300_000, $"skull {r.Summary.BoneVolumeMm3} mm3");

        foreach (var x in new[] { -26.0, 27.0 })
        {
            var choroid = r.Lesions.Where(l => Math.Abs(l.CentroidMm[0] - x) < 5 && l.CentroidMm[1] is > 12 and < 35 && l.CentroidMm[2] is > 30 and < 46).ToList();
            Assert.NotEmpty(choroid);
            Assert.All(choroid, l => { Assert.Equal("intracranial", l.Region); Assert.Equal("other", l.Compartment); });
        }
        // Reported apart: intracranial calcification is not soft-tissue calcinosis.
        var intracranial = r.Lesions.Where(l => l.Region == "intracranial").Sum(l => l.VolumeMm3);
        Assert.Equal(Math.Round(intracranial, 1), r.Summary.IntracranialVolumeMm3, 0.2);
        Assert.Equal(Math.Round(r.Lesions.Where(l => l.Region != "intracranial" && l.Compartment != "vascular").Sum(l => l.VolumeMm3), 1), r.Summary.SoftTissueVolumeMm3, 0.2);
        Assert.DoesNotContain("intracranial", r.Summary.VolumeByRegion.Keys);
    }

    /// <summary>
    /// A coronary plaque inserted into the real scan: 18 voxels (61 mm3) in the epicardial fat against the lumen of the
    /// circumflex artery, at the densities calcified plaque reaches at 1.5 mm. Real anatomy, real noise, known truth.
    /// </summary>
    [Theory]
    [InlineData(800)]
    [InlineData(1100)]
    [InlineData(1600)]
    public void Analyze_ContrastChestCt_InsertedCoronaryPlaqueIsVascular(short peakHu)
    {
        var source = CalciScope.Nifti.NiftiReader.Read(Path.Combine(Repo.SharedData, "ct", "chest_ct_contrast.nii.gz")).Hu;
        var g = source.Geometry;
        var data = (short[])source.Data.Clone();
        for (int k = 89; k <= 91; k++)
            for (int j = 49; j <= 50; j++)
                for (int i = 68; i <= 70; i++)
                    data[(k * g.SizeY + j) * g.SizeX + i] = peakHu;
        using var tmp = new TempDir();
        CalciScope.Nifti.NiftiWriter.Write(tmp["plaque.nii.gz"], new CalciScope.Imaging.Volume<short>(g, data));
        var r = AnalysisPipeline.Run(tmp["plaque.nii.gz"], new AnalysisOptions());

        var truth = g.ToPatient(69, 49.5, 90);
        var found = r.Lesions.Where(l => (CalciScope.Imaging.Vec3.From(l.CentroidMm) - truth).Length < 3).ToList();
        var plaque = Assert.Single(found);
        Assert.Equal("vascular", plaque.Compartment);
        Assert.Equal("vascular_wall", plaque.Pattern);
        Assert.Equal("thorax", plaque.Region);
        Assert.Equal(peakHu, plaque.MaxHu);
        // 61 mm3 inserted; the lumen's partial volume against it may add a rim, never double it.
        Assert.InRange(plaque.VolumeMm3, 55, 120);
    }
}
