using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using CalciScope.Imaging;

namespace CalciScope.Nifti;

/// <summary>
/// Reads NIfTI-1 and NIfTI-2 (.nii, .nii.gz) into a HU volume in DICOM patient space: the RAS affine (sform, else
/// qform, else pixdim) is flipped to LPS. Values go through scl_slope/scl_inter; NaN and out-of-range values are replaced
/// and reported.
/// </summary>
public static class NiftiReader
{
    public const long MaxVoxels = 2L * 1024 * 1024 * 1024 / 2;

    public static LoadedStudy Read(string path)
    {
        try
        {
            return ReadStream(path);
        }
        catch (InvalidDataException e) { throw new InputException(path, $"gzip stream is corrupt or truncated ({e.Message})"); }
        catch (EndOfStreamException) { throw new InputException(path, "gzip stream is truncated"); }
        catch (IOException e) { throw new InputException(path, $"cannot be read ({e.Message})"); }
        catch (FormatException e) { throw new InputException(path, $"not a valid NIfTI file: {e.Message}"); }
        catch (GeometryException e) { throw new InputException(path, $"not a valid NIfTI file: {e.Message}"); }
    }

    /// <summary>Reads NIfTI from bytes already in memory (uncompressed).</summary>
    public static LoadedStudy Read(byte[] bytes, string path)
    {
        try
        {
            var h = ParseHeader(bytes);
            var layout = Layout(h, path);
            if (layout.VoxelBytes + h.VoxOffset > bytes.Length)
                throw new FormatException($"voxel data needs {h.VoxOffset + layout.VoxelBytes} bytes from offset {h.VoxOffset}, file holds {bytes.Length}");
            var vol = new Volume<short>(layout.Geometry);
            var counts = new Counts();
            Convert(h, bytes.AsSpan((int)h.VoxOffset, (int)layout.VoxelBytes), vol.Data, counts);
            return Finish(h, vol, layout.Warnings, counts, path);
        }
        catch (FormatException e) { throw new InputException(path, $"not a valid NIfTI file: {e.Message}"); }
        catch (GeometryException e) { throw new InputException(path, $"not a valid NIfTI file: {e.Message}"); }
    }

    /// <summary>
    /// Reads the header first and then only the bytes it declares for the first volume, straight into the volume in
    /// slabs (never a second copy of the whole file): a small .nii.gz that inflates to gigabytes (a bomb) is refused or
    /// cut at the declared size before memory is taken for it, and a 1024 x 1024 x 600 study needs its int16 volume and
    /// a few MB more to be read.
    /// </summary>
    private static LoadedStudy ReadStream(string path)
    {
        using var fs = File.OpenRead(path);
        if (fs.Length == 0) throw new InputException(path, "file is empty (0 bytes)");
        Span<byte> magic = stackalloc byte[2];
        fs.ReadExactly(magic);
        fs.Position = 0;
        using Stream s = magic[0] == 0x1f && magic[1] == 0x8b ? new GZipStream(fs, CompressionMode.Decompress) : fs;
        // NIfTI-1's header is 348 bytes and NIfTI-2's 540: read the first, and the rest only for a NIfTI-2 header, so that
        // no voxel is read as header.
        var head = new byte[540];
        int got = ReadUpTo(s, head.AsSpan(0, 348));
        if (got == 348 && (BinaryPrimitives.ReadInt32LittleEndian(head) == 540 || BinaryPrimitives.ReadInt32BigEndian(head) == 540))
            got += ReadUpTo(s, head.AsSpan(348));
        var h = ParseHeader(head[..got]);
        var layout = Layout(h, path);
        // Extensions between the header and the voxels are skipped, as far as the header says they reach.
        long skip = h.VoxOffset - got;
        if (skip < 0) throw new FormatException($"vox_offset {h.VoxOffset} lies inside the header");
        if (skip > MaxExtensionBytes) throw new FormatException($"vox_offset {h.VoxOffset} leaves {skip} bytes of extensions, more than {MaxExtensionBytes}");
        var ext = new byte[(int)skip];
        if (ReadUpTo(s, ext) < skip) throw new FormatException($"voxel data needs {h.VoxOffset + layout.VoxelBytes} bytes from offset {h.VoxOffset}, file ends in the extensions");
        var vol = new Volume<short>(layout.Geometry);
        var counts = new Counts();
        int bpv = NiftiHeader.BytesPer(h.DataType);
        long total = vol.Data.LongLength, done = 0;
        if (h.DataType == NiftiHeader.DtInt16 && !h.BigEndian == BitConverter.IsLittleEndian && Unscaled(h))
        {
            // Native int16 without scaling: the file's bytes are the volume's, read slab by slab (a span holds under 2 GiB).
            while (done < total)
            {
                int n = (int)Math.Min(SlabVoxels * 64, total - done);
                int read = ReadUpTo(s, System.Runtime.InteropServices.MemoryMarshal.AsBytes(vol.Data.AsSpan((int)done, n)));
                if (read < n * 2) throw Short(h, layout, h.VoxOffset + done * 2 + read);
                done += n;
            }
            return Finish(h, vol, layout.Warnings, counts, path);
        }
        var buffer = new byte[SlabVoxels * bpv];
        while (done < total)
        {
            int n = (int)Math.Min(SlabVoxels, total - done);
            int read = ReadUpTo(s, buffer.AsSpan(0, n * bpv));
            if (read < n * bpv) throw Short(h, layout, h.VoxOffset + done * bpv + read);
            Convert(h, buffer.AsSpan(0, n * bpv), vol.Data.AsSpan((int)done, n), counts);
            done += n;
        }
        return Finish(h, vol, layout.Warnings, counts, path);
    }

    /// <summary>Voxels converted at a time when the file is not native int16 (1 Mi voxels: at most 8 MB of float64).</summary>
    private const int SlabVoxels = 1 << 20;
    /// <summary>Header extensions (DICOM or AFNI headers kept in the file) reach kilobytes; 64 MB is not an extension.</summary>
    public const long MaxExtensionBytes = 64L << 20;

    private static FormatException Short(NiftiHeader h, (VolumeGeometry Geometry, long VoxelBytes, List<string> Warnings) layout, long holds) =>
        new($"voxel data needs {h.VoxOffset + layout.VoxelBytes} bytes from offset {h.VoxOffset}, file holds {holds}");

    private static int ReadUpTo(Stream s, Span<byte> buffer)
    {
        int total = 0, n;
        while (total < buffer.Length && (n = s.Read(buffer[total..])) > 0) total += n;
        return total;
    }

    public static NiftiHeader ParseHeader(byte[] b)
    {
        if (b.Length < 348) throw new FormatException($"header needs 348 bytes, file has {b.Length}");
        int le1 = BinaryPrimitives.ReadInt32LittleEndian(b), be1 = BinaryPrimitives.ReadInt32BigEndian(b);
        if (le1 == 348 || be1 == 348) return ParseV1(b, be1 == 348 && le1 != 348);
        if (le1 == 540 || be1 == 540) return ParseV2(b, be1 == 540 && le1 != 540);
        throw new FormatException($"sizeof_hdr is {le1}, neither 348 (NIfTI-1) nor 540 (NIfTI-2)");
    }

    private static NiftiHeader ParseV1(byte[] b, bool be)
    {
        short I16(int o) => be ? BinaryPrimitives.ReadInt16BigEndian(b.AsSpan(o)) : BinaryPrimitives.ReadInt16LittleEndian(b.AsSpan(o));
        float F32(int o) => be ? BinaryPrimitives.ReadSingleBigEndian(b.AsSpan(o)) : BinaryPrimitives.ReadSingleLittleEndian(b.AsSpan(o));
        var magic = Encoding.ASCII.GetString(b, 344, 3);
        if (magic is not ("n+1" or "ni1")) throw new FormatException($"magic is '{Printable(magic)}', not 'n+1'");
        var dim = new long[8];
        var pix = new double[8];
        for (int i = 0; i < 8; i++) { dim[i] = I16(40 + 2 * i); pix[i] = F32(76 + 4 * i); }
        return new NiftiHeader
        {
            Version = 1, Dim = dim, PixDim = pix, DataType = I16(70), BitPix = I16(72),
            VoxOffset = float.IsFinite(F32(108)) ? (long)F32(108) : throw new FormatException($"vox_offset is {F32(108)}, not a byte offset"),
            SclSlope = F32(112), SclInter = F32(116), QformCode = I16(252), SformCode = I16(254),
            QuaternB = F32(256), QuaternC = F32(260), QuaternD = F32(264), QoffsetX = F32(268), QoffsetY = F32(272), QoffsetZ = F32(276),
            SrowX = [F32(280), F32(284), F32(288), F32(292)], SrowY = [F32(296), F32(300), F32(304), F32(308)], SrowZ = [F32(312), F32(316), F32(320), F32(324)],
            BigEndian = be,
        };
    }

    private static NiftiHeader ParseV2(byte[] b, bool be)
    {
        if (b.Length < 540) throw new FormatException($"NIfTI-2 header needs 540 bytes, file has {b.Length}");
        short I16(int o) => be ? BinaryPrimitives.ReadInt16BigEndian(b.AsSpan(o)) : BinaryPrimitives.ReadInt16LittleEndian(b.AsSpan(o));
        int I32(int o) => be ? BinaryPrimitives.ReadInt32BigEndian(b.AsSpan(o)) : BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(o));
        long I64(int o) => be ? BinaryPrimitives.ReadInt64BigEndian(b.AsSpan(o)) : BinaryPrimitives.ReadInt64LittleEndian(b.AsSpan(o));
        double F64(int o) => be ? BinaryPrimitives.ReadDoubleBigEndian(b.AsSpan(o)) : BinaryPrimitives.ReadDoubleLittleEndian(b.AsSpan(o));
        var magic = Encoding.ASCII.GetString(b, 4, 3);
        if (magic is not ("n+2" or "ni2")) throw new FormatException($"magic is '{Printable(magic)}', not 'n+2'");
        var dim = new long[8];
        var pix = new double[8];
        for (int i = 0; i < 8; i++) { dim[i] = I64(16 + 8 * i); pix[i] = F64(104 + 8 * i); }
        return new NiftiHeader
        {
            Version = 2, Dim = dim, PixDim = pix, DataType = I16(12), BitPix = I16(14), VoxOffset = I64(168),
            SclSlope = F64(176), SclInter = F64(184), QformCode = (short)I32(344), SformCode = (short)I32(348),
            QuaternB = F64(352), QuaternC = F64(360), QuaternD = F64(368), QoffsetX = F64(376), QoffsetY = F64(384), QoffsetZ = F64(392),
            SrowX = [F64(400), F64(408), F64(416), F64(424)], SrowY = [F64(432), F64(440), F64(448), F64(456)], SrowZ = [F64(464), F64(472), F64(480), F64(488)],
            BigEndian = be,
        };
    }

    private static string Printable(string s) => new(s.Select(c => c is >= ' ' and < (char)127 ? c : '?').ToArray());

    /// <summary>The voxel-to-RAS affine the header declares (sform first, as dcm2niix and nibabel do).</summary>
    public static double[] RasAffine(NiftiHeader h)
    {
        if (h.SformCode > 0)
            return [.. h.SrowX, .. h.SrowY, .. h.SrowZ, 0, 0, 0, 1];
        double qfac = h.PixDim[0] < 0 ? -1 : 1;
        if (h.QformCode > 0)
        {
            double b = h.QuaternB, c = h.QuaternC, d = h.QuaternD;
            double a = Math.Sqrt(Math.Max(0, 1 - b * b - c * c - d * d));
            double[] r =
            [
                a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c),
                2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b),
                2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b,
            ];
            double sx = h.PixDim[1], sy = h.PixDim[2], sz = h.PixDim[3] * qfac;
            return
            [
                r[0] * sx, r[1] * sy, r[2] * sz, h.QoffsetX,
                r[3] * sx, r[4] * sy, r[5] * sz, h.QoffsetY,
                r[6] * sx, r[7] * sy, r[8] * sz, h.QoffsetZ,
                0, 0, 0, 1,
            ];
        }
        return [h.PixDim[1], 0, 0, 0, 0, h.PixDim[2], 0, 0, 0, 0, h.PixDim[3], 0, 0, 0, 0, 1];
    }

    private sealed class Counts
    {
        public long NaN, Clamped;
    }

    private static bool Unscaled(NiftiHeader h) => h.SclSlope == 0 || h.SclSlope == 1 && h.SclInter == 0;

    /// <summary>The header checked: the first volume's grid, its size in bytes, and what the reader should be told.</summary>
    private static (VolumeGeometry Geometry, long VoxelBytes, List<string> Warnings) Layout(NiftiHeader h, string path)
    {
        var warnings = new List<string>();
        long nd = h.Dim[0];
        if (nd < 2 || nd > 7) throw new FormatException($"dim[0] is {nd}, expected 2 to 7");
        long nx = h.Dim[1], ny = h.Dim[2], nz = nd >= 3 ? h.Dim[3] : 1;
        for (int i = 1; i <= nd; i++) if (h.Dim[i] <= 0) throw new FormatException($"dim[{i}] is {h.Dim[i]}");
        long extra = 1;
        for (int i = 4; i <= nd; i++) extra *= h.Dim[i];
        if (extra > 1) warnings.Add($"{path}: {extra} volumes in the file; the first is read");
        if (nx > 8192 || ny > 8192 || nz > 20000 || nx * ny * nz > MaxVoxels) throw new FormatException($"dimensions {nx}x{ny}x{nz} are beyond the limits");
        int bpv = NiftiHeader.BytesPer(h.DataType);
        if (bpv == 0) throw new FormatException($"datatype {h.DataType} is not supported (use int16, uint8, int32, float32 or float64)");
        if (h.VoxOffset < (h.Version == 1 ? 348 : 540)) throw new FormatException($"vox_offset {h.VoxOffset} lies inside the header");
        for (int i = 1; i <= 3; i++)
            if (!double.IsFinite(h.PixDim[i]) || (i <= nd && h.PixDim[i] <= 0 && h.SformCode <= 0))
                throw new FormatException($"pixdim[{i}] is {h.PixDim[i]}");
        // scl_slope 0 means "not scaled" (NIfTI-1 standard); infinite or NaN scaling is a broken header, not a default.
        if (!double.IsFinite(h.SclSlope) || (h.SclSlope != 0 && !double.IsFinite(h.SclInter)))
            throw new FormatException($"scl_slope {h.SclSlope} / scl_inter {h.SclInter} is not a finite scaling");
        var ras = RasAffine(h);
        foreach (var v in ras) if (!double.IsFinite(v)) throw new FormatException("the affine holds a non-finite number");
        // RAS -> LPS: negate the first two rows.
        var lps = (double[])ras.Clone();
        for (int c = 0; c < 4; c++) { lps[c] = -lps[c]; lps[4 + c] = -lps[4 + c]; }
        var geometry = VolumeGeometry.FromAffine((int)nx, (int)ny, (int)nz, lps);
        return (geometry, nx * ny * nz * bpv, warnings);
    }

    /// <summary>Converts voxels of the file's type, through scl_slope/scl_inter, into HU; NaN and out-of-range values are counted.</summary>
    private static void Convert(NiftiHeader h, ReadOnlySpan<byte> src, Span<short> dst, Counts counts)
    {
        int bpv = NiftiHeader.BytesPer(h.DataType);
        double slope = h.SclSlope == 0 ? 1 : h.SclSlope;
        double inter = h.SclSlope == 0 ? 0 : h.SclInter;
        bool be = h.BigEndian;
        for (int i = 0; i < dst.Length; i++)
        {
            var s = src.Slice(i * bpv, bpv);
            double v = h.DataType switch
            {
                NiftiHeader.DtUInt8 => s[0],
                NiftiHeader.DtInt8 => (sbyte)s[0],
                NiftiHeader.DtInt16 => be ? BinaryPrimitives.ReadInt16BigEndian(s) : BinaryPrimitives.ReadInt16LittleEndian(s),
                NiftiHeader.DtUInt16 => be ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s),
                NiftiHeader.DtInt32 => be ? BinaryPrimitives.ReadInt32BigEndian(s) : BinaryPrimitives.ReadInt32LittleEndian(s),
                NiftiHeader.DtUInt32 => be ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s),
                NiftiHeader.DtFloat32 => be ? BinaryPrimitives.ReadSingleBigEndian(s) : BinaryPrimitives.ReadSingleLittleEndian(s),
                _ => be ? BinaryPrimitives.ReadDoubleBigEndian(s) : BinaryPrimitives.ReadDoubleLittleEndian(s),
            };
            v = v * slope + inter;
            if (!double.IsFinite(v)) { counts.NaN++; v = -1024; }
            v = Math.Round(v);
            if (v > short.MaxValue) { v = short.MaxValue; counts.Clamped++; }
            else if (v < short.MinValue) { v = short.MinValue; counts.Clamped++; }
            dst[i] = (short)v;
        }
    }

    private static LoadedStudy Finish(NiftiHeader h, Volume<short> vol, List<string> warnings, Counts counts, string path)
    {
        if (counts.NaN > 0) warnings.Add($"{path}: {counts.NaN} voxels were NaN or infinite and were set to -1024 HU");
        if (counts.Clamped > 0) warnings.Add($"{path}: {counts.Clamped} voxels were outside the int16 range and were clamped");
        if (h.SformCode <= 0 && h.QformCode <= 0) warnings.Add($"{path}: no sform or qform; orientation assumed from pixdim only");
        var info = new StudyInfo
        {
            StudyUid = "", SeriesUid = "", Modality = "CT", SourceFormat = h.Version == 2 ? "NIfTI-2" : "NIfTI-1",
            SeriesDescription = Path.GetFileName(path),
        };
        return new LoadedStudy(vol, info, warnings);
    }
}
