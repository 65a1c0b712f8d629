using System.Buffers.Binary;
using CalciScope.Dicom;
using CalciScope.Tests.Support;

namespace CalciScope.Tests.Dicom;

/// <summary>Series transcoded by dcmtk into every supported syntax decode to exactly what dcmtk decodes.</summary>
public class DcmtkTranscodeTests
{
    [Theory]
    [InlineData("dcmconv", "+ti", TransferSyntax.ImplicitVRLittleEndianUid)]
    [InlineData("dcmconv", "+tb", TransferSyntax.ExplicitVRBigEndianUid)]
    [InlineData("dcmconv", "+td", TransferSyntax.DeflatedExplicitVRLittleEndianUid)]
    [InlineData("dcmcrle", "", TransferSyntax.RleLosslessUid)]
    [InlineData("dcmcjpeg", "+e1", TransferSyntax.JpegLosslessSv1Uid)]
    [InlineData("dcmcjpeg", "+el", TransferSyntax.JpegLosslessUid)]
    public void Decode_DcmtkTranscodedSlice_EqualsOriginalAndDcmtkDecode(string tool, string option, string expectedSyntax)
    {
        var (_, dicom) = TestStudies.Small();
        using var tmp = new TempDir();
        var source = Path.Combine(dicom, "IM0003.dcm");
        var coded = tmp["coded.dcm"];
        Tool.Run(tool, [.. (option.Length > 0 ? new[] { option } : []), source, coded]).Ok();
        var file = DicomReader.ReadFile(coded);
        Assert.Equal(expectedSyntax, file.Syntax.Uid);

        // dcmtk's own decode back to explicit little endian is the reference.
        var decoder = tool switch { "dcmcrle" => "dcmdrle", "dcmcjpeg" => "dcmdjpeg", _ => "dcmconv" };
        Tool.Run(decoder, "+te", coded, tmp["decoded.dcm"]).Ok();
        var reference = Frames.Flat(tmp["decoded.dcm"]);
        var original = Frames.Flat(source);
        var ours = Frames.Flat(coded);
        Assert.Equal(reference, ours);
        Assert.Equal(original, ours);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public void Decode_JpegLosslessEverySelectionValue_EqualsOriginal(int selectionValue)
    {
        var (_, dicom) = TestStudies.Small();
        using var tmp = new TempDir();
        var source = Path.Combine(dicom, "IM0004.dcm");
        Tool.Run("dcmcjpeg", "+el", "+sv", selectionValue.ToString(), source, tmp["sv.dcm"]).Ok();
        Assert.Equal(Frames.Flat(source), Frames.Flat(tmp["sv.dcm"]));
    }

    [Theory]
    [InlineData("+eb", 8)]
    [InlineData("+ee", 12)]
    public void Decode_JpegLossy_WithinOneGreyLevelOfDcmtk(string option, int bits)
    {
        using var tmp = new TempDir();
        var source = tmp["plain.dcm"];
        WriteGradient(source, bits);
        Tool.Run("dcmcjpeg", option, source, tmp["lossy.dcm"]).Ok();
        Tool.Run("dcmdjpeg", tmp["lossy.dcm"], tmp["ref.dcm"]).Ok();
        var reference = Frames.Flat(tmp["ref.dcm"]);
        var ours = Frames.Flat(tmp["lossy.dcm"]);
        Assert.Equal(reference.Length, ours.Length);
        int maxDiff = reference.Zip(ours, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(maxDiff <= 1, $"max difference to dcmtk {maxDiff}");
    }

    [Fact]
    public void Decode_JpegLsPhantomSlice_EqualsTheOriginal()
    {
        var (_, dicom) = TestStudies.Small();
        using var tmp = new TempDir();
        var original = Path.Combine(dicom, "IM0002.dcm");
        Tool.Run("dcmcjpls", original, tmp["ls.dcm"]).Ok();
        Assert.Equal(Frames.Flat(original), Frames.Flat(tmp["ls.dcm"]));
    }

    /// <summary>A smooth 64x64 monochrome image of the given bit depth, for the lossy JPEG processes.</summary>
    internal static void WriteGradient(string path, int bits)
    {
        int n = 64, max = (1 << bits) - 1;
        int bytes = bits <= 8 ? 1 : 2;
        var px = new byte[n * n * bytes];
        for (int y = 0; y < n; y++)
        for (int x = 0; x < n; x++)
        {
            double v = 0.5 + 0.4 * Math.Sin(x / 7.0) * Math.Cos(y / 9.0) + (x * y % 13) / 200.0;
            int s = (int)Math.Clamp(v * max, 0, max);
            if (bytes == 1) px[y * n + x] = (byte)s; else BinaryPrimitives.WriteUInt16LittleEndian(px.AsSpan((y * n + x) * 2), (ushort)s);
        }
        var uid = DicomUid.New();
        var ds = new DicomDataset()
            .AddString(DicomTags.SopClassUid, "1.2.840.10008.5.1.4.1.1.7")
            .AddString(DicomTags.SopInstanceUid, uid)
            .AddString(DicomTags.Modality, "OT")
            .AddString(DicomTags.StudyInstanceUid, DicomUid.New())
            .AddString(DicomTags.SeriesInstanceUid, DicomUid.New())
            .AddUShort(DicomTags.SamplesPerPixel, 1)
            .AddString(DicomTags.PhotometricInterpretation, "MONOCHROME2")
            .AddUShort(DicomTags.Rows, (ushort)n).AddUShort(DicomTags.Columns, (ushort)n)
            .AddUShort(DicomTags.BitsAllocated, (ushort)(bytes * 8)).AddUShort(DicomTags.BitsStored, (ushort)bits)
            .AddUShort(DicomTags.HighBit, (ushort)(bits - 1)).AddUShort(DicomTags.PixelRepresentation, 0)
            .AddBytes(DicomTags.PixelData, bytes == 1 ? "OB" : "OW", px);
        DicomWriter.WriteFile(path, ds);
    }
}
