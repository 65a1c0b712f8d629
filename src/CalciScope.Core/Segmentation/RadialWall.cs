namespace CalciScope.Segmentation;

/// <summary>
/// The inner edge of the subcutaneous fat found the way a reader traces it: along rays from the centre of each body
/// part, inward from the skin through fat, the wall starts at the first run of muscle-density tissue (or enclosed air)
/// a few millimetres thick. The wall's depth is then smoothed round the circle (a circular median), so a gap in a thin
/// abdominal wall, a subcutaneous vein or a calcified strand in the fat does not move it. Everything deeper than the
/// wall is the cavity. This complements the morphological wall of <see cref="TissueMapper"/>, which loses thin walls of
/// lean or elderly patients (the abdominal cavity had become "subcutaneous" on real CTs).
/// </summary>
public sealed class RadialWall
{
    /// <summary>Rays per body part (one per degree).</summary>
    public const int Rays = 360;
    /// <summary>
    /// Muscle is a wall when at least this thick along the ray: thinner than the thinnest stretch of abdominal and
    /// chest wall muscle on the real CTs in ../shared/data (LIDC-IDRI 0001 and 0003, elderly, about 4-5 mm laterally),
    /// thicker than the fibrous septa and superficial veins of the fat there (1-2.5 mm).
    /// </summary>
    public const double WallMinMm = 3.0;
    /// <summary>Densities of a muscular wall: soft tissue above fat, below where calcium and bone begin.</summary>
    public const short WallMaxHu = 150;
    /// <summary>Half-width of the circular median, in rays (degrees).</summary>
    public const int SmoothHalfRays = 12;
    /// <summary>Below this share of rays finding a wall in the median's window, no wall is drawn there.</summary>
    public const double MinValidShare = 0.3;

    private readonly int _w, _h;
    private readonly double _sx, _sy;
    private readonly float[] _wall = new float[Rays];
    private readonly float[] _smooth = new float[Rays];
    private readonly float[] _window = new float[2 * SmoothHalfRays + 1];
    private readonly double[] _cos = new double[Rays], _sin = new double[Rays];

    public RadialWall(int width, int height, double spacingX, double spacingY)
    {
        _w = width; _h = height; _sx = spacingX; _sy = spacingY;
        for (int a = 0; a < Rays; a++) { _cos[a] = Math.Cos(2 * Math.PI * a / Rays); _sin[a] = Math.Sin(2 * Math.PI * a / Rays); }
    }

    /// <summary>
    /// Marks in <paramref name="cavity"/> the pixels of the body part labelled <paramref name="label"/> that lie deeper
    /// than its wall. <paramref name="air"/> is air enclosed by the body (lungs, bowel gas), which counts as inside the wall.
    /// </summary>
    public void Mark(ReadOnlySpan<short> hu, ReadOnlySpan<int> labels, int label, ReadOnlySpan<bool> air, double skinMm, Span<bool> cavity)
    {
        double ci = 0, cj = 0; long count = 0;
        for (int i = 0; i < labels.Length; i++)
            if (labels[i] == label) { ci += i % _w; cj += i / _w; count++; }
        if (count == 0) return;
        ci /= count; cj /= count;
        // Rays step in millimetres so that anisotropic pixels are walked evenly.
        double step = 0.5 * Math.Min(_sx, _sy);
        for (int a = 0; a < Rays; a++)
        {
            double dx = _cos[a] / _sx, dy = _sin[a] / _sy;
            // Outward from the centre to the last pixel of this body part.
            double rOut = 0;
            for (double r = 0; ; r += step)
            {
                int x = (int)Math.Round(ci + dx * r), y = (int)Math.Round(cj + dy * r);
                if (x < 0 || y < 0 || x >= _w || y >= _h) break;
                if (labels[y * _w + x] == label) rOut = r;
            }
            _wall[a] = float.NaN;
            double run = 0;
            for (double r = rOut - skinMm; r > 0; r -= step)
            {
                int x = (int)Math.Round(ci + dx * r), y = (int)Math.Round(cj + dy * r);
                if (x < 0 || y < 0 || x >= _w || y >= _h) continue;
                int i = y * _w + x;
                if (labels[i] != label) { run = 0; continue; }
                short v = hu[i];
                if (air[i]) { _wall[a] = (float)(r + run); break; }
                if (v >= TissueMapper.FatMaxHu && v <= WallMaxHu)
                {
                    run += step;
                    if (run >= WallMinMm) { _wall[a] = (float)(r + run); break; }
                }
                else if (v < TissueMapper.FatMaxHu) run = 0;
                // Denser than muscle (calcium, bone): neither wall nor fat; the run neither grows nor ends.
            }
        }
        Smooth();
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] != label) continue;
            double dxm = (i % _w - ci) * _sx, dym = (i / _w - cj) * _sy;
            double r = Math.Sqrt(dxm * dxm + dym * dym);
            int a = (int)Math.Round(Math.Atan2(dym, dxm) * Rays / (2 * Math.PI));
            if (a < 0) a += Rays;
            if (a >= Rays) a -= Rays;
            float wall = _smooth[a];
            if (!float.IsNaN(wall) && r < wall) cavity[i] = true;
        }
    }

    private void Smooth()
    {
        for (int a = 0; a < Rays; a++)
        {
            int n = 0;
            for (int d = -SmoothHalfRays; d <= SmoothHalfRays; d++)
            {
                float v = _wall[(a + d + Rays) % Rays];
                if (!float.IsNaN(v)) _window[n++] = v;
            }
            if (n < MinValidShare * _window.Length) { _smooth[a] = float.NaN; continue; }
            Array.Sort(_window, 0, n);
            _smooth[a] = _window[n / 2];
        }
    }
}
