namespace CalciScope.Calcification;

/// <summary>
/// Names the compartment and the pattern of a lesion from its shape and surroundings, the way a radiologist reads
/// them: strands and networks in fat, grains along muscle, plates on fascia, rims with lucent centres, round nodules.
/// </summary>
internal static class PatternClassifier
{
    public static string Compartment(LesionFeatures f)
    {
        if (f.ForceVascular || f.VesselFraction >= 0.3 || VesselInFat(f)) return "vascular";
        if (f.SkinFraction >= 0.5) return "skin";
        if (f.BandFraction >= 0.6 && (f.Thin || Plate(f))) return "fascial";
        if (f.OutsideWallFraction + f.SkinFraction >= 0.5) return "subcutaneous";
        // A solid mass next to bone (tumoral calcinosis, calcific bursitis, synovial chondromatosis) sits at a joint.
        if (f.NearbyBones >= 1 && f.VolumeMm3 >= 500 && f.Hollowness < 0.25 && !Plate(f) && f.SurroundFatFraction < 0.6) return "periarticular";
        if (f.SurroundFatFraction < 0.6) return "muscle";
        return "visceral";
    }

    public static string Pattern(LesionFeatures f, string compartment)
    {
        double l1 = f.L1, l2 = f.L2, v = f.VolumeMm3;
        if (compartment == "vascular") return Stone(f) ? "phlebolith" : "vascular_wall";
        if (f.Hollowness >= 0.25 && l1 >= 15 && compartment is "muscle" or "periarticular" or "fascial") return "zonal_mass";
        if (compartment == "muscle" && l1 is >= 4 and <= 22 && l2 <= 5 && l1 / l2 >= 1.8 && v <= 250) return "rice_grain";
        if (v < SpeckMaxMm3 && l1 < SpeckMaxLengthMm || v <= PunctateMaxMm3 && l1 <= PunctateMaxLengthMm && l2 / l1 >= PunctateMinRoundness) return "punctate";
        if (Plate(f)) return "sheet";
        // Lobulated clumps at a joint, or an irregular solid mass in muscle.
        if (v >= 400 && !f.Thin && f.Hollowness < 0.25 && (compartment == "periarticular" || (compartment == "muscle" && f.Sphericity < 0.75))) return "amorphous";
        // Round or oval, solid or with a calcified rim.
        if (l2 / l1 >= 0.6 && f.L3 / l1 >= 0.5 && f.Fill >= 0.25 && v >= 10) return "nodular";
        if ((f.Thin || l2 <= 4) && l1 >= 6) return "linear_reticular";
        if (l2 / l1 >= 0.4) return "nodular";
        return l1 / Math.Max(l2, 1e-6) > 3 ? "linear_reticular" : "nodular";
    }

    /// <summary>
    /// Round and small as a venous stone: a pelvic phlebolith is 2-8 mm across (round or oval); the calcium threshold's
    /// blur swells it to at most about 12 mm and <see cref="StoneMaxMm3"/>.
    /// </summary>
    public static bool Stone(LesionFeatures f) => f.L1 <= StoneMaxLengthMm && f.L2 / f.L1 >= 0.55 && f.L3 / f.L1 >= 0.45 && f.VolumeMm3 <= StoneMaxMm3;

    public const double StoneMaxMm3 = 600, StoneMaxLengthMm = 12;

    /// <summary>
    /// A long, straight, thin calcified tube lying mostly in fat (half its surroundings or more: it may run beside a muscle) and running head to foot is a vessel's wall (the lateral
    /// thoracic vessels in the axilla, a saphenous or superficial epigastric vessel): on LIDC-IDRI 0003 in ../shared/data
    /// a 49 x 7 x 2.6 mm one in the axillary fat, 48 mm along the body axis, had been 0.27 mL of "subcutaneous
    /// calcinosis". The strands of panniculitis and calcinosis branch into networks, so their principal axes are not this
    /// lopsided, and they run in every direction.
    /// </summary>
    private static bool VesselInFat(LesionFeatures f) =>
        f.SurroundFatFraction >= VesselFatShare && f.L1 >= VesselMinLengthMm && f.L2 <= VesselMaxWidthShare * f.L1 && f.L3 <= VesselMaxThicknessMm
        && f.AxialExtentMm >= VesselAxialShare * f.L1;

    public const double VesselFatShare = 0.5, VesselMinLengthMm = 30, VesselMaxWidthShare = 0.2, VesselMaxThicknessMm = 4, VesselAxialShare = 0.7;

    /// <summary>
    /// A punctate calcification is a dot, a few millimetres across (a 4.5 mm sphere is 48 mm3); a nodule is larger. At CT
    /// resolution the blur of the partial volume swells a dot: the phantom family's 3 mm dots measured 10-60 mm3 at the
    /// calcium threshold (seeds 51-200), its smallest nodules (6 mm and more across) 65 mm3 and more. Only a roundish piece
    /// is a dot (its second axis at least half its first; a grain or a strand is longer), no longer than
    /// <see cref="PunctateMaxLengthMm"/>.
    /// </summary>
    public const double PunctateMaxMm3 = 50, PunctateMaxLengthMm = 8, PunctateMinRoundness = 0.5;

    /// <summary>
    /// A speck this small is punctate whatever its shape: a few voxels, too few to tell a strand from a dot. Asked with the
    /// dot after the zonal mass and the rice grain, which no speck can be (they are 15 mm and 4 mm long at the least).
    /// </summary>
    public const double SpeckMaxMm3 = 10, SpeckMaxLengthMm = 4;

    /// <summary>Plate-like: two long axes and a thin third one, filling most of its extent.</summary>
    private static bool Plate(LesionFeatures f) => f.L1 >= 12 && f.L2 >= 8 && f.L3 <= 0.3 * f.L2 && f.Fill >= 0.5;

    /// <summary>
    /// A network breaks into many pieces at CT resolution; where thin strands dominate a region of one side and
    /// compartment, the small pieces there are part of the same network. Where dots dominate a compartment of one side
    /// instead (at least <see cref="DotClusterMinDots"/> of them, and twice as many as strands) and no network is there,
    /// a short piece among them is two dots that touch (the family's 3 mm dots, 4-8 to a cluster, touched in pairs as
    /// pieces of 25-40 mm3 and 6-8 mm by 3 mm, and were read as strands: 15 of the 47 clusters found in seeds 51-200), and
    /// a small round piece among them is a dot.
    /// </summary>
    public static List<Lesion> ApplyClusterRules(List<Lesion> lesions)
    {
        var result = new List<Lesion>(lesions.Count);
        var groups = lesions.GroupBy(l => (l.Compartment, l.Side, l.Region)).ToDictionary(g => g.Key, g => g.ToList());
        var network = new HashSet<(string, string, string)>();
        foreach (var (key, members) in groups)
        {
            if (key.Compartment is "vascular" or "muscle") continue;
            double strands = members.Where(l => l.Pattern == "linear_reticular").Sum(l => l.VolumeMm3);
            double total = members.Sum(l => l.VolumeMm3);
            if (members.Count(l => l.Pattern == "linear_reticular") >= 2 && strands >= 0.5 * total) network.Add(key);
        }
        // Dots are counted over the whole compartment of a side: a cluster may straddle two regions (gluteal and inguinal).
        var dotted = lesions.Where(l => l.Compartment is not ("vascular" or "muscle")).GroupBy(l => (l.Compartment, l.Side))
            .Where(g => g.Count(l => l.Pattern == "punctate") is var dots && dots >= DotClusterMinDots && dots >= 2 * g.Count(l => l.Pattern == "linear_reticular"))
            .Select(g => g.Key).ToHashSet();
        foreach (var l in lesions)
        {
            bool inNetwork = network.Contains((l.Compartment, l.Side, l.Region));
            if (inNetwork && l.Pattern is "punctate" or "nodular" && l.VolumeMm3 < SmallPieceMm3)
                result.Add(l with { Pattern = "linear_reticular" });
            else if (!inNetwork && dotted.Contains((l.Compartment, l.Side))
                && (l.Pattern == "linear_reticular" && l.VolumeMm3 <= TouchingDotsMaxMm3 && l.PrincipalLengthsMm[0] <= TouchingDotsMaxLengthMm
                    || l.Pattern == "nodular" && l.VolumeMm3 < SmallPieceMm3))
                result.Add(l with { Pattern = "punctate" });
            else result.Add(l);
        }
        return result;
    }

    /// <summary>
    /// A piece smaller than this takes the pattern of the network or the cluster round it (a strand's fragment, a dot
    /// swollen by thick slices: the family's dots at 4.6 mm measured 51-57 mm3 and were read as nodules), while the
    /// smallest nodules of their own measure 65 mm3 and more (<see cref="PunctateMaxMm3"/>).
    /// </summary>
    public const double SmallPieceMm3 = 60;

    /// <summary>
    /// Dots that make a cluster, and the largest piece taken for two of them touching: twice a swollen dot's volume (<see
    /// cref="PunctateMaxMm3"/>), and two dots' length end to end.
    /// </summary>
    public const int DotClusterMinDots = 2;
    public const double TouchingDotsMaxMm3 = 2 * PunctateMaxMm3, TouchingDotsMaxLengthMm = 10;
}
