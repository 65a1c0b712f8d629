using CalciScope.Dicom;
using CalciScope.Pipeline;
using CalciScope.Tests.Support;

namespace CalciScope.Tests.Dicom;

/// <summary>Enhanced (multi-frame) CT: geometry per frame in functional groups, one file for the whole series.</summary>
public class EnhancedCtTests
{
    [Fact]
    public void Load_EnhancedMultiFrame_SameVolumeAsClassicSeriesAndPydicomAgrees()
    {
        var (study, _) = TestStudies.Small();
        var hu = study.Hu;
        var g = hu.Geometry;
        using var tmp = new TempDir();
        // Frames in reverse order on purpose: position, not frame number, orders the stack.
        var frames = Enumerable.Range(0, g.SizeZ).Reverse().ToList();
        var pixels = new byte[frames.Count * hu.SliceLength * 2];
        int o = 0;
        foreach (var k in frames)
            foreach (var v in hu.Slice(k)) { BitConverter.GetBytes(v).CopyTo(pixels, o); o += 2; }
        var ds = new DicomDataset()
            .AddString(DicomTags.SopClassUid, "UI", "1.2.840.10008.5.1.4.1.1.2.1")
            .AddString(DicomTags.SopInstanceUid, "UI", DicomUid.New())
            .AddString(DicomTags.Modality, "CS", "CT")
            .AddString(DicomTags.StudyInstanceUid, "UI", study.Info.StudyUid)
            .AddString(DicomTags.SeriesInstanceUid, "UI", DicomUid.New())
            .AddString(DicomTags.FrameOfReferenceUid, "UI", study.Info.FrameOfReferenceUid)
            .AddString(DicomTags.NumberOfFrames, "IS", frames.Count.ToString())
            .AddUShort(DicomTags.SamplesPerPixel, 1).AddString(DicomTags.PhotometricInterpretation, "CS", "MONOCHROME2")
            .AddUShort(DicomTags.Rows, (ushort)g.SizeY).AddUShort(DicomTags.Columns, (ushort)g.SizeX)
            .AddUShort(DicomTags.BitsAllocated, 16).AddUShort(DicomTags.BitsStored, 16).AddUShort(DicomTags.HighBit, 15).AddUShort(DicomTags.PixelRepresentation, 1)
            .AddSequence(DicomTags.SharedFunctionalGroupsSequence, new DicomDataset()
                .AddSequence(DicomTags.PlaneOrientationSequence, new DicomDataset().AddDecimals(DicomTags.ImageOrientationPatient, 1, 0, 0, 0, 1, 0))
                .AddSequence(DicomTags.PixelMeasuresSequence, new DicomDataset().AddDecimals(DicomTags.PixelSpacing, g.Spacing.Y, g.Spacing.X).AddDecimals(DicomTags.SliceThickness, g.Spacing.Z))
                .AddSequence(DicomTags.PixelValueTransformationSequence, new DicomDataset().AddDecimals(DicomTags.RescaleIntercept, 0).AddDecimals(DicomTags.RescaleSlope, 1)))
            .AddSequence(DicomTags.PerFrameFunctionalGroupsSequence, frames.Select(k =>
            {
                var p = g.ToPatient(0, 0, k);
                return new DicomDataset().AddSequence(DicomTags.PlanePositionSequence, new DicomDataset().AddDecimals(DicomTags.ImagePositionPatient, p.X, p.Y, p.Z));
            }).ToArray())
            .AddBytes(DicomTags.PixelData, "OW", pixels);
        DicomWriter.WriteFile(tmp["enhanced.dcm"], ds);

        var loaded = StudyReader.Load(tmp["enhanced.dcm"]);
        Assert.Equal(hu.Data, loaded.Hu.Data);
        SeriesAssemblyTests.AssertGeometry(g, loaded.Hu.Geometry);
        var py = Tool.Python3("import sys,pydicom; d=pydicom.dcmread(sys.argv[1]); a=d.pixel_array; print(a.shape[0], int(a.astype('int64').sum()))", tmp["enhanced.dcm"]).Ok().StdOut.Trim();
        Assert.Equal($"{g.SizeZ} {hu.Data.Sum(v => (long)v)}", py);
        var dump = Tool.Run("dcmdump", "-E", tmp["enhanced.dcm"]).Ok();
        Assert.DoesNotContain("E:", dump.StdErr);
    }

    [Fact]
    public void Decode_MultiFrameRleWithOffsetTable_EveryFrameMatchesDcmtk()
    {
        using var tmp = new TempDir();
        // pydicom's multi-frame RT dose, encapsulated by dcmtk (one fragment per frame, basic offset table).
        const string src = "/usr/lib/python3/dist-packages/pydicom/data/test_files/rtdose.dcm";
        Tool.Run("dcmcrle", src, tmp["rle.dcm"]).Ok();
        Assert.Equal(Frames.Stored(src).SelectMany(x => x), Frames.Stored(tmp["rle.dcm"]).SelectMany(x => x));
        Assert.Equal(15, Frames.Stored(tmp["rle.dcm"]).Length);
    }
}
