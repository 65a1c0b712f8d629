using CalciScope.Calcification;
using CalciScope.Dicom;
using CalciScope.Imaging;

namespace CalciScope.Reports.Dicom;

/// <summary>
/// Reads a CalciScope SEG back into a label map on a study's grid: each frame placed by its ImagePositionPatient,
/// each segment given its contract label by its SegmentLabel. The viewer's overlay is drawn from this, so what the
/// page shows is what the PACS received.
/// </summary>
public static class DicomSegReader
{
    public static byte[] ToLabelMap(DicomDataset seg, VolumeGeometry g)
    {
        if (seg.GetString(DicomTags.SopClassUid) != DicomSegWriter.SegmentationStorage) throw new InputException(null, "not a DICOM segmentation");
        int rows = seg.GetInt(DicomTags.Rows) ?? 0, columns = seg.GetInt(DicomTags.Columns) ?? 0;
        if (rows != g.SizeY || columns != g.SizeX) throw new InputException(null, $"the segmentation is {columns}x{rows}, the study {g.SizeX}x{g.SizeY}");
        var labels = seg.GetSequence(DicomTags.SegmentSequence).Select(LabelOf).ToArray();
        var frames = seg.GetSequence(DicomTags.PerFrameFunctionalGroupsSequence);
        var pixels = seg.Get(DicomTags.PixelData)?.Value ?? [];
        int len = g.SizeX * g.SizeY;
        if ((long)frames.Count * len > (long)pixels.Length * 8) throw new InputException(null, "the segmentation's pixel data is shorter than its frames");
        var map = new byte[g.VoxelCount];
        for (int f = 0; f < frames.Count; f++)
        {
            int segment = frames[f].FirstItem(DicomTags.SegmentIdentificationSequence)?.GetInt(DicomTags.ReferencedSegmentNumber) ?? 0;
            var position = frames[f].FirstItem(DicomTags.PlanePositionSequence)?.GetDoubles(DicomTags.ImagePositionPatient) ?? [];
            if (segment < 1 || segment > labels.Length || position.Length != 3) continue;
            int k = (int)Math.Round(g.ToIndex(new Vec3(position[0], position[1], position[2])).Z);
            if (k < 0 || k >= g.SizeZ) continue;
            byte label = labels[segment - 1];
            long bit = (long)f * len;
            var plane = map.AsSpan(k * len, len);
            for (int i = 0; i < len; i++, bit++)
                if ((pixels[bit >> 3] & (1 << (int)(bit & 7))) != 0) plane[i] = label;
        }
        return map;
    }

    /// <summary>"subcutaneous calcification" -> 2, "skeleton" -> 9, "costal cartilage" -> 10 (the contract's values).</summary>
    private static byte LabelOf(DicomDataset segment)
    {
        var name = (segment.GetString(DicomTags.SegmentLabel) ?? "").Replace(" calcification", "").Replace(' ', '_');
        int code = Array.IndexOf(CalcificationDetector.LabelNames, name);
        return (byte)(code >= 1 ? code : Array.IndexOf(CalcificationDetector.LabelNames, "other"));
    }
}
