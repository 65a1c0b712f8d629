using BenchmarkDotNet.Attributes;
using CalciScope.Diagnosis;
using CalciScope.Findings.Text;
using CalciScope.Imaging;
using CalciScope.Phantoms;
using CalciScope.Segmentation;

namespace CalciScope.Benchmarks;

[MemoryDiagnoser]
public class KernelBenchmarks
{
    private Volume<short> _slab = null!;
    private byte[] _allowed = null!;
    private bool[] _mask = null!;
    private float[] _distance = null!;
    private SliceOps _ops = null!;
    private string _seedText = "";

    [GlobalSetup]
    public void Setup()
    {
        // A 512x512x48 slab of the seed phantom: body, bones and the reticular network.
        _slab = PhantomGenerator.Generate(new PhantomOptions { Case = "seed", Size = 512, Slices = 48, PixelMm = 0.75, SliceMm = 3 }).Hu;
        _allowed = new byte[_slab.Data.Length];
        Array.Fill(_allowed, (byte)1);
        _mask = new bool[512 * 512];
        var slice = _slab.Slice(24);
        for (int i = 0; i < _mask.Length; i++) _mask[i] = slice[i] > -400;
        _distance = new float[_mask.Length];
        _ops = new SliceOps(512, 512, 0.75, 0.75);
        var seed = Path.Combine(AppContext.BaseDirectory, "seed.txt");
        _seedText = File.Exists(seed) ? File.ReadAllText(seed) : "40-year-old woman with SLE. Hard buttocks. CT: linear reticular calcification in both gluteal subcutaneous fats, Rt > Lt. No bone involvement.";
    }

    [Benchmark(Description = "run labelling >= 130 HU, 512x512x48")]
    public int RunLabelling() => RunLabeler.Label(_slab, 130, _allowed).ComponentCount;

    [Benchmark(Description = "distance transform, 512x512")]
    public float DistanceTransform()
    {
        _ops.Distance(_mask, _distance);
        return _distance[1000];
    }

    [Benchmark(Description = "fill holes, 512x512")]
    public bool FillHoles()
    {
        var m = (bool[])_mask.Clone();
        _ops.FillHoles(m);
        return m[1000];
    }

    [Benchmark(Description = "tissue map, 512x512x48")]
    public int TissueMap() => TissueMapper.Map(_slab).Codes.Length;

    [Benchmark(Description = "text findings + diagnosis")]
    public double TextAndDiagnosis() =>
        new BayesianDifferential(KnowledgeBase.Default).Diagnose(TextFindingExtractor.Default.Extract(_seedText)).Ranked[0].Probability;
}
