using CalciScope.Anatomy;

namespace CalciScope.Calcification;

/// <summary>
/// A rib recognised by what it is rather than by being joined to the rest of the cage: where the scanned range or the
/// slice thickness cuts a rib into separate pieces, each piece is still a solid tube of rib calibre with bone's density,
/// lying deep in the chest or upper-abdominal wall. Soft-tissue calcinosis of that length is thin (sheets and strands
/// along fascia, 1-3 mm) or hollow (vessel walls), and is not at bone density throughout.
/// </summary>
internal static class RibSegmentRule
{
    /// <summary>A piece of rib long enough to show its course (adult ribs are 10-30 cm long; a 2.5 mm series cuts pieces of 3-6 cm).</summary>
    public const double MinLengthMm = 25;
    /// <summary>Length over width of a tube rather than a nodule.</summary>
    public const double MinAspect = 3;
    /// <summary>
    /// Rib height and thickness: adult mid-rib sections measure about 10-15 x 5-8 mm, a rib end or the costal margin cut
    /// obliquely up to about 20 mm (LIDC-IDRI 0003 in ../shared/data: a cut rib of 58 x 9.6 x 8.5 mm).
    /// </summary>
    public const double MinThicknessMm = 4, MaxWidthMm = 20;
    /// <summary>A hollow tube is a calcified vessel wall, not bone.</summary>
    public const double MaxHollowness = 0.3;
    /// <summary>
    /// Share of its principal box (the product of its principal lengths) that a rib's piece fills: a tube that is not
    /// hollow holds its marrow at the threshold or a cortex thick for its width, and fills about half its box or more
    /// (a solid cylinder 1.05; the cut rib of the upper-abdomen series in ../shared/data 0.44; that series' pieces of rib
    /// of 300 mm3 and more at 130 HU, inside TotalSegmentator's rib masks, 0.57-0.60). A network of strands spans a box of
    /// the same size and fills little of it: the phantom family's seed 2893, a reticular deposit of 472 mm3 along a rib of
    /// the lateral chest wall (51 x 14 x 9 mm), fills 0.07, and had been taken for that rib.
    /// </summary>
    public const double MinFill = 0.15;

    public static bool IsRib(Lesion l, BodyPart part)
    {
        if (part is not (BodyPart.Chest or BodyPart.Abdomen)) return false;
        // Ribs lie in the muscular wall; a strand in the subcutaneous fat is calcinosis however rib-like its size.
        if (l.Compartment is "skin" or "subcutaneous" or "vascular") return false;
        var len = l.PrincipalLengthsMm;
        if (len[0] < MinLengthMm || len[0] < MinAspect * len[1] || len[1] > MaxWidthMm || len[2] < MinThicknessMm) return false;
        if (l.Hollowness > MaxHollowness || l.VolumeMm3 < MinFill * len[0] * len[1] * len[2]) return false;
        return l.MeanHu is >= BoneClassifier.BoneLikeMinMeanHu and <= BoneClassifier.BoneLikeMaxMeanHu && l.MaxHu >= BoneClassifier.BoneLikeMinPeakHu;
    }

    /// <summary>
    /// A rib grazed by the first or last slice: the scanned range cuts the top or bottom of its tube, which shows in that
    /// slice alone as a sliver of cortex with no marrow, joined to nothing (the phantom family's seed 165: two 85 mm3
    /// slivers at 720-760 HU where the lowest ribs curve forward out of the range). It lies in the muscular wall of the
    /// chest or upper abdomen, no wider than a rib. A calcification that the range cuts to one slice is a fragment of
    /// something the scan does not show, and is left out with it.
    /// </summary>
    public static bool IsGrazedRib(Lesion l, BodyPart part, bool onlyInAnEndSlice)
    {
        if (!onlyInAnEndSlice || part is not (BodyPart.Chest or BodyPart.Abdomen)) return false;
        if (l.Compartment is not ("muscle" or "fascial")) return false;
        var len = l.PrincipalLengthsMm;
        return len[1] <= MaxGrazeWidthMm && l.MaxHu >= BoneClassifier.BoneLikeMinPeakHu;
    }

    /// <summary>A rib is 10-15 mm high; a tangential cut through the top of its tube is narrower.</summary>
    public const double MaxGrazeWidthMm = 15;
}
