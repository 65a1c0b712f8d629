using CalciScope.Anatomy;
using CalciScope.Imaging;
using CalciScope.Segmentation;

namespace CalciScope.Calcification;

/// <summary>
/// Judges candidates against named anatomy (<see cref="AnatomyMasks"/>), where a source gives it: what lies mostly in
/// bone or cartilage is skeleton; in a lung, pulmonary (a granuloma); in the stomach or bowel, enteric content or oral
/// contrast; in a kidney, gallbladder or bladder, a stone; in a vessel or the heart, vascular. The body wall (skin, fat,
/// fascia, muscle) stays with the tissue map's compartments, where soft-tissue calcinosis is reported.
/// </summary>
internal static class AnatomyJudge
{
    /// <summary>A component belongs to the structure holding at least this share of its voxels.</summary>
    public const double MajorityShare = 0.5;

    public static void Judge(List<ComponentStats> stats, RunSet runs, AnatomyMasks anatomy)
    {
        int nx = runs.SizeX, len = nx * runs.SizeY;
        var structures = anatomy.Structures;
        Span<int> counts = stackalloc int[Enum.GetValues<AnatomyStructure>().Length];
        foreach (var s in stats)
        {
            counts.Clear();
            long n = 0;
            foreach (var r in s.Runs)
            {
                int row = runs.Z[r] * len + runs.Y[r] * nx;
                for (int x = runs.X0[r]; x <= runs.X1[r]; x++) counts[structures[row + x]]++;
                n += runs.X1[r] - runs.X0[r] + 1;
            }
            int skeletal = counts[(int)AnatomyStructure.Bone] + counts[(int)AnatomyStructure.CostalCartilage];
            // Mostly named skeleton, or bone by its own look: a source names only some bones (TotalSegmentator's `total`
            // has no sternum in some outputs, no forearm, hand, leg or foot bones), so it adds bone and never removes it.
            s.IsBone |= skeletal >= MajorityShare * n;
            s.Structure = AnatomyStructure.None;
            for (int c = 1; c < counts.Length; c++)
                if (counts[c] >= MajorityShare * n) s.Structure = (AnatomyStructure)c;
            if (s.IsBone && s.Structure == AnatomyStructure.None) s.Structure = AnatomyStructure.Bone;
        }
    }

    /// <summary>Every voxel at or above the calcium threshold inside the named skeleton is skeleton (or costal cartilage) in the label map.</summary>
    public static void PaintSkeleton(byte[] labelMap, Volume<short> hu, AnatomyMasks anatomy, short thresholdHu)
    {
        var data = hu.Data;
        var structures = anatomy.Structures;
        for (int i = 0; i < data.Length; i++)
        {
            if (data[i] < thresholdHu) continue;
            var s = (AnatomyStructure)structures[i];
            if (s == AnatomyStructure.Bone) labelMap[i] = CalcificationDetector.Skeleton;
            else if (s == AnatomyStructure.CostalCartilage) labelMap[i] = CalcificationDetector.CostalCartilage;
        }
    }

    /// <summary>The voxels of a lesion outside the named skeleton: calcium beside a bone is measured without the bone.</summary>
    public static int[] WithoutSkeleton(int[] voxels, AnatomyMasks anatomy)
    {
        var structures = anatomy.Structures;
        int kept = 0;
        foreach (int i in voxels) if (!AnatomyMasks.IsSkeletal((AnatomyStructure)structures[i])) kept++;
        if (kept == voxels.Length) return voxels;
        var result = new int[kept];
        int k = 0;
        foreach (int i in voxels) if (!AnatomyMasks.IsSkeletal((AnatomyStructure)structures[i])) result[k++] = i;
        return result;
    }

    public static bool InVessel(AnatomyStructure s) => s is AnatomyStructure.Artery or AnatomyStructure.Vein or AnatomyStructure.Heart;

    /// <summary>The lesion named by the organ it lies in; the body wall keeps the tissue map's compartment.</summary>
    public static Lesion Name(Lesion lesion, AnatomyStructure s)
    {
        string? organ = s switch
        {
            AnatomyStructure.Lung or AnatomyStructure.Airway => "lung",
            AnatomyStructure.Stomach or AnatomyStructure.Bowel => "bowel",
            AnatomyStructure.Kidney => "kidney",
            AnatomyStructure.Gallbladder => "gallbladder",
            AnatomyStructure.UrinaryBladder => "urinary_bladder",
            AnatomyStructure.SolidOrgan => "solid_organ",
            AnatomyStructure.Brain or AnatomyStructure.SpinalCord => "central_nervous_system",
            _ => null,
        };
        if (organ is null) return InVessel(s) ? lesion with { Anatomy = AnatomyStructures.Name(s) } : lesion;
        string pattern = organ switch
        {
            "kidney" or "gallbladder" or "urinary_bladder" => "stone",
            "bowel" => "enteric",
            "lung" => "granuloma",
            _ => lesion.Pattern,
        };
        return lesion with { Compartment = "visceral", Anatomy = organ, Pattern = pattern };
    }
}
