using SkiaSharp;

namespace CalciScope.Reports;

/// <summary>report.pdf through Skia's PDF backend: A4 pages, wrapped text, the findings table and the key images.</summary>
public static class PdfReportWriter
{
    private const float PageW = 595, PageH = 842, Margin = 48;

    public static void Write(Stream output, ReportModel m, ReportText t, IReadOnlyList<KeyImage> images)
    {
        using var doc = SKDocument.CreatePdf(output, new SKDocumentPdfMetadata { Title = t.Title, Creator = "CalciScope", Producer = "CalciScope (Skia PDF)" });
        var w = new PageWriter(doc);
        w.Heading(t.Title, 18);
        w.Small($"Patient: {m.Study.PatientName} ({m.Study.PatientId})   Study date: {m.Study.StudyDate}");
        w.Small($"Study UID: {m.Study.StudyUid}");
        w.Heading("Technique", 13);
        foreach (var l in t.Technique) w.Paragraph(l);
        w.Heading("Findings", 13);
        foreach (var l in t.FindingSentences) w.Paragraph(l);
        if (t.Findings.Count > 0)
        {
            w.Row(["Region", "Side", "Compartment", "Pattern", "n", "mm\u00b3", "depth"], bold: true);
            foreach (var r in t.Findings.Take(20))
                w.Row([ReportText.Words(r.Region), r.Side, r.Compartment, ReportText.Words(r.Pattern), r.Count.ToString(), r.VolumeMm3.ToString("0"), r.MinDepthMm.ToString("0")]);
        }
        w.Heading("Impression", 13);
        foreach (var l in t.Impression) w.Paragraph(l);
        w.Heading("Recommendations", 13);
        foreach (var l in t.Recommendations.DefaultIfEmpty("None beyond clinical correlation.")) w.Paragraph(l);
        w.Heading("Key images", 13);
        w.Images(images);
        w.Heading("Limits", 13);
        foreach (var l in t.Limits) w.Paragraph(l, 9);
        w.Close();
    }

    private sealed class PageWriter(SKDocument doc)
    {
        private SKCanvas? _canvas;
        private float _y;
        private int _page;

        private SKCanvas Canvas
        {
            get
            {
                if (_canvas is null) NewPage();
                return _canvas!;
            }
        }

        private void NewPage()
        {
            if (_canvas is not null) { Footer(); doc.EndPage(); }
            _canvas = doc.BeginPage(PageW, PageH);
            _page++;
            _y = Margin;
        }

        private void Footer()
        {
            using var f = new SKFont(Fonts.Regular, 8);
            using var p = new SKPaint { Color = SKColors.Gray, IsAntialias = true };
            _canvas!.DrawText($"CalciScope report - page {_page} - decision support, not a diagnosis", Margin, PageH - 24, f, p);
        }

        private void Need(float h)
        {
            if (_canvas is null || _y + h > PageH - Margin) NewPage();
        }

        public void Heading(string text, float size)
        {
            Need(size + 14);
            _y += size * 0.6f;
            using var f = new SKFont(Fonts.Bold, size);
            using var p = new SKPaint { Color = new SKColor(11, 79, 108), IsAntialias = true };
            Canvas.DrawText(text, Margin, _y + size, f, p);
            _y += size + 6;
        }

        public void Small(string text) => Paragraph(text, 9);

        public void Paragraph(string text, float size = 10.5f)
        {
            using var f = new SKFont(Fonts.Regular, size);
            using var p = new SKPaint { Color = new SKColor(31, 41, 51), IsAntialias = true };
            foreach (var line in Wrap(text, f, PageW - 2 * Margin))
            {
                Need(size + 4);
                Canvas.DrawText(line, Margin, _y + size, f, p);
                _y += size + 4;
            }
            _y += 3;
        }

        public void Row(string[] cells, bool bold = false)
        {
            float[] widths = [80, 45, 80, 95, 30, 60, 40];
            Need(16);
            using var f = new SKFont(bold ? Fonts.Bold : Fonts.Regular, 9);
            using var p = new SKPaint { Color = new SKColor(31, 41, 51), IsAntialias = true };
            float x = Margin;
            for (int i = 0; i < cells.Length; i++)
            {
                Canvas.DrawText(cells[i], x, _y + 10, f, p);
                x += widths[Math.Min(i, widths.Length - 1)] + 6;
            }
            _y += 14;
        }

        public void Images(IReadOnlyList<KeyImage> images)
        {
            float colW = (PageW - 2 * Margin - 12) / 2;
            for (int i = 0; i < images.Count; i += 2)
            {
                float rowH = 0;
                for (int j = i; j < Math.Min(i + 2, images.Count); j++) rowH = Math.Max(rowH, colW * images[j].Height / images[j].Width);
                Need(rowH + 30);
                for (int j = i; j < Math.Min(i + 2, images.Count); j++)
                {
                    using var img = SKImage.FromEncodedData(images[j].Png);
                    float x = Margin + (j - i) * (colW + 12), h = colW * images[j].Height / images[j].Width;
                    Canvas.DrawImage(img, new SKRect(x, _y, x + colW, _y + h));
                    using var f = new SKFont(Fonts.Regular, 7.5f);
                    using var p = new SKPaint { Color = SKColors.DimGray, IsAntialias = true };
                    float cy = _y + h + 9;
                    foreach (var line in Wrap(images[j].Caption, f, colW).Take(2)) { Canvas.DrawText(line, x, cy, f, p); cy += 9; }
                }
                _y += rowH + 30;
            }
        }

        public void Close()
        {
            if (_canvas is null) NewPage();
            Footer();
            doc.EndPage();
            doc.Close();
        }

        private static IEnumerable<string> Wrap(string text, SKFont font, float width)
        {
            var line = "";
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (font.MeasureText(candidate) > width && line.Length > 0) { yield return line; line = word; }
                else line = candidate;
            }
            if (line.Length > 0) yield return line;
        }
    }
}
