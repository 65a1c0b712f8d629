using CalciScope.Imaging;

namespace CalciScope.Segmentation;

/// <summary>
/// Positive oral contrast: dense content (barium or iodine, 200 HU and up on the tissue map's grid) filling the stomach
/// or bowel, told by what lies beside it: bowel gas. Enhancing vessels and organs do not touch gas inside the abdomen;
/// pulmonary vessels touch the lungs' air, so gas that fills a slice like the lungs do, or is lung-sized, does not count.
/// </summary>
public static class OralContrastDetector
{
    /// <summary>Positive oral contrast in the lumen measures 200-1000 HU and more; enhancing bowel wall is a thin layer under it.</summary>
    public const short MinHu = 200;
    /// <summary>A filled stomach or a run of bowel loops; less is a dense pill, a swallowed coin or a fleck of old contrast.</summary>
    public const double MinVolumeMm3 = 20_000;
    /// <summary>
    /// Mean of the dense content. Enhancing organs, vessels and bone that touch bowel gas and merge at 200 HU average
    /// 340-460 HU on LIDC-IDRI 0001 (no oral contrast); the contrast-filled stomach of LIDC-IDRI 0003 averages 776 HU.
    /// </summary>
    public const short MinMeanHu = 500;
    /// <summary>Gas pockets of bowel and stomach; a lung (or a cut lung base) holds far more.</summary>
    public const double MaxGasMm3 = 500_000;
    /// <summary>Share of the dense content's cells lying against bowel gas (a gas-fluid level or bubbles in the content).</summary>
    public const double MinGasContact = 0.01;

    public sealed record Result(bool Present, double VolumeMm3, double MeanHu, byte[] Mask);

    /// <param name="lungLevel">Per slice of the tissue map's grid, from <see cref="LungLevels"/>.</param>
    /// <param name="marrow">Per cell of the grid: marrow set aside by the blood-pool detector; dense content never runs through it.</param>
    public static Result Detect(TissueMap tissue, bool[] lungLevel, bool[] marrow)
    {
        var hu = tissue.Coarse;
        var g = hu.Geometry;
        int nx = g.SizeX, ny = g.SizeY, nz = g.SizeZ, len = nx * ny;
        var codes = tissue.Codes;
        double cell = g.VoxelVolumeMm3;

        // Gas pockets: enclosed air, away from the lung levels, not lung-sized. One cell-sized scratch serves the gas
        // labelling, then the dense labelling, then becomes the mask returned: on a 1024x1024x1000 study at 0.7 mm
        // each such array is 260 MB.
        var scratch = new byte[codes.Length];
        var gasAllowed = scratch;
        for (int i = 0; i < codes.Length; i++)
            gasAllowed[i] = (codes[i] & TissueClass.Air) != 0 && !lungLevel[i / len] ? (byte)1 : (byte)0;
        // Air is what lies at or under the body's threshold: the row mask takes it, every HU passes the labeller's own test.
        var huData = hu.Data;
        var gasRuns = RunLabeler.Label(hu, short.MinValue, (z, y, mask) =>
        {
            int off = z * len + y * nx;
            for (int x = 0; x < nx; x++) mask[x] = gasAllowed[off + x] != 0 && huData[off + x] <= TissueMapper.BodyHu ? (byte)1 : (byte)0;
        });
        var gasSize = new long[gasRuns.ComponentCount + 1];
        for (int r = 0; r < gasRuns.Count; r++) gasSize[gasRuns.Component[r]] += gasRuns.X1[r] - gasRuns.X0[r] + 1;
        var bowelGas = new bool[codes.Length];
        for (int r = 0; r < gasRuns.Count; r++)
        {
            if (gasSize[gasRuns.Component[r]] * cell > MaxGasMm3) continue;
            bowelGas.AsSpan(gasRuns.Z[r] * len + gasRuns.Y[r] * nx + gasRuns.X0[r], gasRuns.X1[r] - gasRuns.X0[r] + 1).Fill(true);
        }

        // Dense content inside the cavity, off the blood pool.
        var denseAllowed = scratch;
        for (int i = 0; i < codes.Length; i++)
        {
            byte c = codes[i], k = TissueClass.Of(c);
            denseAllowed[i] = (k is TissueClass.InnerFat or TissueClass.InnerSoft) && (c & TissueClass.Lumen) == 0 && !marrow[i] && !lungLevel[i / len] ? (byte)1 : (byte)0;
        }
        var dense = RunLabeler.Label(hu, MinHu, denseAllowed);
        int n = dense.ComponentCount + 1;
        var count = new long[n]; var contact = new long[n]; var sum = new double[n];
        var data = hu.Data;
        for (int r = 0; r < dense.Count; r++)
        {
            int c = dense.Component[r], z = dense.Z[r], y = dense.Y[r];
            for (int x = dense.X0[r]; x <= dense.X1[r]; x++)
            {
                int i = z * len + y * nx + x;
                count[c]++;
                sum[c] += data[i];
                if (x > 0 && bowelGas[i - 1] || x < nx - 1 && bowelGas[i + 1] || y > 0 && bowelGas[i - nx] || y < ny - 1 && bowelGas[i + nx]
                    || z > 0 && bowelGas[i - len] || z < nz - 1 && bowelGas[i + len])
                    contact[c]++;
            }
        }
        var oral = new bool[n];
        double volume = 0, huSum = 0; long cells = 0;
        for (int c = 1; c < n; c++)
        {
            if (count[c] * cell < MinVolumeMm3 || contact[c] < MinGasContact * count[c] || sum[c] / count[c] < MinMeanHu) continue;
            oral[c] = true;
            volume += count[c] * cell; huSum += sum[c]; cells += count[c];
        }
        var mask = scratch;
        Array.Clear(mask);
        for (int r = 0; r < dense.Count; r++)
            if (oral[dense.Component[r]]) mask.AsSpan(dense.Z[r] * len + dense.Y[r] * nx + dense.X0[r], dense.X1[r] - dense.X0[r] + 1).Fill(1);
        return new Result(volume > 0, volume, cells > 0 ? huSum / cells : 0, mask);
    }

    /// <summary>Per slice of the tissue map's grid: at the lungs' level (enclosed air a large share of the body).</summary>
    public static bool[] LungLevels(TissueMap tissue)
    {
        var levels = new bool[tissue.Coarse.SizeZ];
        for (int z = 0; z < levels.Length; z++) levels[z] = tissue.Slices[Math.Min(z * tissue.FactorZ, tissue.Slices.Length - 1)].AtLungLevel;
        return levels;
    }
}
