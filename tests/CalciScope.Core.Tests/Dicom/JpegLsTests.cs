using CalciScope.Tests.Support;

namespace CalciScope.Tests.Dicom;

/// <summary>JPEG-LS through CharLS, against dcmtk's dcmcjpls/dcmdjpls and the original pixels.</summary>
public class JpegLsTests
{
    private const string Pydicom = "/usr/lib/python3/dist-packages/pydicom/data/test_files/";

    [Fact]
    public void Decode_PydicomJpegLsLossless_EqualsDcmtkDecode()
    {
        using var tmp = new TempDir();
        Tool.Run("dcmdjpls", Pydicom + "MR_small_jpeg_ls_lossless.dcm", tmp["ref.dcm"]).Ok();
        Assert.Equal(Frames.Flat(tmp["ref.dcm"]), Frames.Flat(Pydicom + "MR_small_jpeg_ls_lossless.dcm"));
    }

    [Fact]
    public void Decode_CtEncodedLossless_EqualsTheOriginal()
    {
        using var tmp = new TempDir();
        Tool.Run("dcmcjpls", Pydicom + "CT_small.dcm", tmp["jls.dcm"]).Ok();
        Assert.Equal(Frames.Flat(Pydicom + "CT_small.dcm"), Frames.Flat(tmp["jls.dcm"]));
    }

    [Fact]
    public void Decode_NearLossless_EqualsDcmtkDecodeWithinTheDeviation()
    {
        // dcmtk encodes near-lossless from unsigned data only: a slice of CalciScope's own phantom.
        var (_, dicom) = TestStudies.Small();
        var original = Path.Combine(dicom, "IM0002.dcm");
        using var tmp = new TempDir();
        Tool.Run("dcmcjpls", "+en", "+md", "3", original, tmp["nl.dcm"]).Ok();
        Tool.Run("dcmdjpls", tmp["nl.dcm"], tmp["ref.dcm"]).Ok();
        var ours = Frames.Flat(tmp["nl.dcm"]);
        Assert.Equal(Frames.Flat(tmp["ref.dcm"]), ours);
        var exact = Frames.Flat(original);
        Assert.True(exact.Zip(ours).All(p => Math.Abs(p.First - p.Second) <= 3), "near-lossless beyond its deviation");
        Assert.Contains(exact.Zip(ours), p => p.First != p.Second);
    }

    [Fact]
    public void Decode_TruncatedJpegLs_RefusedWithReason()
    {
        using var tmp = new TempDir();
        Tool.Run("dcmcjpls", Pydicom + "CT_small.dcm", tmp["jls.dcm"]).Ok();
        var bytes = File.ReadAllBytes(tmp["jls.dcm"]);
        File.WriteAllBytes(tmp["cut.dcm"], bytes[..(bytes.Length - 4000)]);
        var e = Assert.ThrowsAny<CalciScopeException>(() => Frames.Flat(tmp["cut.dcm"]));
        Assert.Matches("JPEG-LS|pixel data|fragment|truncated|length", e.Message);
    }
}
