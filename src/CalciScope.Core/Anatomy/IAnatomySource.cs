using CalciScope.Imaging;

namespace CalciScope.Anatomy;

/// <summary>
/// Where named anatomy comes from when it is not the built-in classical model: a segmentation made by another tool
/// (TotalSegmentator's output today; a neural model run in process later, e.g. through ONNX Runtime). Each source maps
/// its own classes onto <see cref="AnatomyStructure"/> on the study's grid.
/// </summary>
public interface IAnatomySource
{
    /// <summary>The structures on <paramref name="grid"/> (the study's voxel grid, LPS patient coordinates).</summary>
    AnatomyMasks Load(VolumeGeometry grid);
}
