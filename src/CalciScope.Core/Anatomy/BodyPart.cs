namespace CalciScope.Anatomy;

/// <summary>The body part an axial slice shows, named as in analysis.json's <c>study.body_parts</c>.</summary>
public enum BodyPart : byte
{
    Unknown = 0, Head, Neck, Chest, Abdomen, Pelvis, Thigh, Leg, Arm,
}

/// <summary>A run of slices of one body part, from the lowest to the highest patient z (mm).</summary>
public sealed record BodyPartRange(BodyPart Part, double FromZMm, double ToZMm)
{
    public string Name => BodyParts.Name(Part);
}

public static class BodyParts
{
    public static string Name(BodyPart p) => p switch
    {
        BodyPart.Head => "head", BodyPart.Neck => "neck", BodyPart.Chest => "chest", BodyPart.Abdomen => "abdomen",
        BodyPart.Pelvis => "pelvis", BodyPart.Thigh => "thigh", BodyPart.Leg => "leg", BodyPart.Arm => "arm", _ => "unknown",
    };
}
