using CalciScope.Imaging;

namespace CalciScope.Anatomy;

/// <summary>One <see cref="AnatomyStructure"/> per voxel of the study's grid, from an <see cref="IAnatomySource"/>.</summary>
public sealed class AnatomyMasks
{
    public AnatomyMasks(VolumeGeometry grid, byte[] structures, string source)
    {
        if (structures.Length != grid.VoxelCount) throw new ArgumentException("one structure per voxel of the grid is needed", nameof(structures));
        Grid = grid;
        Structures = structures;
        Source = source;
    }

    public VolumeGeometry Grid { get; }
    public byte[] Structures { get; }
    /// <summary>Where the anatomy came from, for analysis.json (e.g. "totalsegmentator:seg.nii.gz").</summary>
    public string Source { get; }

    public AnatomyStructure At(int index) => (AnatomyStructure)Structures[index];

    /// <summary>True for the skeleton: bone and costal cartilage.</summary>
    public static bool IsSkeletal(AnatomyStructure s) => s is AnatomyStructure.Bone or AnatomyStructure.CostalCartilage;
}
