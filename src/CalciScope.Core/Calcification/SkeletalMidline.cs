using CalciScope.Imaging;
using CalciScope.Segmentation;

namespace CalciScope.Calcification;

/// <summary>
/// The midline of the skeleton: in each slice the column about which the bone's columns mirror best, taken as the median
/// of the slices' near it along the body (<see cref="MedianReachMm"/>). A radiologist compares sides about the spine, the
/// sternum and the symphysis, not about the body's outline, which a patient lying off the table's centre, a full stomach
/// or a one-sided habitus shifts (LIDC-IDRI 0003's lowest slices: the body's centre 11 mm from its spine's). Computed on
/// demand, for the slices asked, from the bone's dense voxels less those set aside.
/// </summary>
/// <param name="dense">
/// Whether a voxel of a bone's component is the bone's own: a contrast-filled artery joins a bone at the calcium threshold,
/// and the aorta lies left of the spine (the phantom family's seed 1520, an arterial pelvis whose aorta drew the midline of
/// its top slices 5-7 mm aside, so that half a spinous process mirrored onto no bone and was carved as a 1.5 mL mass).
/// </param>
internal sealed class SkeletalMidline(RunSet runs, bool[] boneComponent, Func<int, bool> dense, SliceStats[] slices, VolumeGeometry g, IEnumerable<int> setAside)
{
    /// <summary>
    /// How far from the body's centre the skeleton's midline is looked for: past the 11 mm of LIDC-IDRI 0003, and short of
    /// a femur's or an iliac wing's own axis (60-100 mm out), about which a paired bone would mirror onto itself.
    /// </summary>
    public const double SearchMm = 40;

    /// <summary>Slices either side whose bone counts with a slice's own: a thin slice may hold only a rib's section.</summary>
    public const int NeighbourSlices = 2;

    /// <summary>
    /// The midline is the median of the slices' own within this reach along the body: a slice's columns can be drawn
    /// aside by a one-sided bone or a vessel joined to one (the phantom family's seed 844, an arterial pelvis whose top
    /// slices' axes wandered 8 pixels), while the skeleton's midline turns slowly along a patient.
    /// </summary>
    public const double MedianReachMm = 50;

    private readonly double?[] _axis = new double?[g.SizeZ];
    private readonly double?[] _own = new double?[g.SizeZ];
    private readonly int[]?[] _columns = new int[]?[g.SizeZ];
    private readonly ILookup<int, int> _setAside = setAside.ToLookup(i => i / (g.SizeX * g.SizeY));

    /// <summary>The column (in pixels, half steps) of the skeleton's midline in slice <paramref name="z"/>; the body's centre where no bone is near.</summary>
    public double At(int z) => _axis[z] ??= Median(z);

    private double Median(int z)
    {
        int reach = (int)Math.Floor(MedianReachMm / g.Spacing.Z);
        var own = new List<double>();
        for (int k = Math.Max(0, z - reach); k <= Math.Min(g.SizeZ - 1, z + reach); k++)
            if ((_own[k] ??= Own(k)) is { } axis && !double.IsNaN(axis)) own.Add(axis);
        if (own.Count == 0) return slices[z].CentreI;
        own.Sort();
        return own[own.Count / 2];
    }

    /// <summary>Per column of slice <paramref name="k"/>, its dense bone voxels less those set aside (each slice counted once, for the five axes that use it).</summary>
    private int[] Columns(int k)
    {
        int nx = g.SizeX, ny = g.SizeY;
        var columns = new int[nx];
        for (int row = k * ny; row < (k + 1) * ny; row++)
            for (int q = runs.RowStart[row]; q < runs.RowStart[row + 1]; q++)
                if (boneComponent[runs.Component[q]])
                    for (int x = runs.X0[q], off = row * nx; x <= runs.X1[q]; x++)
                        if (dense(off + x)) columns[x]++;
        foreach (int i in _setAside[k]) if (dense(i)) columns[i % nx]--;
        return columns;
    }

    /// <summary>The slice's own axis; NaN where no bone lies within the search.</summary>
    private double Own(int z)
    {
        int nx = g.SizeX;
        var columns = new int[nx];
        for (int k = Math.Max(0, z - NeighbourSlices); k <= Math.Min(g.SizeZ - 1, z + NeighbourSlices); k++)
        {
            var own = _columns[k] ??= Columns(k);
            for (int x = 0; x < nx; x++) columns[x] += own[x];
        }
        double centre = slices[z].CentreI;
        int reach = (int)Math.Ceiling(SearchMm / g.Spacing.X);
        // Axis c in half pixels (2c = x + x' for mirrored columns x and x'): the overlap of the columns with their mirror.
        long best = 0;
        double axis = double.NaN;
        for (int twice = (int)Math.Round(2 * (centre - reach)); twice <= (int)Math.Round(2 * (centre + reach)); twice++)
        {
            long score = 0;
            for (int x = Math.Max(0, twice - nx + 1); x < nx && x <= twice; x++) score += (long)columns[x] * columns[twice - x];
            if (score > best) { best = score; axis = twice / 2.0; }
        }
        return axis;
    }
}
