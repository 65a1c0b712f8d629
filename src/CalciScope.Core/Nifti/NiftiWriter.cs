using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;
using CalciScope.Imaging;

namespace CalciScope.Nifti;

/// <summary>Writes a volume as NIfTI-1 (or NIfTI-2) with sform and, where the axes are orthogonal, qform, in RAS as the format wants.</summary>
public static class NiftiWriter
{
    public static void Write(string path, Volume<short> volume, string description = "CalciScope", int version = 1) =>
        Write(path, volume.Geometry, volume.Data, NiftiHeader.DtInt16, description, version);

    public static void Write(string path, Volume<float> volume, string description = "CalciScope", int version = 1) =>
        Write(path, volume.Geometry, volume.Data, NiftiHeader.DtFloat32, description, version);

    public static void Write(string path, Volume<byte> volume, string description = "CalciScope", int version = 1) =>
        Write(path, volume.Geometry, volume.Data, NiftiHeader.DtUInt8, description, version);

    /// <summary>Voxels written in slabs of this many: the volume is written as it lies in memory, never copied whole (2 GB for a 1024x1024x1000 int16 study).</summary>
    private const int SlabElements = 1 << 20;

    private static void Write<T>(string path, VolumeGeometry g, T[] data, short datatype, string description, int version) where T : unmanaged
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("big-endian hosts");
        var lps = g.Affine();
        var ras = (double[])lps.Clone();
        for (int c = 0; c < 4; c++) { ras[c] = -ras[c]; ras[4 + c] = -ras[4 + c]; }
        var header = version == 2 ? HeaderV2(g, ras, datatype, description) : HeaderV1(g, ras, datatype, description);
        AtomicFile.Write(path, fs =>
        {
            Stream s = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(fs, CompressionLevel.Fastest, leaveOpen: true) : fs;
            s.Write(header);
            for (int off = 0; off < data.Length; off += SlabElements)
                s.Write(MemoryMarshal.AsBytes(data.AsSpan(off, Math.Min(SlabElements, data.Length - off))));
            s.Flush();
            if (s != fs) s.Dispose();
        });
    }

    private static byte[] HeaderV1(VolumeGeometry g, double[] ras, short datatype, string description)
    {
        var b = new byte[352];
        var s = b.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(s, 348);
        short[] dim = [3, (short)g.SizeX, (short)g.SizeY, (short)g.SizeZ, 1, 1, 1, 1];
        for (int i = 0; i < 8; i++) BinaryPrimitives.WriteInt16LittleEndian(s[(40 + 2 * i)..], dim[i]);
        BinaryPrimitives.WriteInt16LittleEndian(s[70..], datatype);
        BinaryPrimitives.WriteInt16LittleEndian(s[72..], (short)(NiftiHeader.BytesPer(datatype) * 8));
        var (qfac, quat, ok) = Quaternion(ras);
        float[] pix = [(float)qfac, (float)g.Spacing.X, (float)g.Spacing.Y, (float)g.Spacing.Z, 1, 1, 1, 1];
        for (int i = 0; i < 8; i++) BinaryPrimitives.WriteSingleLittleEndian(s[(76 + 4 * i)..], pix[i]);
        BinaryPrimitives.WriteSingleLittleEndian(s[108..], 352);
        BinaryPrimitives.WriteSingleLittleEndian(s[112..], 1);
        BinaryPrimitives.WriteSingleLittleEndian(s[116..], 0);
        s[123] = 10; // xyzt_units: mm and s
        Encoding.ASCII.GetBytes(description.Length > 79 ? description[..79] : description).CopyTo(s[148..]);
        BinaryPrimitives.WriteInt16LittleEndian(s[252..], (short)(ok ? 1 : 0));
        BinaryPrimitives.WriteInt16LittleEndian(s[254..], 1);
        for (int i = 0; i < 3; i++) BinaryPrimitives.WriteSingleLittleEndian(s[(256 + 4 * i)..], (float)quat[i]);
        for (int i = 0; i < 3; i++) BinaryPrimitives.WriteSingleLittleEndian(s[(268 + 4 * i)..], (float)ras[4 * i + 3]);
        for (int r = 0; r < 3; r++)
        for (int c = 0; c < 4; c++)
            BinaryPrimitives.WriteSingleLittleEndian(s[(280 + 16 * r + 4 * c)..], (float)ras[4 * r + c]);
        "n+1\0"u8.CopyTo(s[344..]);
        return b;
    }

    private static byte[] HeaderV2(VolumeGeometry g, double[] ras, short datatype, string description)
    {
        var b = new byte[544];
        var s = b.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(s, 540);
        "n+2\0\r\n\x1a\n"u8.CopyTo(s[4..]);
        BinaryPrimitives.WriteInt16LittleEndian(s[12..], datatype);
        BinaryPrimitives.WriteInt16LittleEndian(s[14..], (short)(NiftiHeader.BytesPer(datatype) * 8));
        long[] dim = [3, g.SizeX, g.SizeY, g.SizeZ, 1, 1, 1, 1];
        for (int i = 0; i < 8; i++) BinaryPrimitives.WriteInt64LittleEndian(s[(16 + 8 * i)..], dim[i]);
        var (qfac, quat, ok) = Quaternion(ras);
        double[] pix = [qfac, g.Spacing.X, g.Spacing.Y, g.Spacing.Z, 1, 1, 1, 1];
        for (int i = 0; i < 8; i++) BinaryPrimitives.WriteDoubleLittleEndian(s[(104 + 8 * i)..], pix[i]);
        BinaryPrimitives.WriteInt64LittleEndian(s[168..], 544);
        BinaryPrimitives.WriteDoubleLittleEndian(s[176..], 1);
        Encoding.ASCII.GetBytes(description.Length > 79 ? description[..79] : description).CopyTo(s[240..]);
        BinaryPrimitives.WriteInt32LittleEndian(s[344..], ok ? 1 : 0);
        BinaryPrimitives.WriteInt32LittleEndian(s[348..], 1);
        for (int i = 0; i < 3; i++) BinaryPrimitives.WriteDoubleLittleEndian(s[(352 + 8 * i)..], quat[i]);
        for (int i = 0; i < 3; i++) BinaryPrimitives.WriteDoubleLittleEndian(s[(376 + 8 * i)..], ras[4 * i + 3]);
        for (int r = 0; r < 3; r++)
        for (int c = 0; c < 4; c++)
            BinaryPrimitives.WriteDoubleLittleEndian(s[(400 + 32 * r + 8 * c)..], ras[4 * r + c]);
        BinaryPrimitives.WriteInt32LittleEndian(s[500..], 10);
        return b;
    }

    /// <summary>The qform quaternion of the rotation part; not ok when the axes are not orthogonal (tilt shear).</summary>
    private static (double Qfac, double[] Quat, bool Ok) Quaternion(double[] a)
    {
        var c0 = new Vec3(a[0], a[4], a[8]).Normalized();
        var c1 = new Vec3(a[1], a[5], a[9]).Normalized();
        var c2 = new Vec3(a[2], a[6], a[10]).Normalized();
        bool orthogonal = Math.Abs(c0.Dot(c1)) < 1e-4 && Math.Abs(c0.Dot(c2)) < 1e-4 && Math.Abs(c1.Dot(c2)) < 1e-4;
        double qfac = c0.Cross(c1).Dot(c2) < 0 ? -1 : 1;
        if (qfac < 0) c2 = -c2;
        double r11 = c0.X, r12 = c1.X, r13 = c2.X, r21 = c0.Y, r22 = c1.Y, r23 = c2.Y, r31 = c0.Z, r32 = c1.Z, r33 = c2.Z;
        double qa, qb, qc, qd;
        double trace = r11 + r22 + r33 + 1;
        if (trace > 0.5)
        {
            qa = 0.5 * Math.Sqrt(trace);
            qb = 0.25 * (r32 - r23) / qa; qc = 0.25 * (r13 - r31) / qa; qd = 0.25 * (r21 - r12) / qa;
        }
        else
        {
            double xd = 1 + r11 - (r22 + r33), yd = 1 + r22 - (r11 + r33), zd = 1 + r33 - (r11 + r22);
            if (xd > 1) { qb = 0.5 * Math.Sqrt(xd); qc = 0.25 * (r12 + r21) / qb; qd = 0.25 * (r13 + r31) / qb; qa = 0.25 * (r32 - r23) / qb; }
            else if (yd > 1) { qc = 0.5 * Math.Sqrt(yd); qb = 0.25 * (r12 + r21) / qc; qd = 0.25 * (r23 + r32) / qc; qa = 0.25 * (r13 - r31) / qc; }
            else { qd = 0.5 * Math.Sqrt(zd); qb = 0.25 * (r13 + r31) / qd; qc = 0.25 * (r23 + r32) / qd; qa = 0.25 * (r21 - r12) / qd; }
            if (qa < 0) { qb = -qb; qc = -qc; qd = -qd; }
        }
        return (qfac, [qb, qc, qd], orthogonal);
    }
}
