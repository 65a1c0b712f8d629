using CalciScope.Dicom;
using CalciScope.Tests.Support;

namespace CalciScope.Tests.Dicom;

/// <summary>
/// JPEG 2000 through OpenJPEG, against GDCM's decode of the same files (gdcmraw -P writes the decompressed stored
/// values): every greyscale JPEG 2000 file of Debian's pydicom test data and the real Siemens series in ../shared/data.
/// </summary>
public class Jpeg2000Tests
{
    private const string Pydicom = "/usr/lib/python3/dist-packages/pydicom/data/test_files/";

    /// <summary>GDCM's stored values of every frame, read as the file's Bits Allocated and Pixel Representation say.</summary>
    private static int[] Gdcm(string path)
    {
        using var tmp = new TempDir();
        Tool.Run("gdcmraw", "-i", path, "-o", tmp["raw"], "-P").Ok();
        var bytes = File.ReadAllBytes(tmp["raw"]);
        var d = PixelDescription.From(DicomReader.ReadFile(path).Dataset);
        if (d.BitsAllocated == 8) return bytes.Select(b => (int)b).ToArray();
        var r = new int[bytes.Length / 2];
        for (int i = 0; i < r.Length; i++)
        {
            ushort u = BitConverter.ToUInt16(bytes, 2 * i);
            r[i] = d.Signed ? (short)u : u;
        }
        return r;
    }

    [Theory]
    [InlineData("693_J2KI.dcm")]                              // lossy (.91), signed, 14 bits stored
    [InlineData("JPEG2000.dcm")]                              // lossy, 1024 x 256
    [InlineData("MR_small_jp2klossless.dcm")]                 // lossless, 64 x 64
    public void Decode_PydicomJpeg2000_EqualsGdcm(string name)
    {
        var ours = Frames.Flat(Pydicom + name);
        var reference = Gdcm(Pydicom + name);
        Assert.Equal(reference.Length, ours.Length);
        int diff = 0;
        for (int i = 0; i < ours.Length; i++) if (ours[i] != reference[i]) diff++;
        Assert.True(diff == 0, $"{name}: {diff} of {ours.Length} samples differ from GDCM");
    }

    /// <summary>
    /// Pixel Representation says signed, the codestream unsigned, 13 bits stored: GDCM returns the unsigned codes,
    /// pydicom sign-extends them over Bits Stored (its J2K correction; the image's padding becomes -2000 as in any CT).
    /// CalciScope does as pydicom: the header is what the rescale was written for.
    /// </summary>
    [Fact]
    public void Decode_PixelRepresentationMismatch_SignExtendedAsPydicom()
    {
        var ours = Frames.Flat(Pydicom + "J2K_pixelrep_mismatch.dcm");
        var gdcm = Gdcm(Pydicom + "J2K_pixelrep_mismatch.dcm").Select(v => (ushort)v >= 4096 ? (ushort)v - 8192 : (ushort)v).ToArray();
        Assert.Equal(gdcm, ours);
        Assert.Equal(-2000, ours.Min());
        Assert.Equal(1896, ours.Max());
    }

    /// <summary>A 250-byte codestream claiming 1024 x 256 (pydicom calls it a decompression bomb, GDCM returns zeros).</summary>
    [Fact]
    public void Decode_BogusCodestream_RefusedWithReason()
    {
        var e = Assert.ThrowsAny<CalciScopeException>(() => Frames.Flat(Pydicom + "JPEG2000-embedded-sequence-delimiter.dcm"));
        Assert.Contains("JPEG 2000", e.Message);
    }

    [Fact]
    public void Decode_ColourJpeg2000_RefusedAsNotCt()
    {
        var e = Assert.ThrowsAny<CalciScopeException>(() => Frames.Flat(Pydicom + "GDCMJ2K_TextGBR.dcm"));
        Assert.Contains("colour", e.Message);
    }

    [Fact]
    public void Decode_SiemensJpeg2000Series_EqualsGdcmEverySlice()
    {
        var files = Directory.GetFiles(Path.Combine(Repo.SharedData, "ct", "upper_abdomen_j2k"));
        Assert.Equal(20, files.Length);
        foreach (var f in files) Assert.Equal(Gdcm(f), Frames.Flat(f));
    }

    [Fact]
    public void Decode_TruncatedCodestream_RefusedWithReason()
    {
        using var tmp = new TempDir();
        var bytes = File.ReadAllBytes(Pydicom + "MR_small_jp2klossless.dcm");
        // Cut the last fragment short: the codestream ends before its tiles do.
        File.WriteAllBytes(tmp["cut.dcm"], bytes[..(bytes.Length - 2000)]);
        var e = Assert.ThrowsAny<CalciScopeException>(() => Frames.Flat(tmp["cut.dcm"]));
        Assert.Matches("JPEG 2000|pixel data|fragment|truncated|length", e.Message);
    }
}
