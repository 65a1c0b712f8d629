using CalciScope.Calcification;
using CalciScope.Imaging;
using CalciScope.Phantoms.Family;
using CalciScope.Pipeline;

namespace CalciScope.Tests.Detection;

/// <summary>
/// The scanned range cuts bones: on the phantom family's seed 482 (a pelvis at 2 mm) the last slice holds a vertebral
/// arch split from its body at the threshold, which was 214 mm3 of 'muscle' calcification; a deep piece seen on an end
/// slice only, beside the skeleton, is skeleton now. A calcified nodule on the same end slice far from any bone is still
/// a lesion (at 500 HU: from 600 HU a sliver that thin on an end slice of the abdomen is a grazed rib, which this pelvis's
/// top slice, read as abdomen, would take it for).
/// </summary>
public class EndSliceBoneTests
{
    private static AnalysisResult Analyse(Volume<short> v, FamilyStudy study) =>
        AnalysisPipeline.Analyse(new LoadedStudy(v, study.Info, []), new AnalysisOptions());

    private static bool OnSlice(Lesion l, VolumeGeometry g, int k) =>
        Math.Abs(l.CentroidMm[2] - g.ToPatient(0, 0, k).Z) < g.Spacing.Z / 2;

    [Fact]
    public void VertebralArchOnTheLastSlice_IsNoLesion()
    {
        var study = FamilyGenerator.Generate(FamilyCase.Draw(482));
        var r = Analyse(study.Hu, study);
        var g = study.Hu.Geometry;
        Assert.DoesNotContain(r.Lesions, l => OnSlice(l, g, g.SizeZ - 1));
    }

    [Fact]
    public void NoduleOnTheLastSliceFarFromBone_IsFound()
    {
        var study = FamilyGenerator.Generate(FamilyCase.Draw(482));
        var vol = study.Hu;
        var g = vol.Geometry;
        int nx = g.SizeX, ny = g.SizeY, k = g.SizeZ - 1, len = nx * ny;
        const double radiusMm = 4, clearMm = 25;
        int r = (int)Math.Ceiling(radiusMm / g.Spacing.X), clear = (int)Math.Ceiling(clearMm / g.Spacing.X);
        // A place on the last slice with soft tissue all round and nothing dense within the clearance, on that slice and
        // the slices under it.
        int depth = (int)Math.Ceiling(clearMm / g.Spacing.Z), cx = -1, cy = -1;
        for (int y = clear; y < ny - clear && cx < 0; y += 3)
            for (int x = clear; x < nx - clear && cx < 0; x += 3)
            {
                bool ok = true;
                for (int kk = Math.Max(0, k - depth); kk <= k && ok; kk++)
                    for (int dy = -clear; dy <= clear && ok; dy++)
                        for (int dx = -clear; dx <= clear && ok; dx++)
                        {
                            short h = vol.Data[kk * len + (y + dy) * nx + x + dx];
                            ok = h < 130 && (kk < k || Math.Abs(dx) > r + 1 || Math.Abs(dy) > r + 1 || h is >= -60 and < 130);
                        }
                if (ok) (cx, cy) = (x, y);
            }
        Assert.True(cx >= 0, "no clear soft tissue on the last slice");
        var data = (short[])vol.Data.Clone();
        for (int dy = -r; dy <= r; dy++)
            for (int dx = -r; dx <= r; dx++)
                if (dx * dx + dy * dy <= r * r) data[k * len + (cy + dy) * nx + cx + dx] = 500;
        var result = Analyse(new Volume<short>(g, data), study);
        var c = g.ToPatient(cx, cy, k);
        Assert.True(result.Lesions.Any(l => Math.Abs(l.CentroidMm[0] - c.X) < 2 * radiusMm && Math.Abs(l.CentroidMm[1] - c.Y) < 2 * radiusMm && OnSlice(l, g, k)), $"not found at ({cx},{cy},{k}); notes: {string.Join(" | ", result.Detection.Notes)}");
    }
}
