using System.Buffers.Binary;

namespace CalciScope.Dicom.PixelDecoders;

/// <summary>DICOM RLE Lossless (PS3.5 Annex G): one PackBits segment per byte plane, most significant first.</summary>
internal sealed class RleDecoder : IFrameDecoder
{
    public static readonly RleDecoder Instance = new();

    public void Decode(ReadOnlySpan<byte> frame, PixelDescription d, Span<int> stored)
    {
        if (frame.Length < 64) throw new DicomFormatException("RLE frame is shorter than its 64-byte header");
        int segments = (int)BinaryPrimitives.ReadUInt32LittleEndian(frame);
        int bytesPerSample = d.BitsAllocated / 8;
        if (segments != bytesPerSample) throw new DicomFormatException($"RLE frame has {segments} segments, {bytesPerSample} expected");
        int n = d.PixelsPerFrame;
        var values = new uint[n];
        var plane = new byte[n];
        for (int s = 0; s < segments; s++)
        {
            int start = (int)BinaryPrimitives.ReadUInt32LittleEndian(frame.Slice(4 + 4 * s));
            int stop = s + 1 < segments ? (int)BinaryPrimitives.ReadUInt32LittleEndian(frame.Slice(8 + 4 * s)) : frame.Length;
            if (start < 64 || stop > frame.Length || stop < start) throw new DicomFormatException($"RLE segment {s} offsets {start}..{stop} are outside the frame");
            UnpackBits(frame[start..stop], plane);
            int shift = 8 * (segments - 1 - s);
            for (int i = 0; i < n; i++) values[i] |= (uint)plane[i] << shift;
        }
        for (int i = 0; i < n; i++) stored[i] = d.ToStored(values[i]);
    }

    private static void UnpackBits(ReadOnlySpan<byte> src, Span<byte> dst)
    {
        int o = 0, i = 0;
        dst.Clear();
        while (i < src.Length && o < dst.Length)
        {
            sbyte h = (sbyte)src[i++];
            if (h >= 0)
            {
                int count = Math.Min(h + 1, Math.Min(dst.Length - o, src.Length - i));
                src.Slice(i, count).CopyTo(dst[o..]);
                i += h + 1;
                o += count;
            }
            else if (h != -128)
            {
                if (i >= src.Length) break;
                int count = Math.Min(1 - h, dst.Length - o);
                dst.Slice(o, count).Fill(src[i++]);
                o += count;
            }
        }
        if (o < dst.Length) throw new DicomFormatException($"RLE segment decodes to {o} bytes, {dst.Length} expected");
    }
}
