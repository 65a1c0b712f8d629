using CalciScope.Calcification;
using CalciScope.Imaging;
using CalciScope.Segmentation;

namespace CalciScope.Tests.Detection;

/// <summary>
/// A contrast-filled vessel too small for the blood pool is a long round tube no denser than contrast; calcium joined
/// to it (a grain in the muscle beside a femoral vessel) does not make it bone, and is judged apart.
/// </summary>
public class ContrastFilledTubeTests
{
    private const int N = 40, Z = 60;

    /// <summary>A tube of radius 4 mm at 300 HU along z (1 mm voxels), with a calcified grain of <paramref name="grainVoxels"/> at 700 HU against its side.</summary>
    /// <param name="fromZ">First slice of the tube; it runs to <paramref name="toZ"/> (exclusive).</param>
    private static (Volume<short> Hu, ComponentStats Stats, RunSet Runs) Tube(int grainVoxels, int fromZ = 0, int toZ = Z)
    {
        var hu = new Volume<short>(VolumeGeometry.Axial(N, N, Z, 1, 1, 1));
        Array.Fill(hu.Data, (short)40);
        for (int z = fromZ; z < toZ; z++)
            for (int y = 0; y < N; y++)
                for (int x = 0; x < N; x++)
                    if ((x - 20) * (x - 20) + (y - 20) * (y - 20) <= 16) hu.Data[z * N * N + y * N + x] = 300;
        for (int k = 0; k < grainVoxels; k++) hu.Data[((grainVoxels > 60 ? 0 : 30) + k / 5) * N * N + 20 * N + 24 + k % 5] = 700;
        var s = Stats(hu, out var runs);
        return (hu, s, runs);
    }

    /// <summary>All voxels at the calcium threshold as one component, with the statistics detection keeps.</summary>
    private static ComponentStats Stats(Volume<short> hu, out RunSet runs)
    {
        runs = RunLabeler.Label(hu, CalcificationDetector.ThresholdHu, (z, y, mask) => mask.Fill(1));
        var s = new ComponentStats { Id = 1 };
        for (int r = 0; r < runs.Count; r++) AddRun(s, runs, r, hu);
        return s;
    }

    /// <summary>Each connected component at the calcium threshold apart, with the statistics detection keeps.</summary>
    private static List<ComponentStats> ComponentsOf(Volume<short> hu) => ComponentsOf(hu, out _);

    private static List<ComponentStats> ComponentsOf(Volume<short> hu, out RunSet runs)
    {
        runs = RunLabeler.Label(hu, CalcificationDetector.ThresholdHu, (z, y, mask) => mask.Fill(1));
        var stats = new Dictionary<int, ComponentStats>();
        for (int r = 0; r < runs.Count; r++)
        {
            int c = runs.Component[r];
            if (!stats.TryGetValue(c, out var s)) stats[c] = s = new ComponentStats { Id = c };
            AddRun(s, runs, r, hu);
        }
        return [.. stats.Values];
    }

    private static void AddRun(ComponentStats s, RunSet runs, int r, Volume<short> hu)
    {
        s.Runs.Add(r);
        s.MinI = Math.Min(s.MinI, runs.X0[r]); s.MaxI = Math.Max(s.MaxI, runs.X1[r]);
        s.MinJ = Math.Min(s.MinJ, runs.Y[r]); s.MaxJ = Math.Max(s.MaxJ, runs.Y[r]);
        s.MinK = Math.Min(s.MinK, runs.Z[r]); s.MaxK = Math.Max(s.MaxK, runs.Z[r]);
        for (int x = runs.X0[r]; x <= runs.X1[r]; x++)
        {
            short v = hu.Data[runs.Z[r] * N * N + runs.Y[r] * N + x];
            s.Count++; s.SumHu += v; s.MaxHu = Math.Max(s.MaxHu, v);
            if (v >= ContrastFilledTube.TubeMaxPeakHu) s.AboveTubePeak++;
        }
    }

    private static int[] Voxels(ComponentStats s, RunSet runs)
    {
        var list = new List<int>();
        foreach (int r in s.Runs) for (int x = runs.X0[r]; x <= runs.X1[r]; x++) list.Add(runs.Z[r] * N * N + runs.Y[r] * N + x);
        return list.ToArray();
    }

    /// <summary>
    /// A vessel that bows through the range (its centre moves 24 mm sideways over 60 mm, as a carotid round the spine)
    /// spans a box too wide for a tube over its whole course; section by section it is a round lumen of 8 mm.
    /// </summary>
    [Fact]
    public void BowingTube_IsATubeByItsSections()
    {
        var hu = new Volume<short>(VolumeGeometry.Axial(N, N, Z, 1, 1, 1));
        Array.Fill(hu.Data, (short)40);
        for (int z = 0; z < Z; z++)
        {
            int cx = 8 + (int)Math.Round(24 * Math.Sin(Math.PI * z / (Z - 1)));
            for (int y = 0; y < N; y++)
                for (int x = 0; x < N; x++)
                    if ((x - cx) * (x - cx) + (y - 20) * (y - 20) <= 16) hu.Data[z * N * N + y * N + x] = 300;
        }
        var s = Stats(hu, out var runs);
        Assert.False(ContrastFilledTube.Is(s, 1, hu.Geometry), "the whole course's box no longer rules the bowing tube out: the test shows nothing");
        var (across, area, _) = ContrastFilledTube.MedianSection(s, runs, hu.Geometry);
        Assert.InRange(across, 8, 10);
        Assert.InRange(area, 40, 60);
        Assert.True(ContrastFilledTube.Is(s, 1, hu.Geometry, sections: () => ContrastFilledTube.MedianSection(s, runs, hu.Geometry)));
    }

    /// <summary>
    /// Two vessels of 8 mm, 24 mm apart, that converge over the last 20 mm of a 60 mm range and meet on its last slices
    /// (the iliac arteries where they join): one component as wide as both, no single course; section by section two
    /// round branches, one where they have met.
    /// </summary>
    [Fact]
    public void VesselTree_IsContrastByItsBranches()
    {
        var hu = new Volume<short>(VolumeGeometry.Axial(N, N, Z, 1, 1, 1));
        Array.Fill(hu.Data, (short)40);
        for (int z = 0; z < Z; z++)
        {
            int half = z < 40 ? 12 : (int)Math.Round(12 - 12.0 * (z - 40) / (Z - 21));
            foreach (int cx in new[] { 20 - half, 20 + half })
                for (int y = 0; y < N; y++)
                    for (int x = 0; x < N; x++)
                        if ((x - cx) * (x - cx) + (y - 20) * (y - 20) <= 16) hu.Data[z * N * N + y * N + x] = 300;
        }
        var s = Stats(hu, out var runs);
        Assert.Equal(0, s.MinK);
        Assert.Equal(Z - 1, s.MaxK);
        var g = hu.Geometry;
        Assert.False(ContrastFilledTube.IsLong(s, 1, g), "the tree's box no longer rules it out: the test shows nothing");
        Assert.False(ContrastFilledTube.Is(s, 1, g, sections: () => ContrastFilledTube.MedianSection(s, runs, g)),
            "the median section (both branches together) already makes it a tube: the test shows nothing");
        var b = ContrastFilledTube.Branches(s, runs, g);
        Assert.Equal(2, b.PerSlice);
        Assert.InRange(b.AcrossMm, 9, 9);
        Assert.InRange(b.AreaMm2, 45, 55);
        Assert.True(ContrastFilledTube.IsLong(s, 1, g, branches: () => ContrastFilledTube.Branches(s, runs, g)));
        Assert.True(ContrastFilledTube.Is(s, 1, g, branches: () => ContrastFilledTube.Branches(s, runs, g)));
    }

    /// <summary>
    /// Not a tree of vessels: strands 2 mm thick crossing the slices (a calcified network's, joined by a bar on the last
    /// slice), too thin in section for a limb vessel; and five tubes side by side, more branches than an artery and a vein
    /// of each side.
    /// </summary>
    [Fact]
    public void ThinStrandsOrManyTubes_AreNoVesselTree()
    {
        foreach (var (radius2, centres) in new[] { (1, new[] { 6, 14, 22, 30 }), (16, new[] { 4, 12, 20, 28, 36 }) })
        {
            var hu = new Volume<short>(VolumeGeometry.Axial(N, N, Z, 1, 1, 1));
            Array.Fill(hu.Data, (short)40);
            for (int z = 0; z < Z; z++)
                foreach (int cx in centres)
                    for (int y = 0; y < N; y++)
                        for (int x = 0; x < N; x++)
                            if ((x - cx) * (x - cx) + (y - 20) * (y - 20) <= radius2 || z == Z - 1 && y == 20 && x >= centres[0] && x <= centres[^1])
                                hu.Data[z * N * N + y * N + x] = 300;
            var s = Stats(hu, out var runs);
            Assert.False(ContrastFilledTube.IsLong(s, 1, hu.Geometry, branches: () => ContrastFilledTube.Branches(s, runs, hu.Geometry)));
            Assert.False(ContrastFilledTube.Is(s, 1, hu.Geometry, branches: () => ContrastFilledTube.Branches(s, runs, hu.Geometry)));
        }
    }

    /// <summary>
    /// Two vessels of 6 mm joined on the last slice, and beside them over part of the range a wider body joined to one
    /// (a femoral head 20 mm across blurred under the peak of contrast, <paramref name="bodySlices"/> of 60 slices; or,
    /// <paramref name="sheet"/>, a sheet 2 mm thick and 30 mm wide against a vessel, a fascial calcification as faint as
    /// the contrast). Two of the pieces in every section are a vessel's, and the widest is one in most sections; over a
    /// tenth of them it is not, and the whole is no vessel tree. Without the body it is one.
    /// </summary>
    [Theory]
    [InlineData(0, false)]
    [InlineData(10, false)]
    [InlineData(20, true)]
    public void VesselsWithAWiderBodyJoinedOverPartOfTheRange_AreNoVesselTree(int bodySlices, bool sheet)
    {
        var hu = new Volume<short>(VolumeGeometry.Axial(N, N, Z, 1, 1, 1));
        Array.Fill(hu.Data, (short)40);
        for (int z = 0; z < Z; z++)
            for (int y = 0; y < N; y++)
                for (int x = 0; x < N; x++)
                {
                    bool body = z < bodySlices && (sheet ? x >= 2 && x <= 31 && (y == 16 || y == 17) : (x - 13) * (x - 13) + (y - 20) * (y - 20) <= 100);
                    bool vessel = (x - 27) * (x - 27) + (y - 20) * (y - 20) <= 9 || (x - 35) * (x - 35) + (y - 20) * (y - 20) <= 9;
                    if (body || vessel || z == Z - 1 && y == 20 && x >= 27) hu.Data[z * N * N + y * N + x] = 300;
                }
        var s = Stats(hu, out var runs);
        var b = ContrastFilledTube.Branches(s, runs, hu.Geometry);
        Assert.InRange(b.AreaMm2, 25, 35);
        Assert.Equal(1 - (double)bodySlices / Z, b.BranchShare, 3);
        Assert.Equal(bodySlices == 0, ContrastFilledTube.IsLong(s, 1, hu.Geometry, branches: () => ContrastFilledTube.Branches(s, runs, hu.Geometry)));
    }

    [Fact]
    public void TubeWithAGrain_IsATubeAndTheGrainIsItsOnlyDensePart()
    {
        var (hu, s, runs) = Tube(grainVoxels: 12);
        Assert.True(ContrastFilledTube.IsLong(s, 1, hu.Geometry));
        var parts = ContrastFilledTube.DenseParts(s, Voxels(s, runs), hu, 1).ToList();
        Assert.Single(parts);
        Assert.Equal(12, parts[0].Length);
    }

    /// <summary>
    /// A vessel the scanned range cuts after 12 mm (the femoral vessels below a pelvis) is too short to be told from a
    /// nodule by its shape; once contrast is known to fill the vessels, a round stump of contrast density nowhere
    /// reaching the lumen's calcium threshold is its lumen, and one reaching it is not.
    /// </summary>
    [Fact]
    public void StumpCutByTheRange_IsContrastOnlyWhereContrastIsKnown()
    {
        // Radius 4 mm at 300 HU, 12 sections: 590 mm3.
        var (bigHu, big, _) = Tube(grainVoxels: 0, fromZ: 0, toZ: 12);
        Assert.False(ContrastFilledTube.Is(big, 1, bigHu.Geometry));
        Assert.True(ContrastFilledTube.Is(big, 1, bigHu.Geometry, stumpPeakHu: 450));
        Assert.False(ContrastFilledTube.Is(big, 1, bigHu.Geometry, stumpPeakHu: 300));
    }

    /// <summary>
    /// A small artery blurred into its wall: the lumen falls from 350 HU at the centre to 150 HU at the edge, so the
    /// tube's spread is wide and its mean plus four spreads lies above a plaque that rises 130 HU over the lumen's peak.
    /// The plaque (an arc on the wall over 8 of 60 sections) is found by the sections' peaks, and lies in the wall.
    /// </summary>
    [Fact]
    public void PlaqueInABlurredArtery_IsFoundAboveTheSectionsPeakAndLiesInTheWall()
    {
        var hu = new Volume<short>(VolumeGeometry.Axial(N, N, Z, 1, 1, 1));
        Array.Fill(hu.Data, (short)40);
        for (int z = 0; z < Z; z++)
            for (int y = 0; y < N; y++)
                for (int x = 0; x < N; x++)
                {
                    double r = Math.Sqrt((x - 20) * (x - 20) + (y - 20) * (y - 20));
                    if (r <= 4.5) hu.Data[z * N * N + y * N + x] = (short)(350 - 40 * r + 3 * ((x + y + z) % 5));
                }
        var plaque = new List<int>();
        for (int z = 26; z < 34; z++)
            foreach (var (x, y) in new[] { (24, 19), (24, 20), (24, 21), (23, 22), (23, 18) })
            {
                hu.Data[z * N * N + y * N + x] = 480;
                plaque.Add(z * N * N + y * N + x);
            }
        var s = Stats(hu, out var runs);
        var voxels = Voxels(s, runs);
        double mean = s.SumHu / s.Count, sd = Math.Sqrt(voxels.Average(i => (double)hu.Data[i] * hu.Data[i]) - mean * mean);
        Assert.True(mean + 4 * sd + 50 > 480, "the whole tube's spread alone would hide the plaque");
        var parts = ContrastFilledTube.DenseParts(s, voxels, hu, 1).ToList();
        var part = Assert.Single(parts);
        Assert.Equal(plaque.Order(), part.Order());
        Assert.True(ContrastFilledTube.InWall(part, voxels, hu.Geometry));
    }

    /// <summary>A grain outside the tube's section, joined to it by its edge, is not the vessel's wall.</summary>
    [Fact]
    public void GrainBesideTheTube_IsNotInItsWall()
    {
        var (hu, s, runs) = Tube(grainVoxels: 0);
        var grain = new List<int>();
        for (int z = 28; z < 32; z++)
            for (int x = 25; x < 28; x++)
                for (int y = 19; y < 22; y++)
                {
                    hu.Data[z * N * N + y * N + x] = 700;
                    grain.Add(z * N * N + y * N + x);
                }
        s = Stats(hu, out runs);
        var part = Assert.Single(ContrastFilledTube.DenseParts(s, Voxels(s, runs), hu, 1).ToList());
        Assert.Equal(grain.Count, part.Length);
        Assert.False(ContrastFilledTube.InWall(part, Voxels(s, runs), hu.Geometry));
    }

    /// <summary>
    /// Plaque along part of a carotid at thin slices is more than a few percent of the tube's voxels, but lies in a few
    /// of its sections: the tube is still contrast, long or cut by the range, and not bone for its plaque's density.
    /// </summary>
    [Fact]
    public void TubeWithPlaqueInAFewSections_IsStillContrast()
    {
        var (hu, s, runs) = Tube(grainVoxels: 0, fromZ: 0, toZ: 40);
        for (int z = 15; z < 23; z++)
            for (int x = 22; x <= 24; x++)
                for (int y = 17; y <= 23; y++)
                    if ((x - 20) * (x - 20) + (y - 20) * (y - 20) <= 16 && (x - 20) * (x - 20) + (y - 20) * (y - 20) >= 4) hu.Data[z * N * N + y * N + x] = 750;
        s = Stats(hu, out runs);
        Assert.True(s.AboveTubePeak > ContrastFilledTube.TubeMaxDenseShare * s.Count, "the plaque is more than a few percent of the tube");
        Assert.True(ContrastFilledTube.SectionsUnderPeak(s, runs, hu));
        Assert.False(ContrastFilledTube.Is(s, 1, hu.Geometry));
        Assert.True(ContrastFilledTube.Is(s, 1, hu.Geometry, underPeak: () => ContrastFilledTube.SectionsUnderPeak(s, runs, hu)));
        Assert.True(ContrastFilledTube.IsSmallCut(s, 1, hu.Geometry, () => ContrastFilledTube.SectionsUnderPeak(s, runs, hu)));
    }

    /// <summary>A small bone's cortex rises over the peak of contrast in every section: not a tube, however round and cut.</summary>
    [Fact]
    public void CorticalTubeCutByTheRange_IsNotContrast()
    {
        var (hu, _, _) = Tube(grainVoxels: 0, fromZ: 0, toZ: 40);
        for (int z = 0; z < 40; z++)
            for (int y = 0; y < N; y++)
                for (int x = 0; x < N; x++)
                {
                    int d2 = (x - 20) * (x - 20) + (y - 20) * (y - 20);
                    if (d2 is > 9 and <= 16) hu.Data[z * N * N + y * N + x] = 700;
                }
        var s = Stats(hu, out var runs);
        Assert.False(ContrastFilledTube.SectionsUnderPeak(s, runs, hu));
        Assert.False(ContrastFilledTube.IsSmallCut(s, 1, hu.Geometry, () => ContrastFilledTube.SectionsUnderPeak(s, runs, hu)));
    }

    [Fact]
    public void TubeDenseThroughMoreThanAFewPercent_IsNotContrast()
    {
        // A tube of 3,000 voxels with 300 at 700 HU (10 %): not a lumen of contrast.
        var (hu, s, _) = Tube(grainVoxels: 300);
        Assert.False(ContrastFilledTube.IsLong(s, 1, hu.Geometry));
    }

    /// <summary>
    /// A vessel of 30 mm that the scanned range cuts (a jugular between the skull base and the scan's edge) is contrast;
    /// the same 30 mm lying wholly inside the range is too short to tell from a calcified strand.
    /// </summary>
    [Fact]
    public void ShortTube_IsContrastOnlyWhereTheRangeCutsIt()
    {
        var (cutHu, cut, _) = Tube(grainVoxels: 0, fromZ: 0, toZ: 30);
        Assert.True(ContrastFilledTube.Is(cut, 1, cutHu.Geometry));
        var (insideHu, inside, _) = Tube(grainVoxels: 0, fromZ: 15, toZ: 45);
        Assert.False(ContrastFilledTube.Is(inside, 1, insideHu.Geometry));
    }

    /// <summary>
    /// An artery and its vein side by side (8 mm each, 12 mm apart: a box 21 mm wide), cut by the range after 26 mm, as
    /// the phantom family's carotid and jugular at a neck's edge (seed 377): each is as narrow as a disc of their mean
    /// section, so the course is a vessel's; a round nodule as wide as that disc over 20 mm is not.
    /// </summary>
    [Fact]
    public void ArteryAndVeinCutSideBySide_AreContrastANoduleIsNot()
    {
        var pair = Drawn(26, (x, y, _) => (x - 14) * (x - 14) + (y - 20) * (y - 20) <= 16 || (x - 26) * (x - 26) + (y - 20) * (y - 20) <= 16 ? (short)300 : null);
        Assert.True(ContrastFilledTube.Is(pair.Stats, 1, pair.Hu.Geometry));
        Assert.True(ContrastFilledTube.IsSmallCut(pair.Stats, 1, pair.Hu.Geometry, () => true));
        var nodule = Drawn(20, (x, y, _) => (x - 20) * (x - 20) + (y - 20) * (y - 20) <= 36 ? (short)300 : null);
        Assert.False(ContrastFilledTube.Is(nodule.Stats, 1, nodule.Hu.Geometry));
        Assert.False(ContrastFilledTube.IsSmallCut(nodule.Stats, 1, nodule.Hu.Geometry, () => true));
    }

    /// <summary>
    /// A carotid joined to its vein (an oval 14 by 9 mm, about 100 mm2), cut by the range after 21 mm, as the phantom
    /// family's arterial-phase neck at 0.86 mm (seed 1728): under twice the width of a disc of its section, yet every
    /// section keeps the median's size, so it is a vessel's course. A half ellipsoid the range cuts at its equator, as
    /// long and no wider, narrows to its pole: a nodule, not a vessel.
    /// </summary>
    [Fact]
    public void PrismaticCourseCutByTheRange_IsContrastATaperingOneIsNot()
    {
        static bool InOval(int x, int y, double a, double b) => (x - 20) * (x - 20) / (a * a) + (y - 20) * (y - 20) / (b * b) <= 1;
        var pair = Drawn(21, (x, y, _) => InOval(x, y, 7, 4.6) ? (short)200 : null);
        double disc = 2 * Math.Sqrt(pair.Stats.Count / 21.0 / Math.PI);
        Assert.True(21 < ContrastFilledTube.CutTubeMinAspect * disc, "the course passes the cut tube's aspect: the test shows nothing");
        Assert.False(ContrastFilledTube.Is(pair.Stats, 1, pair.Hu.Geometry), "without its sections the short course is no tube");
        Assert.True(ContrastFilledTube.Is(pair.Stats, 1, pair.Hu.Geometry, sections: () => ContrastFilledTube.MedianSection(pair.Stats, pair.Runs, pair.Hu.Geometry)));
        var pole = Drawn(22, (x, y, z) =>
        {
            double shrink = Math.Sqrt(Math.Max(0, 1 - z * z / (22.0 * 22.0)));
            return InOval(x, y, 7.5 * shrink + 0.01, 7.5 * shrink + 0.01) ? (short)200 : null;
        });
        Assert.True(22 >= ContrastFilledTube.PrismaticMinAspect * 2 * Math.Sqrt(pole.Stats.Count / 22.0 / Math.PI), "the nodule is too short for a prismatic course: the test shows nothing");
        var profile = ContrastFilledTube.MedianSection(pole.Stats, pole.Runs, pole.Hu.Geometry);
        Assert.True(profile.AreaSpread > ContrastFilledTube.MaxPrismaticAreaSpread);
        Assert.False(ContrastFilledTube.Is(pole.Stats, 1, pole.Hu.Geometry, sections: () => profile));
    }

    /// <summary>Each slice's body centred at x 20 (<see cref="SliceStats.CentreI"/>), where the stumps below are mirrored.</summary>
    private static SliceStats[] Centred(int centreX = 20) => Enumerable.Repeat(new SliceStats(1000, centreX, 20, 15, 15, 0), Z).ToArray();

    /// <summary>
    /// Stumps the range cuts after <paramref name="slices"/> slices, drawn voxel by voxel in plane at the HU
    /// <paramref name="value"/> gives (null: soft tissue at 40 HU), with their components and runs.
    /// </summary>
    private static (Volume<short> Hu, List<ComponentStats> Stats, RunSet Runs) Stumps(int slices, Func<int, int, short?> value)
    {
        var hu = new Volume<short>(VolumeGeometry.Axial(N, N, Z, 1, 1, 1));
        Array.Fill(hu.Data, (short)40);
        for (int z = 0; z < slices; z++)
            for (int y = 0; y < N; y++)
                for (int x = 0; x < N; x++)
                    if (value(x, y) is short v) hu.Data[z * N * N + y * N + x] = v;
        return (hu, ComponentsOf(hu, out var runs), runs);
    }

    /// <summary>Squared distance (voxels) of (x, y) from a centre at (cx, cy).</summary>
    private static int D2(int x, int y, int cx, int cy) => (x - cx) * (x - cx) + (y - cy) * (y - cy);

    /// <summary>
    /// Two even discs of 4 mm radius at 330 HU cut by the range after 6 slices, mirrored about the body's centre (x 20):
    /// carotid stumps. With the body's centre 10 mm to one side, or one of them denser at its middle than a lumen, they are not.
    /// </summary>
    [Fact]
    public void MirroredEvenStumps_AreAPairOfVessels()
    {
        static (Volume<short> Hu, List<ComponentStats> Stats, RunSet Runs) Pair(short rightCentreHu) => Stumps(6, (x, y) =>
            D2(x, y, 10, 20) <= 16 ? (short)330 : D2(x, y, 30, 20) <= 16 ? (D2(x, y, 30, 20) <= 1 ? rightCentreHu : (short)330) : null);
        var (hu, stats, runs) = Pair(330);
        Assert.Equal(2, stats.Count);
        Assert.Equal(2, ContrastFilledTube.MirroredStumps(stats, 1, hu.Geometry, Centred(), runs, hu).Count);
        Assert.Empty(ContrastFilledTube.MirroredStumps(stats, 1, hu.Geometry, Centred(30), runs, hu));
        var (denseHu, dense, denseRuns) = Pair(480);
        Assert.Empty(ContrastFilledTube.MirroredStumps(dense, 1, denseHu.Geometry, Centred(), denseRuns, denseHu));
    }

    /// <summary>
    /// Lumens of 330 HU, 4 mm in radius, whose edges blur to the threshold over 3 mm more (a small artery at thin slices):
    /// most of each stump is edge, its mean some 120 HU under its plateau, yet its peak (a voxel of noise at 395 HU) stays
    /// within noise of the plateau, and the pair is paired. Nodules of the same size peaking at 450 HU at their centres
    /// and falling off to their edges are not: a quarter of each lies far under its peak.
    /// </summary>
    [Fact]
    public void MirroredStumps_SmallLumensMostlyEdge_ArePairedPeakedNodulesAreNot()
    {
        static (Volume<short> Hu, List<ComponentStats> Stats, RunSet Runs) Pair(Func<double, short> profile)
        {
            var pair = Stumps(8, (x, y) =>
            {
                double r = Math.Sqrt(Math.Min(D2(x, y, 10, 20), D2(x, y, 30, 20)));
                return r <= 7 ? profile(r) : null;
            });
            // One voxel of noise at each lumen's middle: its peak.
            foreach (int cx in new[] { 10, 30 }) pair.Hu.Data[3 * N * N + 20 * N + cx] = Math.Max(pair.Hu.Data[3 * N * N + 20 * N + cx], (short)395);
            return (pair.Hu, ComponentsOf(pair.Hu, out var runs), runs);
        }
        var (lumenHu, lumens, lumenRuns) = Pair(r => r <= 4 ? (short)330 : (short)(330 - 180 * (r - 4) / 3));
        Assert.Equal(2, lumens.Count);
        Assert.All(lumens, s => Assert.True(s.MaxHu - s.SumHu / s.Count > ContrastFilledTube.EvenStumpPeakOverPlateauHu,
            "the mean is within the peak's reach: the test shows nothing"));
        Assert.Equal(2, ContrastFilledTube.MirroredStumps(lumens, 1, lumenHu.Geometry, Centred(), lumenRuns, lumenHu).Count);
        var (noduleHu, nodules, noduleRuns) = Pair(r => (short)(450 - 300 * r / 7));
        Assert.Equal(2, nodules.Count);
        Assert.Empty(ContrastFilledTube.MirroredStumps(nodules, 1, noduleHu.Geometry, Centred(), noduleRuns, noduleHu));
    }

    /// <summary>
    /// An even stump whose mirror image is an artery joined to its vein (twice its volume): paired with it once that twin is
    /// known to be a vessel, not before, and the vessel, judged already, takes no twin; a denser stump is not paired with
    /// the vessel either.
    /// </summary>
    [Fact]
    public void MirroredStumps_EvenStumpMirroringAKnownVessel_IsPaired()
    {
        static (Volume<short> Hu, List<ComponentStats> Stats, RunSet Runs) Pair(short leftCentreHu) => Stumps(6, (x, y) =>
            D2(x, y, 10, 20) <= 16 ? (D2(x, y, 10, 20) <= 1 ? leftCentreHu : (short)330)
            : D2(x, y, 30, 20) <= 16 || D2(x, y, 30, 26) <= 16 ? (short)330 : null);
        var (hu, stats, runs) = Pair(330);
        Assert.Equal(2, stats.Count);
        var joined = stats.Single(s => s.MaxJ > 24);
        var even = stats.Single(s => s != joined);
        Assert.True(joined.Count > ContrastFilledTube.MirrorMaxVolumeRatio * even.Count, "the twins are alike: the test shows nothing");
        Assert.Empty(ContrastFilledTube.MirroredStumps(stats, 1, hu.Geometry, Centred(), runs, hu));
        joined.ContrastTube = true;
        var paired = ContrastFilledTube.MirroredStumps(stats, 1, hu.Geometry, Centred(), runs, hu);
        Assert.Single(paired);
        Assert.Same(joined, paired[even.Id]);
        var (denseHu, dense, denseRuns) = Pair(480);
        dense.Single(s => s.MaxJ > 24).ContrastTube = true;
        Assert.Empty(ContrastFilledTube.MirroredStumps(dense, 1, denseHu.Geometry, Centred(), denseRuns, denseHu));
    }

    /// <summary>
    /// The same pair with a plaque of 1,000 HU on the right stump's wall over its course: its twin, paired with the even
    /// left stump (which it names as its twin). A stump as dense throughout as the plaque is no lumen, and is not paired.
    /// </summary>
    [Fact]
    public void MirroredStumps_TwinWithAPlaque_IsPairedWithItsEvenTwin()
    {
        static (Volume<short> Hu, List<ComponentStats> Stats, RunSet Runs) Pair(short rightHu) => Stumps(6, (x, y) =>
            D2(x, y, 10, 20) <= 16 ? (short)330 : D2(x, y, 30, 20) <= 16 ? (x == 34 && y == 20 ? (short)1000 : rightHu) : null);
        var (hu, stats, runs) = Pair(330);
        var paired = ContrastFilledTube.MirroredStumps(stats, 1, hu.Geometry, Centred(), runs, hu);
        var left = stats.Single(s => s.MaxHu < 500);
        var right = stats.Single(s => s.MaxHu >= 500);
        Assert.Equal(2, paired.Count);
        Assert.Same(left, paired[right.Id]);
        var (solidHu, solid, solidRuns) = Pair(900);
        Assert.Empty(ContrastFilledTube.MirroredStumps(solid, 1, solidHu.Geometry, Centred(), solidRuns, solidHu));
    }

    /// <summary>
    /// Slices 0 to <paramref name="slices"/> drawn voxel by voxel at the HU <paramref name="value"/> gives (null: soft
    /// tissue at 40 HU); the range cuts what is drawn at its first slice.
    /// </summary>
    private static (Volume<short> Hu, ComponentStats Stats, RunSet Runs) Drawn(int slices, Func<int, int, int, short?> value)
    {
        var hu = new Volume<short>(VolumeGeometry.Axial(N, N, Z, 1, 1, 1));
        Array.Fill(hu.Data, (short)40);
        for (int z = 0; z < slices; z++)
            for (int y = 0; y < N; y++)
                for (int x = 0; x < N; x++)
                    if (value(x, y, z) is short v) hu.Data[z * N * N + y * N + x] = v;
        return (hu, Stats(hu, out var runs), runs);
    }

    /// <summary>
    /// A stump of six sections cut by the range (a carotid at a thick-slice neck's edge, seed 377), its lumen blurred from
    /// 350 HU at the centre to 150 at the wall, with a plaque of 560 HU in three of its sections: half the sections' peaks
    /// are the plaque's, so their median is not the lumen's; the lower half's is, and the plaque stands 100 HU above it.
    /// </summary>
    [Fact]
    public void ShortStumpWithPlaqueInHalfItsSections_PlaqueIsADensePart()
    {
        const short PlaqueHu = 560;
        var (hu, s, runs) = Drawn(6, (x, y, z) =>
        {
            if (z >= 3 && x is >= 25 and <= 26 && y is >= 19 and <= 21) return PlaqueHu;
            double r = Math.Sqrt((x - 20) * (x - 20) + (y - 20) * (y - 20));
            return r <= 4 ? (short)(350 - 50 * r) : null;
        });
        var plaque = Enumerable.Range(0, hu.Data.Length).Where(i => hu.Data[i] == PlaqueHu);
        var part = Assert.Single(ContrastFilledTube.DenseParts(s, Voxels(s, runs), hu, 1).ToList());
        Assert.Equal(plaque.Order(), part.Order());
    }

    /// <summary>
    /// Where contrast is known to fill the vessels, a vessel's stump cut by the range after a few slices is contrast
    /// however small (the femoral artery and vein of seed 492, cut after two slices: 437 mm3 each); where it is not known,
    /// nothing so short is.
    /// </summary>
    [Fact]
    public void SmallStumpCutByTheRange_IsContrastOnlyWhereContrastIsKnown()
    {
        var stump = Drawn(4, (x, y, _) => (x - 20) * (x - 20) + (y - 20) * (y - 20) <= 16 ? (short)300 : null);
        Assert.True(stump.Stats.Count < ContrastFilledTube.TubeMinMm3, "the stump is under the tubes' volume: the test shows nothing");
        Assert.True(ContrastFilledTube.Is(stump.Stats, 1, stump.Hu.Geometry, stumpPeakHu: 450));
        Assert.False(ContrastFilledTube.Is(stump.Stats, 1, stump.Hu.Geometry));
        // Denser than the lumen's peak, it is no contrast.
        Assert.False(ContrastFilledTube.Is(stump.Stats, 1, stump.Hu.Geometry, stumpPeakHu: 250));
    }
    /// <summary>
    /// A round stump is told by its section and by ending on a slice the range cuts, whatever its length; a disc of the
    /// same section in the middle of the range is no stump, and a section under <see cref="ContrastFilledTube.StumpMinSectionMm2"/>
    /// (a speck a small vessel leaves, or a grain) is none either.
    /// </summary>
    [Fact]
    public void RoundStump_EndsOnACutSliceAndIsWideEnough()
    {
        var stump = Drawn(4, (x, y, _) => (x - 20) * (x - 20) + (y - 20) * (y - 20) <= 16 ? (short)180 : null);
        Assert.True(ContrastFilledTube.IsRoundStump(stump.Stats, 1, stump.Hu.Geometry));
        var (midHu, mid, _) = Tube(grainVoxels: 0, fromZ: 20, toZ: 24);
        Assert.False(ContrastFilledTube.IsRoundStump(mid, 1, midHu.Geometry));
        var speck = Drawn(4, (x, y, _) => (x - 20) * (x - 20) + (y - 20) * (y - 20) <= 4 ? (short)180 : null);
        Assert.False(ContrastFilledTube.IsRoundStump(speck.Stats, 1, speck.Hu.Geometry));
        // A flat plate cut by the range is not round.
        var plate = Drawn(4, (x, y, _) => Math.Abs(y - 20) <= 1 && Math.Abs(x - 20) <= 12 ? (short)180 : null);
        Assert.False(ContrastFilledTube.IsRoundStump(plate.Stats, 1, plate.Hu.Geometry));
    }
}
