namespace CalciScope.Dicom;

/// <summary>Value representations, by their two-letter code.</summary>
public static class DicomVR
{
    /// <summary>VRs whose explicit encoding has a 2-byte reserved field and a 4-byte length.</summary>
    public static bool HasLongLength(string vr) => vr is "OB" or "OD" or "OF" or "OL" or "OV" or "OW" or "SQ" or "SV" or "UC" or "UN" or "UR" or "UT" or "UV";

    /// <summary>Size of the binary unit that big-endian encoding swaps, 1 for text and bytes.</summary>
    public static int SwapUnit(string vr) => vr switch
    {
        "US" or "SS" or "OW" => 2,
        "UL" or "SL" or "FL" or "OF" or "OL" or "AT" => 4,
        "FD" or "OD" or "SV" or "UV" or "OV" => 8,
        _ => 1,
    };

    public static bool IsText(string vr) => vr is "AE" or "AS" or "CS" or "DA" or "DS" or "DT" or "IS" or "LO" or "LT" or "PN" or "SH" or "ST" or "TM" or "UC" or "UI" or "UR" or "UT";

    public static bool IsValid(string vr) => vr.Length == 2 && (IsText(vr) || HasLongLength(vr) || vr is "AT" or "FD" or "FL" or "SL" or "SS" or "UL" or "US");
}
