using System.Buffers.Binary;
using System.Globalization;
using CalciScope.Imaging;

namespace CalciScope.Dicom;

/// <summary>Writes a HU volume as a classic CT Image Storage series, one Explicit VR Little Endian file per slice.</summary>
public static class CtSeriesWriter
{
    public const string CtImageStorage = "1.2.840.10008.5.1.4.1.1.2";

    public static IReadOnlyList<string> Write(string folder, Volume<short> hu, StudyInfo info, IProgress<double>? progress = null)
    {
        Directory.CreateDirectory(folder);
        var g = hu.Geometry;
        var paths = new string[g.SizeZ];
        int done = 0;
        Parallel.For(0, g.SizeZ, k =>
        {
            var ds = SliceDataset(hu, info, k);
            var path = Path.Combine(folder, $"IM{k + 1:D4}.dcm");
            DicomWriter.WriteFile(path, ds);
            paths[k] = path;
            if (Interlocked.Increment(ref done) % 8 == 0) progress?.Report((double)done / g.SizeZ);
        });
        return paths;
    }

    public static DicomDataset SliceDataset(Volume<short> hu, StudyInfo info, int k)
    {
        var g = hu.Geometry;
        var pos = g.ToPatient(0, 0, k);
        var sop = DicomUid.FromSeed($"{info.SeriesUid}/{k}");
        // Stored as unsigned with intercept -1024, as many scanners do, so readers must apply the rescale.
        var pixels = new byte[hu.SliceLength * 2];
        var src = hu.Slice(k);
        for (int i = 0; i < src.Length; i++)
            BinaryPrimitives.WriteUInt16LittleEndian(pixels.AsSpan(i * 2), (ushort)Math.Clamp(src[i] + 1024, 0, 65535));
        var ds = new DicomDataset()
            .AddString(DicomTags.SpecificCharacterSet, "ISO_IR 100")
            .AddString(DicomTags.ImageType, @"ORIGINAL\PRIMARY\AXIAL")
            .AddString(DicomTags.SopClassUid, CtImageStorage)
            .AddString(DicomTags.SopInstanceUid, sop)
            .AddString(DicomTags.StudyDate, info.StudyDate)
            .AddString(DicomTags.StudyTime, "101500")
            .AddString(DicomTags.AccessionNumber, info.AccessionNumber)
            .AddString(DicomTags.Modality, info.Modality)
            .AddString(DicomTags.Manufacturer, info.Manufacturer)
            .AddString(DicomTags.ReferringPhysicianName, "")
            .AddString(DicomTags.StudyDescription, "CT pelvis")
            .AddString(DicomTags.SeriesDescription, info.SeriesDescription)
            .AddString(DicomTags.PatientName, info.PatientName)
            .AddString(DicomTags.PatientId, info.PatientId)
            .AddString(DicomTags.PatientBirthDate, info.PatientBirthDate)
            .AddString(DicomTags.PatientSex, info.PatientSex)
            .AddString(DicomTags.BodyPartExamined, "PELVIS")
            .AddDecimals(DicomTags.SliceThickness, g.Spacing.Z)
            .AddDecimals(DicomTags.KVP, info.KvP ?? 120)
            .AddString(DicomTags.PatientPosition, PatientPostures.ToDicom(g.Posture))
            .AddString(DicomTags.StudyInstanceUid, info.StudyUid)
            .AddString(DicomTags.SeriesInstanceUid, info.SeriesUid)
            .AddString(DicomTags.StudyId, "1")
            .AddString(DicomTags.SeriesNumber, "2")
            .AddString(DicomTags.InstanceNumber, (k + 1).ToString(CultureInfo.InvariantCulture))
            .AddDecimals(DicomTags.ImagePositionPatient, pos.X, pos.Y, pos.Z)
            .AddDecimals(DicomTags.ImageOrientationPatient, g.AxisI.X, g.AxisI.Y, g.AxisI.Z, g.AxisJ.X, g.AxisJ.Y, g.AxisJ.Z)
            .AddString(DicomTags.FrameOfReferenceUid, info.FrameOfReferenceUid)
            .AddDecimals(DicomTags.SliceLocation, pos.Z)
            .AddUShort(DicomTags.SamplesPerPixel, 1)
            .AddString(DicomTags.PhotometricInterpretation, "MONOCHROME2")
            .AddUShort(DicomTags.Rows, (ushort)g.SizeY)
            .AddUShort(DicomTags.Columns, (ushort)g.SizeX)
            .AddDecimals(DicomTags.PixelSpacing, g.Spacing.Y, g.Spacing.X)
            .AddUShort(DicomTags.BitsAllocated, 16)
            .AddUShort(DicomTags.BitsStored, 16)
            .AddUShort(DicomTags.HighBit, 15)
            .AddUShort(DicomTags.PixelRepresentation, 0)
            .AddDecimals(DicomTags.WindowCenter, 40)
            .AddDecimals(DicomTags.WindowWidth, 400)
            .AddDecimals(DicomTags.RescaleIntercept, -1024)
            .AddDecimals(DicomTags.RescaleSlope, 1)
            .AddString(DicomTags.RescaleType, "HU")
            .AddBytes(DicomTags.PixelData, "OW", pixels);
        return ds;
    }
}
