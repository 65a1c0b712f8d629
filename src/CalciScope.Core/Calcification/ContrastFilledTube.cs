using CalciScope.Imaging;
using CalciScope.Segmentation;

namespace CalciScope.Calcification;

/// <summary>
/// The lumen of a contrast-filled vessel too small for the blood-pool detector (the femoral and popliteal vessels,
/// radius 3-5 mm): a solid tube running along the body for several centimetres, no denser than contrast (peak under
/// 500 HU, mean up to 400 HU; a venous-phase jugular averages just over the calcium threshold). Calcification along a
/// fascia or a vessel wall is a sheet or a shell that peaks denser, and bone reaches cortical density.
/// </summary>
internal static class ContrastFilledTube
{
    /// <summary>A long tube of contrast density, or the stump of a vessel cut by the scanned range.</summary>
    /// <param name="stumpPeakHu">
    /// Where contrast is known to fill the vessels (the blood pool's calcium threshold, or the tube's own peak where only
    /// long tubes showed the contrast): a stump of any length that the range cuts, round and nowhere reaching this, is a
    /// vessel's lumen. The phantom family's femoral artery and vein cut 9 mm below a pelvis, 1.1 mL each side at 220 HU
    /// peaking at 370, had been two 'amorphous' calcifications.
    /// </param>
    /// <param name="underPeak">
    /// Whether most of the tube's sections stay under the peak of contrast (<see cref="SectionsUnderPeak"/>): asked only
    /// where more than a few of its voxels rise above it.
    /// </param>
    /// <param name="sections">
    /// The median section and the spread of the sections' areas (<see cref="MedianSection"/>), asked only of a long
    /// component too wide over its whole course for a tube, or of a short one the range cuts.
    /// </param>
    /// <param name="branches">
    /// The widest branch of the component's sections (<see cref="Branches"/>), asked only of a long component that no
    /// single course explains: the vessels of both sides joined where they meet.
    /// </param>
    public static bool Is(ComponentStats s, double voxel, VolumeGeometry g, short? stumpPeakHu = null, Func<bool>? underPeak = null,
        Func<SectionProfile>? sections = null, Func<BranchProfile>? branches = null)
    {
        if (!Section(s, voxel, g, out double along, out double across, out double section, underPeak)) return false;
        bool cut = CutByRange(s, g);
        // A stump is told by its section, whatever its length: the femoral artery and vein cut after two slices below an
        // arterial pelvis (the phantom family's seed 492) held 437 mm3 each.
        if (cut && stumpPeakHu is short peak && s.MaxHu < peak && Round(across, section) && section >= StumpMinSectionMm2) return true;
        if (!TubeSized(s, voxel)) return false;
        if (Long(along, across, section)) return true;
        // Measured once, where asked at all: the long course and the prismatic one below both read it.
        SectionProfile? profile = null;
        SectionProfile Profile() => profile ??= sections!();
        if (sections is not null && along >= TubeMinLengthMm && Profile() is var (a, area, _) && Long(along, a, area)) return true;
        if (branches is not null && along >= TubeMinLengthMm && Branching(along, branches())) return true;
        // Or the stump of a great vessel that the scanned range cuts (the aorta or a cava at a CT angiogram's edge):
        // round, of great-vessel calibre, ending on the first or last slice; or a smaller vessel that the range cuts
        // after a shorter course (the jugular veins between the skull base and a neck scan's lower edge), or after a
        // course not so long whose sections keep one size (PrismaticCourse).
        return cut && Round(across, section)
            && (section >= GreatVesselMinSectionMm2 || CutCourse(along, section)
                || sections is not null && along >= CutTubeMinLengthMm && PrismaticCourse(along, section, Profile().AreaSpread));
    }

    /// <summary>
    /// A course the range cuts whose sections all keep the size of their median (<see cref="MaxPrismaticAreaSpread"/>)
    /// over <see cref="PrismaticMinAspect"/> times the width of a disc of the mean section: a vessel keeps its calibre
    /// from slice to slice, while a nodule or a deposit the range cuts narrows towards its far pole (a half sphere cut at
    /// its equator is 0.6 times as long as that disc, and its sections shrink to nothing). The phantom family's
    /// arterial-phase neck at 0.86 mm (seed 1728): each carotid joined to its vein, 100 mm2 in section within 7 %, over
    /// 21.5 mm to the skull base, 1.9 times its disc's width, under <see cref="CutTubeMinAspect"/>: 4.3 mL of
    /// 'periarticular' calcification in a patient with none.
    /// </summary>
    private static bool PrismaticCourse(double along, double section, double areaSpread) =>
        areaSpread <= MaxPrismaticAreaSpread && along >= PrismaticMinAspect * 2 * Math.Sqrt(section / Math.PI);

    /// <summary>
    /// Most a section's area may stray from the median section's, as a share of it, in a prismatic course: the noise at
    /// the threshold moves a 5-8 mm lumen's section by 5-10 % slice to slice; a sphere's sections stray from the median
    /// by more than half.
    /// </summary>
    public const double MaxPrismaticAreaSpread = 0.25;

    /// <summary>A prismatic course is still longer than it is wide, by this much: a nodule cut by the range is not.</summary>
    public const double PrismaticMinAspect = 1.5;

    /// <summary>
    /// Only the long tube: an artery and its vein side by side in a thigh (18 mL over 15 cm in the phantom family) are
    /// as large as a bone and must not be taken for one. A stump is not enough there: an osteopenic vertebral body cut
    /// by the range is as round and may peak under 500 HU.
    /// </summary>
    /// <remarks>
    /// Or a tree of such tubes (<paramref name="branches"/>, <see cref="Branching"/>): its branches are each narrower than
    /// any bone the family or the real CTs hold in section along the body.
    /// </remarks>
    public static bool IsLong(ComponentStats s, double voxel, VolumeGeometry g, Func<bool>? underPeak = null, Func<BranchProfile>? branches = null) =>
        TubeSized(s, voxel) && Section(s, voxel, g, out double along, out double across, out double section, underPeak)
            && (Long(along, across, section) || branches is not null && along >= TubeMinLengthMm && Branching(along, branches()));

    /// <summary>
    /// A tree of vessels: in its median section a few separate branches (<see cref="MaxBranches"/>), the widest branch
    /// round, of a limb vessel's calibre (<see cref="StumpMinSectionMm2"/> up to <see cref="GreatVesselMinSectionMm2"/>),
    /// so in nearly every section (<see cref="MinBranchShare"/>), and the whole running along the body <see cref="TubeMinAspect"/> times that branch's width. Both iliac arteries and
    /// veins of a pelvis whose aorta lies above the range meet where they join and are one component as wide as the
    /// pelvis: the phantom family's arterial pelvis at 0.8 mm, seed 2679, 9 mm arteries and 12 mm veins over 112 mm,
    /// joined at the range's upper edge, had been 26.7 mL of 'vascular calcification'. A calcified network's strands
    /// are thin or long in section; a bone's section is wider than a limb vessel's.
    /// </summary>
    private static bool Branching(double along, BranchProfile b) =>
        b.PerSlice <= MaxBranches && b.AreaMm2 >= StumpMinSectionMm2 && b.AreaMm2 < GreatVesselMinSectionMm2
            && b.BranchShare >= MinBranchShare && along >= TubeMinAspect * b.AcrossMm && Round(b.AcrossMm, b.AreaMm2);

    /// <summary>
    /// A section's widest piece is a vessel's where it is round and no wider than two limb vessels merged where they
    /// touch (an artery of 9 mm and its vein of 12 mm where they meet: 174 mm2 in seed 2679).
    /// </summary>
    public const double MaxBranchMm2 = 2 * GreatVesselMinSectionMm2;

    /// <summary>
    /// Share of a tree's sections whose widest piece is a vessel's (<see cref="MaxBranchMm2"/>): whatever else is joined
    /// to the vessels over part of the range is judged with them. The phantom family's venous pelvis at 3.39 mm (seed 12)
    /// had a femoral head of 1,700-1,900 mm2 on the lowest ten of its 34 slices joined to the iliac artery and vein above
    /// it (carved as a tube, its cortex was 7.7 mL of 'calcium denser than the contrast'); an arterial thigh at 0.89 mm
    /// (seed 1743) a fascial sheet of 3.9 mL peaking at 518 HU against its femoral vessels over a third of its sections
    /// (taken as a tube, the sheet was lost under the contrast's peak).
    /// </summary>
    public const double MinBranchShare = 0.9;

    /// <summary>
    /// Separate branches in a section of a vessel tree, at the median: an artery and its vein on each side of a pelvis
    /// or a pair of thighs.
    /// </summary>
    public const double MaxBranches = 4;

    /// <summary>
    /// Each section's pieces (8-connected in the slice, <see cref="SliceOps.Components"/>): the median over the sections
    /// of the largest piece's in-plane extent (mm) and area (mm2), the median count of pieces per section, and the share
    /// of sections whose largest piece is a vessel's (<see cref="MaxBranchMm2"/>). The largest, not any: a bone joined to
    /// the vessels beside it is a few pieces in section too, the vessels' small ones beside its own.
    /// </summary>
    public static BranchProfile Branches(ComponentStats s, RunSet runs, VolumeGeometry g)
    {
        int w = s.MaxI - s.MinI + 1, h = s.MaxJ - s.MinJ + 1;
        var ops = new SliceOps(w, h, g.Spacing.X, g.Spacing.Y);
        var mask = new bool[w * h];
        var across = new List<double>();
        var area = new List<double>();
        var perSlice = new List<double>();
        int branchSections = 0;
        foreach (var rs in s.RunsBySlice(runs))
        {
            if (rs is null) continue;
            Array.Clear(mask);
            s.Draw(rs, runs, mask);
            var areas = ops.Components(mask);
            var labels = ops.Labels;
            int widest = 1;
            for (int l = 2; l < areas.Count; l++) if (areas[l] > areas[widest]) widest = l;
            // The widest piece's box, from the runs it holds (each run lies in one piece).
            int minX = int.MaxValue, maxX = int.MinValue, minY = int.MaxValue, maxY = int.MinValue;
            foreach (int r in rs)
            {
                if (labels[(runs.Y[r] - s.MinJ) * w + runs.X0[r] - s.MinI] != widest) continue;
                minX = Math.Min(minX, runs.X0[r]); maxX = Math.Max(maxX, runs.X1[r]);
                minY = Math.Min(minY, runs.Y[r]); maxY = Math.Max(maxY, runs.Y[r]);
            }
            double widestAcross = Math.Max((maxX - minX + 1) * g.Spacing.X, (maxY - minY + 1) * g.Spacing.Y);
            double widestArea = areas[widest] * g.Spacing.X * g.Spacing.Y;
            if (Round(widestAcross, widestArea) && widestArea < MaxBranchMm2) branchSections++;
            perSlice.Add(areas.Count - 1);
            across.Add(widestAcross);
            area.Add(widestArea);
        }
        return across.Count == 0 ? new BranchProfile(0, 0, 0, 0)
            : new BranchProfile(Median(across.ToArray()), Median(area.ToArray()), Median(perSlice.ToArray()), (double)branchSections / across.Count);
    }

    /// <summary>
    /// Round in section, at least <see cref="StumpMinSectionMm2"/>, within a tube's density and ending on the first or
    /// last slice: what a vessel's lumen looks like where the scanned range cuts it, whatever its length. Whether it is one
    /// is the density's to say (the caller's).
    /// </summary>
    public static bool IsRoundStump(ComponentStats s, double voxel, VolumeGeometry g) =>
        CutByRange(s, g) && Section(s, voxel, g, out _, out double across, out double section) && Round(across, section) && section >= StumpMinSectionMm2;

    /// <summary>
    /// Round stumps the range cuts at the same end, each as even as a lumen (its peak within <see cref="EvenStumpPeakOverPlateauHu"/>
    /// of its plateau, under <see cref="TubeMaxPeakHu"/>), lying as mirror images of each other about the body's centre
    /// (<see cref="MirrorToleranceMm"/>) and of like size: the carotids of an arterial neck that the range cuts after a
    /// few slices, too short for a course. The phantom family's arterial necks of a fresh range (seeds 1872, 1918, 1928,
    /// at 0.8-4 mm: pairs of 313-627 mm3 at 330 HU, peaking under 400) had been 0.6-1.3 mL of 'muscle nodules' in
    /// patients with none. Calcinosis is seldom so even, and never paired so in a stump at the range's edge. One of the
    /// pair may be its twin with a plaque (<see cref="PlaquedTwin"/>), or a vessel already known (<see cref="ComponentStats.ContrastTube"/>),
    /// whatever its size: the phantom family's seed 2083, an arterial neck at 3.2 mm, had its right carotid joined to its
    /// jugular and a plaque, 1.9 mL, taken for a tube the range cuts, and the even left carotid apart from its vein, 620 mm3
    /// at 333 HU, reported as a 'nodular' calcification in muscle. Returns each component so paired by its id, with its
    /// twin.
    /// </summary>
    public static Dictionary<int, ComponentStats> MirroredStumps(IEnumerable<ComponentStats> candidates, double voxel, VolumeGeometry g, SliceStats[] slices,
        RunSet runs, Volume<short> hu)
    {
        // Each stump's shape and plateau once: the pairs below ask them of every other stump.
        var stumps = candidates.Where(s => s.SumHu / s.Count >= TubeMinMeanHu && CutByRange(s, g))
            .Select(s => (Stats: s, Round: IsRoundStump(s, voxel, g), Plateau: s.MaxHu < TubeMaxPeakHu ? UpperQuartileHu(s, runs, hu) : short.MaxValue))
            .ToList();
        var paired = new Dictionary<int, ComponentStats>();
        for (int a = 0; a < stumps.Count; a++)
            for (int b = a + 1; b < stumps.Count; b++)
            {
                var (s, t) = (stumps[a], stumps[b]);
                var (u, v) = (s.Stats, t.Stats);
                bool evenS = s.Round && Even(u, s.Plateau), evenT = t.Round && Even(v, t.Plateau);
                bool twins = (evenS && (evenT || PlaquedTwin(v, u, voxel, g)) || evenT && PlaquedTwin(u, v, voxel, g))
                    && Math.Max(u.Count, v.Count) <= MirrorMaxVolumeRatio * Math.Min(u.Count, v.Count);
                // A known vessel's mirror image may be a lumen of any size (the vessel may hold its vein or its branches);
                // the vessel, judged already, takes no twin from it.
                bool uMirrorsVessel = evenS && v.ContrastTube, vMirrorsVessel = evenT && u.ContrastTube;
                if (!(twins || uMirrorsVessel || vMirrorsVessel) || (u.MinK == 0) != (v.MinK == 0)) continue;
                double ui = 0.5 * (u.MinI + u.MaxI), vi = 0.5 * (v.MinI + v.MaxI), uj = 0.5 * (u.MinJ + u.MaxJ), vj = 0.5 * (v.MinJ + v.MaxJ);
                double centre = slices[(u.MinK + u.MaxK) / 2].CentreI;
                if (Math.Abs(uj - vj) * g.Spacing.Y > MirrorToleranceMm || Math.Abs(0.5 * (ui + vi) - centre) * g.Spacing.X > MirrorToleranceMm) continue;
                if (twins)
                {
                    paired[u.Id] = v;
                    paired[v.Id] = u;
                }
                else if (uMirrorsVessel) paired.TryAdd(u.Id, v);
                else paired.TryAdd(v.Id, u);
            }
        return paired;
    }

    /// <summary>As even as a lumen of contrast: its peak under <see cref="TubeMaxPeakHu"/> and within <see cref="EvenStumpPeakOverPlateauHu"/> of its plateau.</summary>
    private static bool Even(ComponentStats s, short plateauHu) => s.MaxHu < TubeMaxPeakHu && s.MaxHu - plateauHu <= EvenStumpPeakOverPlateauHu;

    /// <summary>
    /// The twin of an even stump (<paramref name="even"/>) holding a plaque: round, as wide in section as a vessel
    /// (<see cref="StumpMinSectionMm2"/> up to <see cref="GreatVesselMinSectionMm2"/>), with a plaque that peaks past any
    /// contrast (<see cref="TubeMaxPeakHu"/>) in at most <see cref="TubeMaxPlaqueShare"/> of its voxels, and a mean within
    /// <see cref="TwinMaxMeanDifferenceHu"/> of its twin's. The phantom family's arterial necks cut 15-20 mm below the
    /// skull base (seeds 1931, 2568 at 0.8-0.9 mm: carotids of 580-1,220 mm3 at 243-411 HU, one holding a plaque of
    /// 177-178 mm3 peaking at 1,086-1,089 HU) had the plaqued carotid taken for a bone cut by the range, its plaque lost in
    /// it, and the even twin reported as 0.6-1.1 mL of 'muscle' calcification. What rises over the contrast in the twin
    /// is still judged, as calcium (<see cref="DenseParts"/>).
    /// </summary>
    private static bool PlaquedTwin(ComponentStats s, ComponentStats even, double voxel, VolumeGeometry g)
    {
        if (s.MaxHu < TubeMaxPeakHu || s.AboveTubePeak > TubeMaxPlaqueShare * s.Count
            || Math.Abs(s.SumHu / s.Count - even.SumHu / even.Count) > TwinMaxMeanDifferenceHu) return false;
        var (x, y, along) = s.ExtentMm(g);
        double section = s.Count * voxel / along;
        return Round(Math.Max(x, y), section) && section >= StumpMinSectionMm2 && section < GreatVesselMinSectionMm2;
    }

    /// <summary>
    /// The level that a quarter of the component's voxels reach (HU), counted up to <see cref="TubeMaxPeakHu"/>: a lumen's
    /// plateau however much of the component is its blurred edge. The mean is not: a 7 mm femoral artery at 0.6 mm slices
    /// is half edge, and the phantom family's seed 3188 (an arterial pelvis whose thighs the range cuts: lumens of 330 HU,
    /// peaking at 392-397, 1.35 mL each) averaged 224 HU, its peak 170 HU over the mean and 90 over this level; the carotids
    /// of seed 2568 (243 HU mean, a plateau of 330, 0.87 mm slices) likewise. A calcified nodule peaks at its centre, and a
    /// quarter of it lies far under its peak.
    /// </summary>
    private static short UpperQuartileHu(ComponentStats s, RunSet runs, Volume<short> hu)
    {
        Span<int> counts = stackalloc int[TubeMaxPeakHu + 1];
        foreach (int i in RunVoxels(s, runs, hu.Geometry)) counts[Math.Clamp((int)hu.Data[i], 0, TubeMaxPeakHu)]++;
        long seen = 0, quarter = (s.Count + 3) / 4;
        for (int v = TubeMaxPeakHu; v > 0; v--)
            if ((seen += counts[v]) >= quarter) return (short)v;
        return 0;
    }

    /// <summary>A lumen's peak over its plateau (HU): its noise; a calcified nodule peaks far over the level a quarter of it reaches.</summary>
    public const double EvenStumpPeakOverPlateauHu = 100;
    /// <summary>
    /// Twins' means differ by at most this (HU): the blur of like edges dilutes both alike, and a plaque of at most
    /// <see cref="TubeMaxPlaqueShare"/> of the voxels raises one by less.
    /// </summary>
    public const double TwinMaxMeanDifferenceHu = 100;
    /// <summary>How far a pair of stumps may lie from mirror images about the body's centre, front to back and side to side (mm).</summary>
    public const double MirrorToleranceMm = 6;
    /// <summary>The larger of a mirrored pair is at most this many times the smaller.</summary>
    public const double MirrorMaxVolumeRatio = 1.5;

    /// <summary>
    /// A vessel narrower than a great vessel that the scanned range cuts after a course twice its width: a carotid or
    /// jugular at a neck scan's edge. Its plaque may peak at bone density, so it is no bone for being cut; a vertebral
    /// body cut by the range is as round but wider than <see cref="GreatVesselMinSectionMm2"/>, and a small bone's cortex
    /// rises over the peak of contrast in every section.
    /// </summary>
    /// <remarks>
    /// The width that the length is held against is that of a disc of the mean section: an artery and its vein cut side by
    /// side (the phantom family's arterial-phase neck at 4.45 mm, seed 377: a carotid and jugular 19 mm across together,
    /// 100 mm2 in section, over 27 mm) are each as narrow as that disc, and a nodule cut by the range is as wide as it.
    /// </remarks>
    public static bool IsSmallCut(ComponentStats s, double voxel, VolumeGeometry g, Func<bool> underPeak) =>
        CutByRange(s, g) && TubeSized(s, voxel) && Section(s, voxel, g, out double along, out double across, out double section, underPeak) && Round(across, section)
            && section < GreatVesselMinSectionMm2 && CutCourse(along, section);

    /// <summary>A course long enough for a vessel the range cuts: <see cref="CutTubeMinLengthMm"/>, and twice the width of a disc of its mean section.</summary>
    private static bool CutCourse(double along, double section) =>
        along >= CutTubeMinLengthMm && along >= CutTubeMinAspect * 2 * Math.Sqrt(section / Math.PI);

    /// <summary>
    /// The median over a component's sections of each section's in-plane extent (mm) and area (mm2). A vessel that bows
    /// through the range spans a wide box over its whole course, yet each section is a small round lumen: the phantom
    /// family's venous-phase carotid and jugular at 165 HU with a plaque (seed 425), 8.2 mL over 119 mm, spanned 48 mm
    /// in-plane where each section was 15 mm across.
    /// </summary>
    public static SectionProfile MedianSection(ComponentStats s, RunSet runs, VolumeGeometry g)
    {
        int n = s.MaxK - s.MinK + 1;
        var minX = new int[n]; var maxX = new int[n]; var minY = new int[n]; var maxY = new int[n]; var count = new int[n];
        Array.Fill(minX, int.MaxValue); Array.Fill(minY, int.MaxValue); Array.Fill(maxX, -1); Array.Fill(maxY, -1);
        foreach (int r in s.Runs)
        {
            int k = runs.Z[r] - s.MinK;
            minX[k] = Math.Min(minX[k], runs.X0[r]); maxX[k] = Math.Max(maxX[k], runs.X1[r]);
            minY[k] = Math.Min(minY[k], runs.Y[r]); maxY[k] = Math.Max(maxY[k], runs.Y[r]);
            count[k] += runs.X1[r] - runs.X0[r] + 1;
        }
        var across = new List<double>(n);
        var area = new List<double>(n);
        for (int k = 0; k < n; k++)
        {
            if (count[k] == 0) continue;
            across.Add(Math.Max((maxX[k] - minX[k] + 1) * g.Spacing.X, (maxY[k] - minY[k] + 1) * g.Spacing.Y));
            area.Add(count[k] * g.Spacing.X * g.Spacing.Y);
        }
        if (across.Count == 0) return new SectionProfile(0, 0, double.PositiveInfinity);
        double medianArea = Median(area.ToArray());
        return new SectionProfile(Median(across.ToArray()), medianArea, area.Max(a => Math.Abs(a - medianArea)) / medianArea);
    }

    /// <summary>Large enough for a tube (<see cref="TubeMinMm3"/>); a stump is told by its section alone.</summary>
    private static bool TubeSized(ComponentStats s, double voxel) => s.Count * voxel >= TubeMinMm3;

    /// <summary>Ending on the first or last slice: the scanned range cuts it.</summary>
    private static bool CutByRange(ComponentStats s, VolumeGeometry g) => s.MinK == 0 || s.MaxK == g.SizeZ - 1;

    /// <summary>
    /// Whether the median over the component's sections of each section's peak stays under <see cref="TubeMaxPeakHu"/>:
    /// a plaque or a deposit rises over it in a few sections of a vessel, a bone's cortex in all of them.
    /// </summary>
    public static bool SectionsUnderPeak(ComponentStats s, RunSet runs, Volume<short> hu) =>
        Median(SectionPeaks(s, RunVoxels(s, runs, hu.Geometry), hu)) < TubeMaxPeakHu;

    /// <summary>Each section's brightest voxel, from the component's first slice to its last.</summary>
    private static short[] SectionPeaks(ComponentStats s, IEnumerable<int> voxels, Volume<short> hu)
    {
        int slice = hu.Geometry.SizeX * hu.Geometry.SizeY;
        var peaks = new short[s.MaxK - s.MinK + 1];
        Array.Fill(peaks, short.MinValue);
        foreach (int i in voxels)
        {
            int k = i / slice - s.MinK;
            if (hu.Data[i] > peaks[k]) peaks[k] = hu.Data[i];
        }
        return peaks;
    }

    private static IEnumerable<int> RunVoxels(ComponentStats s, RunSet runs, VolumeGeometry g)
    {
        int nx = g.SizeX, len = nx * g.SizeY;
        foreach (int r in s.Runs)
            for (int x = runs.X0[r], off = runs.Z[r] * len + runs.Y[r] * nx; x <= runs.X1[r]; x++) yield return off + x;
    }

    private static bool Section(ComponentStats s, double voxel, VolumeGeometry g, out double along, out double across, out double section,
        Func<bool>? underPeak = null)
    {
        var (x, y, z) = s.ExtentMm(g);
        along = z;
        across = Math.Max(x, y);
        section = s.Count * voxel / along;
        // A few voxels over the peak may be calcium joined to the tube (judged apart, DenseParts); more are not contrast,
        // unless they lie in a few of its sections only (plaque along a carotid at thin slices: the phantom family's seed
        // 534 at 1 mm, three plaques of 90-180 mm3 peaking at 740-800 HU in carotids 37 mm long).
        if (s.AboveTubePeak > TubeMaxDenseShare * s.Count
            && (s.AboveTubePeak > TubeMaxPlaqueShare * s.Count || underPeak is null || !underPeak())) return false;
        double mean = s.SumHu / s.Count;
        return mean >= TubeMinMeanHu && mean <= TubeMaxMeanHu;
    }

    /// <summary>Round in section: its area close to that of its in-plane extent's circle.</summary>
    private static bool Round(double across, double section) => section >= 0.25 * Math.PI * across * across / 4;

    /// <summary>Long, running along the body, round in section.</summary>
    private static bool Long(double along, double across, double section) =>
        along >= TubeMinLengthMm && along >= TubeMinAspect * across && Round(across, section);

    /// <summary>
    /// The parts of a tube that rise clearly above its contrast, 26-connected, each of a cubic millimetre or more. Above
    /// its contrast is either above the whole tube's mean plus four standard deviations and 50 HU (as the blood pool's
    /// calcium threshold is set), or above the peak its sections reach along most of its length
    /// (<see cref="SectionPeakThreshold"/>): a small artery's lumen is blurred into its wall, so the tube's spread is
    /// large and a plaque in it rises only 150-250 HU above the lumen's peak.
    /// </summary>
    public static IEnumerable<int[]> DenseParts(ComponentStats s, int[] voxels, Volume<short> hu, double voxel)
    {
        // The spread over the tube's own voxels, taken here: only tubes holding denser voxels need it.
        double sum2 = 0;
        foreach (int i in voxels) sum2 += (double)hu.Data[i] * hu.Data[i];
        double mean = s.SumHu / s.Count, sd = Math.Sqrt(Math.Max(0, sum2 / s.Count - mean * mean));
        return DenseParts(voxels, hu, voxel, Math.Min(mean + 4 * sd + 50, SectionPeakThreshold(s, voxels, hu)));
    }

    /// <summary>The pieces of a lumen's voxels at or above <paramref name="contrastPeakHu"/> (and the calcium threshold): calcium joined to it.</summary>
    public static IEnumerable<int[]> DenseParts(int[] voxels, Volume<short> hu, double voxel, double contrastPeakHu)
    {
        var g = hu.Geometry;
        double threshold = Math.Max(contrastPeakHu, CalcificationDetector.ThresholdHu);
        var dense = new HashSet<int>(voxels.Where(i => hu.Data[i] >= threshold));
        foreach (var piece in VoxelPieces.Split(dense, g.SizeX, g.SizeY))
            if (piece.Length >= 2 && piece.Length * voxel >= 1.0) yield return piece;
    }

    /// <summary>
    /// The median over the tube's sections of each section's peak, plus <see cref="SectionPeakRiseHu"/> or four robust
    /// spreads of those peaks, whichever is more. A plaque or a deposit beside the vessel covers a few sections of a tube
    /// that runs 20 mm and more, so the median is the lumen's own peak, however much the lumen is blurred; on a stump of
    /// under <see cref="MinSectionsForPeak"/> sections, the median of the lower half of the peaks.
    /// </summary>
    internal static double SectionPeakThreshold(ComponentStats s, int[] voxels, Volume<short> hu)
    {
        int sections = s.MaxK - s.MinK + 1;
        if (sections < MinShortSectionsForPeak) return double.MaxValue;
        var peaks = SectionPeaks(s, voxels, hu);
        // A stump of a few thick slices may hold plaque in half of them: the lumen's level is then the lower half's.
        if (sections < MinSectionsForPeak) peaks = peaks.Order().Take((sections + 1) / 2).ToArray();
        double median = Median(peaks);
        var deviations = peaks.Select(p => Math.Abs(p - median)).ToArray();
        double spread = MadToSd * Median(deviations);
        return median + Math.Max(SectionPeakRiseHu, 4 * spread);
    }

    /// <summary>
    /// A dense part lying within the tube's section (half its voxels or more no farther from the section's centre than the
    /// section's own radius, the part itself left out) is a plaque in the vessel's wall; one lying beside the section is
    /// a deposit in the tissue the vessel runs through, joined to it by partial volume.
    /// </summary>
    internal static bool InWall(int[] part, int[] voxels, VolumeGeometry g)
    {
        int slice = g.SizeX * g.SizeY;
        var own = new HashSet<int>(part);
        var sections = new Dictionary<int, (double SumI, double SumJ, int N)>();
        foreach (int k in part.Select(i => i / slice).Distinct()) sections[k] = (0, 0, 0);
        foreach (int i in voxels)
        {
            int k = i / slice;
            if (own.Contains(i) || !sections.TryGetValue(k, out var c)) continue;
            int r = i - k * slice;
            sections[k] = (c.SumI + r % g.SizeX, c.SumJ + r / g.SizeX, c.N + 1);
        }
        int inside = 0;
        foreach (int i in part)
        {
            int k = i / slice, r = i - k * slice;
            var c = sections[k];
            if (c.N == 0) continue;
            double di = (r % g.SizeX - c.SumI / c.N) * g.Spacing.X, dj = (r / g.SizeX - c.SumJ / c.N) * g.Spacing.Y;
            double radius = Math.Sqrt((c.N + part.Length / (double)sections.Count) * g.Spacing.X * g.Spacing.Y / Math.PI);
            if (di * di + dj * dj <= radius * radius) inside++;
        }
        return inside >= InWallShare * part.Length;
    }

    /// <summary>Share of a dense part's voxels within the tube's section for it to be the vessel's wall.</summary>
    public const double InWallShare = 0.5;

    private static double Median<T>(T[] values) where T : IConvertible
    {
        var sorted = values.Select(v => v.ToDouble(null)).Order().ToArray();
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    /// <summary>
    /// How far above the lumen's usual section peak a voxel must rise to be calcium: in the phantom family's contrast-filled
    /// carotid arteries at 1.7 mm the section peaks were 355 ± 10 HU along 40 sections and a 1.4 mm plaque's sections
    /// peaked at 530-590 HU; 100 HU is ten times that spread.
    /// </summary>
    public const double SectionPeakRiseHu = 100;
    /// <summary>
    /// Sections needed before their median is the lumen's: a plaque covers up to a third of them. Fewer, a plaque of a
    /// few thick slices may cover half (the lower half's median is taken then).
    /// </summary>
    public const int MinSectionsForPeak = 12;
    /// <summary>
    /// Under <see cref="MinSectionsForPeak"/>, from this many sections the lower half of their peaks is the lumen's: a
    /// carotid and jugular cut by a neck scan's edge after five or six 4.5 mm slices, half of them holding plaque (the
    /// phantom family's seed 377: section peaks 343-350 HU in the lumen, 467-677 HU with the plaque).
    /// </summary>
    public const int MinShortSectionsForPeak = 4;
    /// <summary>The median absolute deviation of a normal sample times this is its standard deviation.</summary>
    private const double MadToSd = 1.4826;

    /// <summary>Share of a tube's voxels allowed at or above <see cref="TubeMaxPeakHu"/>: calcium joined to it, not the lumen.</summary>
    public const double TubeMaxDenseShare = 0.02;
    /// <summary>
    /// Up to this share where most sections stay under the peak: plaques of 1-3 mm on a 7-12 mm carotid over part of its
    /// course (a plaque covering a third of the circumference over a third of the length is about a tenth of the voxels).
    /// </summary>
    public const double TubeMaxPlaqueShare = 0.15;
    public const short TubeMaxPeakHu = 500, TubeMinMeanHu = CalcificationDetector.ThresholdHu, TubeMaxMeanHu = 400;
    public const double TubeMinLengthMm = 60, TubeMinAspect = 3, TubeMinMm3 = 500;
    /// <summary>
    /// A tube the scanned range cuts shows only part of its course: the phantom family's contrast-filled jugular veins
    /// and carotid arteries (7-12 mm across) run 24-50 mm from the skull base to the scan's edge (five 4.9 mm slices at
    /// the least), and were 2-10 mL of 'soft-tissue calcification' per case. Still twice as long as it is wide: a nodule
    /// or a plaque is not.
    /// </summary>
    public const double CutTubeMinLengthMm = 20, CutTubeMinAspect = 2;
    /// <summary>
    /// Contrast-filled tubes this large call the study enhanced where no blood pool was found: unenhanced blood is never
    /// at calcium density, so two carotid arteries (7 mm across) over 30 mm (2.3 mL) already show the contrast; the
    /// phantom family's arterial-phase neck at 1.3 mm showed 4.7 mL of carotids and jugulars and was called unenhanced
    /// under the blood pool's 5 mL.
    /// </summary>
    public const double MinEnhancedMm3 = 2_000;
    /// <summary>
    /// Round stumps of contrast density nowhere as dense as calcium (<see cref="IsRoundStump"/>) that call a study enhanced
    /// where no blood pool or tube did: vessels run in pairs (artery and vein, left and right), a lone faint body cut by
    /// the range may be anything.
    /// </summary>
    public const int MinStumpsForContrast = 2;
    /// <summary>
    /// A stump of contrast this wide in section is a vessel (a femoral or iliac artery or vein of 5 mm and more, 20 mm2),
    /// not a speck of enhancing tissue.
    /// </summary>
    public const double StumpMinSectionMm2 = 20;
    /// <summary>A cava or the aorta (15-30 mm across, 180-700 mm2), not a limb vessel or a nodule of a few millimetres.</summary>
    public const double GreatVesselMinSectionMm2 = 150;
}

/// <summary>
/// A component's sections along the body: the median of each section's in-plane extent (mm) and area (mm2), and the most
/// any section's area strays from that median, as a share of it.
/// </summary>
internal readonly record struct SectionProfile(double AcrossMm, double AreaMm2, double AreaSpread);

/// <summary>A component's sections split into their separate branches: the widest branch's in-plane extent (mm) and area (mm2) and the count of branches, each the median over the sections.</summary>
/// <param name="BranchShare">The share of sections whose widest piece is a vessel's: round and under <see cref="ContrastFilledTube.MaxBranchMm2"/>.</param>
internal readonly record struct BranchProfile(double AcrossMm, double AreaMm2, double PerSlice, double BranchShare);
