using CalciScope.Imaging;

namespace CalciScope.Phantoms;

/// <summary>A calcified shape in body coordinates; <see cref="Coverage"/> gives the fraction of a voxel it fills.</summary>
internal abstract class CalcObject
{
    public required int Lesion { get; init; }
    public required short PeakHu { get; init; }
    public abstract (Vec3 Min, Vec3 Max) Bounds { get; }
    /// <summary>Fraction (0..1) of a voxel of size <paramref name="h"/> centred at <paramref name="p"/> that this shape fills.</summary>
    public abstract double Coverage(Vec3 p, double h);

    protected static double Smooth(double signedDepth, double h) => Math.Clamp(0.5 + signedDepth / h, 0, 1);
    /// <summary>Exact geometric volume, for the truth file.</summary>
    public abstract double VolumeMm3 { get; }
}

/// <summary>A segment of a strand: a capsule of radius R between A and B.</summary>
internal sealed class Capsule(Vec3 a, Vec3 b, double r) : CalcObject
{
    public Vec3 A { get; } = a;
    public Vec3 B { get; } = b;
    public override (Vec3, Vec3) Bounds => (new Vec3(Math.Min(A.X, B.X) - r - 2, Math.Min(A.Y, B.Y) - r - 2, Math.Min(A.Z, B.Z) - r - 2),
        new Vec3(Math.Max(A.X, B.X) + r + 2, Math.Max(A.Y, B.Y) + r + 2, Math.Max(A.Z, B.Z) + r + 2));

    public override double Coverage(Vec3 p, double h)
    {
        var ab = B - A;
        double t = Math.Clamp((p - A).Dot(ab) / Math.Max(ab.Dot(ab), 1e-9), 0, 1);
        double d = (p - (A + ab * t)).Length;
        return Smooth(r - d, h);
    }

    public override double VolumeMm3 => Math.PI * r * r * (B - A).Length;
}

/// <summary>A solid ellipsoid, or with <paramref name="wall"/> &gt; 0 a shell whose centre keeps the tissue under it.</summary>
internal sealed class Ellipsoid(Vec3 centre, Vec3 radii, Vec3 axis, double wall = 0) : CalcObject
{
    private readonly Vec3 _u = axis.Normalized();
    private readonly Vec3 _v = Perpendicular(axis.Normalized());
    private Vec3 W => _u.Cross(_v);
    public Vec3 Centre { get; } = centre;

    private static Vec3 Perpendicular(Vec3 a)
    {
        var t = Math.Abs(a.Z) < 0.9 ? new Vec3(0, 0, 1) : new Vec3(1, 0, 0);
        return a.Cross(t).Normalized();
    }

    public override (Vec3, Vec3) Bounds
    {
        get
        {
            double m = Math.Max(radii.X, Math.Max(radii.Y, radii.Z)) + 2;
            return (Centre - new Vec3(m, m, m), Centre + new Vec3(m, m, m));
        }
    }

    private double Depth(Vec3 p, Vec3 rad)
    {
        var d = p - Centre;
        double a = d.Dot(_u) / rad.X, b = d.Dot(_v) / rad.Y, c = d.Dot(W) / rad.Z;
        double r = Math.Sqrt(a * a + b * b + c * c);
        return (1 - r) * Math.Min(rad.X, Math.Min(rad.Y, rad.Z));
    }

    public override double Coverage(Vec3 p, double h)
    {
        double outer = Smooth(Depth(p, radii), h);
        if (wall <= 0) return outer;
        var inner = new Vec3(Math.Max(radii.X - wall, 0.1), Math.Max(radii.Y - wall, 0.1), Math.Max(radii.Z - wall, 0.1));
        return Math.Max(0, outer - Smooth(Depth(p, inner), h));
    }

    public override double VolumeMm3
    {
        get
        {
            double v = 4.0 / 3 * Math.PI * radii.X * radii.Y * radii.Z;
            if (wall <= 0) return v;
            return v - 4.0 / 3 * Math.PI * (radii.X - wall) * (radii.Y - wall) * (radii.Z - wall);
        }
    }
}

/// <summary>A curved plate: part of a cylinder wall (axis along z) of given radius and thickness, between two angles and heights.</summary>
internal sealed class ArcSheet(double cx, double cy, double radius, double thickness, double angle0, double angle1, double z0, double z1) : CalcObject
{
    public override (Vec3, Vec3) Bounds => (new Vec3(cx - radius - 3, cy - radius - 3, z0 - 2), new Vec3(cx + radius + 3, cy + radius + 3, z1 + 2));

    public override double Coverage(Vec3 p, double h)
    {
        double dx = p.X - cx, dy = p.Y - cy;
        double a = Math.Atan2(dy, dx);
        double mid = (angle0 + angle1) / 2, half = (angle1 - angle0) / 2;
        double da = Math.Abs(Math.IEEERemainder(a - mid, 2 * Math.PI));
        double r = Math.Sqrt(dx * dx + dy * dy);
        double radial = thickness / 2 - Math.Abs(r - radius);
        double angular = (half - da) * radius;
        double vertical = Math.Min(p.Z - z0, z1 - p.Z);
        return Smooth(Math.Min(radial, Math.Min(angular, vertical)), h);
    }

    public override double VolumeMm3 => (angle1 - angle0) * radius * thickness * (z1 - z0);
}
