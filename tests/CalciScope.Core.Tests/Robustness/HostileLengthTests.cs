using CalciScope.Dicom;

namespace CalciScope.Tests.Robustness;

/// <summary>Lengths declared near 2^32 must end in a clear refusal, never an arithmetic overflow (the archives issue, problem 1).</summary>
public class HostileLengthTests
{
    [Theory]
    [InlineData(0xFFFFFFFEu, 16u)]
    [InlineData(0x80000000u, 16u)]
    [InlineData(24u, 0xFFFFFFF0u)]
    [InlineData(24u, 0x7FFFFFFFu)]
    public void Read_SequenceOrItemLengthBeyondTheFile_RefusedWithReason(uint sequenceLength, uint itemLength)
    {
        var e = Assert.ThrowsAny<CalciScopeException>(() => DicomReader.Read(HandBuiltDicom.WithSequence(sequenceLength, itemLength), "hostile.dcm"));
        Assert.Matches("declares|remain|needs", e.Message);
    }

    [Fact]
    public void Read_SequenceLengthThatFits_Reads()
    {
        var file = DicomReader.Read(HandBuiltDicom.WithSequence(8, 0), "fine.dcm");
        Assert.NotNull(file.Dataset);
    }
}

/// <summary>The archives issue, problem 6: a small deflated file inflating to gigabytes.</summary>
public class DeflateBombTests
{
    [Fact]
    public void Read_DeflatedDatasetInflatingBeyondTheBound_RefusedWithReason()
    {
        using var tmp = new CalciScope.Tests.Support.TempDir();
        // (0009,1010) OB of 700 MB of zeros: a few hundred KB deflated.
        File.WriteAllBytes(tmp["bomb.dcm"], HandBuiltDicom.DeflateBomb(700));
        Assert.True(new FileInfo(tmp["bomb.dcm"]).Length < 5 << 20);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.ThrowsAny<CalciScopeException>(() => DicomReader.ReadFile(tmp["bomb.dcm"]));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("inflates beyond", e.Message);
        // Refused having taken no memory for the inflated data: the size is counted first (growing a buffer by doubling
        // had taken 2.4 GB for this file as a process).
        Assert.True(allocated < 16 << 20, $"{allocated >> 20} MB allocated to refuse a deflate bomb");
    }
}

/// <summary>The archives issue, problem 11: a sequence of millions of empty items in a small file.</summary>
public class ItemFloodTests
{
    private static byte[] FileWithItems(int items)
    {
        var b = HandBuiltDicom.Preamble();
        // (0008,1140) SQ of undefined length holding empty items of defined length 0, then its delimiter.
        b.AddRange([0x08, 0x00, 0x40, 0x11, (byte)'S', (byte)'Q', 0, 0, 0xFF, 0xFF, 0xFF, 0xFF]);
        for (int i = 0; i < items; i++) b.AddRange([0xFE, 0xFF, 0x00, 0xE0, 0, 0, 0, 0]);
        b.AddRange([0xFE, 0xFF, 0xDD, 0xE0, 0, 0, 0, 0]);
        return b.ToArray();
    }

    [Fact]
    public void Read_MillionsOfItems_RefusedBeforeMemoryGrows()
    {
        var data = FileWithItems(DicomReader.MaxItems + 10);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.ThrowsAny<CalciScopeException>(() => DicomReader.Read(data, "flood.dcm"));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("sequence items", e.Message);
        // Bounded by the cap (about 170 bytes an item), not by the file: 500,000 items stay well under 200 MB.
        Assert.True(allocated < 200L << 20, $"{allocated >> 20} MB allocated");
    }

    [Fact]
    public void Read_TensOfThousandsOfItems_Reads()
    {
        var file = DicomReader.Read(FileWithItems(50_000), "many.dcm");
        Assert.Equal(50_000, file.Dataset.GetSequence(new DicomTag(0x0008, 0x1140)).Count);
    }
}
