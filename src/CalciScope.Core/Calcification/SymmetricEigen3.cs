namespace CalciScope.Calcification;

/// <summary>Eigenvalues of a symmetric 3x3 matrix (Jacobi rotations), largest first.</summary>
internal static class SymmetricEigen3
{
    public static double[] Values(double a00, double a11, double a22, double a01, double a02, double a12)
    {
        var a = new double[3, 3] { { a00, a01, a02 }, { a01, a11, a12 }, { a02, a12, a22 } };
        for (int sweep = 0; sweep < 50; sweep++)
        {
            double off = a[0, 1] * a[0, 1] + a[0, 2] * a[0, 2] + a[1, 2] * a[1, 2];
            if (off < 1e-18) break;
            for (int p = 0; p < 2; p++)
            for (int q = p + 1; q < 3; q++)
            {
                if (Math.Abs(a[p, q]) < 1e-15) continue;
                double theta = (a[q, q] - a[p, p]) / (2 * a[p, q]);
                double t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                if (theta == 0) t = 1;
                double c = 1 / Math.Sqrt(t * t + 1), s = t * c;
                for (int k = 0; k < 3; k++)
                {
                    double akp = a[k, p], akq = a[k, q];
                    a[k, p] = c * akp - s * akq;
                    a[k, q] = s * akp + c * akq;
                }
                for (int k = 0; k < 3; k++)
                {
                    double apk = a[p, k], aqk = a[q, k];
                    a[p, k] = c * apk - s * aqk;
                    a[q, k] = s * apk + c * aqk;
                }
            }
        }
        var v = new[] { a[0, 0], a[1, 1], a[2, 2] };
        Array.Sort(v);
        Array.Reverse(v);
        return v;
    }
}
