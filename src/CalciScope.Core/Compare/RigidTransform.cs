using CalciScope.Imaging;

namespace CalciScope.Compare;

/// <summary>p' = R p + T in patient mm; R row-major.</summary>
public sealed record RigidTransform(double[] R, Vec3 T)
{
    public static readonly RigidTransform Identity = new([1, 0, 0, 0, 1, 0, 0, 0, 1], default);

    public Vec3 Apply(Vec3 p) => new(R[0] * p.X + R[1] * p.Y + R[2] * p.Z + T.X, R[3] * p.X + R[4] * p.Y + R[5] * p.Z + T.Y, R[6] * p.X + R[7] * p.Y + R[8] * p.Z + T.Z);

    /// <summary>The rotation angle in degrees.</summary>
    public double AngleDeg => Math.Acos(Math.Clamp((R[0] + R[4] + R[8] - 1) / 2, -1, 1)) * 180 / Math.PI;
}
