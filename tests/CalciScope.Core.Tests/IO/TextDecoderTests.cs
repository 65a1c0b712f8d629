using System.Text;
using CalciScope.Findings.Text;
using CalciScope.IO;
using CalciScope.Tests.Support;

namespace CalciScope.Tests.IO;

/// <summary>Clinical text in every encoding a hospital system writes is read as the same text, never as "binary data".</summary>
public class TextDecoderTests
{
    private const string Note = "A 40-year-old woman with lupus: hard buttocks, café-au-lait? No — calcification ≥ 5 mm.";

    public static TheoryData<string> Encodings => ["utf-8", "utf-8-bom", "utf-16le-bom", "utf-16be-bom", "utf-16le", "utf-16be", "utf-32le-bom"];

    private static byte[] Encode(string name) => name switch
    {
        "utf-8" => new UTF8Encoding(false).GetBytes(Note),
        "utf-8-bom" => [.. new UTF8Encoding(true).GetPreamble(), .. Encoding.UTF8.GetBytes(Note)],
        "utf-16le-bom" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Note)],
        "utf-16be-bom" => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(Note)],
        "utf-16le" => Encoding.Unicode.GetBytes(Note),
        "utf-16be" => Encoding.BigEndianUnicode.GetBytes(Note),
        "utf-32le-bom" => [.. Encoding.UTF32.GetPreamble(), .. Encoding.UTF32.GetBytes(Note)],
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Decode_EveryEncoding_GivesTheSameText(string encoding) => Assert.Equal(Note, TextDecoder.Decode(Encode(encoding)));

    [Fact]
    public void Decode_Latin1_FallsBackWithoutLoss() =>
        Assert.Equal("café", TextDecoder.Decode(Encoding.Latin1.GetBytes("café")));

    [Fact]
    public void ExtractFile_Utf16Notes_ReadLikeUtf8()
    {
        using var tmp = new TempDir();
        const string notes = "A 40-year-old woman with systemic lupus erythematosus has hard buttocks. CT shows linear reticular calcification in the gluteal subcutaneous fat.";
        File.WriteAllText(tmp["u8.txt"], notes, new UTF8Encoding(false));
        File.WriteAllText(tmp["u16.txt"], notes, Encoding.Unicode);
        var extractor = TextFindingExtractor.Default;
        var a = extractor.ExtractFile(tmp["u8.txt"]).Select(f => (f.Id, f.Present)).ToList();
        var b = extractor.ExtractFile(tmp["u16.txt"]).Select(f => (f.Id, f.Present)).ToList();
        Assert.NotEmpty(a);
        Assert.Equal(a, b);
    }

    [Fact]
    public void ExtractFile_RealBinary_StillRefused()
    {
        using var tmp = new TempDir();
        var bytes = new byte[4096];
        new Random(3).NextBytes(bytes);
        File.WriteAllBytes(tmp["x.txt"], bytes);
        var e = Assert.Throws<InputException>(() => TextFindingExtractor.Default.ExtractFile(tmp["x.txt"]));
        Assert.Contains("x.txt", e.Message);
    }
}
