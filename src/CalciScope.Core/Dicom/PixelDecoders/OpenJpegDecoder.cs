using System.Runtime.InteropServices;

namespace CalciScope.Dicom.PixelDecoders;

/// <summary>
/// JPEG 2000 (Part 1, lossless and lossy) and HTJ2K frames through Debian's OpenJPEG (libopenjp2-7), its C API called
/// directly. The frame is handed to OpenJPEG from memory; the one greyscale component comes back as 32-bit samples.
/// </summary>
internal sealed unsafe partial class OpenJpegDecoder : IFrameDecoder
{
    public static readonly OpenJpegDecoder Instance = new();

    private const string Library = "libopenjp2.so.7";
    /// <summary>The Debian package that brings <see cref="Library"/>.</summary>
    public const string DebianPackage = "libopenjp2-7";
    private const int CodecJ2k = 0, CodecJp2 = 2;
    /// <summary>opj_dparameters_t is about 8.3 KB in OpenJPEG 2.5; it is only filled with defaults and handed back.</summary>
    private const int ParametersBytes = 32 * 1024;

    public void Decode(ReadOnlySpan<byte> frame, PixelDescription d, Span<int> stored)
    {
        if (frame.Length < 12) throw new DicomFormatException("JPEG 2000 frame is shorter than a codestream header");
        // A raw codestream starts with SOC + SIZ (FF 4F FF 51); the JP2 file format with its signature box.
        bool jp2 = frame[4] == 0x6A && frame[5] == 0x50 && frame[6] == 0x20 && frame[7] == 0x20;
        IntPtr codec = 0, stream = 0, image = 0, parameters = 0;
        try
        {
            codec = opj_create_decompress(jp2 ? CodecJp2 : CodecJ2k);
            parameters = (IntPtr)NativeMemory.AllocZeroed(ParametersBytes);
            opj_set_default_decoder_parameters(parameters);
            if (codec == 0 || opj_setup_decoder(codec, parameters) == 0) throw new DicomFormatException("OpenJPEG could not set up a decoder");
            fixed (byte* data = frame)
            {
                var source = new MemorySource { Data = data, Length = frame.Length };
                stream = opj_stream_create((nuint)Math.Min(frame.Length, 1 << 20), 1);
                opj_stream_set_read_function(stream, &Read);
                opj_stream_set_skip_function(stream, &Skip);
                opj_stream_set_seek_function(stream, &Seek);
                opj_stream_set_user_data(stream, (IntPtr)(&source), 0);
                opj_stream_set_user_data_length(stream, (ulong)frame.Length);
                if (opj_read_header(stream, codec, out image) == 0) throw new DicomFormatException("JPEG 2000 codestream header is corrupt");
                // Before any sample is allocated: a codestream may claim any size (a bomb); it must be the header's.
                var h = (ImageHeader*)image;
                if (h->X1 - h->X0 != (uint)d.Columns || h->Y1 - h->Y0 != (uint)d.Rows)
                    throw new DicomFormatException($"JPEG 2000 codestream is {h->X1 - h->X0}x{h->Y1 - h->Y0}, the header says {d.Columns}x{d.Rows}");
                if (opj_decode(codec, stream, image) == 0 || opj_end_decompress(codec, stream) == 0)
                    throw new DicomFormatException("JPEG 2000 codestream is corrupt or truncated");
            }
            Copy((ImageHeader*)image, d, stored);
        }
        catch (DllNotFoundException)
        {
            throw new DicomFormatException($"JPEG 2000 needs OpenJPEG: install Debian's {DebianPackage} (apt-get install {DebianPackage})");
        }
        finally
        {
            if (image != 0) opj_image_destroy(image);
            if (stream != 0) opj_stream_destroy(stream);
            if (codec != 0) opj_destroy_codec(codec);
            if (parameters != 0) NativeMemory.Free((void*)parameters);
        }
    }

    private static void Copy(ImageHeader* image, PixelDescription d, Span<int> stored)
    {
        if (image->NumComps != 1) throw new DicomFormatException($"JPEG 2000 frame has {image->NumComps} components; a CT image has one");
        var c = image->Comps;
        if (c->W != (uint)d.Columns || c->H != (uint)d.Rows)
            throw new DicomFormatException($"JPEG 2000 frame is {c->W}x{c->H}, the header says {d.Columns}x{d.Rows}");
        if (c->Data == null) throw new DicomFormatException("JPEG 2000 frame decoded to no samples");
        var samples = new ReadOnlySpan<int>(c->Data, d.PixelsPerFrame);
        // Signedness as the DICOM header says: some writers encode signed data as an unsigned component (the known
        // Pixel Representation mismatch), which the reference readers sign-extend over Bits Stored.
        if (d.Signed && c->Sgnd == 0 && d.BitsStored is > 0 and < 32)
        {
            int half = 1 << (d.BitsStored - 1), full = 1 << d.BitsStored;
            for (int i = 0; i < samples.Length; i++) stored[i] = samples[i] >= half ? samples[i] - full : samples[i];
        }
        else samples.CopyTo(stored);
    }

    private struct MemorySource
    {
        public byte* Data;
        public long Length;
        public long Position;
    }

    [UnmanagedCallersOnly]
    private static nuint Read(IntPtr buffer, nuint count, IntPtr user)
    {
        var s = (MemorySource*)user;
        long left = s->Length - s->Position;
        if (left <= 0) return unchecked((nuint)(-1));
        long n = Math.Min(left, (long)count);
        Buffer.MemoryCopy(s->Data + s->Position, (void*)buffer, (long)count, n);
        s->Position += n;
        return (nuint)n;
    }

    [UnmanagedCallersOnly]
    private static long Skip(long count, IntPtr user)
    {
        var s = (MemorySource*)user;
        long to = Math.Clamp(s->Position + count, 0, s->Length);
        long moved = to - s->Position;
        s->Position = to;
        return moved;
    }

    [UnmanagedCallersOnly]
    private static int Seek(long position, IntPtr user)
    {
        var s = (MemorySource*)user;
        if (position < 0 || position > s->Length) return 0;
        s->Position = position;
        return 1;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct ComponentHeader
    {
        public uint Dx, Dy, W, H, X0, Y0, Prec, Bpp, Sgnd, ResnoDecoded, Factor;
        public int* Data;
        public ushort Alpha;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct ImageHeader
    {
        public uint X0, Y0, X1, Y1, NumComps;
        public int ColorSpace;
        public ComponentHeader* Comps;
        public byte* IccProfile;
        public uint IccProfileLength;
    }

    [LibraryImport(Library)] private static partial IntPtr opj_create_decompress(int format);
    [LibraryImport(Library)] private static partial void opj_set_default_decoder_parameters(IntPtr parameters);
    [LibraryImport(Library)] private static partial int opj_setup_decoder(IntPtr codec, IntPtr parameters);
    [LibraryImport(Library)] private static partial IntPtr opj_stream_create(nuint bufferSize, int isInput);
    [LibraryImport(Library)] private static partial void opj_stream_set_read_function(IntPtr stream, delegate* unmanaged<IntPtr, nuint, IntPtr, nuint> read);
    [LibraryImport(Library)] private static partial void opj_stream_set_skip_function(IntPtr stream, delegate* unmanaged<long, IntPtr, long> skip);
    [LibraryImport(Library)] private static partial void opj_stream_set_seek_function(IntPtr stream, delegate* unmanaged<long, IntPtr, int> seek);
    [LibraryImport(Library)] private static partial void opj_stream_set_user_data(IntPtr stream, IntPtr data, IntPtr free);
    [LibraryImport(Library)] private static partial void opj_stream_set_user_data_length(IntPtr stream, ulong length);
    [LibraryImport(Library)] private static partial int opj_read_header(IntPtr stream, IntPtr codec, out IntPtr image);
    [LibraryImport(Library)] private static partial int opj_decode(IntPtr codec, IntPtr stream, IntPtr image);
    [LibraryImport(Library)] private static partial int opj_end_decompress(IntPtr codec, IntPtr stream);
    [LibraryImport(Library)] private static partial void opj_image_destroy(IntPtr image);
    [LibraryImport(Library)] private static partial void opj_destroy_codec(IntPtr codec);
    [LibraryImport(Library)] private static partial void opj_stream_destroy(IntPtr stream);
}
