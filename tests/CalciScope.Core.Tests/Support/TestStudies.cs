using System.Collections.Concurrent;
using CalciScope.Phantoms;

namespace CalciScope.Tests.Support;

/// <summary>Phantom studies made once per test run and shared (read-only) by the tests that need them.</summary>
public static class TestStudies
{
    private static readonly ConcurrentDictionary<string, Lazy<(PhantomStudy Study, string Dicom)>> Cache = new();
    private static readonly string Root = CreateRoot();

    private static string CreateRoot()
    {
        var root = Directory.CreateTempSubdirectory("calciscope-phantoms-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(root, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return root;
    }

    /// <summary>The case at the default analysis grid, written as DICOM.</summary>
    public static (PhantomStudy Study, string Dicom) Get(string name) => Get(new PhantomOptions { Case = name });

    public static (PhantomStudy Study, string Dicom) Get(PhantomOptions o)
    {
        var key = $"{o.Case}-{o.Size}-{o.Slices}-{o.Seed}-{o.Growth}-{o.ShiftMm}-{o.RotationDeg}-{o.Orientation}-{o.NoiseHu}-{o.PixelMm}-{o.SliceMm}-{o.ContrastHu}";
        return Cache.GetOrAdd(key, k => new Lazy<(PhantomStudy, string)>(() =>
        {
            var study = PhantomGenerator.Generate(o);
            var dir = System.IO.Path.Combine(Root, k.Replace(',', '_').Replace(' ', '_').Replace('(', '_').Replace(')', '_'));
            return (study, PhantomWriter.Write(study, dir));
        })).Value;
    }

    /// <summary>A small series for codec tests: 96x96, 8 slices.</summary>
    public static (PhantomStudy Study, string Dicom) Small() =>
        Get(new PhantomOptions { Case = "seed", Size = 96, Slices = 8, PixelMm = 3.8, SliceMm = 10, NoiseHu = 20 });
}
