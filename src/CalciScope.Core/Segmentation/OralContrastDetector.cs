using CalciScope.Imaging;

namespace CalciScope.Segmentation;

/// <summary>
/// Positive oral contrast: dense content (barium or iodine, 200 HU and up on the tissue map's grid) filling the stomach
/// or bowel, told by what lies beside it: bowel gas (<see cref="BowelGas"/>). Enhancing vessels and organs do not touch
/// gas inside the abdomen. Content showing gas-fluid levels (<see cref="GasFluidLevel"/>) on most of its slices is oral
/// contrast at any density; without levels it must be as dense as barium or undiluted iodine, since enhancing organs
/// merged with it reach 340-460 HU. Diluted content (under <see cref="MinMeanHu"/>) may show its level through a layer of
/// less opacified fluid, as diluted contrast settles, where it is as even as a fluid; denser or mottled content must meet
/// the gas itself, since the bowel wall between a loop's gas and a bone under it reads as such a layer (the phantom
/// family's seeds 419 and 494: a sclerotic femoral head, 92 mL at 579 HU, and a bone of fatty marrow, 22 mL at 395 HU
/// spreading 130 HU, under a loop).
/// </summary>
public static class OralContrastDetector
{
    /// <summary>Positive oral contrast in the lumen measures 200-1000 HU and more; enhancing bowel wall is a thin layer under it.</summary>
    public const short MinHu = 200;
    /// <summary>A filled stomach or a run of bowel loops, all told; less is a dense pill, a swallowed coin or a fleck of old contrast.</summary>
    public const double MinVolumeMm3 = 20_000;
    /// <summary>
    /// Each loop counts towards <see cref="MinVolumeMm3"/> from this size: a few centimetres of a small-bowel loop's
    /// content (a lumen of 2-3 cm, half filled). Loops part from each other and from the bones by fat and muscle; taken
    /// one at a time against the whole study's bar, the phantom family's pelvic loops (12-17 mL each) were found only where
    /// they touched a bone and merged with it.
    /// </summary>
    public const double MinLoopMm3 = 2_000;
    /// <summary>
    /// Mean of the dense content. Enhancing organs, vessels and bone that touch bowel gas and merge at 200 HU average
    /// 340-460 HU on LIDC-IDRI 0001 (no oral contrast). Real positive oral contrast measures 200-1000 HU and more: under
    /// this mean it must show levels (<see cref="GasFluidLevel.Levelled"/>).
    /// </summary>
    public const short MinMeanHu = 500;
    /// <summary>Share of the dense content's cells lying against bowel gas (bubbles in the content, or its level).</summary>
    public const double MinGasContact = 0.01;

    /// <summary>
    /// The top of a fluid reads about as dense as the fluid (the family's loops: 1.01-1.08 times the content's mean, which
    /// the wall's partial volume lowers); the top of a bone is its cortex, well over its marrow (the family's femoral
    /// heads and iliac wings drawn under a loop's gas, seeds 31 and 50: 1.29-2.1 times). Levels denser than this ratio
    /// are a bone's face.
    /// </summary>
    public const double MaxLevelOverMeanHu = 1.2;

    /// <summary>
    /// Content whose level is seen only through a layer of fluid is as even as a settled fluid: LIDC-IDRI 0003's stomach
    /// of diluted contrast spreads 24 HU, the phantom family's contrast-filled loops 21-86 HU (the wall's partial volume),
    /// while a bone's cortex and marrow under a loop's wall spread 130-300 HU (the family's seeds 31, 50, 419 and 494).
    /// </summary>
    public const double MaxLayeredSdHu = 100;

    public sealed record Result(bool Present, double VolumeMm3, double MeanHu, byte[] Mask);

    /// <param name="lungLevel">Per slice of the tissue map's grid, from <see cref="LungLevels"/>: no content is looked for there.</param>
    /// <param name="bowelGas">Per cell of the grid, from <see cref="BowelGas.Find"/>.</param>
    /// <param name="marrow">Per cell of the grid: marrow set aside by the blood-pool detector; dense content never runs through it.</param>
    public static Result Detect(TissueMap tissue, bool[] lungLevel, bool[] bowelGas, bool[] marrow)
    {
        var hu = tissue.Coarse;
        var g = hu.Geometry;
        int nx = g.SizeX, ny = g.SizeY, nz = g.SizeZ, len = nx * ny;
        var codes = tissue.Codes;
        double cell = g.VoxelVolumeMm3;
        // One cell-sized scratch serves the dense labelling, then becomes the mask returned: on a 1024x1024x1000 study at
        // 0.7 mm it is 260 MB.
        var scratch = new byte[codes.Length];

        // Dense content inside the cavity, off the blood pool.
        var denseAllowed = scratch;
        for (int i = 0; i < codes.Length; i++)
        {
            byte c = codes[i], k = TissueClass.Of(c);
            denseAllowed[i] = (k is TissueClass.InnerFat or TissueClass.InnerSoft) && (c & TissueClass.Lumen) == 0 && !marrow[i] && !lungLevel[i / len] ? (byte)1 : (byte)0;
        }
        var dense = RunLabeler.Label(hu, MinHu, denseAllowed);
        int n = dense.ComponentCount + 1;
        var count = new long[n]; var contact = new long[n]; var sum = new double[n]; var sum2 = new double[n];
        var z0 = new int[n]; var z1 = new int[n];
        Array.Fill(z0, int.MaxValue);
        var data = hu.Data;
        for (int r = 0; r < dense.Count; r++)
        {
            int c = dense.Component[r], z = dense.Z[r], y = dense.Y[r];
            z0[c] = Math.Min(z0[c], z); z1[c] = Math.Max(z1[c], z);
            for (int x = dense.X0[r]; x <= dense.X1[r]; x++)
            {
                int i = z * len + y * nx + x;
                count[c]++;
                sum[c] += data[i];
                sum2[c] += (double)data[i] * data[i];
                if (x > 0 && bowelGas[i - 1] || x < nx - 1 && bowelGas[i + 1] || y > 0 && bowelGas[i - nx] || y < ny - 1 && bowelGas[i + nx]
                    || z > 0 && bowelGas[i - len] || z < nz - 1 && bowelGas[i + len])
                    contact[c]++;
            }
        }
        // Levels right under the gas, and levels seen through a layer of less opacified fluid (diluted contrast only).
        var (near, through) = GasFluidLevel.NearAndThrough(hu, dense, bowelGas, GasFluidLevel.MaxSupernatantMm, BloodPoolDetector.RingCortexHu);
        var (levelRows, levelHu) = (near.Rows, near.MeanHu);
        var (layeredRows, layeredHu) = (through.Rows, through.MeanHu);
        var oral = new bool[n];
        double volume = 0, huSum = 0; long cells = 0;
        for (int c = 1; c < n; c++)
        {
            double mean = sum[c] / count[c], sd = Math.Sqrt(Math.Max(0, sum2[c] / count[c] - mean * mean));
            if (DebugTrace.Enabled && count[c] * cell >= MinLoopMm3)
                Console.Error.WriteLine($"dense content {count[c] * cell:0} mm3 mean {mean:0} HU sd {sd:0} gas contact {(double)contact[c] / count[c]:0.000} level rows {levelRows[c]} ({layeredRows[c]} through fluid) over {z1[c] - z0[c] + 1} slices at {levelHu[c]:0} HU ({layeredHu[c]:0})");
            if (count[c] * cell < MinLoopMm3) continue;
            bool denseBesideGas = contact[c] >= MinGasContact * count[c] && mean >= MinMeanHu;
            bool levelled = GasFluidLevel.Levelled(levelRows[c], z1[c] - z0[c] + 1) && levelHu[c] <= MaxLevelOverMeanHu * mean
                || mean < MinMeanHu && sd <= MaxLayeredSdHu && GasFluidLevel.Levelled(layeredRows[c], z1[c] - z0[c] + 1) && layeredHu[c] <= MaxLevelOverMeanHu * mean;
            if (!denseBesideGas && !levelled) continue;
            oral[c] = true;
            volume += count[c] * cell; huSum += sum[c]; cells += count[c];
        }
        var mask = scratch;
        Array.Clear(mask);
        if (volume < MinVolumeMm3) return new Result(false, 0, 0, mask);
        for (int r = 0; r < dense.Count; r++)
            if (oral[dense.Component[r]]) mask.AsSpan(dense.Z[r] * len + dense.Y[r] * nx + dense.X0[r], dense.X1[r] - dense.X0[r] + 1).Fill(1);
        return new Result(true, volume, cells > 0 ? huSum / cells : 0, mask);
    }

    /// <summary>Per slice of the tissue map's grid: at the lungs' level (enclosed air a large share of the body).</summary>
    public static bool[] LungLevels(TissueMap tissue)
    {
        var levels = new bool[tissue.Coarse.SizeZ];
        for (int z = 0; z < levels.Length; z++) levels[z] = tissue.Slices[Math.Min(z * tissue.FactorZ, tissue.Slices.Length - 1)].AtLungLevel;
        return levels;
    }
}
