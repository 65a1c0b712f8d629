using CalciScope.Anatomy;
using CalciScope.Calcification;
using CalciScope.Pipeline;
using CalciScope.Tests.Support;

namespace CalciScope.Tests.Analysis;

/// <summary>
/// The real-CT table (bench/real_ct_table.md) as tests: every real CT in ../shared/data, none of whose patients has
/// soft-tissue calcinosis. Body parts, the contrast verdict and the regions must be right on all of them, and the
/// soft-tissue volume under the 0.3 mL the anatomy issue asks for on every one.
/// </summary>
public class RealCtTableTests
{
    public static TheoryData<string, bool, bool, string[], double> Scans => new()
    {
        { "head_ct_gantry_tilt", false, false, ["head"], 300 },
        { "chest_ct_contrast.nii.gz", true, false, ["chest"], 300 },
        { "upper_abdomen_j2k", true, false, ["abdomen"], 300 },
        { "lidc_0001_chest_upper_abdomen_iv_contrast.nii.gz", true, false, ["chest", "abdomen"], 300 },
        { "lidc_0003_chest_upper_abdomen_iv_oral_contrast.nii.gz", true, true, ["chest", "abdomen"], 300 },
    };

    [Theory]
    [MemberData(nameof(Scans))]
    public void Analyze_RealCt_AnatomyContrastAndSoftTissueRight(string scan, bool enhanced, bool oral, string[] parts, double maxSoftMm3)
    {
        var r = AnalysisPipeline.Run(RealCt.Input(scan), new AnalysisOptions());
        var d = r.Detection;
        Assert.Equal(enhanced, d.Contrast.Enhanced);
        Assert.Equal(oral, d.Contrast.OralContrast);
        var names = d.BodyParts.Select(b => b.Name).ToHashSet();
        foreach (var p in parts) Assert.Contains(p, names);
        if (!names.Contains("pelvis"))
            Assert.DoesNotContain(r.Lesions, l => l.Region is "gluteal" or "hip" or "inguinal");
        if (!names.Contains("chest"))
            Assert.DoesNotContain(r.Lesions, l => l.Region is "chest_wall" or "thorax");
        // Body parts are runs in head-to-foot order, never overlapping.
        for (int i = 1; i < d.BodyParts.Count; i++) Assert.True(d.BodyParts[i].ToZMm <= d.BodyParts[i - 1].FromZMm + 0.1);
        Assert.True(r.Summary.SoftTissueVolumeMm3 <= maxSoftMm3, $"{scan}: {r.Summary.SoftTissueVolumeMm3:0} mm3 of soft-tissue calcification");
    }

    /// <summary>
    /// LIDC-IDRI 0003's oral contrast is its stomach (diluted contrast at about 260 HU, some 465 mL under a gas cap and a
    /// layer of less opacified fluid), not taken for blood pool; the verdict had come from the injected arm's veins in the
    /// neck (213 mL at 776 HU) against a lung apex taken for bowel gas, with the stomach in the pool (1234 mL).
    /// </summary>
    [Fact]
    public void Analyze_Lidc0003_OralContrastIsItsStomach_NotBloodPool()
    {
        var c = AnalysisPipeline.Run(RealCt.Input("lidc_0003_chest_upper_abdomen_iv_oral_contrast.nii.gz"), new AnalysisOptions()).Detection.Contrast;
        Assert.True(c.OralContrast);
        Assert.InRange(c.OralContrastVolumeMm3, 350_000, 600_000);
        Assert.InRange(c.BloodPoolVolumeMm3, 500_000, 1_000_000);
    }

    /// <summary>
    /// LIDC-IDRI 0001's lower cervical and upper thoracic vertebrae: marrow as dense as the arterial blood joins the
    /// vertebral bodies to the pool's core. Seen on review, the bodies' anterolateral corners (centroids at LPS (8, 3,
    /// -15) and (-17, -6, -10) mm) had been reported as 306 and 89 mm3 of vascular calcification, and at slice 96 the
    /// spinal canal behind a body had been drawn as skeleton. The corners are cortex along marrow, and a hole holding
    /// blood pool is no marrow cavity to fill.
    /// </summary>
    [Fact]
    public void Analyze_Lidc0001_VertebraeJoinedToThePool_AreBoneAndTheirCanalIsNot()
    {
        var r = AnalysisPipeline.Run(RealCt.Input("lidc_0001_chest_upper_abdomen_iv_contrast.nii.gz"), new AnalysisOptions());
        foreach (var corner in new[] { new[] { 7.9, 3.0, -15.1 }, [-16.6, -5.5, -10.1] })
        {
            var near = r.Lesions.Where(l => l.VolumeMm3 >= 20 && Math.Sqrt(l.CentroidMm.Zip(corner, (a, b) => (a - b) * (a - b)).Sum()) < 8).ToList();
            Assert.True(near.Count == 0, $"vertebral corner at ({string.Join(", ", corner)}) reported as {string.Join(", ", near.Select(l => $"{l.Compartment} {l.VolumeMm3:0} mm3"))}");
        }
        var g = r.Study.Hu.Geometry;
        int len = g.SizeX * g.SizeY, skeleton = 0, n = 0;
        for (int y = 347; y <= 357; y++)
            for (int x = 229; x <= 239; x++, n++)
                if (r.Detection.LabelMap[96 * len + y * g.SizeX + x] == CalcificationDetector.Skeleton) skeleton++;
        Assert.True(skeleton <= n / 5, $"{skeleton} of {n} voxels of the spinal canal at slice 96 drawn as skeleton");
    }

    [Fact]
    public void Analyze_UpperAbdomenWithTotalSegmentator_AllItsBoneIsSkeleton()
    {
        using var tmp = new TempDir();
        var seg = Path.Combine(Repo.SharedData, "ct", "upper_abdomen_j2k_totalsegmentator.nii.gz");
        var r = AnalysisPipeline.Run(RealCt.Input("upper_abdomen_j2k"), new AnalysisOptions
        {
            Anatomy = new TotalSegmentatorAnatomySource(seg), LabelMapPath = tmp["labels.nii.gz"],
        });
        var (share, soft) = ReferenceBoneCalled(r, tmp["labels.nii.gz"], seg);
        Assert.Equal(1.0, share, 6);
        Assert.Equal(0, soft);
        // What stays is outside every structure of the reference: a dense dot in the arm's fat (29 mm3) and two specks
        // beside T12's processes; under the 0.3 mL bar of the anatomy issue.
        Assert.True(r.Summary.SoftTissueVolumeMm3 <= 300, $"{r.Summary.SoftTissueVolumeMm3:0} mm3 of soft-tissue calcification");
        Assert.StartsWith("totalsegmentator:", r.Detection.AnatomySource);
    }

    [Fact]
    public void Analyze_UpperAbdomenBuiltIn_NoReferenceBoneIsSoftTissue()
    {
        using var tmp = new TempDir();
        var seg = Path.Combine(Repo.SharedData, "ct", "upper_abdomen_j2k_totalsegmentator.nii.gz");
        var r = AnalysisPipeline.Run(RealCt.Input("upper_abdomen_j2k"), new AnalysisOptions { LabelMapPath = tmp["labels.nii.gz"] });
        var (share, soft) = ReferenceBoneCalled(r, tmp["labels.nii.gz"], seg);
        // None: four specks of T11-T12's processes (9-17 mm3 each, mean 251-285 HU) stood apart as lesions (10 voxels)
        // until the skeleton was completed before the candidates were judged and such specks beside it taken as bone.
        Assert.Equal(0, soft);
        // Target 97 %: 73 % before the skeleton was completed into the marrow and edges that the enhanced study's raised
        // threshold had left out (SkeletonCompletion), 98.3 % since; what is left is uncalcified costal cartilage
        // at 130-160 HU in islands apart from the ribs.
        Assert.True(share >= 0.98, $"{share:P1} of the reference's bone >= 130 HU called skeleton");
    }

    /// <summary>
    /// All the real body CTs of ../shared/data hold contrast. An unenhanced copy of the upper abdomen, emulated with its
    /// TotalSegmentator reference (<see cref="UnenhancedEmulation"/>), must read as an unenhanced abdomen: no pelvis (its
    /// humerus, in an arm pressed against the trunk, had made its lowest slices pelvis, and the aortic plaque there 'hip'),
    /// and the aortic plaque's pieces vascular, not muscle (0.24 mL of it were, before pieces lying on the wall of the
    /// vessel found beside them were taken as that wall).
    /// </summary>
    [Fact]
    public void Analyze_UpperAbdomenEmulatedUnenhanced_AbdomenWithItsAorticPlaqueVascular()
    {
        var seg = Path.Combine(Repo.SharedData, "ct", "upper_abdomen_j2k_totalsegmentator.nii.gz");
        var study = StudyReader.Load(RealCt.Input("upper_abdomen_j2k"));
        var reference = new TotalSegmentatorAnatomySource(seg).Load(study.Hu.Geometry);
        var r = AnalysisPipeline.Analyse(study with { Hu = UnenhancedEmulation.Make(study.Hu, reference) }, new AnalysisOptions());
        Assert.False(r.Detection.Contrast.Enhanced);
        Assert.Equal(["abdomen"], r.Detection.BodyParts.Select(b => b.Name));
        Assert.DoesNotContain(r.Lesions, l => l.Region is "gluteal" or "hip" or "inguinal");
        Assert.True(r.Summary.SoftTissueVolumeMm3 <= 300, $"{r.Summary.SoftTissueVolumeMm3:0} mm3 of soft-tissue calcification");
        // The aorta's plaque, 1.2 mL read above the enhanced lumen's raised threshold, is more at the plain 130 HU.
        Assert.True(r.Summary.VascularVolumeMm3 >= 2000, $"{r.Summary.VascularVolumeMm3:0} mm3 of vascular calcification");
    }

    /// <summary>
    /// The upper-abdomen CT with its gas filled in (every voxel under -300 HU with body on both sides along the row and
    /// the column set to 40 HU): no lungs, no pelvis and now no air, but its ribs and viscera still make it a trunk,
    /// never a limb scanned alone (its bone's centre lies 0.17 of its radius from the middle, as a limb's does).
    /// </summary>
    [Fact]
    public void Analyze_UpperAbdomenWithoutGas_IsStillAbdomen()
    {
        var study = StudyReader.Load(RealCt.Input("upper_abdomen_j2k"));
        var hu = study.Hu;
        var g = hu.Geometry;
        var data = (short[])hu.Data.Clone();
        int nx = g.SizeX, ny = g.SizeY, filled = 0;
        const short AirHu = -300, SoftHu = 40;
        for (int z = 0; z < g.SizeZ; z++)
        {
            int o = z * nx * ny;
            var rowLo = new int[ny]; var rowHi = new int[ny]; var colLo = new int[nx]; var colHi = new int[nx];
            Array.Fill(rowLo, nx); Array.Fill(rowHi, -1); Array.Fill(colLo, ny); Array.Fill(colHi, -1);
            for (int y = 0; y < ny; y++)
                for (int x = 0; x < nx; x++)
                    if (hu.Data[o + y * nx + x] > AirHu)
                    {
                        rowLo[y] = Math.Min(rowLo[y], x); rowHi[y] = Math.Max(rowHi[y], x);
                        colLo[x] = Math.Min(colLo[x], y); colHi[x] = Math.Max(colHi[x], y);
                    }
            for (int y = 0; y < ny; y++)
                for (int x = 0; x < nx; x++)
                    if (hu.Data[o + y * nx + x] <= AirHu && x > rowLo[y] && x < rowHi[y] && y > colLo[x] && y < colHi[x])
                    {
                        data[o + y * nx + x] = SoftHu;
                        filled++;
                    }
        }
        Assert.True(filled > 1000, $"{filled} voxels of gas filled");
        var vol = new CalciScope.Imaging.Volume<short>(g);
        data.CopyTo(vol.Data, 0);
        var r = AnalysisPipeline.Analyse(study with { Hu = vol }, new AnalysisOptions());
        Assert.Equal(["abdomen"], r.Detection.BodyParts.Select(b => b.Name));
    }

    /// <summary>
    /// LIDC-IDRI 0001 with each pair of its 2.5 mm slices averaged, as a 5 mm reconstruction of the same scan shows it
    /// (bench/thick_slice_stress.md): the subclavian vein of the injected side, parted from the blood pool by the thick
    /// slice, holds swirls of undiluted contrast just over the lumen's calcium threshold. It was 1.04 mL of 'periarticular'
    /// calcification before the vessel cut from the pool was told apart; it must stay under the 0.3 mL bar.
    /// </summary>
    [Fact]
    public void Analyze_Lidc0001AtFiveMillimetres_VesselCutFromThePoolIsNoCalcium()
    {
        var study = StudyReader.Load(RealCt.Input("lidc_0001_chest_upper_abdomen_iv_contrast.nii.gz"));
        var g = study.Hu.Geometry;
        Assert.InRange(g.Spacing.Z, 2.4, 2.6);
        int len = g.SizeX * g.SizeY, nz = g.SizeZ / 2;
        var thick = new CalciScope.Imaging.Volume<short>(g with
        {
            SizeZ = nz, Spacing = new CalciScope.Imaging.Vec3(g.Spacing.X, g.Spacing.Y, 2 * g.Spacing.Z),
            Origin = g.Origin + g.AxisK * (g.Spacing.Z / 2),
        });
        var src = study.Hu.Data;
        for (int k = 0; k < nz; k++)
            for (int i = 0; i < len; i++)
                thick.Data[k * len + i] = (short)Math.Round((src[2 * k * len + i] + src[(2 * k + 1) * len + i]) / 2.0, MidpointRounding.AwayFromZero);
        var r = AnalysisPipeline.Analyse(study with { Hu = thick }, new AnalysisOptions());
        Assert.True(r.Detection.Contrast.Enhanced);
        Assert.True(r.Summary.SoftTissueVolumeMm3 <= 300, $"{r.Summary.SoftTissueVolumeMm3:0} mm3 of soft-tissue calcification at 5 mm");
    }

    /// <summary>Share of the TotalSegmentator reference's bone and cartilage voxels >= 130 HU labelled skeleton or cartilage, and how many are labelled soft tissue.</summary>
    private static (double Share, int Soft) ReferenceBoneCalled(AnalysisResult r, string labelsPath, string segPath)
    {
        var labels = CalciScope.Nifti.NiftiReader.Read(labelsPath).Hu.Data;
        var reference = new TotalSegmentatorAnatomySource(segPath).Load(r.Study.Hu.Geometry);
        var hu = r.Study.Hu.Data;
        long bone = 0, called = 0; int soft = 0;
        for (int i = 0; i < hu.Length; i++)
        {
            if (hu[i] < CalcificationDetector.ThresholdHu || !AnatomyMasks.IsSkeletal(reference.At(i))) continue;
            bone++;
            if (labels[i] is CalcificationDetector.Skeleton or CalcificationDetector.CostalCartilage) called++;
            if (labels[i] is 1 or 2 or 3 or 4 or 7) soft++;
        }
        Assert.True(bone > 50_000, $"only {bone} reference bone voxels: wrong grid?");
        return ((double)called / bone, soft);
    }
}
