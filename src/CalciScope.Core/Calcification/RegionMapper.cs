using CalciScope.Anatomy;
using CalciScope.Imaging;
using CalciScope.Segmentation;

namespace CalciScope.Calcification;

/// <summary>
/// Side and body region of a lesion from where it lies in its slice: the slice's body part (found from landmarks by
/// <see cref="BodyPartClassifier"/>) and the position around the body's centre. Gluteal, inguinal and hip regions exist
/// only at the pelvis, chest wall only at the chest.
/// </summary>
internal static class RegionMapper
{
    public const double MidlineMm = 10;
    /// <summary>Past the trunk's lateral edge by more than this (about two voxels of a body CT), a lesion is in an arm.</summary>
    public const double ArmMarginMm = 2;

    /// <summary>
    /// A limb scanned alone is reconstructed where it lay beside the patient's midline, which the scanner's isocentre
    /// follows when the patient is centred on the table: a limb's centre this far or more to one side of it (about half a
    /// thigh's width) is on that side of the patient. Nearer, its side cannot be told and its lesions are called midline.
    /// </summary>
    public const double LimbOffCentreMm = 40;

    public static (string Side, string Region) Map(VolumeGeometry g, SliceStats[] slices, BodyPart[] parts, Vec3 centroid, int k, string compartment,
        bool oneLimb = false)
    {
        var st = slices[k];
        if (st.BodyAreaMm2 <= 0) return ("midline", "other");
        var centre = g.ToPatient(st.CentreI, st.CentreJ, k);
        double dxMm = centroid.X - centre.X;
        string side = Math.Abs(dxMm) < MidlineMm ? "midline" : dxMm < 0 ? "right" : "left";
        // In one limb scanned alone every lesion is on the limb's side: either side of its middle is medial or lateral.
        if (oneLimb) side = Math.Abs(centre.X) < LimbOffCentreMm ? "midline" : centre.X < 0 ? "right" : "left";
        // Normalised position: dy > 0 is posterior.
        double halfW = Math.Max(1, st.HalfWidthI * g.Spacing.X), halfD = Math.Max(1, st.HalfDepthJ * g.Spacing.Y);
        double nxp = dxMm / halfW, nyp = (centroid.Y - centre.Y) / halfD;
        bool superficial = compartment is "skin" or "subcutaneous" or "fascial" or "muscle";
        // The slice's extent is the trunk's (TissueMapper): beyond it, above the thighs, lies an arm held beside the trunk.
        if (parts[k] is not (BodyPart.Thigh or BodyPart.Leg or BodyPart.Arm) && Math.Abs(dxMm) > halfW + ArmMarginMm) return (side, "arm");
        string region = parts[k] switch
        {
            // Inside the skull's ring the tissue map's inner compartment is the cranial cavity, not muscle.
            BodyPart.Head => st.Cranial && compartment is not ("skin" or "subcutaneous" or "vascular") ? "intracranial" : "head_neck",
            BodyPart.Neck => "head_neck",
            BodyPart.Chest => superficial ? "chest_wall" : "thorax",
            BodyPart.Thigh => "thigh",
            BodyPart.Leg => "leg",
            BodyPart.Arm => "arm",
            BodyPart.Pelvis => compartment == "periarticular" ? "hip"
                : !superficial ? "pelvis"
                : nyp > -0.15 ? "gluteal"
                : PelvicFraction(g, parts, k) < 0.5 && Math.Abs(nxp) > 0.2 ? "inguinal"
                : "abdominal_wall",
            _ => !superficial ? "abdomen" : nyp > 0.3 ? "back" : "abdominal_wall",
        };
        return (side, region);
    }

    /// <summary>How far up the pelvic levels this slice is: 0 at the lowest (feet-most) pelvic slice, 1 at the highest.</summary>
    private static double PelvicFraction(VolumeGeometry g, BodyPart[] parts, int k)
    {
        double lo = double.MaxValue, hi = double.MinValue;
        for (int i = 0; i < parts.Length; i++)
        {
            if (parts[i] != BodyPart.Pelvis) continue;
            double z = g.ToPatient(0, 0, i).Z;
            lo = Math.Min(lo, z); hi = Math.Max(hi, z);
        }
        if (hi <= lo) return 0.5;
        return (g.ToPatient(0, 0, k).Z - lo) / (hi - lo);
    }
}
