using CalciScope.Anatomy;

namespace CalciScope.Calcification;

/// <summary>
/// Calcified costal cartilage below the lungs: the cartilages of ribs 7-10 form the costal margin, which runs down the
/// anterior upper abdomen, so a scan of the upper abdomen holds them with no lung in the slice (the upper-abdomen series
/// in ../shared/data: a 600 mm3 cartilage of 210 HU mean peaking at 800 HU, read by TotalSegmentator as costal
/// cartilage). <see cref="BoneClassifier.MarkCostalCartilage"/> takes them at lung level before the body parts are
/// known; this takes them in the chest and abdomen once they are. Cartilage calcifies in the elderly as a normal
/// finding and is reported apart, never as calcinosis.
/// </summary>
internal static class CostalCartilageRule
{
    /// <summary>In the anterior part of the section: the costal margin lies in front of the trunk's centre by over 40 % of its half-depth.</summary>
    public const double MaxAnteriorPosition = -0.4;

    /// <summary>Front to back in slice <paramref name="k"/>: -1 at the front of the trunk, 0 at its centre, 1 at the back (patient y grows posteriorly); 0 where the slice has no body.</summary>
    public static double FrontToBack(CalciScope.Imaging.VolumeGeometry g, CalciScope.Segmentation.SliceStats st, int k, double patientY)
    {
        if (st.HalfDepthJ <= 0) return 0;
        return (patientY - g.ToPatient(st.CentreI, st.CentreJ, k).Y) / (st.HalfDepthJ * g.Spacing.Y);
    }

    /// <summary>
    /// A costal cartilage continues its rib inside the muscular wall; a deposit mostly outside it (in the fascial band
    /// over the wall, which the compartment may name) is calcinosis: the phantom family's seed 406 had a 503 mm3 strand
    /// of a subcutaneous network, 64 % of it outside the wall, drawn as cartilage beside a rib.
    /// </summary>
    public const double MaxOutsideShare = 0.5;

    /// <param name="anteriorPosition">The lesion's position front to back, -1 at the front of the section and 1 at the back.</param>
    /// <param name="besideRib">Whether it lies within <see cref="BoneClassifier.CartilageReachMm"/> of the skeleton.</param>
    /// <param name="outsideShare">Share of its voxels outside the muscular wall (skin and subcutaneous fat).</param>
    public static bool IsCartilage(Lesion l, BodyPart part, double anteriorPosition, bool besideRib, double outsideShare = 0)
    {
        if (part is not (BodyPart.Chest or BodyPart.Abdomen)) return false;
        if (l.Compartment is "skin" or "subcutaneous" or "vascular" || outsideShare >= MaxOutsideShare) return false;
        if (anteriorPosition > MaxAnteriorPosition || l.MaxHu < BoneClassifier.CartilageMinPeakHu || l.VolumeMm3 > BoneClassifier.CartilageMaxMm3) return false;
        return besideRib;
    }
}
