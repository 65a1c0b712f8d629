using CalciScope.Imaging;
using CalciScope.Nifti;

namespace CalciScope.Anatomy;

/// <summary>
/// Anatomy from a TotalSegmentator segmentation of the same CT: either the multi-label NIfTI of its `total` task
/// (`--ml`, class ids 1-117) or its default output, a folder of one binary mask per class (`liver.nii.gz`, ...). The
/// segmentation may be on another grid (TotalSegmentator writes the input's grid, but a resampled or cropped copy
/// works too): each study voxel takes the class found at its patient position (nearest neighbour).
/// </summary>
public sealed class TotalSegmentatorAnatomySource(string path) : IAnatomySource
{
    public AnatomyMasks Load(VolumeGeometry grid)
    {
        var classes = TotalSegmentatorClasses.Total;
        var structures = new byte[grid.VoxelCount];
        if (Directory.Exists(path))
        {
            var masks = Directory.EnumerateFiles(path).Where(f => f.EndsWith(".nii.gz", StringComparison.Ordinal) || f.EndsWith(".nii", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal).ToList();
            int used = 0;
            foreach (var file in masks)
            {
                var name = Path.GetFileName(file);
                name = name[..name.IndexOf(".nii", StringComparison.Ordinal)];
                if (!classes.TryOfName(name, out var structure)) continue;
                used++;
                var mask = NiftiReader.Read(file).Hu;
                Project(mask, grid, structures, v => v != 0 ? structure : AnatomyStructure.None, file);
            }
            if (used == 0) throw new InputException(path, "no TotalSegmentator class masks (e.g. liver.nii.gz, rib_left_1.nii.gz) in this folder");
        }
        else
        {
            var labels = NiftiReader.Read(path).Hu;
            Project(labels, grid, structures, v => classes.OfId(v), path);
        }
        return new AnatomyMasks(grid, structures, "totalsegmentator:" + Path.GetFileName(path.TrimEnd(Path.DirectorySeparatorChar)));
    }

    /// <summary>Writes the structure of every labelled voxel of <paramref name="seg"/> onto the study grid, by patient position.</summary>
    private static void Project(Volume<short> seg, VolumeGeometry grid, byte[] structures, Func<short, AnatomyStructure> map, string file)
    {
        var sg = seg.Geometry;
        if (Same(sg, grid))
        {
            var data = seg.Data;
            for (int i = 0; i < data.Length; i++)
            {
                var s = map(data[i]);
                if (s != AnatomyStructure.None) structures[i] = (byte)s;
            }
            return;
        }
        if (!Overlaps(sg, grid)) throw new InputException(file, "the segmentation does not overlap the study (another patient position or frame of reference)");
        int nx = grid.SizeX, ny = grid.SizeY;
        Parallel.For(0, grid.SizeZ, z =>
        {
            for (int y = 0; y < ny; y++)
            for (int x = 0; x < nx; x++)
            {
                var p = sg.ToIndex(grid.ToPatient(x, y, z));
                int i = (int)Math.Round(p.X), j = (int)Math.Round(p.Y), k = (int)Math.Round(p.Z);
                if (i < 0 || j < 0 || k < 0 || i >= sg.SizeX || j >= sg.SizeY || k >= sg.SizeZ) continue;
                var s = map(seg.Data[(k * sg.SizeY + j) * sg.SizeX + i]);
                if (s != AnatomyStructure.None) structures[(z * ny + y) * nx + x] = (byte)s;
            }
        });
    }

    /// <summary>Same grid: size, and the same patient position of the first and last voxel within a tenth of a voxel.</summary>
    private static bool Same(VolumeGeometry a, VolumeGeometry b)
    {
        if (a.SizeX != b.SizeX || a.SizeY != b.SizeY || a.SizeZ != b.SizeZ) return false;
        double tol = 0.1 * Math.Min(b.Spacing.X, Math.Min(b.Spacing.Y, b.Spacing.Z));
        return (a.ToPatient(0, 0, 0) - b.ToPatient(0, 0, 0)).Length < tol
            && (a.ToPatient(a.SizeX - 1, a.SizeY - 1, a.SizeZ - 1) - b.ToPatient(b.SizeX - 1, b.SizeY - 1, b.SizeZ - 1)).Length < tol;
    }

    private static bool Overlaps(VolumeGeometry seg, VolumeGeometry grid)
    {
        var c = seg.ToIndex(grid.ToPatient(grid.SizeX / 2.0, grid.SizeY / 2.0, grid.SizeZ / 2.0));
        return c.X >= -seg.SizeX && c.X < 2 * seg.SizeX && c.Y >= -seg.SizeY && c.Y < 2 * seg.SizeY && c.Z >= -seg.SizeZ && c.Z < 2 * seg.SizeZ;
    }
}
