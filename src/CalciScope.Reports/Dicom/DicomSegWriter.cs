using CalciScope.Calcification;
using CalciScope.Dicom;
using CalciScope.Imaging;

namespace CalciScope.Reports.Dicom;

/// <summary>
/// A binary DICOM Segmentation of the calcification label map on the source series' frame of reference: one segment
/// per compartment present, one frame per segment and slice that holds it, bit-packed.
/// </summary>
public static class DicomSegWriter
{
    public const string SegmentationStorage = "1.2.840.10008.5.1.4.1.1.66.4";

    public static DicomDataset Build(StudyInfo study, VolumeGeometry g, byte[] labelMap, DateTime now)
    {
        // Seeded by the source series and CalciScope's version, not the clock: analysing a study again gives the same
        // SEG (a PACS keeps one), while a new version of the analysis is a new series beside the old.
        var seriesUid = DicomUid.FromSeed("seg-series/" + study.SeriesUid + "/" + DerivedObjects.GeneratorVersion);
        var sopUid = DicomUid.FromSeed("seg/" + seriesUid);
        var ds = DerivedObjects.Common(study, SegmentationStorage, "SEG", seriesUid, sopUid, 901, "CalciScope calcification segmentation", now);
        int len = g.SizeX * g.SizeY;
        var names = CalcificationDetector.LabelNames;
        // Segment numbers follow the label codes present, compartments first, the skeleton last.
        var present = new SortedSet<byte>();
        foreach (var l in labelMap) if (l > 0) present.Add(l);
        var segments = present.ToList();
        var segmentItems = segments.Select((label, i) =>
        {
            var name = names[label];
            var colour = KeyImageRenderer.CompartmentColours.TryGetValue(name, out var c) ? c : SkiaSharp.SKColors.White;
            return new DicomDataset()
                .AddUShort(DicomTags.SegmentNumber, (ushort)(i + 1))
                .AddString(DicomTags.SegmentLabel, "LO", SegmentCodes.IsAnatomy(name) ? name.Replace('_', ' ') : $"{name} calcification")
                .AddString(DicomTags.SegmentAlgorithmType, "CS", "AUTOMATIC")
                .AddString(DicomTags.SegmentAlgorithmName, "LO", "CalciScope")
                .AddUShort(DicomTags.RecommendedDisplayCIELabValue, Lab(colour))
                .AddSequence(DicomTags.SegmentedPropertyCategoryCodeSequence, SegmentCodes.Category(name))
                .AddSequence(DicomTags.SegmentedPropertyTypeCodeSequence, SegmentCodes.Type(name));
        }).ToArray();

        var frames = new List<(int Segment, int Slice)>();
        for (int s = 0; s < segments.Count; s++)
            for (int k = 0; k < g.SizeZ; k++)
                if (labelMap.AsSpan(k * len, len).IndexOf(segments[s]) >= 0) frames.Add((s + 1, k));

        var dimOrg = DicomUid.FromSeed("dim/" + sopUid);
        bool perSlice = study.SourceInstances.Count == g.SizeZ;
        ds.AddString(DicomTags.ImageType, "CS", @"DERIVED\PRIMARY")
          .AddString(DicomTags.FrameOfReferenceUid, "UI", study.FrameOfReferenceUid.Length > 0 ? study.FrameOfReferenceUid : DicomUid.FromSeed("for/" + study.SeriesUid))
          .AddString(DicomTags.PositionReferenceIndicator, "LO", "")
          .AddString(DicomTags.ContentLabel, "CS", "CALCIFICATION")
          .AddString(DicomTags.ContentDescription, "LO", "Calcification by compartment")
          .AddString(DicomTags.ContentCreatorName, "PN", "CalciScope")
          .AddString(DicomTags.SegmentationType, "CS", "BINARY")
          .AddUShort(DicomTags.SamplesPerPixel, 1)
          .AddString(DicomTags.PhotometricInterpretation, "CS", "MONOCHROME2")
          .AddString(DicomTags.NumberOfFrames, "IS", frames.Count.ToString())
          .AddUShort(DicomTags.Rows, (ushort)g.SizeY).AddUShort(DicomTags.Columns, (ushort)g.SizeX)
          .AddUShort(DicomTags.BitsAllocated, 1).AddUShort(DicomTags.BitsStored, 1).AddUShort(DicomTags.HighBit, 0)
          .AddUShort(DicomTags.PixelRepresentation, 0)
          .AddString(DicomTags.LossyImageCompression, "CS", "00")
          .AddSequence(DicomTags.SegmentSequence, segmentItems)
          .AddSequence(DicomTags.DimensionOrganizationSequence, new DicomDataset().AddString(DicomTags.DimensionOrganizationUid, "UI", dimOrg))
          .AddSequence(DicomTags.DimensionIndexSequence,
              new DicomDataset().AddString(DicomTags.DimensionOrganizationUid, "UI", dimOrg)
                  .AddBytes(DicomTags.DimensionIndexPointer, "AT", DerivedObjects.Tag(DicomTags.ReferencedSegmentNumber))
                  .AddBytes(DicomTags.FunctionalGroupPointer, "AT", DerivedObjects.Tag(DicomTags.SegmentIdentificationSequence)),
              new DicomDataset().AddString(DicomTags.DimensionOrganizationUid, "UI", dimOrg)
                  .AddBytes(DicomTags.DimensionIndexPointer, "AT", DerivedObjects.Tag(DicomTags.ImagePositionPatient))
                  .AddBytes(DicomTags.FunctionalGroupPointer, "AT", DerivedObjects.Tag(DicomTags.PlanePositionSequence)))
          .AddSequence(DicomTags.SharedFunctionalGroupsSequence, new DicomDataset()
              .AddSequence(DicomTags.PlaneOrientationSequence, new DicomDataset()
                  .AddDecimals(DicomTags.ImageOrientationPatient, g.AxisI.X, g.AxisI.Y, g.AxisI.Z, g.AxisJ.X, g.AxisJ.Y, g.AxisJ.Z))
              .AddSequence(DicomTags.PixelMeasuresSequence, new DicomDataset()
                  .AddDecimals(DicomTags.PixelSpacing, g.Spacing.Y, g.Spacing.X)
                  .AddDecimals(DicomTags.SliceThickness, g.Spacing.Z)
                  .AddDecimals(DicomTags.SpacingBetweenSlices, g.Spacing.Z)))
          .AddSequence(DicomTags.PerFrameFunctionalGroupsSequence, frames.Select(f =>
          {
              var p = g.ToPatient(0, 0, f.Slice);
              var item = new DicomDataset()
                  .AddSequence(DicomTags.FrameContentSequence, new DicomDataset().AddBytes(DicomTags.DimensionIndexValues, "UL", DerivedObjects.UInt32s((uint)f.Segment, (uint)(f.Slice + 1))))
                  .AddSequence(DicomTags.PlanePositionSequence, new DicomDataset().AddDecimals(DicomTags.ImagePositionPatient, p.X, p.Y, p.Z))
                  .AddSequence(DicomTags.SegmentIdentificationSequence, new DicomDataset().AddUShort(DicomTags.ReferencedSegmentNumber, (ushort)f.Segment));
              // Each frame names the CT image it was segmented from, when the volume's slices are the source images one
              // for one (viewers of the OHIF family place a SEG by these references).
              if (perSlice) item.AddSequence(DicomTags.DerivationImageSequence, DerivationItem(study.SourceInstances[f.Slice]));
              return item;
          }).ToArray());
        if (study.SourceInstances.Count > 0) ds.AddSequence(DicomTags.ReferencedSeriesSequence, DerivedObjects.ReferencedSeries(study));

        // Frames are packed back to back, least significant bit first, padded to an even length at the end.
        long bits = (long)frames.Count * len;
        var pixels = new byte[((bits + 7) / 8 + 1) & ~1L];
        long bit = 0;
        foreach (var (segment, slice) in frames)
        {
            byte label = segments[segment - 1];
            var plane = labelMap.AsSpan(slice * len, len);
            for (int i = 0; i < len; i++, bit++)
                if (plane[i] == label) pixels[bit >> 3] |= (byte)(1 << (int)(bit & 7));
        }
        ds.AddBytes(DicomTags.PixelData, "OB", pixels);
        return ds;
    }

    /// <summary>Derived from this source image by segmentation (DCM 113076), the source for image processing (DCM 121322).</summary>
    private static DicomDataset DerivationItem((string SopClassUid, string SopInstanceUid) source) => new DicomDataset()
        .AddSequence(DicomTags.DerivationCodeSequence, DerivedObjects.Code("113076", "DCM", "Segmentation"))
        .AddSequence(DicomTags.SourceImageSequence, new DicomDataset()
            .AddString(DicomTags.ReferencedSopClassUid, "UI", source.SopClassUid)
            .AddString(DicomTags.ReferencedSopInstanceUid, "UI", source.SopInstanceUid)
            .AddSequence(DicomTags.PurposeOfReferenceCodeSequence, DerivedObjects.Code("121322", "DCM", "Source image for image processing operation")));

    /// <summary>DICOM's scaled CIELab (0..65535) for a display colour.</summary>
    private static ushort[] Lab(SkiaSharp.SKColor c)
    {
        static double Lin(double v) { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4); }
        double r = Lin(c.Red), g = Lin(c.Green), b = Lin(c.Blue);
        double x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, y = 0.2126 * r + 0.7152 * g + 0.0722 * b, z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
        static double F(double t) => t > 0.008856 ? Math.Cbrt(t) : 7.787 * t + 16.0 / 116;
        double L = 116 * F(y) - 16, A = 500 * (F(x) - F(y)), B = 200 * (F(y) - F(z));
        return [(ushort)Math.Clamp(L / 100 * 65535, 0, 65535), (ushort)Math.Clamp((A + 128) / 255 * 65535, 0, 65535), (ushort)Math.Clamp((B + 128) / 255 * 65535, 0, 65535)];
    }
}
