using CalciScope.Imaging;

namespace CalciScope.Segmentation;

/// <summary>
/// Positive oral contrast: dense content (barium or iodine, 200 HU and up on the tissue map's grid) filling the stomach
/// or bowel, told by what lies beside it: bowel gas. Enhancing vessels and organs do not touch gas inside the abdomen;
/// pulmonary vessels touch the lungs' air, so gas that fills a slice like the lungs do, or is lung-sized, does not count.
/// Content showing gas-fluid levels on most of its slices is oral contrast at any density; without levels it must be as
/// dense as barium or undiluted iodine, since enhancing organs merged with it reach 340-460 HU.
/// </summary>
public static class OralContrastDetector
{
    /// <summary>Positive oral contrast in the lumen measures 200-1000 HU and more; enhancing bowel wall is a thin layer under it.</summary>
    public const short MinHu = 200;
    /// <summary>A filled stomach or a run of bowel loops; less is a dense pill, a swallowed coin or a fleck of old contrast.</summary>
    public const double MinVolumeMm3 = 20_000;
    /// <summary>
    /// Mean of the dense content. Enhancing organs, vessels and bone that touch bowel gas and merge at 200 HU average
    /// 340-460 HU on LIDC-IDRI 0001 (no oral contrast). On LIDC-IDRI 0003 the 776 HU content that meets this is not its
    /// stomach but the injected arm's veins at the root of the neck (undiluted contrast, 213 mL over its top 31 slices)
    /// against the lung apex, whose air above the lung levels passes for bowel gas: the study is called oral rightly,
    /// for the wrong structure. Its stomach (391 HU with the organs merged, one level row) is not seen (bench/thick_slice_stress.md).
    /// </summary>
    public const short MinMeanHu = 500;
    /// <summary>Gas pockets of bowel and stomach; a lung (or a cut lung base) holds far more.</summary>
    public const double MaxGasMm3 = 500_000;
    /// <summary>Share of the dense content's cells lying against bowel gas (a gas-fluid level or bubbles in the content).</summary>
    public const double MinGasContact = 0.01;

    /// <summary>
    /// A gas-fluid level: dense content whose upper face (anterior, the patient supine) is a flat row of cells under bowel
    /// gas. Fluid finds its level whatever its density, where the curved face of an enhancing organ or bone touching gas
    /// is flat only at its apex: a row this long on one slice is a level (the phantom family's contrast-filled loops of
    /// 23 mm lumen show levels of about 20 mm).
    /// </summary>
    public const double MinLevelMm = 10;
    /// <summary>
    /// Content of any density from <see cref="MinHu"/> is oral contrast when levels show on this share of the slices it
    /// spans, and on at least <see cref="MinLevelRows"/> rows: the phantom family's loops show one or more a slice (0.7-2.8),
    /// the one enhancing organ touching bowel gas on the real scans (LIDC-IDRI 0001, 132 mL at 427 HU) 5 rows over 45
    /// slices (0.11). Real positive oral contrast measures 200-1000 HU and more, under the 500 HU mean that content without
    /// a level must reach.
    /// </summary>
    public const double MinLevelShare = 0.5;
    public const int MinLevelRows = 3;
    /// <summary>
    /// The top of a fluid reads about as dense as the fluid (the family's loops: 1.01-1.08 times the content's mean, which
    /// the wall's partial volume lowers); the top of a bone is its cortex, well over its marrow (the family's femoral
    /// heads and iliac wings drawn under a loop's gas, seeds 31 and 50: 1.29-2.1 times). Levels denser than this ratio
    /// are a bone's face.
    /// </summary>
    public const double MaxLevelOverMeanHu = 1.2;

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
                if (x > 0 && bowelGas[i - 1] || x < nx - 1 && bowelGas[i + 1] || y > 0 && bowelGas[i - nx] || y < ny - 1 && bowelGas[i + nx]
                    || z > 0 && bowelGas[i - len] || z < nz - 1 && bowelGas[i + len])
                    contact[c]++;
            }
        }
        var (levelRows, levelHu) = LevelRows(hu.Geometry, data, dense, bowelGas, n);
        var oral = new bool[n];
        double volume = 0, huSum = 0; long cells = 0;
        for (int c = 1; c < n; c++)
        {
            if (DebugTrace.Enabled && count[c] * cell >= MinVolumeMm3)
                Console.Error.WriteLine($"dense content {count[c] * cell:0} mm3 mean {sum[c] / count[c]:0} HU gas contact {(double)contact[c] / count[c]:0.000} level rows {levelRows[c]} over {z1[c] - z0[c] + 1} slices at {levelHu[c]:0} HU");
            if (count[c] * cell < MinVolumeMm3) continue;
            bool denseBesideGas = contact[c] >= MinGasContact * count[c] && sum[c] / count[c] >= MinMeanHu;
            bool levelled = levelRows[c] >= Math.Max(MinLevelRows, MinLevelShare * (z1[c] - z0[c] + 1))
                && levelHu[c] <= MaxLevelOverMeanHu * sum[c] / count[c];
            if (!denseBesideGas && !levelled) continue;
            oral[c] = true;
            volume += count[c] * cell; huSum += sum[c]; cells += count[c];
        }
        var mask = scratch;
        Array.Clear(mask);
        for (int r = 0; r < dense.Count; r++)
            if (oral[dense.Component[r]]) mask.AsSpan(dense.Z[r] * len + dense.Y[r] * nx + dense.X0[r], dense.X1[r] - dense.X0[r] + 1).Fill(1);
        return new Result(volume > 0, volume, cells > 0 ? huSum / cells : 0, mask);
    }

    /// <summary>
    /// Per dense component, the rows (of one slice) holding a gas-fluid level of at least <see cref="MinLevelMm"/>: a run
    /// of the component's cells, side by side along the row, each with bowel gas in front of it (within two cells, as
    /// the interface's partial volume leaves one cell neither gas nor dense); and the mean HU of those cells. Gravity is
    /// along the patient's front-back axis; where the grid's row order does not follow it (a coronal or sagittal
    /// acquisition) no level is looked for.
    /// </summary>
    private static (int[] Rows, double[] MeanHu) LevelRows(VolumeGeometry g, short[] data, RunSet dense, bool[] bowelGas, int n)
    {
        var rows = new int[n];
        var huSum = new double[n]; var cells = new long[n];
        var mean = new double[n];
        int up = FrontRowStep(g);
        if (up == 0) return (rows, mean);
        int nx = g.SizeX, ny = g.SizeY, len = nx * ny;
        int minCells = (int)Math.Ceiling(MinLevelMm / g.Spacing.X);
        for (int r = 0; r < dense.Count; r++)
        {
            int y = dense.Y[r], z = dense.Z[r], run = 0, c = dense.Component[r];
            int y1 = y + up, y2 = y + 2 * up;
            if (y1 < 0 || y1 >= ny) continue;
            double runHu = 0;
            for (int x = dense.X0[r]; x <= dense.X1[r]; x++)
            {
                int i = z * len + y * nx + x;
                bool under = bowelGas[z * len + y1 * nx + x] || y2 >= 0 && y2 < ny && bowelGas[z * len + y2 * nx + x];
                if (under) { run++; runHu += data[i]; }
                if (under && x < dense.X1[r]) continue;
                if (run >= minCells) { rows[c]++; huSum[c] += runHu; cells[c] += run; }
                run = 0; runHu = 0;
            }
        }
        for (int c = 1; c < n; c++) mean[c] = cells[c] > 0 ? huSum[c] / cells[c] : 0;
        return (rows, mean);
    }

    /// <summary>The grid's row order (its j axis) lies within about 25 degrees (cosine 0.9) of the front-back axis for a level to be looked for.</summary>
    public const double LevelAxisMinCosine = 0.9;

    /// <summary>
    /// The step in rows towards the patient's front, where gas rises with the patient supine: towards -Y in patient
    /// space (DICOM LPS), so to lower rows where the rows run backwards. 0 where the rows do not run along the
    /// front-back axis (a coronal or sagittal acquisition), and no level is looked for.
    /// </summary>
    public static int FrontRowStep(VolumeGeometry g) =>
        Math.Abs(g.AxisJ.Y) < LevelAxisMinCosine ? 0 : g.AxisJ.Y > 0 ? -1 : 1;

    /// <summary>Per slice of the tissue map's grid: at the lungs' level (enclosed air a large share of the body).</summary>
    public static bool[] LungLevels(TissueMap tissue)
    {
        var levels = new bool[tissue.Coarse.SizeZ];
        for (int z = 0; z < levels.Length; z++) levels[z] = tissue.Slices[Math.Min(z * tissue.FactorZ, tissue.Slices.Length - 1)].AtLungLevel;
        return levels;
    }
}
