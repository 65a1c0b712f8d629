using System.Runtime.InteropServices;

namespace CalciScope.Dicom.PixelDecoders;

/// <summary>
/// JPEG-LS lossless and near-lossless frames through Debian's CharLS (libcharls2), its C API called directly. The
/// codestream's size is checked against the header before any buffer is taken.
/// </summary>
internal sealed unsafe partial class CharLsDecoder : IFrameDecoder
{
    public static readonly CharLsDecoder Instance = new();

    private const string Library = "libcharls.so.2";
    /// <summary>The Debian package that brings <see cref="Library"/>.</summary>
    public const string DebianPackage = "libcharls2";

    [StructLayout(LayoutKind.Sequential)]
    private struct FrameInfo
    {
        public uint Width, Height;
        public int BitsPerSample, ComponentCount;
    }

    public void Decode(ReadOnlySpan<byte> frame, PixelDescription d, Span<int> stored)
    {
        IntPtr decoder = 0;
        try
        {
            decoder = charls_jpegls_decoder_create();
            if (decoder == 0) throw new DicomFormatException("CharLS could not create a decoder");
            FrameInfo info;
            byte[] buffer;
            fixed (byte* src = frame)
            {
                Check(charls_jpegls_decoder_set_source_buffer(decoder, src, (nuint)frame.Length), "JPEG-LS frame cannot be read");
                Check(charls_jpegls_decoder_read_header(decoder), "JPEG-LS header is corrupt");
                Check(charls_jpegls_decoder_get_frame_info(decoder, &info), "JPEG-LS header is corrupt");
                if (info.ComponentCount != 1) throw new DicomFormatException($"JPEG-LS frame has {info.ComponentCount} components; a CT image has one");
                if (info.Width != (uint)d.Columns || info.Height != (uint)d.Rows)
                    throw new DicomFormatException($"JPEG-LS frame is {info.Width}x{info.Height}, the header says {d.Columns}x{d.Rows}");
                if (info.BitsPerSample is < 2 or > 16) throw new DicomFormatException($"JPEG-LS frame has {info.BitsPerSample} bits per sample");
                nuint size;
                Check(charls_jpegls_decoder_get_destination_size(decoder, 0, &size), "JPEG-LS header is corrupt");
                if (size != (nuint)(d.PixelsPerFrame * (info.BitsPerSample > 8 ? 2 : 1))) throw new DicomFormatException("JPEG-LS frame size does not match the header");
                buffer = new byte[(int)size];
                fixed (byte* dst = buffer)
                    Check(charls_jpegls_decoder_decode_to_buffer(decoder, dst, size, 0), "JPEG-LS codestream is corrupt or truncated");
            }
            // Samples come back unsigned; signed data (Pixel Representation 1) is sign-extended over Bits Stored.
            int bits = Math.Min(d.BitsStored, info.BitsPerSample);
            int half = 1 << (bits - 1), full = 1 << bits;
            bool wide = info.BitsPerSample > 8;
            for (int i = 0; i < stored.Length; i++)
            {
                int v = wide ? buffer[2 * i] | buffer[2 * i + 1] << 8 : buffer[i];
                stored[i] = d.Signed && v >= half ? v - full : v;
            }
        }
        catch (DllNotFoundException)
        {
            throw new DicomFormatException($"JPEG-LS needs CharLS: install Debian's {DebianPackage} (apt-get install {DebianPackage})");
        }
        finally
        {
            if (decoder != 0) charls_jpegls_decoder_destroy(decoder);
        }
    }

    private static void Check(int error, string message)
    {
        if (error != 0) throw new DicomFormatException($"{message} (CharLS error {error})");
    }

    [LibraryImport(Library)] private static partial IntPtr charls_jpegls_decoder_create();
    [LibraryImport(Library)] private static partial void charls_jpegls_decoder_destroy(IntPtr decoder);
    [LibraryImport(Library)] private static partial int charls_jpegls_decoder_set_source_buffer(IntPtr decoder, byte* source, nuint size);
    [LibraryImport(Library)] private static partial int charls_jpegls_decoder_read_header(IntPtr decoder);
    [LibraryImport(Library)] private static partial int charls_jpegls_decoder_get_frame_info(IntPtr decoder, FrameInfo* info);
    [LibraryImport(Library)] private static partial int charls_jpegls_decoder_get_destination_size(IntPtr decoder, uint stride, nuint* size);
    [LibraryImport(Library)] private static partial int charls_jpegls_decoder_decode_to_buffer(IntPtr decoder, byte* destination, nuint size, uint stride);
}
