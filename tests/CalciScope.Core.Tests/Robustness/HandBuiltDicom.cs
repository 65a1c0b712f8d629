namespace CalciScope.Tests;

/// <summary>
/// DICOM files built byte by byte for the hostile-input tests of the reader and the CLI (this file is linked into the
/// CLI's tests): the shared start of a file, a sequence with declared lengths, and a deflate bomb.
/// </summary>
public static class HandBuiltDicom
{
    public const string ExplicitLittleEndian = "1.2.840.10008.1.2.1", DeflatedExplicitLittleEndian = "1.2.840.10008.1.2.1.99";

    /// <summary>Preamble, DICM and a meta group naming <paramref name="transferSyntaxUid"/> (padded to even length with a NUL).</summary>
    public static List<byte> Preamble(string transferSyntaxUid = ExplicitLittleEndian)
    {
        var b = new List<byte>(new byte[128]);
        b.AddRange("DICM"u8.ToArray());
        var ts = System.Text.Encoding.ASCII.GetBytes(transferSyntaxUid.Length % 2 == 0 ? transferSyntaxUid : transferSyntaxUid + "\0");
        b.AddRange([0x02, 0x00, 0x10, 0x00, (byte)'U', (byte)'I']);
        b.AddRange(BitConverter.GetBytes((ushort)ts.Length));
        b.AddRange(ts);
        return b;
    }

    /// <summary>Explicit VR Little Endian with one SQ element (0008,1140) of the given length holding an item of its own length.</summary>
    public static byte[] WithSequence(uint sequenceLength, uint itemLength)
    {
        var b = Preamble();
        // (0008,1140) SQ, reserved, 32-bit length; then an item (FFFE,E000) with its own length and a few bytes.
        b.AddRange([0x08, 0x00, 0x40, 0x11, (byte)'S', (byte)'Q', 0, 0]);
        b.AddRange(BitConverter.GetBytes(sequenceLength));
        b.AddRange([0xFE, 0xFF, 0x00, 0xE0]);
        b.AddRange(BitConverter.GetBytes(itemLength));
        b.AddRange(new byte[Math.Min(itemLength, 16u)]);
        return b.ToArray();
    }

    /// <summary>
    /// Deflated Explicit VR Little Endian whose dataset is one private OB (0009,1010) of zeros: a few hundred KB on disk
    /// that inflate to <paramref name="megabytes"/> MB.
    /// </summary>
    public static byte[] DeflateBomb(int megabytes)
    {
        var b = Preamble(DeflatedExplicitLittleEndian);
        using var ms = new MemoryStream();
        using (var z = new System.IO.Compression.DeflateStream(ms, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
        {
            z.Write([0x09, 0x00, 0x10, 0x10, (byte)'O', (byte)'B', 0, 0]);
            z.Write(BitConverter.GetBytes((uint)megabytes << 20));
            var zeros = new byte[1 << 20];
            for (int i = 0; i < megabytes; i++) z.Write(zeros);
        }
        b.AddRange(ms.ToArray());
        return b.ToArray();
    }
}
