namespace CalciScope.Tests;

/// <summary>Tests that count the process's allocations run alone: any other test running beside them would be counted.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public class AloneCollection
{
    public const string Name = "alone";
}

[Collection(AloneCollection.Name)]
public class AllocationBoundTests
{
    [Fact]
    public void Analyze_AbsurdRowsColumns_Exit2WithoutAllocating()
    {
        using var t = new TempFolder();
        var bytes = File.ReadAllBytes(Path.Combine(SmallPhantom.Dicom, "IM0004.dcm"));
        // Rows (0028,0010) US: set it to 65535 in place.
        var tag = new byte[] { 0x28, 0x00, 0x10, 0x00, (byte)'U', (byte)'S', 2, 0 };
        int at = bytes.AsSpan().IndexOf(tag);
        Assert.True(at > 0);
        bytes[at + 8] = 0xFF; bytes[at + 9] = 0xFF;
        File.WriteAllBytes(t["huge.dcm"], bytes);
        long before = GC.GetTotalAllocatedBytes();
        var r = CliRunner.Run("analyze", t["huge.dcm"], "--out", t["o"]);
        BadInputTests.AssertBadInput(r, "huge.dcm", "8192");
        Assert.True(GC.GetTotalAllocatedBytes() - before < 64L << 20, "allocated far beyond the file's size");
    }
}
