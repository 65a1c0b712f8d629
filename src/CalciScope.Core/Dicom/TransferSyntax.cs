namespace CalciScope.Dicom;

/// <summary>How a dataset and its pixels are encoded, and whether CalciScope can decode them.</summary>
public sealed record TransferSyntax(string Uid, string Name, bool ExplicitVR, bool BigEndian, bool Deflated, bool Encapsulated, bool Supported, string? TranscodeHint = null)
{
    public const string ImplicitVRLittleEndianUid = "1.2.840.10008.1.2";
    public const string ExplicitVRLittleEndianUid = "1.2.840.10008.1.2.1";
    public const string ExplicitVRBigEndianUid = "1.2.840.10008.1.2.2";
    public const string DeflatedExplicitVRLittleEndianUid = "1.2.840.10008.1.2.1.99";
    public const string RleLosslessUid = "1.2.840.10008.1.2.5";
    public const string JpegBaselineUid = "1.2.840.10008.1.2.4.50";
    public const string JpegExtendedUid = "1.2.840.10008.1.2.4.51";
    public const string JpegLosslessUid = "1.2.840.10008.1.2.4.57";
    public const string JpegLosslessSv1Uid = "1.2.840.10008.1.2.4.70";

    public static readonly TransferSyntax ImplicitVRLittleEndian = new(ImplicitVRLittleEndianUid, "Implicit VR Little Endian", false, false, false, false, true);
    public static readonly TransferSyntax ExplicitVRLittleEndian = new(ExplicitVRLittleEndianUid, "Explicit VR Little Endian", true, false, false, false, true);
    public static readonly TransferSyntax ExplicitVRBigEndian = new(ExplicitVRBigEndianUid, "Explicit VR Big Endian", true, true, false, false, true);

    internal static readonly TransferSyntax[] Known =
    [
        ImplicitVRLittleEndian, ExplicitVRLittleEndian, ExplicitVRBigEndian,
        new(DeflatedExplicitVRLittleEndianUid, "Deflated Explicit VR Little Endian", true, false, true, false, true),
        new(RleLosslessUid, "RLE Lossless", true, false, false, true, true),
        new(JpegBaselineUid, "JPEG Baseline (Process 1)", true, false, false, true, true),
        new(JpegExtendedUid, "JPEG Extended (Process 2 & 4)", true, false, false, true, true),
        new(JpegLosslessUid, "JPEG Lossless (Process 14)", true, false, false, true, true),
        new(JpegLosslessSv1Uid, "JPEG Lossless SV1 (Process 14, Selection Value 1)", true, false, false, true, true),
        new("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless", true, false, false, true, true),
        new("1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless", true, false, false, true, true),
        new("1.2.840.10008.1.2.4.90", "JPEG 2000 Lossless", true, false, false, true, true),
        new("1.2.840.10008.1.2.4.91", "JPEG 2000", true, false, false, true, true),
        new("1.2.840.10008.1.2.4.201", "HTJ2K Lossless", true, false, false, true, true),
        new("1.2.840.10008.1.2.4.202", "HTJ2K Lossless RPCL", true, false, false, true, true),
        new("1.2.840.10008.1.2.4.203", "HTJ2K", true, false, false, true, true),
        new("1.2.840.10008.1.2.4.100", "MPEG2", true, false, false, true, false, "a video tool such as ffmpeg"),
        new("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264", true, false, false, true, false, "a video tool such as ffmpeg"),
    ];

    public static TransferSyntax Lookup(string uid)
    {
        uid = uid.Trim('\0', ' ');
        foreach (var ts in Known) if (ts.Uid == uid) return ts;
        // Unknown syntaxes are assumed encapsulated explicit LE: headers still read, pixels refused.
        return new TransferSyntax(uid, $"unknown transfer syntax {uid}", true, false, false, true, false, "dcmtk's dcmconv +te (or dcmdjpeg/dcmdjpls/dcmdrle)");
    }

    public string UnsupportedMessage() =>
        $"pixel data in {Name} ({Uid}) is not supported; transcode to Explicit VR Little Endian first, e.g. with {TranscodeHint ?? "dcmtk's dcmconv +te"}";
}
