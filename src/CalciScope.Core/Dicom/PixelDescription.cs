namespace CalciScope.Dicom;

/// <summary>The image pixel module of a dataset, validated before any pixel buffer is allocated.</summary>
public sealed record PixelDescription(int Rows, int Columns, int Frames, int SamplesPerPixel, int BitsAllocated, int BitsStored, int HighBit, bool Signed, string Photometric)
{
    /// <summary>Beyond this an image is refused: no CT slice is larger, and it bounds what a header can make us allocate.</summary>
    public const int MaxDimension = 8192;
    public const int MaxFrames = 10000;

    public int PixelsPerFrame => Rows * Columns;
    public int BytesPerFrame => PixelsPerFrame * SamplesPerPixel * (BitsAllocated / 8);

    public static PixelDescription From(DicomDataset ds)
    {
        int rows = ds.GetInt(DicomTags.Rows) ?? throw new DicomFormatException("Rows (0028,0010) is missing");
        int cols = ds.GetInt(DicomTags.Columns) ?? throw new DicomFormatException("Columns (0028,0011) is missing");
        int frames = ds.GetInt(DicomTags.NumberOfFrames) ?? 1;
        int spp = ds.GetInt(DicomTags.SamplesPerPixel) ?? 1;
        int ba = ds.GetInt(DicomTags.BitsAllocated) ?? throw new DicomFormatException("Bits Allocated (0028,0100) is missing");
        int bs = ds.GetInt(DicomTags.BitsStored) ?? ba;
        int hb = ds.GetInt(DicomTags.HighBit) ?? bs - 1;
        bool signed = (ds.GetInt(DicomTags.PixelRepresentation) ?? 0) == 1;
        string pi = ds.GetString(DicomTags.PhotometricInterpretation) ?? "MONOCHROME2";
        if (rows <= 0 || cols <= 0 || rows > MaxDimension || cols > MaxDimension)
            throw new DicomFormatException($"image size {cols}x{rows} is outside 1..{MaxDimension}");
        if (frames <= 0 || frames > MaxFrames) throw new DicomFormatException($"Number of Frames {frames} is outside 1..{MaxFrames}");
        if (ba is not (8 or 16 or 32)) throw new DicomFormatException($"Bits Allocated {ba} is not supported (8, 16 or 32)");
        if (bs <= 0 || bs > ba || hb < bs - 1 || hb >= ba) throw new DicomFormatException($"Bits Stored {bs} / High Bit {hb} do not fit Bits Allocated {ba}");
        if (spp is not (1 or 3)) throw new DicomFormatException($"Samples per Pixel {spp} is not supported");
        return new PixelDescription(rows, cols, frames, spp, ba, bs, hb, signed, pi);
    }

    public bool IsMonochrome => SamplesPerPixel == 1 && Photometric.StartsWith("MONOCHROME", StringComparison.Ordinal);

    /// <summary>Turns a raw container value into the stored value: shift by the high bit, mask, sign-extend.</summary>
    public int ToStored(uint raw)
    {
        int shift = HighBit - BitsStored + 1;
        uint v = (raw >> shift) & (BitsStored == 32 ? 0xFFFFFFFFu : ((1u << BitsStored) - 1));
        if (Signed && BitsStored < 32 && (v & (1u << (BitsStored - 1))) != 0) v |= ~((1u << BitsStored) - 1);
        return (int)v;
    }
}
