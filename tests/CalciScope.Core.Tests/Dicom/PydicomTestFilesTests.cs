using System.Text.Json;
using CalciScope.Dicom;
using CalciScope.Tests.Support;

namespace CalciScope.Tests.Dicom;

/// <summary>Real files shipped with Debian's python3-pydicom, decoded by CalciScope and by pydicom independently.</summary>
public class PydicomTestFilesTests
{
    private const string Folder = "/usr/lib/python3/dist-packages/pydicom/data/test_files/";

    private const string Reference = """
import sys, json, os, pydicom, numpy as np
d = sys.argv[1]
out = {}
for f in sorted(os.listdir(d)):
    if not f.endswith('.dcm'): continue
    try:
        ds = pydicom.dcmread(os.path.join(d, f), force=True)
        if 'PixelData' not in ds: continue
        a = ds.pixel_array.astype(np.int64)
        out[f] = {'ok': True, 'spp': int(ds.get('SamplesPerPixel', 1)), 'sum': int(a.sum()), 'min': int(a.min()), 'max': int(a.max()), 'n': int(a.size)}
    except Exception as e:
        out[f] = {'ok': False, 'error': type(e).__name__}
print(json.dumps(out))
""";

    public sealed record Ref(bool ok, int spp, long sum, long min, long max, long n, string? error);

    private static readonly Lazy<Dictionary<string, Ref>> Pydicom = new(() =>
        JsonSerializer.Deserialize<Dictionary<string, Ref>>(Tool.Python3(Reference, Folder).Ok().StdOut)!);

    [Fact]
    public void Decode_MonochromeFiles_MatchPydicomExactly()
    {
        int compared = 0;
        var failures = new List<string>();
        foreach (var (name, r) in Pydicom.Value)
        {
            if (!r.ok || r.spp != 1) continue;
            int[] ours;
            try
            {
                ours = Frames.Flat(Folder + name);
            }
            catch (CalciScopeException e)
            {
                // Refusals must name the reason; these syntaxes are documented as unsupported.
                Assert.Matches("JPEG 2000|JPEG-LS|Bits Allocated|not supported", e.Message);
                continue;
            }
            compared++;
            long sum = 0, min = long.MaxValue, max = long.MinValue;
            foreach (var v in ours) { sum += v; min = Math.Min(min, v); max = Math.Max(max, v); }
            if (ours.Length != r.n || sum != r.sum || min != r.min || max != r.max)
                failures.Add($"{name}: ours n={ours.Length} sum={sum} [{min},{max}], pydicom n={r.n} sum={r.sum} [{r.min},{r.max}]");
        }
        Assert.Empty(failures);
        Assert.True(compared >= 12, $"only {compared} files compared");
    }

    [Theory]
    [InlineData("ExplVR_BigEnd.dcm", "colour")]
    [InlineData("MR_truncated.dcm", "pixel data")]
    public void Decode_UnsupportedOrBroken_RefusesWithReason(string name, string reason)
    {
        var e = Assert.ThrowsAny<CalciScopeException>(() => Frames.Flat(Folder + name));
        Assert.Contains(reason, e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("JPGExtended.dcm")]
    [InlineData("JPEG-lossy.dcm")]
    public void Decode_JpegExtended_MatchesDcmtkDecode(string name)
    {
        using var tmp = new TempDir();
        Tool.Run("dcmdjpeg", Folder + name, tmp["ref.dcm"]).Ok();
        var reference = Frames.Flat(tmp["ref.dcm"]);
        var ours = Frames.Flat(Folder + name);
        Assert.Equal(reference.Length, ours.Length);
        int maxDiff = 0;
        for (int i = 0; i < ours.Length; i++) maxDiff = Math.Max(maxDiff, Math.Abs(ours[i] - reference[i]));
        // Lossy JPEG: two conforming IDCTs may differ by one grey level.
        Assert.True(maxDiff <= 1, $"max difference to dcmtk {maxDiff}");
    }
    /// <summary>
    /// pydicom's CT_small.dcm is one slice of 5 mm (Slice Thickness and Spacing Between Slices): a lone slice takes its
    /// depth from them, not from the pixel size (0.66 mm), or every volume would be 7.6 times too small.
    /// </summary>
    [Fact]
    public void Read_LoneSlice_TakesItsThicknessAsDepth()
    {
        var study = CalciScope.Pipeline.StudyReader.Load(Folder + "CT_small.dcm");
        Assert.Equal(1, study.Hu.Geometry.SizeZ);
        Assert.Equal(5.0, study.Hu.Geometry.Spacing.Z, 3);
        Assert.Equal(0.661468, study.Hu.Geometry.Spacing.X, 5);
        Assert.Contains(study.Warnings, w => w.Contains("single slice") && w.Contains("5 mm"));
    }
}
