using System.Diagnostics;
using CalciScope.Diagnosis;
using CalciScope.Dicom;
using CalciScope.Findings;
using CalciScope.Findings.Text;
using CalciScope.Nifti;
using CalciScope.Tests.Support;
using Xunit.Abstractions;

namespace CalciScope.Tests.Robustness;

/// <summary>
/// Deterministic mutation fuzzing of every reader: bit flips, boundary bytes, truncation, duplicated and inserted
/// chunks, corrupted length fields. Each case must end in a result or a CalciScopeException, within a time and an
/// allocation bound. More cases: CALCISCOPE_FUZZ_CASES=200000 dotnet test -c Release --filter FuzzTests.
/// </summary>
public class FuzzTests(ITestOutputHelper output)
{
    private static readonly int Cases = int.TryParse(Environment.GetEnvironmentVariable("CALCISCOPE_FUZZ_CASES"), out var n) ? n : 1500;
    // Cases take milliseconds; the budget only has to tell a hang from a case slowed by the other tests on two cores.
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(15);

    private static byte[] Mutate(byte[] seed, Random rng)
    {
        var b = (byte[])seed.Clone();
        int ops = 1 + rng.Next(4);
        for (int o = 0; o < ops; o++)
        {
            if (b.Length == 0) return b;
            int at = rng.Next(b.Length);
            switch (rng.Next(7))
            {
                case 0: b[at] ^= (byte)(1 << rng.Next(8)); break;
                case 1: b[at] = (byte)new[] { 0x00, 0xFF, 0x7F, 0x80, 0xFE }[rng.Next(5)]; break;
                case 2: b = b[..at]; break;
                case 3:
                {
                    // Lengths and sizes live in 16/32-bit fields: slam one to an extreme.
                    if (at + 4 <= b.Length) BitConverter.GetBytes(new[] { 0xFFFFFFFFu, 0x7FFFFFFFu, 0u, 0xFFFFu, 0x10000u }[rng.Next(5)]).CopyTo(b, at);
                    break;
                }
                case 4:
                {
                    int len = Math.Min(b.Length - at, 1 + rng.Next(64));
                    b = [.. b[..(at + len)], .. b[at..(at + len)], .. b[(at + len)..]];
                    break;
                }
                case 5:
                {
                    var junk = new byte[1 + rng.Next(32)];
                    rng.NextBytes(junk);
                    b = [.. b[..at], .. junk, .. b[at..]];
                    break;
                }
                default:
                {
                    int len = Math.Min(b.Length - at, 1 + rng.Next(16));
                    b = [.. b[..at], .. b[(at + len)..]];
                    break;
                }
            }
        }
        return b;
    }

    private sealed record Tally(string Target, int Cases, int Accepted, int Refused, List<string> Crashes, int Hangs, long PeakAllocatedBytes);

    private Tally Run(string target, IReadOnlyList<byte[]> seeds, Action<byte[]> read, int seed)
    {
        var rng = new Random(seed);
        int accepted = 0, refused = 0, hangs = 0;
        long peak = 0;
        var slowest = TimeSpan.Zero;
        var crashes = new List<string>();
        // One unmutated run first, untimed: compiling the reader is not a hang, however busy the machine is.
        try { read(seeds[0]); } catch (CalciScopeException) { }
        for (int i = 0; i < Cases; i++)
        {
            var input = Mutate(seeds[i % seeds.Count], rng);
            Exception? error = null;
            long allocated = 0;
            // A dedicated thread, not the pool: other tests busy on the pool must not look like a hang here.
            var thread = new Thread(() =>
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                try { read(input); }
                catch (Exception e) { error = e; }
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            }) { IsBackground = true };
            var clock = System.Diagnostics.Stopwatch.StartNew();
            thread.Start();
            if (!thread.Join(Budget)) { hangs++; output.WriteLine($"case {i} still running after {Budget.TotalSeconds:0} s"); continue; }
            if (clock.Elapsed > slowest) slowest = clock.Elapsed;
            if (clock.Elapsed > TimeSpan.FromMilliseconds(250)) output.WriteLine($"case {i} took {clock.Elapsed.TotalMilliseconds:0} ms: {error?.Message ?? "accepted"}");
            peak = Math.Max(peak, allocated);
            if (error is null) accepted++;
            else if (error is CalciScopeException) refused++;
            else if (crashes.Count < 10) crashes.Add($"case {i}: {error.GetType().Name}: {error.Message}\n{error.StackTrace?.Split('\n').FirstOrDefault()}");
            else crashes.Add("");
        }
        var tally = new Tally(target, Cases, accepted, refused, crashes, hangs, peak);
        output.WriteLine($"{target}: {Cases} cases, {accepted} accepted, {refused} refused, {crashes.Count} crashes, {hangs} hangs, slowest case {slowest.TotalMilliseconds:0} ms, peak {peak >> 20} MiB allocated in one case");
        foreach (var c in crashes.Where(c => c.Length > 0)) output.WriteLine("  " + c);
        return tally;
    }

    private static void AssertClean(Tally t)
    {
        Assert.True(t.Crashes.Count == 0, $"{t.Target}: {t.Crashes.Count} unhandled exceptions, first: {t.Crashes.FirstOrDefault()}");
        Assert.Equal(0, t.Hangs);
    }

    private static void ReadDicomFully(byte[] data)
    {
        var f = DicomReader.Read(data, "fuzz.dcm");
        if (!f.HasPixelData) return;
        PixelDescription d;
        try { d = PixelDescription.From(f.Dataset); }
        catch (DicomFormatException) { return; }
        var stored = new int[d.PixelsPerFrame];
        for (int i = 0; i < Math.Min(d.Frames, 4); i++) DicomPixelData.DecodeFrame(f, d, i, stored);
    }

    [Fact]
    public void Fuzz_DicomReaderAndDecoders()
    {
        var (_, dicom) = TestStudies.Small();
        using var tmp = new TempDir();
        var src = Path.Combine(dicom, "IM0003.dcm");
        Tool.Run("dcmcrle", src, tmp["rle.dcm"]).Ok();
        Tool.Run("dcmcjpeg", "+el", src, tmp["jpl.dcm"]).Ok();
        Tool.Run("dcmconv", "+tb", src, tmp["be.dcm"]).Ok();
        Tool.Run("dcmconv", "+td", src, tmp["dfl.dcm"]).Ok();
        var seeds = new[] { src, tmp["rle.dcm"], tmp["jpl.dcm"], tmp["be.dcm"], tmp["dfl.dcm"] }.Select(File.ReadAllBytes).ToList();
        var t = Run("DICOM", seeds, ReadDicomFully, 1);
        AssertClean(t);
        Assert.True(t.PeakAllocatedBytes < 256L << 20, $"peak allocation {t.PeakAllocatedBytes >> 20} MiB");
    }

    [Fact]
    public void Fuzz_NiftiReader()
    {
        using var tmp = new TempDir();
        var vol = new CalciScope.Imaging.Volume<short>(CalciScope.Imaging.VolumeGeometry.Axial(24, 20, 6, 0.8, 0.8, 2));
        for (int i = 0; i < vol.Data.Length; i++) vol.Data[i] = (short)(i % 700 - 300);
        NiftiWriter.Write(tmp["v1.nii"], vol);
        NiftiWriter.Write(tmp["v2.nii"], vol, version: 2);
        var seeds = new[] { tmp["v1.nii"], tmp["v2.nii"] }.Select(File.ReadAllBytes).ToList();
        var t = Run("NIfTI", seeds, b => NiftiReader.Read(b, "fuzz.nii"), 2);
        AssertClean(t);
        Assert.True(t.PeakAllocatedBytes < 256L << 20, $"peak allocation {t.PeakAllocatedBytes >> 20} MiB");
    }

    [Fact]
    public void Fuzz_CaseFileReader()
    {
        var seeds = new[]
        {
            "age: 40\nsex: female\npresent: [sle, butterfly_rash]\nabsent: [bone_involvement]\nfindings: {ck_elevated: absent}\n",
            "{\"age\": 9, \"sex\": \"female\", \"present\": [\"heliotrope_rash\"], \"findings\": {\"ck_elevated\": \"present\"}}",
        }.Select(System.Text.Encoding.UTF8.GetBytes).ToList();
        var kb = KnowledgeBase.Default;
        var t = Run("case file", seeds, b => CaseFileReader.Parse(System.Text.Encoding.UTF8.GetString(b), kb, "fuzz.yaml"), 3);
        AssertClean(t);
    }

    [Fact]
    public void Fuzz_TextExtractor()
    {
        var seedText = File.ReadAllText(Path.Combine(Repo.Root, "..", "shared", "seed", "000_75d39597162ff0df.txt"));
        var seeds = new[] { seedText[..3000], "CK 1200 U/L. No evidence of calcification. Mother had scleroderma. Rt > Lt." }
            .Select(System.Text.Encoding.UTF8.GetBytes).ToList();
        var t = Run("text", seeds, b => TextFindingExtractor.Default.Extract(System.Text.Encoding.UTF8.GetString(b), "fuzz.txt"), 4);
        AssertClean(t);
    }

    [Fact]
    public void Fuzz_ZipInput()
    {
        using var tmp = new TempDir();
        var (_, dicom) = TestStudies.Small();
        var zip = tmp["s.zip"];
        // Fixed entry times: the seed archive, and so every mutation of it, is the same on every run.
        using (var archive = System.IO.Compression.ZipFile.Open(zip, System.IO.Compression.ZipArchiveMode.Create))
            foreach (var file in Directory.GetFiles(dicom).Order(StringComparer.Ordinal))
            {
                var entry = archive.CreateEntry(Path.GetFileName(file));
                entry.LastWriteTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
                using var dst = entry.Open();
                dst.Write(File.ReadAllBytes(file));
            }
        var seeds = new List<byte[]> { File.ReadAllBytes(zip) };
        int k = 0;
        var t = Run("zip", seeds, b =>
        {
            var path = tmp[$"f{Interlocked.Increment(ref k) % 8}.zip"];
            File.WriteAllBytes(path, b);
            using var files = CalciScope.IO.InputFiles.Open(path);
            CalciScope.Dicom.SeriesScanner.Scan(files.Files);
        }, 5);
        AssertClean(t);
    }
}
