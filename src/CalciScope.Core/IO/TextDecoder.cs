using System.Text;

namespace CalciScope.IO;

/// <summary>
/// Text files as clinical systems write them: UTF-8 (with or without a byte-order mark), UTF-16 and UTF-32 with their
/// marks, UTF-16 without one (Windows tools; told by its zero high bytes), and otherwise Latin-1, which never fails.
/// </summary>
public static class TextDecoder
{
    /// <summary>Share of the even or odd bytes that are zero, from which BOM-less text is UTF-16: ASCII-range text in UTF-16 has one zero byte per character.</summary>
    public const double Utf16ZeroShare = 0.4;

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0, 0])) return new UTF32Encoding(false, false).GetString(bytes[4..]);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF])) return new UTF32Encoding(true, false).GetString(bytes[4..]);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return Utf8OrLatin1(bytes[3..]);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return Encoding.Unicode.GetString(bytes[2..]);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        if (bytes.Length >= 4 && bytes.Length % 2 == 0)
        {
            int evenZero = 0, oddZero = 0;
            for (int i = 0; i < bytes.Length; i += 2) { if (bytes[i] == 0) evenZero++; if (bytes[i + 1] == 0) oddZero++; }
            int pairs = bytes.Length / 2;
            if (oddZero >= Utf16ZeroShare * pairs && evenZero < 0.05 * pairs) return Encoding.Unicode.GetString(bytes);
            if (evenZero >= Utf16ZeroShare * pairs && oddZero < 0.05 * pairs) return Encoding.BigEndianUnicode.GetString(bytes);
        }
        return Utf8OrLatin1(bytes);
    }

    private static string Utf8OrLatin1(ReadOnlySpan<byte> bytes)
    {
        try { return new UTF8Encoding(false, true).GetString(bytes); }
        catch (DecoderFallbackException) { return Encoding.Latin1.GetString(bytes); }
    }
}
