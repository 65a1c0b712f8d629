using CalciScope.Calcification;
using CalciScope.Imaging;
using CalciScope.Pipeline;
using SkiaSharp;

namespace CalciScope.Reports;

/// <summary>
/// Renders the report's figures from the CT: axial slices through the largest lesions at a soft-tissue window with
/// calcification coloured by compartment and a scale bar; axial and coronal maximum-intensity projections of
/// soft-tissue calcification over a faint body outline (what a radiograph shows); a chart of burden by region and side.
/// </summary>
public static class KeyImageRenderer
{
    public static readonly IReadOnlyDictionary<string, SKColor> CompartmentColours = new Dictionary<string, SKColor>
    {
        ["skin"] = new(236, 72, 153), ["subcutaneous"] = new(250, 204, 21), ["fascial"] = new(34, 211, 238), ["muscle"] = new(239, 68, 68),
        ["vascular"] = new(59, 130, 246), ["visceral"] = new(74, 222, 128), ["periarticular"] = new(249, 115, 22), ["other"] = new(160, 160, 160),
    };

    private const int TargetWidth = 560;

    public static IReadOnlyList<KeyImage> Render(AnalysisResult r)
    {
        var images = new List<KeyImage>();
        var g = r.Study.Hu.Geometry;
        var soft = r.Lesions.Where(l => l.Compartment != "vascular").OrderByDescending(l => l.VolumeMm3).ToList();
        var chosen = new List<int>();
        foreach (var l in soft.Concat(r.Lesions.Where(l => l.Compartment == "vascular")))
        {
            int k = Math.Clamp((int)Math.Round(g.ToIndex(new Vec3(l.CentroidMm[0], l.CentroidMm[1], l.CentroidMm[2])).Z), 0, g.SizeZ - 1);
            if (chosen.All(c => Math.Abs(c - k) * g.Spacing.Z >= 15)) chosen.Add(k);
            if (chosen.Count == 3) break;
        }
        if (chosen.Count == 0) chosen.Add(g.SizeZ / 2);
        foreach (var k in chosen)
        {
            var z = g.ToPatient(0, 0, k).Z;
            images.Add(Axial(r, k, $"axial_z{Math.Round(z):0}", $"Axial slice at z = {z:0} mm, soft-tissue window (W 400, L 40); calcification coloured by compartment."));
        }
        images.Add(AxialMip(r));
        images.Add(CoronalMip(r));
        images.Add(BurdenChart(r.Summary));
        return images;
    }

    private static (bool FlipX, bool FlipY) Flips(VolumeGeometry g) => (g.AxisI.X < 0, g.AxisJ.Y < 0);

    private static KeyImage Axial(AnalysisResult r, int k, string name, string caption)
    {
        var g = r.Study.Hu.Geometry;
        var hu = r.Study.Hu.Slice(k);
        var labels = r.Detection.LabelMap.AsSpan(k * g.SizeX * g.SizeY, g.SizeX * g.SizeY);
        var (fx, fy) = Flips(g);
        using var bmp = new SKBitmap(g.SizeX, g.SizeY, SKColorType.Rgba8888, SKAlphaType.Premul);
        var colours = Palette();
        for (int j = 0; j < g.SizeY; j++)
        for (int i = 0; i < g.SizeX; i++)
        {
            int idx = j * g.SizeX + i;
            byte grey = (byte)Math.Clamp((hu[idx] - (40 - 200)) * 255 / 400, 0, 255);
            var c = new SKColor(grey, grey, grey);
            byte label = labels[idx];
            if (label is > 0 and < 9) c = Blend(c, colours[label], 0.85);
            bmp.SetPixel(fx ? g.SizeX - 1 - i : i, fy ? g.SizeY - 1 - j : j, c);
        }
        return Finish(bmp, g.Spacing.X, g.Spacing.Y, name, caption, "R", "L", scaleBar: true);
    }

    private static KeyImage AxialMip(AnalysisResult r)
    {
        var g = r.Study.Hu.Geometry;
        int nx = g.SizeX, ny = g.SizeY, len = nx * ny;
        var body = new bool[len];
        var calc = new byte[len];
        var hu = r.Study.Hu.Data;
        var map = r.Detection.LabelMap;
        for (int k = 0; k < g.SizeZ; k++)
        for (int p = 0; p < len; p++)
        {
            int idx = k * len + p;
            if (hu[idx] > -400) body[p] = true;
            byte l = map[idx];
            if (l is > 0 and < 9 && l != 5) calc[p] = l;
        }
        var (fx, fy) = Flips(g);
        using var bmp = new SKBitmap(nx, ny);
        var colours = Palette();
        for (int j = 0; j < ny; j++)
        for (int i = 0; i < nx; i++)
        {
            int p = j * nx + i;
            var c = calc[p] != 0 ? colours[calc[p]] : body[p] ? new SKColor(70, 70, 80) : SKColors.Black;
            bmp.SetPixel(fx ? nx - 1 - i : i, fy ? ny - 1 - j : j, c);
        }
        return Finish(bmp, g.Spacing.X, g.Spacing.Y, "mip_axial", "Axial maximum-intensity projection of soft-tissue calcification (vessels excluded) over the body outline.", "R", "L", true);
    }

    private static KeyImage CoronalMip(AnalysisResult r)
    {
        var g = r.Study.Hu.Geometry;
        int nx = g.SizeX, ny = g.SizeY, nz = g.SizeZ, len = nx * ny;
        var body = new bool[nx * nz];
        var calc = new bool[nx * nz];
        var hu = r.Study.Hu.Data;
        var map = r.Detection.LabelMap;
        for (int k = 0; k < nz; k++)
        for (int j = 0; j < ny; j++)
        for (int i = 0; i < nx; i++)
        {
            int idx = k * len + j * nx + i;
            if (hu[idx] > -400) body[k * nx + i] = true;
            byte l = map[idx];
            if (l is > 0 and < 9 && l != 5) calc[k * nx + i] = true;
        }
        var (fx, _) = Flips(g);
        bool headUp = g.AxisK.Z > 0;
        using var bmp = new SKBitmap(nx, nz);
        for (int k = 0; k < nz; k++)
        for (int i = 0; i < nx; i++)
        {
            int p = k * nx + i;
            var c = calc[p] ? SKColors.White : body[p] ? new SKColor(60, 60, 70) : SKColors.Black;
            bmp.SetPixel(fx ? nx - 1 - i : i, headUp ? nz - 1 - k : k, c);
        }
        return Finish(bmp, g.Spacing.X, g.Spacing.Z, "mip_coronal", "Coronal maximum-intensity projection of soft-tissue calcification: the radiograph view.", "R", "L", true);
    }

    private static SKColor[] Palette()
    {
        var p = new SKColor[10];
        for (int i = 1; i < CalcificationDetector.LabelNames.Length - 1; i++)
            p[i] = CompartmentColours.GetValueOrDefault(CalcificationDetector.LabelNames[i], SKColors.Gray);
        p[9] = SKColors.White;
        return p;
    }

    private static SKColor Blend(SKColor a, SKColor b, double t) =>
        new((byte)(a.Red * (1 - t) + b.Red * t), (byte)(a.Green * (1 - t) + b.Green * t), (byte)(a.Blue * (1 - t) + b.Blue * t));

    /// <summary>Scales to physical aspect, adds side labels and a 50 mm scale bar, encodes PNG.</summary>
    private static KeyImage Finish(SKBitmap src, double sx, double sy, string name, string caption, string left, string right, bool scaleBar)
    {
        double widthMm = src.Width * sx, heightMm = src.Height * sy;
        int w = TargetWidth, h = (int)Math.Round(TargetWidth * heightMm / widthMm);
        using var surface = SKSurface.Create(new SKImageInfo(w, h));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.Black);
        using (var img = SKImage.FromBitmap(src))
            canvas.DrawImage(img, new SKRect(0, 0, w, h), new SKSamplingOptions(SKFilterMode.Nearest));
        using var font = new SKFont(Fonts.Bold, 16);
        using var paint = new SKPaint { Color = SKColors.White, IsAntialias = true };
        canvas.DrawText(left, 8, 22, font, paint);
        canvas.DrawText(right, w - 20, 22, font, paint);
        if (scaleBar)
        {
            float px = (float)(50 / widthMm * w);
            using var bar = new SKPaint { Color = SKColors.White, StrokeWidth = 3 };
            canvas.DrawLine(12, h - 14, 12 + px, h - 14, bar);
            using var small = new SKFont(Fonts.Regular, 12);
            canvas.DrawText("50 mm", 12, h - 20, small, paint);
        }
        using var snapshot = surface.Snapshot();
        using var data = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        return new KeyImage(name, caption, data.ToArray(), w, h);
    }

    public static KeyImage BurdenChart(AnalysisSummary s)
    {
        var regions = s.VolumeByRegion.Keys.OrderByDescending(k => s.VolumeByRegion[k]).ToList();
        int w = 560, h = 300;
        using var chart = new ChartCanvas(w, h, "Soft-tissue calcification by region and side (mm\u00b3)", 13);
        var c = chart.Canvas;
        var text = chart.Text;
        var font = chart.Font;
        if (regions.Count == 0)
        {
            c.DrawText("No soft-tissue calcification.", 12, 60, font, text);
        }
        else
        {
            // Per-region right/left volumes are not in the summary; the chart shows region totals and the side split.
            double max = Math.Max(1, regions.Max(r => s.VolumeByRegion[r]));
            float left = 130, top = 40, barH = Math.Min(28, (h - 90) / regions.Count - 6);
            using var bar = new SKPaint { Color = new SKColor(250, 180, 21) };
            for (int i = 0; i < regions.Count; i++)
            {
                float y = top + i * (barH + 6);
                float len = (float)((w - left - 90) * s.VolumeByRegion[regions[i]] / max);
                c.DrawRect(left, y, len, barH, bar);
                c.DrawText(regions[i].Replace('_', ' '), 12, y + barH * 0.7f, font, text);
                c.DrawText($"{s.VolumeByRegion[regions[i]]:0}", left + len + 6, y + barH * 0.7f, font, text);
            }
            double right = s.VolumeBySide.GetValueOrDefault("right"), leftV = s.VolumeBySide.GetValueOrDefault("left");
            double total = Math.Max(1, right + leftV);
            float sy = h - 36;
            using var rp = new SKPaint { Color = new SKColor(239, 68, 68) };
            using var lp = new SKPaint { Color = new SKColor(59, 130, 246) };
            float span = w - 24;
            c.DrawRect(12, sy, (float)(span * right / total), 16, rp);
            c.DrawRect(12 + (float)(span * right / total), sy, (float)(span * leftV / total), 16, lp);
            c.DrawText($"right {right:0} mm\u00b3   |   left {leftV:0} mm\u00b3   (R/L {(s.RightLeftRatio is { } q ? q.ToString("0.00") : "n/a")})", 12, sy - 6, font, text);
        }
        return new KeyImage("burden_chart", "Burden of soft-tissue calcification by region, and the right/left split.", chart.Png(), w, h);
    }
}
