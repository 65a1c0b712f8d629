using CalciScope.Imaging;

namespace CalciScope.Segmentation;

/// <summary>
/// Gas-fluid levels: content whose upper face (anterior with the patient supine, posterior prone) is a flat row of cells
/// under bowel gas. 'In front' below means above, towards the gas, as it is for the usual supine patient.
/// Fluid finds its level whatever its density; the curved face of an enhancing organ or bone touching gas is flat only
/// at its apex. Contrast settles under a layer of less opacified fluid, so the dense content may meet the gas through
/// such a layer (<see cref="MaxSupernatantMm"/>).
/// </summary>
public static class GasFluidLevel
{
    /// <summary>
    /// A row this long on one slice is a level: the phantom family's contrast-filled loops of 23 mm lumen show levels of
    /// about 20 mm.
    /// </summary>
    public const double MinLevelMm = 10;
    /// <summary>
    /// Fluid between the dense content and the gas: unopacified water is 0 HU, mucus and food more. Fat (-150 to -50 HU)
    /// is a wall's outside, not a lumen's supernatant. The cell against the gas is the interface's partial volume and may
    /// read lower.
    /// </summary>
    public const short SupernatantMinHu = -20;
    /// <summary>
    /// The thickest such layer looked through. LIDC-IDRI 0003's stomach (positive oral contrast at 260 HU, IV contrast
    /// too) grades from its gas cap through 90-150 HU to 200 HU over about 8 mm.
    /// </summary>
    public const double MaxSupernatantMm = 10;
    /// <summary>
    /// Content of any density is bowel content (<see cref="OralContrastDetector"/>; a blood-pool core so levelled is no
    /// blood) when levels show on this share of the slices it spans, and on at least <see cref="MinLevelRows"/> rows: the
    /// phantom family's loops show one or more a slice (0.7-2.8), an enhancing organ of LIDC-IDRI 0001 (132 mL at 427 HU)
    /// 5 rows over 45 slices (0.11) when its lung bases were taken for bowel gas, LIDC-IDRI 0003's stomach of diluted
    /// contrast (260 HU) 43 rows over 23 slices.
    /// </summary>
    public const double MinLevelShare = 0.5;
    public const int MinLevelRows = 3;
    /// <summary>Levels on enough of the slices a content spans (<see cref="MinLevelShare"/>, <see cref="MinLevelRows"/>).</summary>
    public static bool Levelled(int levelRows, int slices) => levelRows >= Math.Max(MinLevelRows, MinLevelShare * slices);

    /// <summary>Within this many cells of the gas a row is under it whatever lies between: the interface's partial volume.</summary>
    private const int PartialCells = 2;

    /// <summary>The grid's row order (its j axis) lies within about 25 degrees (cosine 0.9) of the vertical for a level to be looked for.</summary>
    public const double LevelAxisMinCosine = 0.9;

    /// <summary>
    /// The step in rows upwards, where gas rises over fluid: to the patient's front when supine (-Y in DICOM LPS, so to
    /// lower rows where the rows run backwards), to the back when prone (<see cref="VolumeGeometry.Posture"/>). 0 where the
    /// rows do not run along the vertical (a coronal or sagittal acquisition, a patient on the side), and no level is
    /// looked for.
    /// </summary>
    public static int UpRowStep(VolumeGeometry g) =>
        g.AxisJ.Dot(PatientPostures.Up(g.Posture)) is var cos && Math.Abs(cos) < LevelAxisMinCosine ? 0 : cos > 0 ? 1 : -1;

    /// <summary>The rows holding a level, and the mean HU of their cells, per component.</summary>
    public sealed record LevelRows(int[] Rows, double[] MeanHu);

    /// <summary>
    /// Per component of <paramref name="content"/>, the rows (of one slice) holding a level of at least
    /// <see cref="MinLevelMm"/>: a run of the component's cells side by side along the row, each with bowel gas in front
    /// of it within the partial-volume cells, or further through a supernatant of up to <paramref name="extraGapMm"/>
    /// more (a core eroded from its lumen's face adds the erosion); and the mean HU of those cells.
    /// </summary>
    /// <param name="maxBetweenHu">
    /// Past the partial-volume cells, what lies between the row and the gas is under this: a cortex's density, so that a
    /// bone's marrow under its cortex is no level (the family's femoral heads and iliac wings drawn under a loop's gas,
    /// seeds 31 and 50); for an eroded core, the densest blood.
    /// </param>
    /// <param name="skipSlice">Per slice, where given: levels are not looked for there.</param>
    public static LevelRows Rows(Volume<short> hu, RunSet content, bool[] bowelGas, double extraGapMm, short maxBetweenHu, bool[]? skipSlice = null)
    {
        var through = new RowCounter(content.ComponentCount + 1);
        Count(hu, content, bowelGas, extraGapMm, maxBetweenHu, skipSlice, near: null, through);
        return through.Result();
    }

    /// <summary>
    /// <see cref="Rows"/> twice in one pass over the content: the levels right under the gas (as with no supernatant),
    /// and those seen through up to <paramref name="extraGapMm"/> of it.
    /// </summary>
    public static (LevelRows Near, LevelRows Through) NearAndThrough(Volume<short> hu, RunSet content, bool[] bowelGas, double extraGapMm,
        short maxBetweenHu, bool[]? skipSlice = null)
    {
        var near = new RowCounter(content.ComponentCount + 1);
        var through = new RowCounter(content.ComponentCount + 1);
        Count(hu, content, bowelGas, extraGapMm, maxBetweenHu, skipSlice, near, through);
        return (near.Result(), through.Result());
    }

    /// <summary>Counts the levels seen through the supernatant and, where <paramref name="near"/> is given, those right under the gas.</summary>
    private static void Count(Volume<short> hu, RunSet content, bool[] bowelGas, double extraGapMm, short maxBetweenHu, bool[]? skipSlice,
        RowCounter? near, RowCounter through)
    {
        var g = hu.Geometry;
        var data = hu.Data;
        int up = UpRowStep(g);
        if (up == 0) return;
        int nx = g.SizeX, ny = g.SizeY, len = nx * ny;
        int minCells = (int)Math.Ceiling(MinLevelMm / g.Spacing.X);
        int maxGap = PartialCells + (int)Math.Ceiling(extraGapMm / g.Spacing.Y);
        for (int r = 0; r < content.Count; r++)
        {
            int y = content.Y[r], z = content.Z[r], c = content.Component[r];
            if (skipSlice is not null && skipSlice[z]) continue;
            for (int x = content.X0[r]; x <= content.X1[r]; x++)
            {
                int gap = GasInFront(data, bowelGas, z * len + x, nx, ny, y, up, maxGap, maxBetweenHu);
                short h = data[z * len + y * nx + x];
                bool last = x == content.X1[r];
                near?.Step(c, gap > 0 && gap <= PartialCells, h, last, minCells);
                through.Step(c, gap > 0, h, last, minCells);
            }
        }
    }

    /// <summary>Counts the runs of cells under gas along rows, per component, and the HU of the runs long enough to be levels.</summary>
    private sealed class RowCounter(int n)
    {
        private readonly int[] _rows = new int[n];
        private readonly double[] _huSum = new double[n];
        private readonly long[] _cells = new long[n];
        private int _run;
        private double _runHu;

        /// <summary>The next cell of a row: under gas or not, and whether it ends the row.</summary>
        public void Step(int c, bool under, short hu, bool last, int minCells)
        {
            if (under) { _run++; _runHu += hu; }
            if (under && !last) return;
            if (_run >= minCells) { _rows[c]++; _huSum[c] += _runHu; _cells[c] += _run; }
            _run = 0; _runHu = 0;
        }

        public LevelRows Result()
        {
            var mean = new double[_rows.Length];
            for (int c = 1; c < mean.Length; c++) mean[c] = _cells[c] > 0 ? _huSum[c] / _cells[c] : 0;
            return new LevelRows(_rows, mean);
        }
    }

    /// <summary>
    /// How many cells in front of row <paramref name="y"/> the nearest bowel gas lies, within <paramref name="maxGap"/>, and
    /// through fluid past the partial-volume cells; 0 where there is none.
    /// </summary>
    private static int GasInFront(short[] data, bool[] bowelGas, int column, int nx, int ny, int y, int up, int maxGap, short maxBetweenHu)
    {
        int gap = 0;
        for (int k = 1; k <= maxGap && gap == 0; k++)
        {
            int yy = y + k * up;
            if (yy < 0 || yy >= ny) return 0;
            if (bowelGas[column + yy * nx]) gap = k;
        }
        if (gap <= PartialCells) return gap;
        // Further, what lies between is fluid: no cortex anywhere (a bone's face under the gas), and from water up but for
        // the one cell against the gas.
        for (int k = 1; k < gap; k++)
        {
            short h = data[column + (y + k * up) * nx];
            if (h >= maxBetweenHu || k < gap - 1 && h < SupernatantMinHu) return 0;
        }
        return gap;
    }
}
