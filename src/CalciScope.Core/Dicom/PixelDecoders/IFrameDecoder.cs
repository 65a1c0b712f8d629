namespace CalciScope.Dicom.PixelDecoders;

/// <summary>Decodes one frame of a monochrome image into stored values (before rescale).</summary>
internal interface IFrameDecoder
{
    void Decode(ReadOnlySpan<byte> frame, PixelDescription d, Span<int> stored);
}
