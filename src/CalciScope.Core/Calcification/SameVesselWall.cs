using CalciScope.Imaging;

namespace CalciScope.Calcification;

/// <summary>Where a piece of calcium counts as more of a vessel wall already found.</summary>
/// <param name="MinRadiusMm">Smallest vessel whose wall is followed: the common iliac arteries, 8-12 mm across (radius 4 mm and more); round a smaller artery a shell 2.5 mm thick would take in a nodule beside it.</param>
/// <param name="ShellMm">How far off the fitted circle a voxel of the same wall may lie: a plaque 1-3 mm thick, its partial volume a voxel more.</param>
/// <param name="ReachMm">How far along the body's axis a wall found in one slice is followed: an aorta's or iliac artery's centre moves a few mm over 15 mm, and a plaque broken along its length is one wall.</param>
/// <param name="MinShare">Share of the piece's voxels on such a wall.</param>
/// <param name="MinArcShare">Share of the circle that the vessel's own calcium covers in a slice for its circle to be followed: a quarter of the wall gives the circle; a short piece (the phantom family's seed 7: a 44 mm3 strand of subcutaneous calcium misnamed vascular) fits a circle of chance.</param>
/// <param name="MaxPieceMm3">Largest piece taken: the fragments of a plaque (the emulated unenhanced upper abdomen's: 46 and 189 mm3); a soft-tissue mass larger than this is judged on its own.</param>
public sealed record SameVesselWallOptions(
    double MinRadiusMm = 4,
    double ShellMm = 2.5,
    double ReachMm = 15,
    double MinShare = 0.6,
    double MinArcShare = 0.25,
    double MaxPieceMm3 = 1000);

/// <summary>
/// Fragments of a vessel's wall calcium that are not arcs themselves. An aortic or iliac plaque breaks into pieces; the
/// larger ones are judged arcs round a lumen of blood (<see cref="VesselWallArc"/>) or lining the contrast, while a short
/// piece gives no circle of its own to fit, and, without contrast to show the lumen it touches, was called calcium of the
/// muscle beside the aorta. A radiologist follows the wall: the circle fitted to the vessel's arcs, slice by slice, is its
/// wall, and a piece lying on that circle within a few slices is more of the same wall.
/// </summary>
internal static class SameVesselWall
{
    /// <summary>
    /// Where a piece may be more of a large vessel's wall: the aorta, the iliac and femoral vessels run deep to the fascia,
    /// never in the skin or the subcutaneous fat, where a strand of calcinosis misnamed vascular would otherwise draw its
    /// neighbours after it (the phantom family's seeds 7 and 60). The aorta and its branches run through the trunk's cavity
    /// too, where a piece among the organs is visceral (<see cref="LesionMeasurer.CavityMinDepthMm"/>).
    /// </summary>
    private static readonly HashSet<string> DeepCompartments = ["muscle", "fascial", "periarticular", "visceral"];

    private readonly record struct Circle(double Z, double X, double Y, double R);

    /// <summary>The lesions, with those lying on the wall of a vascular lesion's vessel measured again as vascular; the count of them.</summary>
    public static (List<Lesion> Lesions, int Joined) Join(List<Lesion> lesions, LesionMeasurer measurer, VolumeGeometry g, SameVesselWallOptions o)
    {
        bool Piece(Lesion l) => DeepCompartments.Contains(l.Compartment) && l.VolumeMm3 <= o.MaxPieceMm3;
        // Most studies hold no such piece: the vessels' circles are fitted only where one is to be judged.
        if (!lesions.Any(Piece)) return (lesions, 0);
        var circles = new List<Circle>();
        var arc = new VesselWallArcOptions();
        foreach (var l in lesions)
            if (l.Compartment == "vascular") circles.AddRange(Circles(measurer.VoxelsOf(l), g, arc, o));
        if (circles.Count == 0) return (lesions, 0);
        var result = new List<Lesion>(lesions.Count);
        int joined = 0;
        foreach (var l in lesions)
        {
            if (!Piece(l)) { result.Add(l); continue; }
            var voxels = measurer.VoxelsOf(l);
            if (OnWall(voxels, g, circles, o) < o.MinShare) { result.Add(l); continue; }
            result.Add(measurer.Measure(voxels, forceVascular: true));
            joined++;
        }
        return (result, joined);
    }

    /// <summary>Per slice, the circle fitted to a vascular lesion's voxels where they form a vessel's wall.</summary>
    private static IEnumerable<Circle> Circles(int[] voxels, VolumeGeometry g, VesselWallArcOptions arc, SameVesselWallOptions o)
    {
        int nx = g.SizeX, len = nx * g.SizeY;
        foreach (var slice in voxels.GroupBy(i => i / len))
        {
            var pixels = slice.Select(i => i % len).ToList();
            if (pixels.Count < VesselWallArc.MinSlicePixels) continue;
            if (!VesselWallArc.FitArc(pixels, nx, g.Spacing.X, g.Spacing.Y, out double cx, out double cy, out double r, out double rms, out double arcShare)) continue;
            if (r < o.MinRadiusMm || r > arc.MaxRadiusMm || rms > arc.MaxShellRmsMm || arcShare < o.MinArcShare) continue;
            yield return new Circle(slice.Key * g.Spacing.Z, cx, cy, r);
        }
    }

    /// <summary>Share of the voxels within the shell of a wall circle found within reach along the axis.</summary>
    private static double OnWall(int[] voxels, VolumeGeometry g, List<Circle> circles, SameVesselWallOptions o)
    {
        int nx = g.SizeX, len = nx * g.SizeY, on = 0;
        if (voxels.Length == 0) return 0;
        // Only the circles within reach of the piece's slices can hold any of its voxels.
        double z0 = voxels.Min() / len * g.Spacing.Z - o.ReachMm, z1 = voxels.Max() / len * g.Spacing.Z + o.ReachMm;
        var near = circles.Where(c => c.Z >= z0 && c.Z <= z1).ToList();
        foreach (int i in voxels)
        {
            double z = i / len * g.Spacing.Z, x = i % nx * g.Spacing.X, y = i % len / nx * g.Spacing.Y;
            foreach (var c in near)
            {
                if (Math.Abs(c.Z - z) > o.ReachMm) continue;
                double dx = x - c.X, dy = y - c.Y;
                if (Math.Abs(Math.Sqrt(dx * dx + dy * dy) - c.R) <= o.ShellMm) { on++; break; }
            }
        }
        return (double)on / voxels.Length;
    }
}
