namespace CalciScope.Phantoms.Family;

/// <summary>The body region a family case is centred on.</summary>
public enum FamilyRegion { Chest, Abdomen, Pelvis, Thigh, HeadNeck }

/// <summary>Iodinated and oral contrast of a family case.</summary>
public enum FamilyContrast { None, Arterial, Venous, Oral }

/// <summary>
/// One member of the phantom family, drawn from its seed: region (head and neck to thigh) and scanned range (which may cut ribs or the pelvis),
/// habitus, bone (cortex and marrow: fatty, red or sclerotic), grid (slice thickness 0.6-5 mm), noise and kernel,
/// contrast, and the calcified lesions (none in a normal case). Another generator than the fixed pelvis cases
/// (<see cref="PhantomCases"/>): other shapes, other densities, other body regions.
/// </summary>
public sealed record FamilyCase
{
    public required int Seed { get; init; }
    public required FamilyRegion Region { get; init; }
    /// <summary>Scanned range along the body axis (mm, body coordinates: 0 at the femoral heads, up positive).</summary>
    public required double FromZMm { get; init; }
    public required double ToZMm { get; init; }
    /// <summary>Scales the trunk or limbs (1 an average adult).</summary>
    public required double Habitus { get; init; }
    public required double FatMm { get; init; }
    public required double WallMm { get; init; }
    public required short CortexHu { get; init; }
    public required short MarrowHu { get; init; }
    public required string MarrowKind { get; init; }
    public required double SliceMm { get; init; }
    public required double PixelMm { get; init; }
    public required double NoiseHu { get; init; }
    /// <summary>A soft kernel blurs in-plane (3 x 3 box) before the noise; a sharp one does not.</summary>
    public required bool SoftKernel { get; init; }
    public required FamilyContrast Contrast { get; init; }
    /// <summary>The patterns to place (empty for a normal case).</summary>
    public required IReadOnlyList<string> Patterns { get; init; }

    /// <summary>
    /// The right thigh scanned alone, the left outside the field of view: no trunk landmark, one section, reconstructed
    /// where it lay right of the isocentre (a thigh case only).
    /// </summary>
    public bool SingleLimb { get; init; }

    /// <summary>
    /// The patient lying prone: gas rises to the back of the bowel over its fluid or oral contrast, and Patient Position
    /// says so. Never drawn at random (the family's seeds keep their cases); set for the posture's own tests.
    /// </summary>
    public bool Prone { get; init; }

    public bool Enhanced => Contrast is FamilyContrast.Arterial or FamilyContrast.Venous;

    /// <summary>The regions each lesion pattern can be placed in (as the conditions that make it do).</summary>
    public static readonly IReadOnlyDictionary<string, FamilyRegion[]> PatternRegions = new Dictionary<string, FamilyRegion[]>
    {
        ["linear_reticular"] = [FamilyRegion.Pelvis, FamilyRegion.Thigh, FamilyRegion.Abdomen, FamilyRegion.Chest],
        ["nodular"] = [FamilyRegion.Pelvis, FamilyRegion.Thigh, FamilyRegion.Abdomen, FamilyRegion.Chest, FamilyRegion.HeadNeck],
        ["punctate"] = [FamilyRegion.Pelvis, FamilyRegion.Thigh, FamilyRegion.Abdomen, FamilyRegion.Chest, FamilyRegion.HeadNeck],
        ["rice_grain"] = [FamilyRegion.Thigh],
        ["sheet"] = [FamilyRegion.Thigh],
        ["zonal_mass"] = [FamilyRegion.Thigh],
        ["amorphous"] = [FamilyRegion.Pelvis],
        ["phlebolith"] = [FamilyRegion.Pelvis],
        ["vascular_wall"] = [FamilyRegion.Pelvis, FamilyRegion.Abdomen, FamilyRegion.Chest, FamilyRegion.Thigh, FamilyRegion.HeadNeck],
    };

    /// <summary>
    /// Spreads consecutive seeds apart (SplitMix64's finaliser): the first draws of System.Random from neighbouring
    /// seeds are correlated, which made seeds 1-50 all chest and abdomen.
    /// </summary>
    public static int Mix(int seed)
    {
        ulong z = (ulong)seed + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) & 0x7FFFFFFF);
    }

    /// <summary>Draws the case of a seed; the same seed always gives the same case.</summary>
    public static FamilyCase Draw(int seed)
    {
        var rng = new Random(Mix(seed));
        double U(double a, double b) => a + rng.NextDouble() * (b - a);
        var region = (FamilyRegion)rng.Next(5);
        // Centre of each region on the body axis and the extent it may be scanned over; the range may spill into the
        // neighbour (cutting ribs at a chest's lower end, the pelvis at an abdomen's).
        var (lo, hi) = region switch
        {
            FamilyRegion.Chest => (330.0, 660.0),
            FamilyRegion.HeadNeck => (640.0, 900.0),
            FamilyRegion.Abdomen => (110.0, 420.0),
            FamilyRegion.Pelvis => (-60.0, 190.0),
            _ => (-380.0, -40.0),
        };
        double slice = Math.Round(rng.NextDouble() < 0.3 ? U(0.6, 1.5) : U(1.5, 5), 2);
        // Thin slices cover a shorter range, so that every case stays a few million voxels.
        double length = Math.Min(U(100, 200), 140 * slice);
        double from = U(lo, Math.Max(lo, hi - length));
        string marrow = rng.Next(3) switch { 0 => "fatty", 1 => "red", _ => "sclerotic" };
        short marrowHu = marrow switch { "fatty" => (short)U(-20, 60), "red" => (short)U(150, 260), _ => (short)U(300, 500) };
        var contrast = (FamilyContrast)rng.Next(4);
        if (contrast == FamilyContrast.Oral && region is FamilyRegion.Chest or FamilyRegion.Thigh or FamilyRegion.HeadNeck) contrast = FamilyContrast.None;
        var patterns = new List<string>();
        if (rng.NextDouble() >= 0.2)
        {
            var allowed = PatternRegions.Where(kv => kv.Value.Contains(region)).Select(kv => kv.Key).ToList();
            int n = 1 + rng.Next(3);
            for (int i = 0; i < n; i++) patterns.Add(allowed[rng.Next(allowed.Count)]);
        }
        var drawn = new FamilyCase
        {
            Seed = seed, Region = region, FromZMm = Math.Round(from, 1), ToZMm = Math.Round(from + length, 1),
            Habitus = Math.Round(U(0.8, 1.2), 3), FatMm = Math.Round(U(6, 40), 1), WallMm = Math.Round(U(13, 22), 1),
            CortexHu = (short)U(700, 1400), MarrowHu = marrowHu, MarrowKind = marrow,
            SliceMm = slice, PixelMm = Math.Round(U(0.7, 1.0), 3), NoiseHu = Math.Round(U(5, 25), 1), SoftKernel = rng.NextDouble() < 0.5,
            Contrast = contrast, Patterns = patterns,
        };
        // Drawn last, so that every other draw of a seed stays what it was before limbs alone were in the family.
        return drawn with { SingleLimb = region == FamilyRegion.Thigh && rng.NextDouble() < SingleLimbShare };
    }

    /// <summary>The share of thigh cases that are one thigh scanned alone (the right one, reconstructed where it lay).</summary>
    public const double SingleLimbShare = 0.3;
}
