using CalciScope.Dicom;

namespace CalciScope.Reports.Dicom;

/// <summary>
/// What each segment of the SEG is, in codes: standard ones where DICOM has them, CalciScope's own (code values of at
/// most 16 characters, the SH limit) where it does not.
/// </summary>
internal static class SegmentCodes
{
    /// <summary>Labels that are anatomy set aside (the skeleton, costal cartilage), not calcification the work-up is about.</summary>
    public static bool IsAnatomy(string label) => label is "skeleton" or "costal_cartilage";

    /// <summary>Segmentation property category (DICOM PS3.16 CID 7150): SCT 91723000 Anatomical Structure, 49755003 Morphologically Abnormal Structure.</summary>
    public static DicomDataset Category(string label) => IsAnatomy(label)
        ? DerivedObjects.Code("91723000", "SCT", "Anatomical Structure")
        : DerivedObjects.Code("49755003", "SCT", "Morphologically Abnormal Structure");

    /// <summary>
    /// Segmentation property type: vascular calcification is SCT 129759000 (PS3.16 CID 6011); calcification by
    /// soft-tissue compartment has no standard code, so the compartment is named in CalciScope's scheme.
    /// </summary>
    public static DicomDataset Type(string label) => label switch
    {
        "vascular" => DerivedObjects.Code("129759000", "SCT", "Vascular calcification"),
        "skeleton" => DerivedObjects.Code("SKELETON", DerivedObjects.CodingScheme, "Skeleton"),
        "costal_cartilage" => DerivedObjects.Code("COSTAL-CARTILAGE", DerivedObjects.CodingScheme, "Costal cartilage"),
        _ => DerivedObjects.Code(PrivateValue(label), DerivedObjects.CodingScheme, $"Calcification, {label.Replace('_', ' ')}"),
    };

    private static string PrivateValue(string label)
    {
        var short_ = label switch { "subcutaneous" => "SUBCUT", "periarticular" => "PERIART", _ => label.ToUpperInvariant() };
        var value = "CALC-" + short_;
        return value.Length <= 16 ? value : value[..16];
    }
}
