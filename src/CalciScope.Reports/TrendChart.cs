using System.Globalization;
using CalciScope.Store;
using SkiaSharp;

namespace CalciScope.Reports;

/// <summary>Burden over time: soft-tissue calcification of each study, right and left, as a line chart.</summary>
public static class TrendChart
{
    public static byte[] Render(IReadOnlyList<StoredStudy> studies)
    {
        int w = 560, h = 300;
        float left = 70, right = 20, top = 36, bottom = 46;
        using var chart = new ChartCanvas(w, h, "Soft-tissue calcification over time (mm\u00b3)", 11);
        var c = chart.Canvas;
        var text = chart.Text;
        var font = chart.Font;
        var points = studies.Where(s => s.SoftTissueMm3 is not null).ToList();
        double max = Math.Max(1, points.Select(p => p.SoftTissueMm3!.Value).DefaultIfEmpty(1).Max());
        using var axis = new SKPaint { Color = SKColors.Gray, StrokeWidth = 1 };
        c.DrawLine(left, h - bottom, w - right, h - bottom, axis);
        c.DrawLine(left, top, left, h - bottom, axis);
        c.DrawText($"{max:0}", 6, top + 8, font, text);
        c.DrawText("0", 50, h - bottom, font, text);
        float X(int i) => points.Count == 1 ? (left + w - right) / 2 : left + 10 + i * (w - right - left - 20) / (float)(points.Count - 1);
        float Y(double v) => (float)(h - bottom - v / max * (h - bottom - top));
        void Series(Func<StoredStudy, double?> value, SKColor colour, string label, float legendX)
        {
            using var line = new SKPaint { Color = colour, StrokeWidth = 2.5f, IsAntialias = true, Style = SKPaintStyle.Stroke };
            using var dot = new SKPaint { Color = colour, IsAntialias = true };
            for (int i = 0; i < points.Count; i++)
            {
                var v = value(points[i]) ?? 0;
                if (i > 0) c.DrawLine(X(i - 1), Y(value(points[i - 1]) ?? 0), X(i), Y(v), line);
                c.DrawCircle(X(i), Y(v), 4, dot);
            }
            c.DrawRect(legendX, h - 16, 10, 10, dot);
            c.DrawText(label, legendX + 14, h - 7, font, text);
        }
        Series(p => p.SoftTissueMm3, new SKColor(250, 180, 21), "total", left);
        Series(p => p.RightMm3, new SKColor(239, 68, 68), "right", left + 80);
        Series(p => p.LeftMm3, new SKColor(59, 130, 246), "left", left + 160);
        for (int i = 0; i < points.Count; i++) c.DrawText(Date(points[i].StudyDate), X(i) - 28, h - bottom + 16, font, text);
        return chart.Png();
    }

    private static string Date(string d) =>
        DateTime.TryParseExact(d, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d;
}
