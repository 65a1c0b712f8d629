using System.Buffers.Binary;

namespace CalciScope.Dicom.PixelDecoders;

/// <summary>Uncompressed pixels of 8, 16 or 32 bits, little endian (big-endian words are swapped by the caller).</summary>
internal sealed class NativeDecoder : IFrameDecoder
{
    public static readonly NativeDecoder Instance = new();

    public void Decode(ReadOnlySpan<byte> frame, PixelDescription d, Span<int> stored)
    {
        int n = d.PixelsPerFrame;
        int bytes = d.BitsAllocated / 8;
        if (frame.Length < n * bytes) throw new DicomFormatException($"frame holds {frame.Length} bytes, {n * bytes} expected");
        bool plain16 = d.BitsAllocated == 16 && d.BitsStored == 16 && d.HighBit == 15;
        switch (d.BitsAllocated)
        {
            case 16 when plain16 && d.Signed:
                for (int i = 0; i < n; i++) stored[i] = BinaryPrimitives.ReadInt16LittleEndian(frame.Slice(i * 2));
                break;
            case 16 when plain16:
                for (int i = 0; i < n; i++) stored[i] = BinaryPrimitives.ReadUInt16LittleEndian(frame.Slice(i * 2));
                break;
            case 16:
                for (int i = 0; i < n; i++) stored[i] = d.ToStored(BinaryPrimitives.ReadUInt16LittleEndian(frame.Slice(i * 2)));
                break;
            case 8:
                for (int i = 0; i < n; i++) stored[i] = d.ToStored(frame[i]);
                break;
            default:
                for (int i = 0; i < n; i++) stored[i] = d.ToStored(BinaryPrimitives.ReadUInt32LittleEndian(frame.Slice(i * 4)));
                break;
        }
    }
}
