using System.Buffers.Binary;
using System.Text;

namespace CalciScope.Dicom;

/// <summary>Writes Part 10 files in Explicit VR Little Endian: preamble, meta group with its length, then the dataset.</summary>
public static class DicomWriter
{
    public const string ImplementationClassUid = "1.2.826.0.1.3680043.10.1341.1";
    public const string ImplementationVersion = "CALCISCOPE_1";

    public static void WriteFile(string path, DicomDataset dataset, string? sopClassUid = null, string? sopInstanceUid = null)
        => AtomicFile.Write(path, s => Write(s, dataset, sopClassUid, sopInstanceUid));

    public static void Write(Stream output, DicomDataset dataset, string? sopClassUid = null, string? sopInstanceUid = null)
    {
        sopClassUid ??= dataset.GetString(DicomTags.SopClassUid) ?? throw new ArgumentException("SOP Class UID is missing");
        sopInstanceUid ??= dataset.GetString(DicomTags.SopInstanceUid) ?? throw new ArgumentException("SOP Instance UID is missing");
        var meta = new DicomDataset()
            .AddBytes(DicomTags.FileMetaInformationVersion, "OB", [0, 1])
            .AddString(DicomTags.MediaStorageSopClassUid, "UI", sopClassUid)
            .AddString(DicomTags.MediaStorageSopInstanceUid, "UI", sopInstanceUid)
            .AddString(DicomTags.TransferSyntaxUid, "UI", TransferSyntax.ExplicitVRLittleEndianUid)
            .AddString(DicomTags.ImplementationClassUid, "UI", ImplementationClassUid)
            .AddString(DicomTags.ImplementationVersionName, "SH", ImplementationVersion);
        using var metaBody = new MemoryStream();
        var metaWriter = new BinaryWriter(metaBody);
        foreach (var e in meta.Elements) WriteElement(metaWriter, e);

        var bw = new BinaryWriter(output, Encoding.ASCII, leaveOpen: true);
        bw.Write(new byte[128]);
        bw.Write("DICM"u8);
        var groupLength = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(groupLength, (uint)metaBody.Length);
        WriteElement(bw, new DicomElement(DicomTags.FileMetaInformationGroupLength, "UL", groupLength));
        bw.Write(metaBody.GetBuffer(), 0, (int)metaBody.Length);
        foreach (var e in dataset.Elements)
        {
            if (e.Tag.Group == 0x0002) continue;
            WriteElement(bw, e);
        }
        bw.Flush();
    }

    private static void WriteElement(BinaryWriter w, DicomElement e)
    {
        w.Write(e.Tag.Group);
        w.Write(e.Tag.Element);
        w.Write(Encoding.ASCII.GetBytes(e.VR));
        if (e.VR == "SQ")
        {
            w.Write((ushort)0);
            w.Write(0xFFFFFFFFu);
            foreach (var item in e.Items ?? [])
            {
                w.Write((ushort)0xFFFE); w.Write((ushort)0xE000); w.Write(0xFFFFFFFFu);
                foreach (var ie in item.Elements) WriteElement(w, ie);
                w.Write((ushort)0xFFFE); w.Write((ushort)0xE00D); w.Write(0u);
            }
            w.Write((ushort)0xFFFE); w.Write((ushort)0xE0DD); w.Write(0u);
            return;
        }
        var value = e.Value;
        bool odd = (value.Length & 1) == 1;
        uint len = (uint)(value.Length + (odd ? 1 : 0));
        if (DicomVR.HasLongLength(e.VR))
        {
            w.Write((ushort)0);
            w.Write(len);
        }
        else
        {
            if (len > ushort.MaxValue) throw new ArgumentException($"{e.Tag} value of {len} bytes is too long for VR {e.VR}");
            w.Write((ushort)len);
        }
        w.Write(value);
        if (odd) w.Write(e.VR == "UI" || !DicomVR.IsText(e.VR) ? (byte)0 : (byte)' ');
    }
}
