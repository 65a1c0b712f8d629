using SkiaSharp;

namespace CalciScope.Reports;

/// <summary>A white canvas with a title and the text paint and fonts the report's charts share.</summary>
internal sealed class ChartCanvas : IDisposable
{
    private readonly SKSurface _surface;

    public ChartCanvas(int width, int height, string title, float textSize)
    {
        Width = width;
        Height = height;
        _surface = SKSurface.Create(new SKImageInfo(width, height));
        Canvas.Clear(SKColors.White);
        Font = new SKFont(Fonts.Regular, textSize);
        using var titleFont = new SKFont(Fonts.Bold, textSize + 1.5f);
        Canvas.DrawText(title, 12, 20, titleFont, Text);
    }

    public int Width { get; }
    public int Height { get; }
    public SKCanvas Canvas => _surface.Canvas;
    public SKPaint Text { get; } = new() { Color = new SKColor(30, 30, 30), IsAntialias = true };
    public SKFont Font { get; }

    public byte[] Png()
    {
        using var snap = _surface.Snapshot();
        using var data = snap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    public void Dispose()
    {
        Font.Dispose();
        Text.Dispose();
        _surface.Dispose();
    }
}
