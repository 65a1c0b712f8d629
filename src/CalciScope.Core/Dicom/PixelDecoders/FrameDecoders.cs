namespace CalciScope.Dicom.PixelDecoders;

/// <summary>
/// The frame decoder of each encapsulated transfer syntax, registered by UID: adding a codec is one entry here and one
/// row of <see cref="TransferSyntax"/>'s table.
/// </summary>
internal static class FrameDecoders
{
    private static readonly IReadOnlyDictionary<string, IFrameDecoder> BySyntax = new Dictionary<string, IFrameDecoder>(StringComparer.Ordinal)
    {
        [TransferSyntax.RleLosslessUid] = RleDecoder.Instance,
        [TransferSyntax.JpegBaselineUid] = JpegFrameDecoder.Instance,
        [TransferSyntax.JpegExtendedUid] = JpegFrameDecoder.Instance,
        [TransferSyntax.JpegLosslessUid] = JpegLosslessDecoder.Instance,
        [TransferSyntax.JpegLosslessSv1Uid] = JpegLosslessDecoder.Instance,
        ["1.2.840.10008.1.2.4.80"] = CharLsDecoder.Instance,
        ["1.2.840.10008.1.2.4.81"] = CharLsDecoder.Instance,
        ["1.2.840.10008.1.2.4.90"] = OpenJpegDecoder.Instance,
        ["1.2.840.10008.1.2.4.91"] = OpenJpegDecoder.Instance,
        ["1.2.840.10008.1.2.4.201"] = OpenJpegDecoder.Instance,
        ["1.2.840.10008.1.2.4.202"] = OpenJpegDecoder.Instance,
        ["1.2.840.10008.1.2.4.203"] = OpenJpegDecoder.Instance,
    };

    /// <summary>The decoder for an encapsulated syntax; a syntax marked supported without one is a programming error, reported as such.</summary>
    public static IFrameDecoder For(TransferSyntax syntax) =>
        BySyntax.TryGetValue(syntax.Uid, out var decoder) ? decoder : throw new DicomFormatException(syntax.UnsupportedMessage());

    /// <summary>The syntaxes with a registered decoder (for the test that every supported encapsulated syntax has one).</summary>
    public static IEnumerable<string> Registered => BySyntax.Keys;
}
