using CalciScope.Imaging;
using CalciScope.Segmentation;

namespace CalciScope.Tests.Segmentation;

/// <summary>
/// Bowel gas is enclosed air in pockets smaller than a lung, the lungs labelled whole through every slice: a lung's apex,
/// above the slices where the lungs fill the chest, stays lung. Synthetic trunk: two lungs (ellipsoids of air tapering to
/// their apices) and a stomach's gas bubble below them.
/// </summary>
public class BowelGasTests
{
    private const int N = 200, Slices = 60;
    private const double Mm = 1.5, SliceMm = 2.5;

    [Fact]
    public void Find_LungsWithTheirApices_AreNotBowelGas_TheStomachsBubbleIs()
    {
        var v = new Volume<short>(VolumeGeometry.Axial(N, N, Slices, Mm, Mm, SliceMm));
        bool InLung(double x, double y, double z, double cx) =>
            (x - cx) * (x - cx) / (50.0 * 50) + y * y / (65.0 * 65) + (z - 95) * (z - 95) / (60.0 * 60) <= 1;
        bool InBubble(double x, double y, double z) => (x - 40) * (x - 40) + (y + 45) * (y + 45) + (z - 15) * (z - 15) <= 15 * 15;
        for (int k = 0; k < Slices; k++)
            for (int j = 0; j < N; j++)
                for (int i = 0; i < N; i++)
                {
                    double x = (i - N / 2) * Mm, y = (j - N / 2) * Mm, z = k * SliceMm;
                    bool trunk = x * x / (135.0 * 135) + y * y / (100.0 * 100) <= 1;
                    short h = !trunk ? (short)-1000 : InLung(x, y, z, -60) || InLung(x, y, z, 60) ? (short)-850 : InBubble(x, y, z) ? (short)-1000 : (short)40;
                    v.Data[(k * N + j) * N + i] = h;
                }
        var tissue = TissueMapper.Map(v);
        var levels = OralContrastDetector.LungLevels(tissue);
        Assert.Contains(true, levels);
        Assert.Contains(false, levels.Skip(Slices / 2));   // the apices rise above the lung levels: the case this guards

        var gas = BowelGas.Find(tissue);
        var c = tissue.Coarse.Geometry;
        int lungCells = 0, lungAsGas = 0, bubbleCells = 0, bubbleAsGas = 0;
        for (int k = 0; k < c.SizeZ; k++)
            for (int j = 0; j < c.SizeY; j++)
                for (int i = 0; i < c.SizeX; i++)
                {
                    var p = c.ToPatient(i, j, k);
                    var o = c.ToPatient(c.SizeX / 2, c.SizeY / 2, 0);
                    double x = p.X - o.X, y = p.Y - o.Y, z = p.Z - o.Z;
                    int cell = (k * c.SizeY + j) * c.SizeX + i;
                    if (InLung(x, y, z, -60) || InLung(x, y, z, 60)) { lungCells++; if (gas[cell]) lungAsGas++; }
                    else if (InBubble(x, y, z)) { bubbleCells++; if (gas[cell]) bubbleAsGas++; }
                }
        Assert.True(lungCells > 0 && bubbleCells > 0);
        Assert.Equal(0, lungAsGas);
        Assert.True(bubbleAsGas >= 0.5 * bubbleCells, $"{bubbleAsGas} of {bubbleCells} cells of the stomach's bubble were bowel gas");
    }
}
