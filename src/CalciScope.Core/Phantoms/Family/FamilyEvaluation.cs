using CalciScope.Anatomy;
using CalciScope.Calcification;
using CalciScope.Imaging;
using CalciScope.Pipeline;

namespace CalciScope.Phantoms.Family;

/// <summary>How one family case was read against its truth.</summary>
/// <param name="Misnamed">Found lesions named with another pattern: "punctate as nodular".</param>
/// <param name="PartSlices">Slices whose body part the family's levels settle (<see cref="FamilyEvaluation.TruePart"/>).</param>
/// <param name="PartWrong">Of those, the slices given another part, by kind: "pelvis as abdomen" with its count.</param>
/// <param name="PhlebolithsElsewhere">Found phleboliths placed in a compartment other than the vascular: "muscle".</param>
public sealed record FamilyCaseResult(
    FamilyCase Case,
    int TruthLesions,
    int Found,
    IReadOnlyList<string> Misnamed,
    double TrueSoftMm3,
    double FalseSoftMm3,
    bool EnhancedCalled,
    int Phleboliths,
    int PhlebolithsVascular,
    int ZonalMasses,
    int ZonalMassesZonal,
    IReadOnlyList<string> Missed,
    double FalseAnyMm3,
    bool OralCalled,
    int PartSlices,
    IReadOnlyDictionary<string, int> PartWrong,
    IReadOnlyList<string> PhlebolithsElsewhere)
{
    public int PartWrongSlices => PartWrong.Values.Sum();

    /// <summary>Found lesions named with their own pattern.</summary>
    public int PatternRight => Found - Misnamed.Count;
}

/// <summary>Analyses family cases and scores them: sensitivity, false soft-tissue volume, pattern accuracy, contrast verdict.</summary>
public static class FamilyEvaluation
{
    /// <summary>Lesions smaller than this are not counted for sensitivity (the anatomy issue's bar).</summary>
    public const double MinLesionMm3 = 10;
    /// <summary>A truth lesion is found when this share of its voxels carries a calcification label.</summary>
    public const double FoundShare = 0.25;

    /// <param name="prone">Draw the case with the patient prone (<see cref="FamilyCase.Prone"/>).</param>
    public static FamilyCaseResult Run(int seed, string? saveDir = null, bool prone = false)
    {
        var study = FamilyGenerator.Generate(FamilyCase.Draw(seed) with { Prone = prone });
        var r = AnalysisPipeline.Analyse(new LoadedStudy(study.Hu, study.Info, []), new AnalysisOptions());
        if (saveDir is not null)
        {
            Directory.CreateDirectory(saveDir);
            var g = study.Hu.Geometry;
            Nifti.NiftiWriter.Write(Path.Combine(saveDir, $"case{seed}_ct.nii.gz"), study.Hu);
            Nifti.NiftiWriter.Write(Path.Combine(saveDir, $"case{seed}_labels.nii.gz"), new Volume<byte>(g, r.Detection.LabelMap));
            Nifti.NiftiWriter.Write(Path.Combine(saveDir, $"case{seed}_truth.nii.gz"), new Volume<short>(g, study.TruthIds.Select(i => (short)i).ToArray()));
        }
        return Score(study, r);
    }

    public static FamilyCaseResult Score(FamilyStudy study, AnalysisResult r)
    {
        var map = r.Detection.LabelMap;
        var ids = study.TruthIds;
        var g = study.Hu.Geometry;
        double voxel = g.VoxelVolumeMm3;
        var labelled = new Dictionary<int, (long All, long Hit, long Bone, long Faint)>();
        long falseSoft = 0, falseAny = 0;
        int nx = g.SizeX, len = g.SizeX * g.SizeY;
        for (int i = 0; i < map.Length; i++)
        {
            byte m = map[i];
            bool calc = m is >= 1 and <= 8;
            if (ids[i] != 0)
            {
                var c = labelled.GetValueOrDefault(ids[i]);
                labelled[ids[i]] = (c.All + 1, c.Hit + (calc ? 1 : 0), c.Bone + (m >= CalcificationDetector.Skeleton ? 1 : 0),
                    c.Faint + (study.Hu.Data[i] < CalcificationDetector.ThresholdHu ? 1 : 0));
            }
            else if (calc && !NextToTruth(ids, i, nx, len))
            {
                falseAny++;
                if (m is 1 or 2 or 3 or 4 or 7) falseSoft++;
            }
        }
        int counted = 0, found = 0, phl = 0, phlVasc = 0, zonal = 0, zonalOk = 0;
        var missed = new List<string>();
        var misnamed = new List<string>();
        var phlElsewhere = new List<string>();
        foreach (var t in study.Lesions)
        {
            var (all, hit, bone, faint) = labelled.GetValueOrDefault(t.Id);
            bool isFound = all > 0 && hit >= FoundShare * all;
            var nearest = Nearest(r.Lesions, t.CentroidMm);
            if (t.Pattern == "phlebolith")
            {
                phl++;
                if (isFound && nearest?.Compartment == "vascular") phlVasc++;
                else if (isFound) phlElsewhere.Add(nearest?.Compartment ?? "nothing");
            }
            if (t.Pattern == "zonal_mass") { zonal++; if (isFound && nearest?.Pattern == "zonal_mass") zonalOk++; }
            if (t.VolumeMm3 < MinLesionMm3) continue;
            counted++;
            // Why it was missed: its voxels drawn as skeleton (or cartilage), under the calcium threshold, or left unlabelled.
            if (!isFound) { missed.Add($"{t.Pattern} {t.VolumeMm3:0} mm3 (bone {Share(bone, all)}, faint {Share(faint, all)})"); continue; }
            found++;
            if (nearest?.Pattern != t.Pattern) misnamed.Add($"{t.Pattern} as {nearest?.Pattern ?? "nothing"}");
        }
        double trueSoft = study.Lesions.Where(l => l.Compartment != "vascular").Sum(l => l.VolumeMm3);
        var (partSlices, partWrong) = ScoreParts(g, r.Detection.BodyParts);
        return new FamilyCaseResult(study.Case, counted, found, misnamed, trueSoft, falseSoft * voxel, r.Detection.Contrast.Enhanced,
            phl, phlVasc, zonal, zonalOk, missed, falseAny * voxel, r.Detection.Contrast.OralContrast, partSlices, partWrong, phlElsewhere);
    }

    /// <summary>
    /// A reader's line between two parts may fall this far either side of the family's level (a slice and a half of the
    /// thickest 5 mm slices, and more: the iliac wing is found from its first large section, a little below the crest,
    /// and the lungs from their first air, at the dome's top or its recesses).
    /// </summary>
    public const double PartBoundaryMm = 15;

    /// <summary>
    /// The body part the family's body holds at a level (<see cref="FamilyBody"/>: thighs below the pelvis, the iliac
    /// crest, the lungs' bases, the neck above the thoracic inlet, the skull above its base); null within
    /// <see cref="PartBoundaryMm"/> of a change, and between the lungs' apices and the neck's level, where the trunk is
    /// still the chest's shape but holds no lung (a reader may call it either).
    /// </summary>
    public static BodyPart? TruePart(double z, double sliceMm)
    {
        double tol = PartBoundaryMm + sliceMm / 2;
        double[] levels = [FamilyBody.ThighZ, FamilyBody.IliacCrestZ, FamilyBody.LungBaseZ, FamilyBody.LungApexZ, FamilyBody.NeckZ, FamilyBody.SkullBaseZ];
        if (levels.Any(l => Math.Abs(z - l) < tol) || z > FamilyBody.LungApexZ && z < FamilyBody.NeckZ) return null;
        return z < FamilyBody.ThighZ ? BodyPart.Thigh : z < FamilyBody.IliacCrestZ ? BodyPart.Pelvis : z < FamilyBody.LungBaseZ ? BodyPart.Abdomen
            : z < FamilyBody.LungApexZ ? BodyPart.Chest : z < FamilyBody.SkullBaseZ ? BodyPart.Neck : BodyPart.Head;
    }

    /// <summary>Every slice's body part as reported against <see cref="TruePart"/>: the slices settled, and the wrong ones by kind.</summary>
    private static (int Slices, IReadOnlyDictionary<string, int> Wrong) ScoreParts(VolumeGeometry g, IReadOnlyList<BodyPartRange> ranges)
    {
        int slices = 0;
        var wrong = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (int k = 0; k < g.SizeZ; k++)
        {
            double z = g.ToPatient(0, 0, k).Z;
            if (TruePart(z, g.Spacing.Z) is not { } truth) continue;
            slices++;
            var called = ranges.FirstOrDefault(r => z >= r.FromZMm && z <= r.ToZMm)?.Part ?? BodyPart.Unknown;
            if (called == truth) continue;
            string kind = $"{BodyParts.Name(truth)} as {(called == BodyPart.Unknown ? "nothing" : BodyParts.Name(called))}";
            wrong[kind] = wrong.GetValueOrDefault(kind) + 1;
        }
        return (slices, wrong);
    }

    private static string Share(long part, long all) => all == 0 ? "-" : $"{100.0 * part / all:0} %";

    /// <summary>The partial-volume rim of a truth lesion is not a false positive.</summary>
    private static bool NextToTruth(int[] ids, int i, int nx, int len)
    {
        foreach (int d in new[] { 1, -1, nx, -nx, len, -len })
        {
            int j = i + d;
            if (j >= 0 && j < ids.Length && ids[j] != 0) return true;
        }
        return false;
    }

    private static Lesion? Nearest(IReadOnlyList<Lesion> lesions, double[] c)
    {
        Lesion? best = null; double bestD = 20;
        foreach (var l in lesions)
        {
            double dx = l.CentroidMm[0] - c[0], dy = l.CentroidMm[1] - c[1], dz = l.CentroidMm[2] - c[2], d = Math.Sqrt(dx * dx + dy * dy + dz * dz);
            if (d < bestD) { bestD = d; best = l; }
        }
        return best;
    }

    /// <summary>The family's figures as a Markdown table: overall, per region, per pattern.</summary>
    public static string Summary(IReadOnlyList<FamilyCaseResult> results)
    {
        var sb = new System.Text.StringBuilder();
        int lesions = results.Sum(r => r.TruthLesions), found = results.Sum(r => r.Found), pat = results.Sum(r => r.PatternRight);
        var normals = results.Where(r => r.Case.Patterns.Count == 0).ToList();
        var unenhanced = results.Where(r => !r.Case.Enhanced).ToList();
        double trueSoft = results.Sum(r => r.TrueSoftMm3), falseSoft = results.Sum(r => r.FalseSoftMm3);
        sb.AppendLine($"| measure | value |\n|---|---|");
        sb.AppendLine($"| cases | {results.Count} ({normals.Count} normal) |");
        sb.AppendLine($"| sensitivity, lesions >= {MinLesionMm3} mm3 | {found}/{lesions} ({Pct(found, lesions)}) |");
        sb.AppendLine($"| pattern right, found lesions | {pat}/{found} ({Pct(pat, found)}) |");
        // Which patterns the misnamed lesions were given, the commonest first: where pattern accuracy is lost.
        var misnamed = results.SelectMany(r => r.Misnamed).GroupBy(m => m).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(5).Select(g => $"{g.Key} {g.Count()}").ToList();
        sb.AppendLine($"| found lesions named otherwise (commonest) | {(misnamed.Count > 0 ? string.Join(", ", misnamed) : "none")} |");
        sb.AppendLine($"| false soft-tissue volume | {falseSoft:0} mm3 over all cases ({(trueSoft > 0 ? 100 * falseSoft / trueSoft : 0):0.0} % of the true {trueSoft:0} mm3) |");
        sb.AppendLine($"| worst false soft-tissue volume in a normal case | {(normals.Count > 0 ? normals.Max(r => r.FalseSoftMm3) : 0):0} mm3 |");
        // Bone, vessels or bowel taken for calcification of any compartment (vascular, visceral, other) as well.
        var worstAny = results.MaxBy(r => r.FalseAnyMm3);
        sb.AppendLine($"| false calcification of any compartment | {results.Sum(r => r.FalseAnyMm3):0} mm3 over all cases; worst case {worstAny?.FalseAnyMm3 ?? 0:0} mm3 (seed {worstAny?.Case.Seed}) |");
        sb.AppendLine($"| unenhanced cases called enhanced | {unenhanced.Count(r => r.EnhancedCalled)}/{unenhanced.Count} |");
        sb.AppendLine($"| enhanced cases called enhanced | {results.Count(r => r.Case.Enhanced && r.EnhancedCalled)}/{results.Count(r => r.Case.Enhanced)} |");
        var oral = results.Where(r => r.Case.Contrast == FamilyContrast.Oral).ToList();
        sb.AppendLine($"| oral contrast cases called oral | {oral.Count(r => r.OralCalled)}/{oral.Count} |");
        sb.AppendLine($"| cases without oral contrast called oral | {results.Count(r => r.Case.Contrast != FamilyContrast.Oral && r.OralCalled)}/{results.Count - oral.Count} |");
        sb.AppendLine($"| phleboliths called vascular | {results.Sum(r => r.PhlebolithsVascular)}/{results.Sum(r => r.Phleboliths)} |");
        sb.AppendLine($"| zonal masses found as zonal | {results.Sum(r => r.ZonalMassesZonal)}/{results.Sum(r => r.ZonalMasses)} |");
        int partSlices = results.Sum(r => r.PartSlices), partWrong = results.Sum(r => r.PartWrongSlices);
        var wrongKinds = results.SelectMany(r => r.PartWrong).GroupBy(p => p.Key).OrderByDescending(g => g.Sum(p => p.Value)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {g.Sum(p => p.Value)}").ToList();
        sb.AppendLine($"| body part right, slices ({PartBoundaryMm:0} mm about each level excepted) | {partSlices - partWrong}/{partSlices} ({Pct(partSlices - partWrong, partSlices)}); " +
            $"cases with a wrong slice {results.Count(r => r.PartWrongSlices > 0)}/{results.Count}{(wrongKinds.Count > 0 ? "; " + string.Join(", ", wrongKinds) : "")} |");
        sb.AppendLine();
        sb.AppendLine("| region | cases | sensitivity | false soft-tissue mm3 (mean) |\n|---|---|---|---|");
        foreach (var g in results.GroupBy(r => r.Case.Region).OrderBy(g => g.Key))
            sb.AppendLine($"| {g.Key.ToString().ToLowerInvariant()} | {g.Count()} | {Pct(g.Sum(r => r.Found), g.Sum(r => r.TruthLesions))} | {g.Average(r => r.FalseSoftMm3):0} |");
        return sb.ToString();
    }

    private static string Pct(int a, int b) => b == 0 ? "-" : $"{100.0 * a / b:0.0} %";
}
