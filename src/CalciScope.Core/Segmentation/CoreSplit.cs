namespace CalciScope.Segmentation;

/// <summary>
/// A blood-pool core that holds two tissues of different density, told apart by their histogram: a vessel lying against
/// a vertebra whose sclerotic marrow is as dense as contrast, joined in one core (the phantom family's seed 1049: a
/// venous aorta at 183 HU with marrow at 520, one core of 480 ± 81 HU), or two vessels of different enhancement touching.
/// The lower part keeps the calcium threshold of its own density; taken over the whole core, the threshold had risen to
/// 854 HU and the aorta's plaque of 370-420 HU was lost.
/// </summary>
/// <param name="CutHu">The density between the two parts (Otsu's threshold over the core's cells).</param>
/// <param name="WholeThresholdHu">The calcium threshold over both parts together, which the denser part keeps.</param>
public sealed record CoreSplit(short CutHu, double LowerMeanHu, double LowerSdHu, double UpperMeanHu, double UpperSdHu, double LowerShare, short WholeThresholdHu)
{
    /// <summary>Least spread of a core worth splitting (HU): an enhanced lumen's noise on the coarse grid is well under it.</summary>
    public const double MinSdHu = 40;

    /// <summary>Least share of the core's cells in the smaller part: a vessel's section beside a vertebral body is some 5-10 % of the two.</summary>
    public const double MinPartShare = 0.04;

    /// <summary>
    /// Least distance between the parts' centres, in the larger of their spreads: two densities, not one spread out (a
    /// lumen of evenly spread densities split at its middle has its halves' medians 2.7 robust spreads apart).
    /// </summary>
    public const double MinSeparation = 4;

    /// <summary>
    /// Least section of a lumen's denser part that is a body of its own (mm2): a vertebral body is 1000 mm2 and more; a
    /// plaque, even an aorta's calcified ring (some 100-200 mm2), or a cluster of the lumen's noise is smaller.
    /// </summary>
    public const double MinDenserBodyMm2 = 300;

    /// <summary>
    /// The calcium threshold of the lower part, the lumen against the denser tissue. The denser part keeps the whole
    /// core's (<see cref="WholeThresholdHu"/>): it is as likely marrow as blood, and marrow's trabeculae rise above any
    /// threshold drawn from its median (seed 781's vertebral body, 430 ± 14 HU by its median, gave 24 mL of 'calcium' at 536 HU).
    /// </summary>
    public short LowerThresholdHu => BloodPoolDetector.CalciumThreshold(LowerMeanHu, LowerSdHu);

    /// <summary>The two parts of a core's densities, or null where they are one.</summary>
    public static CoreSplit? Find(DensityHistogram h)
    {
        if (h.Count < 1 || h.SdHu < MinSdHu) return null;
        var count = h.Bins;
        int bins = count.Length;
        // Otsu: the cut that maximises the variance between the parts.
        double n = 0, sum = 0;
        for (int b = 0; b < bins; b++) { n += count[b]; sum += count[b] * b; }
        double nLow = 0, sumLow = 0, best = -1;
        int cut = -1;
        for (int b = 0; b < bins - 1; b++)
        {
            nLow += count[b]; sumLow += count[b] * b;
            double nHigh = n - nLow;
            if (nLow == 0 || nHigh == 0) continue;
            double d = sumLow / nLow - (sum - sumLow) / nHigh, between = nLow * nHigh * d * d;
            if (between > best) { best = between; cut = b + 1; }
        }
        if (cut < 0) return null;
        var (nl, ml, sl) = Robust(count, 0, cut, h.LowHu);
        var (nu, mu, su) = Robust(count, cut, bins, h.LowHu);
        if (DebugTrace.Enabled) Console.Error.WriteLine($"   split at {h.LowHu + cut * DensityHistogram.BinHu}: {ml:0} ± {sl:0} ({nl / n:0.000}) | {mu:0} ± {su:0}");
        if (Math.Min(nl, nu) < MinPartShare * n || mu - ml < MinSeparation * Math.Max(sl, su)) return null;
        return new CoreSplit((short)(h.LowHu + cut * DensityHistogram.BinHu), Math.Round(ml, 1), Math.Round(sl, 1), Math.Round(mu, 1), Math.Round(su, 1),
            Math.Round(nl / n, 3), BloodPoolDetector.CalciumThreshold(h.MeanHu, h.SdHu));
    }

    /// <summary>
    /// The part's size, centre and spread, from its median and its median absolute deviation (scaled to a normal's
    /// spread): the cut leaves the tail of the other part's densities in each, which a mean and a standard deviation
    /// follow and a median does not (seed 1049's venous aorta: 195 ± 39 HU by moments, under the plaque it bears).
    /// </summary>
    private static (double N, double Centre, double Spread) Robust(long[] count, int from, int to, short low)
    {
        double n = 0;
        for (int b = from; b < to; b++) n += count[b];
        double median = Quantile(count, from, to, n / 2);
        var deviation = new long[count.Length];
        for (int b = from; b < to; b++) deviation[(int)Math.Min(count.Length - 1, Math.Abs(b - median))] += count[b];
        double mad = Quantile(deviation, 0, count.Length, n / 2) + 0.5;
        return (n, low + (median + 0.5) * DensityHistogram.BinHu, NormalMadScale * mad * DensityHistogram.BinHu);
    }

    /// <summary>A normal distribution's standard deviation over its median absolute deviation.</summary>
    private const double NormalMadScale = 1.4826;

    /// <summary>The bin position (from the first bin's centre) under which <paramref name="rank"/> of the counts lie.</summary>
    private static double Quantile(long[] count, int from, int to, double rank)
    {
        double seen = 0;
        for (int b = from; b < to; b++)
        {
            if (seen + count[b] >= rank) return b + (count[b] == 0 ? 0 : (rank - seen) / count[b]) - 0.5;
            seen += count[b];
        }
        return to - 1;
    }
}

/// <summary>The densities of a core's cells, in bins of <see cref="BinHu"/> from <see cref="LowHu"/> to <see cref="HighHu"/>, with their moments.</summary>
public sealed class DensityHistogram(short lowHu, short highHu)
{
    public const int BinHu = 5;
    public short LowHu { get; } = lowHu;
    public short HighHu { get; } = highHu;
    public long[] Bins { get; } = new long[(highHu - lowHu) / BinHu + 1];
    public long Count { get; private set; }
    private double _sum, _sum2;

    /// <summary>Counts a cell; densities outside the range are left out.</summary>
    public void Add(short hu)
    {
        if (hu < LowHu || hu > HighHu) return;
        Bins[(hu - LowHu) / BinHu]++;
        Count++; _sum += hu; _sum2 += (double)hu * hu;
    }

    public double MeanHu => _sum / Math.Max(1, Count);
    public double SdHu => Math.Sqrt(Math.Max(0, _sum2 / Math.Max(1, Count) - MeanHu * MeanHu));

}
