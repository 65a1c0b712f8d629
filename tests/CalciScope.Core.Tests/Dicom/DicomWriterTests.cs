using CalciScope.Dicom;
using CalciScope.Tests.Support;

namespace CalciScope.Tests.Dicom;

public class DicomWriterTests
{
    [Fact]
    public void Write_PhantomSlice_PassesDcmdumpAndReadsBack()
    {
        var (study, dicom) = TestStudies.Small();
        var path = Path.Combine(dicom, "IM0001.dcm");
        var dump = Tool.Run("dcmdump", "-E", "+L", path).Ok();
        Assert.DoesNotContain("rror", dump.StdErr);
        Assert.Contains("(0020,0032) DS", dump.StdOut);
        var file = DicomReader.ReadFile(path);
        Assert.True(file.HadPreamble);
        Assert.Equal(study.Info.SeriesUid, file.Dataset.GetString(DicomTags.SeriesInstanceUid));
        var stored = Frames.Flat(path);
        var hu = study.Hu.Slice(0).ToArray();
        // Stored with intercept -1024.
        Assert.Equal(hu.Select(v => v + 1024), stored);
    }

    [Fact]
    public void Write_Sequences_ReadBackNested()
    {
        var inner = new DicomDataset().AddString(DicomTags.SeriesDescription, "inner item");
        var ds = new DicomDataset()
            .AddString(DicomTags.SopClassUid, "1.2.840.10008.5.1.4.1.1.7")
            .AddString(DicomTags.SopInstanceUid, DicomUid.New())
            .AddSequence(DicomTags.SharedFunctionalGroupsSequence, new DicomDataset().AddSequence(DicomTags.PixelMeasuresSequence, inner));
        using var ms = new MemoryStream();
        DicomWriter.Write(ms, ds);
        var back = DicomReader.Read(ms.ToArray());
        var item = back.Dataset.FirstItem(DicomTags.SharedFunctionalGroupsSequence)!.FirstItem(DicomTags.PixelMeasuresSequence)!;
        Assert.Equal("inner item", item.GetString(DicomTags.SeriesDescription));
    }

    /// <summary>
    /// Headers read from the first bytes of a file find its pixel data however many bytes were read, above all where
    /// they end exactly on an element boundary (the folder scan reads 16 KiB; a SEG whose headers ran past that and
    /// whose 16 KiB ended between two elements was taken for a file without an image).
    /// </summary>
    [Fact]
    public void ReadHeaders_EveryPrefixLength_FindsThePixelData()
    {
        var (_, dicom) = TestStudies.Small();
        var path = Path.Combine(dicom, "IM0001.dcm");
        var bytes = File.ReadAllBytes(path);
        var whole = DicomReader.ReadFile(path);
        Assert.True(whole.HasPixelData);
        long pixelOffset = whole.NativePixelOffset;
        Assert.True(pixelOffset > 132, $"pixel data at {pixelOffset}");
        for (int n = 132; n <= pixelOffset; n++)
        {
            var file = DicomReader.ReadHeaders(path, bytes[..n], bytes.Length);
            Assert.True(file.HasPixelData, $"headers from the first {n} bytes found no pixel data");
            Assert.Equal(whole.Dataset.GetString(DicomTags.SeriesInstanceUid), file.Dataset.GetString(DicomTags.SeriesInstanceUid));
        }
    }
}
