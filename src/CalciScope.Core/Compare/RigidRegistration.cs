using CalciScope.Imaging;

namespace CalciScope.Compare;

/// <summary>The registration found, and how well the skeletons agree after it.</summary>
public sealed record RegistrationResult(RigidTransform Transform, double RmsMm, int Points, int Iterations);

/// <summary>
/// Rigid registration of two skeletons by iterative closest points: start from the centroids, pair each prior surface
/// point with the nearest current one (grid hash), drop pairs far beyond the median distance, and solve the best
/// rotation in closed form (Horn's quaternion method).
/// </summary>
public static class RigidRegistration
{
    public const double CellMm = 6;

    public static RegistrationResult Register(IReadOnlyList<Vec3> prior, IReadOnlyList<Vec3> current, int maxIterations = 60)
    {
        if (prior.Count < 50 || current.Count < 50) throw new CalciScopeException("too little skeleton in one of the studies to register them");
        var grid = new PointGrid(current, CellMm);
        var transform = new RigidTransform([1, 0, 0, 0, 1, 0, 0, 0, 1], InitialTranslation(prior, current, grid));
        double rms = double.MaxValue;
        int it = 0;
        var pairsP = new List<Vec3>(prior.Count);
        var pairsQ = new List<Vec3>(prior.Count);
        var dist = new List<double>(prior.Count);
        for (; it < maxIterations; it++)
        {
            pairsP.Clear(); pairsQ.Clear(); dist.Clear();
            foreach (var p in prior)
            {
                var moved = transform.Apply(p);
                if (grid.Nearest(moved, out var q, out var d)) { pairsP.Add(p); pairsQ.Add(q); dist.Add(d); }
            }
            if (pairsP.Count < 20) break;
            var sorted = dist.Order().ToList();
            double cutoff = Math.Max(3 * sorted[sorted.Count / 2], 2.0);
            var keepP = new List<Vec3>(); var keepQ = new List<Vec3>();
            double sum2 = 0;
            for (int i = 0; i < pairsP.Count; i++)
            {
                if (dist[i] > cutoff) continue;
                keepP.Add(pairsP[i]); keepQ.Add(pairsQ[i]); sum2 += dist[i] * dist[i];
            }
            double newRms = Math.Sqrt(sum2 / Math.Max(1, keepP.Count));
            var next = Solve(keepP, keepQ);
            double moveMm = (next.Apply(Centroid(prior)) - transform.Apply(Centroid(prior))).Length;
            transform = next;
            if (Math.Abs(rms - newRms) < 1e-3 && moveMm < 0.01) { rms = newRms; break; }
            rms = newRms;
        }
        return new RegistrationResult(transform, rms, pairsP.Count, it);
    }

    /// <summary>
    /// In-plane from the centroids; along the table from a search, because the scanned range cuts the skeleton
    /// differently in each study (biasing the z centroid) and the long vertical bone walls barely pull ICP along z.
    /// </summary>
    private static Vec3 InitialTranslation(IReadOnlyList<Vec3> prior, IReadOnlyList<Vec3> current, PointGrid grid)
    {
        var c = Centroid(current) - Centroid(prior);
        int stride = Math.Max(1, prior.Count / 3000);
        double bestZ = 0, bestCost = double.MaxValue;
        var d = new List<double>();
        for (double dz = -SearchZMm; dz <= SearchZMm; dz += 2)
        {
            d.Clear();
            for (int i = 0; i < prior.Count; i += stride)
            {
                var p = prior[i] + new Vec3(c.X, c.Y, dz);
                d.Add(grid.Nearest(p, out _, out var dist) ? dist : CellMm);
            }
            d.Sort();
            double cost = 0;
            int keep = (int)(d.Count * 0.8);
            for (int i = 0; i < keep; i++) cost += d[i];
            if (cost < bestCost) { bestCost = cost; bestZ = dz; }
        }
        return new Vec3(c.X, c.Y, bestZ);
    }

    public const double SearchZMm = 60;

    public static Vec3 Centroid(IReadOnlyList<Vec3> pts)
    {
        double x = 0, y = 0, z = 0;
        foreach (var p in pts) { x += p.X; y += p.Y; z += p.Z; }
        return new Vec3(x / pts.Count, y / pts.Count, z / pts.Count);
    }

    /// <summary>Horn (1987): the rotation maximising the correlation of centred point sets is the top eigenvector of a 4x4 matrix.</summary>
    private static RigidTransform Solve(List<Vec3> p, List<Vec3> q)
    {
        var cp = Centroid(p); var cq = Centroid(q);
        double sxx = 0, sxy = 0, sxz = 0, syx = 0, syy = 0, syz = 0, szx = 0, szy = 0, szz = 0;
        for (int i = 0; i < p.Count; i++)
        {
            var a = p[i] - cp; var b = q[i] - cq;
            sxx += a.X * b.X; sxy += a.X * b.Y; sxz += a.X * b.Z;
            syx += a.Y * b.X; syy += a.Y * b.Y; syz += a.Y * b.Z;
            szx += a.Z * b.X; szy += a.Z * b.Y; szz += a.Z * b.Z;
        }
        double[,] n =
        {
            { sxx + syy + szz, syz - szy, szx - sxz, sxy - syx },
            { syz - szy, sxx - syy - szz, sxy + syx, szx + sxz },
            { szx - sxz, sxy + syx, -sxx + syy - szz, syz + szy },
            { sxy - syx, szx + sxz, syz + szy, -sxx - syy + szz },
        };
        var qv = TopEigenvector(n);
        double w = qv[0], x = qv[1], y = qv[2], z = qv[3];
        double[] r =
        [
            w * w + x * x - y * y - z * z, 2 * (x * y - w * z), 2 * (x * z + w * y),
            2 * (x * y + w * z), w * w - x * x + y * y - z * z, 2 * (y * z - w * x),
            2 * (x * z - w * y), 2 * (y * z + w * x), w * w - x * x - y * y + z * z,
        ];
        var rot = new RigidTransform(r, default);
        var t = cq - rot.Apply(cp);
        return new RigidTransform(r, t);
    }

    /// <summary>Jacobi rotations on a symmetric 4x4 matrix; the eigenvector of the largest eigenvalue.</summary>
    private static double[] TopEigenvector(double[,] a)
    {
        const int n = 4;
        var v = new double[n, n];
        for (int i = 0; i < n; i++) v[i, i] = 1;
        for (int sweep = 0; sweep < 100; sweep++)
        {
            double off = 0;
            for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) off += a[i, j] * a[i, j];
            if (off < 1e-20) break;
            for (int p = 0; p < n; p++)
            for (int q = p + 1; q < n; q++)
            {
                if (Math.Abs(a[p, q]) < 1e-300) continue;
                double theta = (a[q, q] - a[p, p]) / (2 * a[p, q]);
                double t = (theta >= 0 ? 1 : -1) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                double c = 1 / Math.Sqrt(t * t + 1), s = t * c;
                for (int k = 0; k < n; k++)
                {
                    double akp = a[k, p], akq = a[k, q];
                    a[k, p] = c * akp - s * akq; a[k, q] = s * akp + c * akq;
                }
                for (int k = 0; k < n; k++)
                {
                    double apk = a[p, k], aqk = a[q, k];
                    a[p, k] = c * apk - s * aqk; a[q, k] = s * apk + c * aqk;
                }
                for (int k = 0; k < n; k++)
                {
                    double vkp = v[k, p], vkq = v[k, q];
                    v[k, p] = c * vkp - s * vkq; v[k, q] = s * vkp + c * vkq;
                }
            }
        }
        int best = 0;
        for (int i = 1; i < n; i++) if (a[i, i] > a[best, best]) best = i;
        var e = new double[n];
        for (int k = 0; k < n; k++) e[k] = v[k, best];
        if (e[0] < 0) for (int k = 0; k < n; k++) e[k] = -e[k];
        return e;
    }

    /// <summary>Points bucketed on a cubic grid for nearest-neighbour queries within one cell.</summary>
    private sealed class PointGrid
    {
        private readonly Dictionary<(int, int, int), List<Vec3>> _cells = new();
        private readonly double _cell;

        public PointGrid(IReadOnlyList<Vec3> points, double cell)
        {
            _cell = cell;
            foreach (var p in points)
            {
                var k = Key(p);
                if (!_cells.TryGetValue(k, out var list)) _cells[k] = list = [];
                list.Add(p);
            }
        }

        private (int, int, int) Key(Vec3 p) => ((int)Math.Floor(p.X / _cell), (int)Math.Floor(p.Y / _cell), (int)Math.Floor(p.Z / _cell));

        public bool Nearest(Vec3 p, out Vec3 best, out double distance)
        {
            var (kx, ky, kz) = Key(p);
            best = default;
            double bd = double.MaxValue;
            for (int dx = -1; dx <= 1; dx++)
            for (int dy = -1; dy <= 1; dy++)
            for (int dz = -1; dz <= 1; dz++)
            {
                if (!_cells.TryGetValue((kx + dx, ky + dy, kz + dz), out var list)) continue;
                foreach (var q in list)
                {
                    double d = (q - p).Length;
                    if (d < bd) { bd = d; best = q; }
                }
            }
            distance = bd;
            return bd < _cell;
        }
    }
}
