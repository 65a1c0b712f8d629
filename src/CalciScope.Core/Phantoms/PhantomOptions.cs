using CalciScope.Imaging;

namespace CalciScope.Phantoms;

/// <summary>How to make a phantom study: which case, the grid, noise, and how the patient lies.</summary>
public sealed record PhantomOptions
{
    public string Case { get; init; } = "seed";
    public int Size { get; init; } = 384;
    public int Slices { get; init; } = 80;
    public double PixelMm { get; init; } = 0.95;
    public double SliceMm { get; init; } = 2.0;
    public int Seed { get; init; } = 1;
    public double NoiseHu { get; init; } = 10;
    /// <summary>Seed of the noise alone (default: <see cref="Seed"/>), so one patient can be scanned again with fresh noise.</summary>
    public int? NoiseSeed { get; init; }
    /// <summary>Moves the patient (mm, LPS) on the table.</summary>
    public Vec3 ShiftMm { get; init; }
    /// <summary>Turns the patient about the table's long axis (degrees).</summary>
    public double RotationDeg { get; init; }
    /// <summary>Scales the extent of the calcification (priors and follow-ups: 1 is the reference).</summary>
    public double Growth { get; init; } = 1;
    /// <summary>"axial" (row to patient left, column posterior) or "flipped" (row to the right, column anterior).</summary>
    public string Orientation { get; init; } = "axial";
    /// <summary>Lumen of the pelvic arteries and veins after iodinated contrast (HU); 0 for an unenhanced study.</summary>
    public short ContrastHu { get; init; }
    public string PatientName { get; init; } = "PHANTOM^SEED";
    public string PatientId { get; init; } = "CS-PH-0001";
    public string StudyDate { get; init; } = "20260101";

    public void Validate()
    {
        if (Size is < 64 or > 1024) throw new InputException(null, $"phantom size {Size} is outside 64..1024");
        if (Slices is < 8 or > 2000) throw new InputException(null, $"phantom slice count {Slices} is outside 8..2000");
        if (PixelMm is < 0.3 or > 5 || SliceMm is < 0.3 or > 10) throw new InputException(null, "phantom spacing is outside 0.3..5 mm (pixel) or 0.3..10 mm (slice)");
        if (Orientation is not ("axial" or "flipped")) throw new InputException(null, $"phantom orientation '{Orientation}' is not axial or flipped");
        if (Growth is <= 0 or > 4) throw new InputException(null, $"phantom growth {Growth} is outside (0, 4]");
        if (ContrastHu != 0 && ContrastHu is < 150 or > 1000) throw new InputException(null, $"phantom contrast {ContrastHu} HU is outside 150..1000 (or 0 for none)");
    }
}
