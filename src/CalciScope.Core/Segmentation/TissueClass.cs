namespace CalciScope.Segmentation;

/// <summary>Per-voxel tissue codes of the tissue map: low 3 bits the class, then flags.</summary>
public static class TissueClass
{
    public const byte Outside = 0, Skin = 1, Subcutaneous = 2, InnerFat = 3, InnerSoft = 4, Bone = 5;
    public const byte ClassMask = 0x07;
    /// <summary>Within a few mm of the boundary between subcutaneous fat and the muscle wall.</summary>
    public const byte FascialBand = 0x08;
    /// <summary>Part of a round soft-tissue tube running in fat (a vessel, as far as non-contrast CT shows).</summary>
    public const byte Vessel = 0x10;
    /// <summary>Lung or bowel gas inside the body.</summary>
    public const byte Air = 0x20;
    /// <summary>Contrast-filled lumen of the heart or a large vessel.</summary>
    public const byte BloodPool = 0x40;
    /// <summary>The lumen beyond <see cref="BloodPool"/> out to the wall: counts as lumen for the threshold, not for contact.</summary>
    public const byte PoolWall = 0x80;
    public const byte Lumen = BloodPool | PoolWall;

    public static byte Of(byte code) => (byte)(code & ClassMask);
}
