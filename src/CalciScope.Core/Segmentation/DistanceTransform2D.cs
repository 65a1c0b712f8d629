namespace CalciScope.Segmentation;

/// <summary>
/// Exact Euclidean distance transform of a 2D mask, in millimetres with anisotropic pixel spacing: the distance along
/// each column first (two sweeps over the rows, so memory is read in order), then Felzenszwalb and Huttenlocher's
/// lower envelope along each row. Linear in the number of pixels; a rectangle of the slice can be transformed alone.
/// </summary>
public sealed class DistanceTransform2D
{
    private const float Inf = 1e20f;
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
    public void Compute(ReadOnlySpan<bool> feature, Span<float> distanceMm, double spacingX, double spacingY) =>
        Compute(feature, distanceMm, spacingX, spacingY, new PixelRect(0, 0, _w, _h));

    /// <summary>
    /// As <see cref="Compute(ReadOnlySpan{bool}, Span{float}, double, double)"/> over <paramref name="rect"/> alone, with
    /// only its features; pixels outside it are not written. Exact where every feature that matters lies inside it.
    /// </summary>
    public void Compute(ReadOnlySpan<bool> feature, Span<float> distanceMm, double spacingX, double spacingY, PixelRect rect)
    {
        float sx2 = (float)(spacingX * spacingX), sy2 = (float)(spacingY * spacingY);
        int x0 = rect.X0, rw = rect.Width;
        // Rows from the feature along each column, down then up; a column without a feature stays at Inf (Inf + 1 == Inf).
        for (int y = rect.Y0; y < rect.Y1; y++)
        {
            var f = feature.Slice(y * _w + x0, rw);
            var t = _tmp.AsSpan(y * _w + x0, rw);
            if (y == rect.Y0)
                for (int x = 0; x < rw; x++) t[x] = f[x] ? 0 : Inf;
            else
            {
                var above = _tmp.AsSpan((y - 1) * _w + x0, rw);
                for (int x = 0; x < rw; x++) t[x] = f[x] ? 0 : above[x] + 1;
            }
        }
        for (int y = rect.Y1 - 2; y >= rect.Y0; y--)
        {
            var t = _tmp.AsSpan(y * _w + x0, rw);
            var below = _tmp.AsSpan((y + 1) * _w + x0, rw);
            for (int x = 0; x < rw; x++) t[x] = Math.Min(t[x], below[x] + 1);
        }
        for (int y = rect.Y0; y < rect.Y1; y++)
        {
            var f = _f.AsSpan(0, rw);
            var t = _tmp.AsSpan(y * _w + x0, rw);
            for (int x = 0; x < rw; x++) f[x] = t[x] >= Inf ? Inf : sy2 * t[x] * t[x];
            Envelope(rw, x0, sx2);
            var row = distanceMm.Slice(y * _w + x0, rw);
            for (int x = 0; x < rw; x++) row[x] = MathF.Sqrt(_d[x]);
        }
    }

    /// <summary>
    /// 1D squared-distance transform of _f (n samples from index <paramref name="offset"/> of the full row, squared sample
    /// spacing s2) into _d; infinite samples are skipped. The parabolas meet where they would in the full row.
    /// </summary>
    private void Envelope(int n, int offset, float s2)
    {
        int k = -1;
        for (int i = 0; i < n; i++)
        {
            if (_f[i] >= Inf) continue;
            int q = i + offset;
            if (k < 0)
            {
                k = 0; _v[0] = q; _z[0] = -float.MaxValue; _z[1] = float.MaxValue;
                continue;
            }
            float s;
            while (true)
            {
                int p = _v[k];
                s = ((_f[i] + s2 * q * q) - (_f[p - offset] + s2 * p * p)) / (2 * s2 * (q - p));
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
        for (int i = 0; i < n; i++)
        {
            int q = i + offset;
            while (_z[k + 1] < q) k++;
            int p = _v[k];
            float dq = q - p;
            _d[i] = s2 * dq * dq + _f[p - offset];
        }
    }
}

/// <summary>A rectangle of a slice in pixels: columns [X0, X1), rows [Y0, Y1).</summary>
public readonly record struct PixelRect(int X0, int Y0, int X1, int Y1)
{
    public int Width => X1 - X0;
    public int Height => Y1 - Y0;
    public bool IsEmpty => X1 <= X0 || Y1 <= Y0;

    /// <summary>Grown by <paramref name="dx"/> columns and <paramref name="dy"/> rows each side, kept within a w x h slice.</summary>
    public PixelRect Grow(int dx, int dy, int w, int h) =>
        new(Math.Max(0, X0 - dx), Math.Max(0, Y0 - dy), Math.Min(w, X1 + dx), Math.Min(h, Y1 + dy));
}
