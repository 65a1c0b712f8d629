namespace CalciScope.Imaging;

/// <summary>
/// Where every voxel of a volume lies in patient space (DICOM LPS, mm). Voxel (i, j, k) sits at
/// Origin + i*SpacingX*AxisI + j*SpacingY*AxisJ + k*SpacingZ*AxisK, with i the column (fastest), j the row, k the slice.
/// AxisK may lean off AxisI x AxisJ (gantry tilt keeps its shear rather than being resampled).
/// </summary>
public sealed record VolumeGeometry(int SizeX, int SizeY, int SizeZ, Vec3 Spacing, Vec3 Origin, Vec3 AxisI, Vec3 AxisJ, Vec3 AxisK)
{
    /// <summary>How the patient lay on the table (<see cref="PatientPostures"/>): where gas rose in the bowel.</summary>
    public PatientPosture Posture { get; init; } = PatientPosture.Supine;

    public long VoxelCount => (long)SizeX * SizeY * SizeZ;
    public double VoxelVolumeMm3 => Spacing.X * Spacing.Y * Spacing.Z * Math.Abs(AxisI.Cross(AxisJ).Dot(AxisK));

    public static VolumeGeometry Axial(int nx, int ny, int nz, double sx, double sy, double sz, Vec3 origin = default) =>
        new(nx, ny, nz, new Vec3(sx, sy, sz), origin, new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1));

    public Vec3 ToPatient(double i, double j, double k) =>
        Origin + AxisI * (i * Spacing.X) + AxisJ * (j * Spacing.Y) + AxisK * (k * Spacing.Z);

    /// <summary>Continuous voxel index of a patient point (inverse of <see cref="ToPatient"/>).</summary>
    public Vec3 ToIndex(Vec3 p)
    {
        var m = Matrix();
        var inv = Invert(m);
        var d = p - Origin;
        return new Vec3(
            (inv[0] * d.X + inv[1] * d.Y + inv[2] * d.Z),
            (inv[3] * d.X + inv[4] * d.Y + inv[5] * d.Z),
            (inv[6] * d.X + inv[7] * d.Y + inv[8] * d.Z));
    }

    /// <summary>Row-major 3x3 matrix whose columns are the spaced voxel axes.</summary>
    public double[] Matrix() =>
    [
        AxisI.X * Spacing.X, AxisJ.X * Spacing.Y, AxisK.X * Spacing.Z,
        AxisI.Y * Spacing.X, AxisJ.Y * Spacing.Y, AxisK.Y * Spacing.Z,
        AxisI.Z * Spacing.X, AxisJ.Z * Spacing.Y, AxisK.Z * Spacing.Z,
    ];

    /// <summary>4x4 voxel-to-LPS affine, row-major.</summary>
    public double[] Affine()
    {
        var m = Matrix();
        return [m[0], m[1], m[2], Origin.X, m[3], m[4], m[5], Origin.Y, m[6], m[7], m[8], Origin.Z, 0, 0, 0, 1];
    }

    /// <summary>The geometry from a 4x4 voxel-to-LPS affine (row-major).</summary>
    public static VolumeGeometry FromAffine(int nx, int ny, int nz, ReadOnlySpan<double> a)
    {
        var ci = new Vec3(a[0], a[4], a[8]);
        var cj = new Vec3(a[1], a[5], a[9]);
        var ck = new Vec3(a[2], a[6], a[10]);
        if (ci.Length == 0 || cj.Length == 0 || ck.Length == 0)
            throw new GeometryException("the affine has a zero-length axis");
        return new VolumeGeometry(nx, ny, nz, new Vec3(ci.Length, cj.Length, ck.Length), new Vec3(a[3], a[7], a[11]),
            ci.Normalized(), cj.Normalized(), ck.Normalized());
    }

    internal static double[] Invert(double[] m)
    {
        double det = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
        if (Math.Abs(det) < 1e-12) throw new GeometryException("the voxel axes are degenerate");
        double id = 1 / det;
        return
        [
            (m[4] * m[8] - m[5] * m[7]) * id, (m[2] * m[7] - m[1] * m[8]) * id, (m[1] * m[5] - m[2] * m[4]) * id,
            (m[5] * m[6] - m[3] * m[8]) * id, (m[0] * m[8] - m[2] * m[6]) * id, (m[2] * m[3] - m[0] * m[5]) * id,
            (m[3] * m[7] - m[4] * m[6]) * id, (m[1] * m[6] - m[0] * m[7]) * id, (m[0] * m[4] - m[1] * m[3]) * id,
        ];
    }
}

public sealed class GeometryException(string message) : CalciScopeException(message);
