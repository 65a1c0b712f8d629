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
        // The crop holds no skin or subcutaneous fat: nothing may be put there.
        Assert.DoesNotContain(r.Lesions, l => l.Compartment is "skin" or "subcutaneous" or "fascial");
        // No labelled calcium voxel may sit in the enhanced lumen below the raised threshold.
        var labels = CalciScope.Nifti.NiftiReader.Read(tmp["labels.nii.gz"]).Hu.Data;
        var hu = r.Study.Hu.Data;
        long leaks = 0;
        for (int i = 0; i < hu.Length; i++)
            if (labels[i] is > 0 and < 9 && hu[i] < contrast.ThresholdHu && hu[i] >= 150 && hu[i] <= 450 && labels[i] == 5) leaks++;
        Assert.Equal(0, leaks);
        // What is left outside the skeleton is small beside it (costal cartilage pieces near the crop).
        Assert.True(r.Summary.SoftTissueVolumeMm3 < 0.002 * r.Summary.BoneVolumeMm3,
            $"{r.Summary.SoftTissueVolumeMm3} mm3 outside a {r.Summary.BoneVolumeMm3} mm3 skeleton");
        Assert.Contains(r.Detection.Notes, n => n.Contains("contrast-enhanced"));
    }
}
