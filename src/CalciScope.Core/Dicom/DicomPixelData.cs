using System.Buffers.Binary;
using CalciScope.Dicom.PixelDecoders;

namespace CalciScope.Dicom;

/// <summary>Cuts a file's pixel data into frames and decodes them to stored values with the syntax's decoder.</summary>
public static class DicomPixelData
{
    /// <summary>Decodes frame <paramref name="frame"/> of a monochrome image into <paramref name="stored"/>.</summary>
    public static void DecodeFrame(DicomFile file, PixelDescription d, int frame, Span<int> stored)
    {
        if (!d.IsMonochrome)
            throw new DicomFormatException($"{d.Photometric} with {d.SamplesPerPixel} samples per pixel is a colour image, not a CT image");
        if (!file.Syntax.Supported) throw new DicomFormatException(file.Syntax.UnsupportedMessage());
        var src = file.Pixels ?? throw new DicomFormatException("the file has no pixel data");
        if (frame < 0 || frame >= d.Frames) throw new DicomFormatException($"frame {frame} does not exist ({d.Frames} frames)");
        if (!file.Syntax.Encapsulated)
        {
            long offset = src.NativeOffset + (long)frame * d.BytesPerFrame;
            if (src.NativeLength < (long)(frame + 1) * d.BytesPerFrame)
                throw new DicomFormatException($"pixel data holds {src.NativeLength} bytes, {(long)d.Frames * d.BytesPerFrame} expected for {d.Frames} frame(s) of {d.Columns}x{d.Rows}x{d.BitsAllocated} bits");
            ReadOnlySpan<byte> bytes = src.Buffer.AsSpan((int)offset, d.BytesPerFrame);
            if (src.BigEndianWords && d.BitsAllocated >= 16)
            {
                // Big-endian pixel words are swapped in units of the bits allocated, as the syntax defines.
                var swapped = bytes.ToArray();
                int unit = d.BitsAllocated / 8;
                for (int i = 0; i + unit <= swapped.Length; i += unit) Array.Reverse(swapped, i, unit);
                bytes = swapped;
            }
            NativeDecoder.Instance.Decode(bytes, d, stored);
            return;
        }
        var data = EncapsulatedFrame(file, src, d, frame);
        var decoder = FrameDecoders.For(file.Syntax);
        decoder.Decode(data, d, stored);
    }

    private static byte[] EncapsulatedFrame(DicomFile file, PixelDataSource src, PixelDescription d, int frame)
    {
        var frags = src.Fragments;
        if (frags.Count == 0) throw new DicomFormatException("encapsulated pixel data has no fragments");
        if (d.Frames == 1) return Concat(src, 0, frags.Count);
        if (frags.Count == d.Frames) return Concat(src, frame, frame + 1);

        var starts = FrameStartOffsets(file.Dataset, src, d.Frames);
        if (starts is null) throw new DicomFormatException($"{frags.Count} fragments for {d.Frames} frames and no offset table to map them");
        // Offsets count from the first fragment's item tag, 8 bytes before its value.
        int first = frags[0].Offset - 8;
        int from = -1, to = frags.Count;
        for (int i = 0; i < frags.Count; i++)
        {
            long rel = frags[i].Offset - 8 - first;
            if (rel == (long)starts[frame]) from = i;
            if (frame + 1 < starts.Length && rel == (long)starts[frame + 1]) { to = i; break; }
        }
        if (from < 0) throw new DicomFormatException($"offset table entry {starts[frame]} of frame {frame} matches no fragment");
        return Concat(src, from, to);
    }

    private static ulong[]? FrameStartOffsets(DicomDataset ds, PixelDataSource src, int frames)
    {
        var ext = ds.Get(DicomTags.ExtendedOffsetTable);
        if (ext is { Value.Length: > 0 } && ext.Value.Length / 8 == frames)
        {
            var r = new ulong[frames];
            for (int i = 0; i < frames; i++) r[i] = BinaryPrimitives.ReadUInt64LittleEndian(ext.Value.AsSpan(i * 8));
            return r;
        }
        if (src.BasicOffsetTable.Count == frames) return src.BasicOffsetTable.Select(x => (ulong)x).ToArray();
        return null;
    }

    private static byte[] Concat(PixelDataSource src, int from, int to)
    {
        int total = 0;
        for (int i = from; i < to; i++) total += src.Fragments[i].Length;
        var buf = new byte[total];
        int o = 0;
        for (int i = from; i < to; i++)
        {
            var (off, len) = src.Fragments[i];
            src.Buffer.AsSpan(off, len).CopyTo(buf.AsSpan(o));
            o += len;
        }
        return buf;
    }
}
