namespace CalciScope.Segmentation;

/// <summary>
/// Exact Euclidean distance transform of a 2D mask (Felzenszwalb and Huttenlocher's lower-envelope method, run per
/// column then per row), in millimetres with anisotropic pixel spacing. Linear in the number of pixels.
/// </summary>
public sealed class DistanceTransform2D
{
    private readonly int _w, _h;
    private readonly float[] _tmp;
    private readonly float[] _f, _d, _z;
    private readonly int[] _v;

    public DistanceTransform2D(int width, int height)
    {
        _w = width; _h = height;
        _tmp = new float[width * height];
        int n = Math.Max(width, height);
        _f = new float[n]; _d = new float[n]; _z = new float[n + 1]; _v = new int[n];
    }

    /// <summary>For each pixel, the distance (mm) to the nearest pixel where <paramref name="feature"/> is true (0 on features).</summary>
    public void Compute(ReadOnlySpan<bool> feature, Span<float> distanceMm, double spacingX, double spacingY)
    {
        const float Inf = 1e20f;
        float sx2 = (float)(spacingX * spacingX), sy2 = (float)(spacingY * spacingY);
        for (int x = 0; x < _w; x++)
        {
            for (int y = 0; y < _h; y++) _f[y] = feature[y * _w + x] ? 0 : Inf;
            Envelope(_h, sy2);
            for (int y = 0; y < _h; y++) _tmp[y * _w + x] = _d[y];
        }
        for (int y = 0; y < _h; y++)
        {
            _tmp.AsSpan(y * _w, _w).CopyTo(_f);
            Envelope(_w, sx2);
            var row = distanceMm.Slice(y * _w, _w);
            for (int x = 0; x < _w; x++) row[x] = MathF.Sqrt(_d[x]);
        }
    }

    /// <summary>1D squared-distance transform of _f (n samples, squared sample spacing s2) into _d; infinite samples are skipped.</summary>
    private void Envelope(int n, float s2)
    {
        const float Inf = 1e20f;
        int k = -1;
        for (int q = 0; q < n; q++)
        {
            if (_f[q] >= Inf) continue;
            if (k < 0)
            {
                k = 0; _v[0] = q; _z[0] = -float.MaxValue; _z[1] = float.MaxValue;
                continue;
            }
            float s;
            while (true)
            {
                int p = _v[k];
                s = ((_f[q] + s2 * q * q) - (_f[p] + s2 * p * p)) / (2 * s2 * (q - p));
                if (s <= _z[k]) { k--; continue; }
                break;
            }
            k++;
            _v[k] = q;
            _z[k] = s;
            _z[k + 1] = float.MaxValue;
        }
        if (k < 0)
        {
            _d.AsSpan(0, n).Fill(Inf);
            return;
        }
        k = 0;
        for (int q = 0; q < n; q++)
        {
            while (_z[k + 1] < q) k++;
            int p = _v[k];
            float dq = q - p;
            _d[q] = s2 * dq * dq + _f[p];
        }
    }
}
