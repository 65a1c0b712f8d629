using CalciScope.Dicom;
using CalciScope.Pipeline;
using CalciScope.Tests.Support;

namespace CalciScope.Tests.Dicom;

/// <summary>
/// A DICOMDIR is read as the file set it lists: one made by dcmtk's dcmmkdir over a series in IMAGES/ gives the same
/// volume as the folder; media copied with lower-case names still resolve; paths leaving the folder are refused, missing
/// files are named in a warning, and records marked inactive are skipped.
/// </summary>
public class DicomDirectoryTests
{
    /// <summary>The small phantom series copied into root/IMAGES/IM0001... (eight-character media names).</summary>
    private static string[] CopyToMedia(string root)
    {
        var (_, dicom) = TestStudies.Small();
        var images = Directory.CreateDirectory(Path.Combine(root, "IMAGES")).FullName;
        var sources = Directory.GetFiles(dicom).Order(StringComparer.Ordinal).ToArray();
        for (int i = 0; i < sources.Length; i++) File.Copy(sources[i], Path.Combine(images, $"IM{i + 1:0000}"));
        return sources;
    }

    [Fact]
    public void Load_DcmtkDicomdir_EqualsTheFolder()
    {
        using var tmp = new TempDir();
        CopyToMedia(tmp.Path);
        Tool.RunIn(tmp.Path, "dcmmkdir", "--invent", "--recurse", "IMAGES").Ok();
        var fromDir = StudyReader.Load(tmp["DICOMDIR"]);
        var fromFolder = StudyReader.Load(Path.Combine(tmp.Path, "IMAGES"));
        Assert.Equal(fromFolder.Hu.Geometry.SizeZ, fromDir.Hu.Geometry.SizeZ);
        Assert.Equal(fromFolder.Hu.Data, fromDir.Hu.Data);
        Assert.True(DicomDirectory.Is(tmp["DICOMDIR"]));
    }

    [Fact]
    public void Load_MediaCopiedInLowerCase_StillResolves()
    {
        using var tmp = new TempDir();
        int n = CopyToMedia(tmp.Path).Length;
        Tool.RunIn(tmp.Path, "dcmmkdir", "--invent", "--recurse", "IMAGES").Ok();
        var lower = Path.Combine(tmp.Path, "images");
        Directory.Move(Path.Combine(tmp.Path, "IMAGES"), lower);
        foreach (var f in Directory.GetFiles(lower)) File.Move(f, Path.Combine(lower, Path.GetFileName(f).ToLowerInvariant()));
        var warnings = new List<string>();
        Assert.Equal(n, DicomDirectory.ReferencedFiles(tmp["DICOMDIR"], warnings).Count);
        Assert.Empty(warnings);
    }

    private static DicomDataset Record(string type, string? fileId, int inUse = 0xFFFF)
    {
        var r = new DicomDataset()
            .AddUShort(new DicomTag(0x0004, 0x1410), (ushort)inUse)
            .AddString(new DicomTag(0x0004, 0x1430), "CS", type);
        if (fileId is not null) r.AddString(new DicomTag(0x0004, 0x1500), "CS", fileId);
        return r;
    }

    private static string WriteDicomdir(string root, params DicomDataset[] records)
    {
        var ds = new DicomDataset().AddString(new DicomTag(0x0004, 0x1130), "CS", "TEST").AddSequence(new DicomTag(0x0004, 0x1220), records);
        var path = Path.Combine(root, "DICOMDIR");
        DicomWriter.WriteFile(path, ds, DicomDirectory.SopClassUid, "1.2.826.0.1.3680043.10.1341.99.1");
        return path;
    }

    [Fact]
    public void ReferencedFiles_PathLeavingTheFolder_IsRefused()
    {
        using var tmp = new TempDir();
        var dir = WriteDicomdir(tmp.Path, Record("IMAGE", "..\\..\\ETC\\PASSWD"));
        var e = Assert.Throws<InputException>(() => DicomDirectory.ReferencedFiles(dir, []));
        Assert.Contains("outside its folder", e.Message);
        Assert.Contains("DICOMDIR", e.Message);
    }

    [Fact]
    public void ReferencedFiles_MissingAndInactive_WarnedAndSkipped()
    {
        using var tmp = new TempDir();
        CopyToMedia(tmp.Path);
        var dir = WriteDicomdir(tmp.Path, Record("PATIENT", null), Record("IMAGE", "IMAGES\\IM0001"), Record("IMAGE", "IMAGES\\IM0002", inUse: 0),
            Record("IMAGE", "IMAGES\\IM0099"), Record("IMAGE", "IMAGES\\IM0003"));
        var warnings = new List<string>();
        var files = DicomDirectory.ReferencedFiles(dir, warnings);
        Assert.Equal(["IM0001", "IM0003"], files.Select(Path.GetFileName));
        Assert.Contains(warnings, w => w.Contains("1 file(s) listed in the DICOMDIR are missing"));
    }

    [Fact]
    public void ReferencedFiles_NothingPresent_IsOneClearError()
    {
        using var tmp = new TempDir();
        var dir = WriteDicomdir(tmp.Path, Record("IMAGE", "IMAGES\\IM0001"));
        var e = Assert.Throws<InputException>(() => StudyReader.Load(dir));
        Assert.Contains("none of the 1 file(s) the DICOMDIR lists is present", e.Message);
    }
}

/// <summary>Every encapsulated syntax marked supported has a registered frame decoder, and nothing else has one.</summary>
public class FrameDecoderRegistryTests
{
    [Fact]
    public void Registry_CoversExactlyTheSupportedEncapsulatedSyntaxes()
    {
        var supported = TransferSyntax.Known.Where(t => t.Encapsulated && t.Supported).Select(t => t.Uid).Order().ToList();
        Assert.Equal(supported, CalciScope.Dicom.PixelDecoders.FrameDecoders.Registered.Order().ToList());
        Assert.Throws<DicomFormatException>(() => CalciScope.Dicom.PixelDecoders.FrameDecoders.For(TransferSyntax.Lookup("1.2.840.10008.1.2.4.100")));
    }
}
