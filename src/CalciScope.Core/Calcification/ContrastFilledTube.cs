using CalciScope.Imaging;

namespace CalciScope.Calcification;

/// <summary>
/// The lumen of a contrast-filled vessel too small for the blood-pool detector (the femoral and popliteal vessels,
/// radius 3-5 mm): a solid tube running along the body for several centimetres, no denser than contrast (peak under
/// 500 HU, mean up to 400 HU; a venous-phase jugular averages just over the calcium threshold). Calcification along a
/// fascia or a vessel wall is a sheet or a shell that peaks denser, and bone reaches cortical density.
/// </summary>
internal static class ContrastFilledTube
{
    /// <summary>A long tube of contrast density, or the stump of a great vessel cut by the scanned range.</summary>
    public static bool Is(ComponentStats s, double voxel, VolumeGeometry g)
    {
        if (!Section(s, voxel, g, out double along, out double across, out double section)) return false;
        if (Long(along, across, section)) return true;
        // Or the stump of a great vessel that the scanned range cuts (the aorta or a cava at a CT angiogram's edge):
        // round, of great-vessel calibre, ending on the first or last slice; or a smaller vessel that the range cuts
        // after a shorter course (the jugular veins between the skull base and a neck scan's lower edge).
        bool cutByRange = s.MinK == 0 || s.MaxK == g.SizeZ - 1;
        return cutByRange && Round(across, section)
            && (section >= GreatVesselMinSectionMm2 || along >= CutTubeMinLengthMm && along >= CutTubeMinAspect * across);
    }

    /// <summary>
    /// Only the long tube: an artery and its vein side by side in a thigh (18 mL over 15 cm in the phantom family) are
    /// as large as a bone and must not be taken for one. A stump is not enough there: an osteopenic vertebral body cut
    /// by the range is as round and may peak under 500 HU.
    /// </summary>
    public static bool IsLong(ComponentStats s, double voxel, VolumeGeometry g) =>
        Section(s, voxel, g, out double along, out double across, out double section) && Long(along, across, section);

    private static bool Section(ComponentStats s, double voxel, VolumeGeometry g, out double along, out double across, out double section)
    {
        along = (s.MaxK - s.MinK + 1) * g.Spacing.Z;
        across = Math.Max((s.MaxI - s.MinI + 1) * g.Spacing.X, (s.MaxJ - s.MinJ + 1) * g.Spacing.Y);
        section = s.Count * voxel / along;
        // A few voxels over the peak may be calcium joined to the tube (judged apart, DenseParts); more are not contrast.
        if (s.AboveTubePeak > TubeMaxDenseShare * s.Count || s.Count * voxel < TubeMinMm3) return false;
        double mean = s.SumHu / s.Count;
        return mean >= TubeMinMeanHu && mean <= TubeMaxMeanHu;
    }

    /// <summary>Round in section: its area close to that of its in-plane extent's circle.</summary>
    private static bool Round(double across, double section) => section >= 0.25 * Math.PI * across * across / 4;

    /// <summary>Long, running along the body, round in section.</summary>
    private static bool Long(double along, double across, double section) =>
        along >= TubeMinLengthMm && along >= TubeMinAspect * across && Round(across, section);

    /// <summary>
    /// The parts of a tube that rise clearly above its contrast (its mean plus four standard deviations and 50 HU, as
    /// the blood pool's calcium threshold is set), 26-connected, each of a cubic millimetre or more.
    /// </summary>
    public static IEnumerable<int[]> DenseParts(ComponentStats s, int[] voxels, Volume<short> hu, double voxel)
    {
        // The spread over the tube's own voxels, taken here: only tubes holding denser voxels need it.
        double sum2 = 0;
        foreach (int i in voxels) sum2 += (double)hu.Data[i] * hu.Data[i];
        double mean = s.SumHu / s.Count, sd = Math.Sqrt(Math.Max(0, sum2 / s.Count - mean * mean));
        double threshold = Math.Max(mean + 4 * sd + 50, CalcificationDetector.ThresholdHu);
        var g = hu.Geometry;
        var dense = new HashSet<int>(voxels.Where(i => hu.Data[i] >= threshold));
        foreach (var piece in VoxelPieces.Split(dense, g.SizeX, g.SizeY))
            if (piece.Length >= 2 && piece.Length * voxel >= 1.0) yield return piece;
    }

    /// <summary>Share of a tube's voxels allowed at or above <see cref="TubeMaxPeakHu"/>: calcium joined to it, not the lumen.</summary>
    public const double TubeMaxDenseShare = 0.02;
    public const short TubeMaxPeakHu = 500, TubeMinMeanHu = CalcificationDetector.ThresholdHu, TubeMaxMeanHu = 400;
    public const double TubeMinLengthMm = 60, TubeMinAspect = 3, TubeMinMm3 = 500;
    /// <summary>
    /// A tube the scanned range cuts shows only part of its course: the phantom family's contrast-filled jugular veins
    /// and carotid arteries (7-12 mm across) run 24-50 mm from the skull base to the scan's edge (five 4.9 mm slices at
    /// the least), and were 2-10 mL of 'soft-tissue calcification' per case. Still twice as long as it is wide: a nodule
    /// or a plaque is not.
    /// </summary>
    public const double CutTubeMinLengthMm = 20, CutTubeMinAspect = 2;
    /// <summary>
    /// Contrast-filled tubes this large call the study enhanced where no blood pool was found: unenhanced blood is never
    /// at calcium density, so two carotid arteries (7 mm across) over 30 mm (2.3 mL) already show the contrast; the
    /// phantom family's arterial-phase neck at 1.3 mm showed 4.7 mL of carotids and jugulars and was called unenhanced
    /// under the blood pool's 5 mL.
    /// </summary>
    public const double MinEnhancedMm3 = 2_000;
    /// <summary>A cava or the aorta (15-30 mm across, 180-700 mm2), not a limb vessel or a nodule of a few millimetres.</summary>
    public const double GreatVesselMinSectionMm2 = 150;
}
