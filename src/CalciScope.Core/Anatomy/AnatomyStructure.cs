namespace CalciScope.Anatomy;

/// <summary>What a voxel is, as far as an anatomy source knows; the values are stored per voxel in <see cref="AnatomyMasks"/>.</summary>
public enum AnatomyStructure : byte
{
    None = 0, Bone, CostalCartilage, Lung, Airway, Heart, Artery, Vein, SolidOrgan, Kidney, Gallbladder, UrinaryBladder,
    Stomach, Bowel, Muscle, Brain, SpinalCord,
}

public static class AnatomyStructures
{
    private static readonly Dictionary<string, AnatomyStructure> ByName = Enum.GetValues<AnatomyStructure>()
        .ToDictionary(Name, s => s, StringComparer.Ordinal);

    /// <summary>snake_case, as in the knowledge files and analysis.json.</summary>
    public static string Name(AnatomyStructure s) => s switch
    {
        AnatomyStructure.CostalCartilage => "costal_cartilage", AnatomyStructure.SolidOrgan => "solid_organ",
        AnatomyStructure.UrinaryBladder => "urinary_bladder", AnatomyStructure.SpinalCord => "spinal_cord",
        _ => s.ToString().ToLowerInvariant(),
    };

    public static AnatomyStructure Parse(string name) =>
        ByName.TryGetValue(name, out var s) ? s : throw new FormatException($"unknown anatomy structure '{name}'");
}
