namespace CalciScope.Tests;

/// <summary>
/// A DICOM file in Deflated Explicit VR Little Endian whose dataset is one private OB (0009,1010) of zeros: a few hundred
/// KB on disk that inflate to the given size. Shared by the reader's test and the CLI's allocation test (linked there).
/// </summary>
public static class DeflateBomb
{
    public static byte[] Build(int megabytes)
    {
        var b = new List<byte>(new byte[128]);
        b.AddRange("DICM"u8.ToArray());
        var ts = System.Text.Encoding.ASCII.GetBytes("1.2.840.10008.1.2.1.99");
        b.AddRange([0x02, 0x00, 0x10, 0x00, (byte)'U', (byte)'I']);
        b.AddRange(BitConverter.GetBytes((ushort)ts.Length));
        b.AddRange(ts);
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
