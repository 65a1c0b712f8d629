using JpegLibrary;

namespace CalciScope.Dicom.PixelDecoders;

/// <summary>JPEG baseline, extended and lossless (process 14) frames through JpegLibrary.</summary>
internal sealed class JpegFrameDecoder : IFrameDecoder
{
    public static readonly JpegFrameDecoder Instance = new();

    public void Decode(ReadOnlySpan<byte> frame, PixelDescription d, Span<int> stored)
    {
        var decoder = new JpegDecoder();
        decoder.SetInput(frame.ToArray());
        try
        {
            decoder.Identify();
        }
        catch (Exception e) when (e is InvalidDataException or IndexOutOfRangeException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            throw new DicomFormatException($"JPEG stream cannot be read ({e.Message})");
        }
        if (decoder.Width != d.Columns || decoder.Height != d.Rows)
            throw new DicomFormatException($"JPEG frame is {decoder.Width}x{decoder.Height}, header says {d.Columns}x{d.Rows}");
        if (decoder.NumberOfComponents != 1) throw new DicomFormatException($"JPEG frame has {decoder.NumberOfComponents} components; only monochrome is supported");
        bool lossless = decoder.StartOfFrame is JpegMarker.StartOfFrame3 or JpegMarker.StartOfFrame7 or JpegMarker.StartOfFrame11 or JpegMarker.StartOfFrame15;
        var writer = new Writer(d.Columns, d.Rows, decoder.Precision, lossless);
        decoder.SetOutputWriter(writer);
        try
        {
            decoder.Decode();
        }
        catch (Exception e) when (e is InvalidDataException or IndexOutOfRangeException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            throw new DicomFormatException($"JPEG stream cannot be decoded ({e.Message})");
        }
        writer.Pixels.AsSpan(0, d.PixelsPerFrame).CopyTo(stored);
        if (d.Signed)
        {
            for (int i = 0; i < d.PixelsPerFrame; i++) stored[i] = d.ToStored((uint)stored[i]);
        }
    }

    private sealed class Writer(int width, int height, int precision, bool lossless) : JpegBlockOutputWriter
    {
        public int[] Pixels { get; } = new int[width * height];

        public override void WriteBlock(ref short blockRef, int componentIndex, int x, int y)
        {
            int w = Math.Min(8, width - x), h = Math.Min(8, height - y);
            int max = precision >= 16 ? 0xFFFF : (1 << precision) - 1;
            for (int r = 0; r < h; r++)
            for (int c = 0; c < w; c++)
            {
                int v = System.Runtime.CompilerServices.Unsafe.Add(ref blockRef, r * 8 + c);
                // Lossless samples of 16 bits arrive wrapped into short; lossy ones may overshoot after the IDCT.
                Pixels[(y + r) * width + x + c] = lossless ? v & max : Math.Clamp(v, 0, max);
            }
        }
    }
}
