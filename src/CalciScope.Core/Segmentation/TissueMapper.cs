using CalciScope.Imaging;

namespace CalciScope.Segmentation;

/// <summary>
/// Classical tissue map, one axial slice at a time: body (table and air removed, holes filled), skin, the muscular wall
/// (soft tissue opened to drop septa and vessels, closed, filled) separating subcutaneous from inner fat, the band along
/// that fascial boundary, depth below the skin, and round soft-tissue tubes in fat (vessels).
/// </summary>
public sealed class TissueMapper
{
    public const short BodyHu = -400;
    public const short FatMaxHu = -30;
    public const short FatMinHu = -200;
    public const double SkinMm = 2.5;
    public const double FascialBandMm = 3.0;
    /// <summary>
    /// Enclosed air this deep below the skin belongs to the cavity. Subcutaneous fat is at most a few cm thick in most
    /// patients but the lungs and bowel lie deeper than skin plus a thin fat layer; 8 mm keeps gas trapped in skin folds
    /// out. Measured on the LIDC chest CTs in ../shared/data (the thinnest chest wall there is about 10 mm).
    /// </summary>
    public const double EnclosedAirDepthMm = 8.0;
    /// <summary>A separate piece of the slice is a body part (a limb, an arm) from this share of the largest piece's area; smaller ones are table, cables, padding.</summary>
    public const double BodyPartShare = 0.15;
    /// <summary>
    /// A smaller piece is still a limb when it is this thick: the half-width (largest inscribed radius) of an adult arm
    /// beside the trunk is 25-45 mm, while table shells, cables and gel pads are under 25 mm thick (half-width under
    /// 12.5 mm). An arm is about a tenth of the trunk's section, under <see cref="BodyPartShare"/>; on the upper-abdomen
    /// series in ../shared/data the arm left the body on 12 of 20 slices (its humerus with it).
    /// </summary>
    public const double LimbMinHalfWidthMm = 15;
    /// <summary>
    /// Pieces from this share of the largest are the trunk or a thigh (two thighs are alike), smaller ones arms apart from
    /// the trunk: an arm's section is about a tenth of the trunk's.
    /// </summary>
    public const double MajorPieceShare = 0.5;

    /// <summary>Coarse cells of about this size (mm) in-plane.</summary>
    public const double CellMm = 1.5;

    public static TissueMap Map(Volume<short> hu)
    {
        var g = hu.Geometry;
        int factor = Math.Clamp((int)Math.Round(CellMm / Math.Max(g.Spacing.X, g.Spacing.Y)), 1, 4);
        int factorZ = Math.Clamp((int)Math.Round(CellMm / g.Spacing.Z), 1, 4);
        var (coarse, peak) = Coarsen(hu, factor, factorZ);
        var cg = coarse.Geometry;
        int nx = cg.SizeX, ny = cg.SizeY, len = nx * ny;
        var tissue = new byte[coarse.Data.Length];
        var depth = new byte[coarse.Data.Length];
        var coarseStats = new SliceStats[cg.SizeZ];
        var pool = new System.Collections.Concurrent.ConcurrentBag<Worker>();
        Parallel.For(0, cg.SizeZ, z =>
        {
            if (!pool.TryTake(out var w)) w = new Worker(nx, ny, cg.Spacing.X, cg.Spacing.Y);
            var st = w.Slice(coarse.Data.AsSpan(z * len, len), tissue.AsSpan(z * len, len), depth.AsSpan(z * len, len));
            // Back to full-resolution voxel units: a cell's centre sits (factor - 1) / 2 voxels in.
            double half = (factor - 1) / 2.0;
            coarseStats[z] = st with { CentreI = st.CentreI * factor + half, CentreJ = st.CentreJ * factor + half, HalfWidthI = st.HalfWidthI * factor, HalfDepthJ = st.HalfDepthJ * factor };
            pool.Add(w);
        });
        var stats = new SliceStats[g.SizeZ];
        for (int z = 0; z < g.SizeZ; z++) stats[z] = coarseStats[Math.Min(z / factorZ, cg.SizeZ - 1)];
        return new TissueMap(g, factor, factorZ, tissue, depth, stats, coarse, peak);
    }

    /// <summary>
    /// Averages factor x factor x factorZ blocks, and keeps each block's densest voxel; the coarse grid keeps the
    /// patient-space geometry.
    /// </summary>
    private static (Volume<short> Mean, Volume<short> Peak) Coarsen(Volume<short> hu, int f, int fz)
    {
        var g = hu.Geometry;
        if (f == 1 && fz == 1) return (hu, hu);
        int cx = (g.SizeX + f - 1) / f, cy = (g.SizeY + f - 1) / f, cz = (g.SizeZ + fz - 1) / fz;
        var origin = g.ToPatient((f - 1) / 2.0, (f - 1) / 2.0, 0);
        var cg = new VolumeGeometry(cx, cy, cz, new Vec3(g.Spacing.X * f, g.Spacing.Y * f, g.Spacing.Z * fz), origin, g.AxisI, g.AxisJ, g.AxisK) { Posture = g.Posture };
        var coarse = new Volume<short>(cg);
        var peak = new Volume<short>(cg);
        Parallel.For(0, cz, zc =>
        {
            var dst = coarse.Slice(zc);
            var top = peak.Slice(zc);
            var sum = new int[cx];
            var count = new int[cx];
            var max = new short[cx];
            for (int yc = 0; yc < cy; yc++)
            {
                Array.Clear(sum); Array.Clear(count);
                Array.Fill(max, short.MinValue);
                for (int z = zc * fz; z < Math.Min(g.SizeZ, zc * fz + fz); z++)
                {
                    var src = hu.Slice(z);
                    for (int y = yc * f; y < Math.Min(g.SizeY, yc * f + f); y++)
                    {
                        var row = src.Slice(y * g.SizeX, g.SizeX);
                        for (int xc = 0, x = 0; xc < cx; xc++)
                        {
                            int end = Math.Min(g.SizeX, x + f), blockSum = 0;
                            short blockMax = max[xc];
                            count[xc] += end - x;
                            for (; x < end; x++)
                            {
                                blockSum += row[x];
                                if (row[x] > blockMax) blockMax = row[x];
                            }
                            sum[xc] += blockSum;
                            max[xc] = blockMax;
                        }
                    }
                }
                for (int x = 0; x < cx; x++) { dst[yc * cx + x] = (short)(sum[x] / count[x]); top[yc * cx + x] = max[x]; }
            }
        });
        return (coarse, peak);
    }

    private sealed class Worker(int nx, int ny, double sx, double sy)
    {
        private readonly SliceOps _ops = new(nx, ny, sx, sy);
        private readonly bool[] _body = new bool[nx * ny];
        private readonly bool[] _inner = new bool[nx * ny];
        private readonly bool[] _tmp = new bool[nx * ny];
        private readonly float[] _dist = new float[nx * ny];
        private readonly float[] _dist2 = new float[nx * ny];

        public SliceStats Slice(ReadOnlySpan<short> hu, Span<byte> tissue, Span<byte> depth)
        {
            int n = hu.Length;
            double pixel = sx * sy;
            for (int i = 0; i < n; i++) _body[i] = hu[i] > BodyHu;
            var areas = _ops.Components(_body);
            int largest = 0;
            for (int l = 1; l < areas.Count; l++) largest = Math.Max(largest, areas[l]);
            if (largest * pixel < 500) { tissue.Clear(); depth.Clear(); return default; }
            var thick = ThickPieces(areas);
            var labels = _ops.Labels;
            for (int i = 0; i < n; i++) _body[i] = _body[i] && (areas[labels[i]] >= BodyPartShare * largest || thick[labels[i]]);
            _body.AsSpan().CopyTo(_tmp);
            // A field of view cut through the body leaves lungs and bowel open to the edge: close the edge first.
            int edge = 0, edgeBody = 0;
            for (int x = 0; x < nx; x++) { edge += 2; edgeBody += (_body[x] ? 1 : 0) + (_body[(ny - 1) * nx + x] ? 1 : 0); }
            for (int y = 0; y < ny; y++) { edge += 2; edgeBody += (_body[y * nx] ? 1 : 0) + (_body[y * nx + nx - 1] ? 1 : 0); }
            if (edgeBody >= 0.4 * edge)
            {
                for (int x = 0; x < nx; x++) { _body[x] = true; _body[(ny - 1) * nx + x] = true; }
                for (int y = 0; y < ny; y++) { _body[y * nx] = true; _body[y * nx + nx - 1] = true; }
            }
            _ops.FillHoles(_body);
            // The slice's measures (area, centre, extent, air) are the trunk's, or both thighs': an arm lying apart beside
            // the trunk would widen the section and pull its centre.
            var pieces = _ops.Components(_body);
            _ops.Labels.CopyTo(_pieces);
            int biggestPiece = 0;
            for (int l = 1; l < pieces.Count; l++) biggestPiece = Math.Max(biggestPiece, pieces[l]);
            long air = 0, area = 0;
            double si = 0, sj = 0;
            int minI = nx, maxI = 0, minJ = ny, maxJ = 0;
            for (int i = 0; i < n; i++)
            {
                if (!_body[i] || pieces[_pieces[i]] < MajorPieceShare * biggestPiece) continue;
                area++;
                if (!_tmp[i]) air++;
                int x = i % nx, y = i / nx;
                si += x; sj += y;
                if (x < minI) minI = x; if (x > maxI) maxI = x;
                if (y < minJ) minJ = y; if (y > maxJ) maxJ = y;
            }

            // Air enclosed by the body (lungs, bowel gas) lies inside the cavity; remember it before _tmp is reused.
            for (int i = 0; i < n; i++) _air[i] = _body[i] && !_tmp[i];
            // Depth below the skin: distance to the nearest pixel outside the body. Only the body's pixels read it, and
            // for them no outside pixel is nearer than the ring round the body's bounding box: the transform runs there
            // alone, and so do the wall's below (the wall lies in the body). Pixels outside the box keep stale values.
            var bodyBox = _ops.BoundingBox(_body).Grow(1, 1, nx, ny);
            for (int i = 0; i < n; i++) _tmp[i] = !_body[i];
            _ops.Distance(_tmp, _dist, bodyBox);

            // Muscular wall: soft tissue (and bone) deeper than the skin, with the air it encloses (the lungs lie inside
            // the chest wall, bowel gas inside the abdominal wall), opened, kept if large, closed and filled. Without the
            // air, the thin chest wall of a lean patient leaves the lungs and their vessels in the subcutaneous compartment.
            for (int i = 0; i < n; i++) _inner[i] = _body[i] && _dist[i] > SkinMm && (hu[i] > FatMaxHu || _air[i] && _dist[i] > EnclosedAirDepthMm);
            _ops.OpenSquare(_inner, 2.5);
            _ops.KeepLarge(_inner, 400);
            _ops.CloseSquare(_inner, 10);
            // Where the body runs off the image (a cropped field of view) the missing wall is assumed to close it.
            for (int x = 0; x < nx; x++) { Wall(x); Wall((ny - 1) * nx + x); }
            for (int y = 0; y < ny; y++) { Wall(y * nx); Wall(y * nx + nx - 1); }
            _ops.FillHoles(_inner);
            // The same wall traced along rays from each body part's centre: it holds where the wall is too thin for the
            // morphology above. The cavity is what either finds.
            for (int l = 1; l < pieces.Count; l++) _radial.Mark(hu, _pieces, l, _air, SkinMm, _inner);
            for (int i = 0; i < n; i++) _inner[i] &= _body[i] && _dist[i] > SkinMm;

            // Distances to and from the wall mark the fascial band on both sides of it.
            _ops.Distance(_inner, _dist2, bodyBox);
            for (int i = 0; i < n; i++) _tmp[i] = !_inner[i];
            _ops.Distance(_tmp, _distInside, _ops.BoundingBox(_inner).Grow(1, 1, nx, ny));

            // The cavity's air, in the slice's major pieces as the body's is: the lungs' share of what lies inside the wall.
            long cavity = 0, cavityAir = 0;
            for (int i = 0; i < n; i++)
            {
                if (!_body[i]) { tissue[i] = TissueClass.Outside; depth[i] = 0; continue; }
                float d = _dist[i];
                depth[i] = (byte)Math.Min(250, d);
                if (_inner[i] && pieces[_pieces[i]] >= MajorPieceShare * biggestPiece)
                {
                    cavity++;
                    if (_air[i]) cavityAir++;
                }
                byte c;
                if (d <= SkinMm) c = TissueClass.Skin;
                else if (!_inner[i]) c = TissueClass.Subcutaneous;
                else c = hu[i] < FatMaxHu ? TissueClass.InnerFat : TissueClass.InnerSoft;
                if (c != TissueClass.Skin && (_inner[i] ? _distInside[i] : _dist2[i]) <= FascialBandMm) c |= TissueClass.FascialBand;
                if (hu[i] < BodyHu) c |= TissueClass.Air;
                tissue[i] = c;
            }
            MarkVessels(hu, tissue);
            return new SliceStats(area * pixel, si / Math.Max(area, 1), sj / Math.Max(area, 1), (maxI - minI) / 2.0, (maxJ - minJ) / 2.0,
                (double)air / Math.Max(area, 1)) { CavityAirFraction = (double)cavityAir / Math.Max(cavity, 1) };
        }

        private readonly float[] _distInside = new float[nx * ny];
        private readonly int[] _pieces = new int[nx * ny];
        private readonly bool[] _air = new bool[nx * ny];
        private readonly RadialWall _radial = new(nx, ny, sx, sy);

        /// <summary>Which pieces of the last <see cref="SliceOps.Components"/> call are limb-thick (labels kept intact).</summary>
        private bool[] ThickPieces(List<int> areas)
        {
            var thick = new bool[areas.Count];
            var labels = _ops.Labels;
            for (int i = 0; i < _tmp.Length; i++) _tmp[i] = labels[i] == 0;
            // Read only on the pieces (the body mask as it stands): the ring round their bounding box holds the nearest
            // background, as for the depth below the skin.
            _ops.Distance(_tmp, _dist, _ops.BoundingBox(_body).Grow(1, 1, nx, ny));
            for (int i = 0; i < _tmp.Length; i++)
                if (labels[i] != 0 && _dist[i] >= LimbMinHalfWidthMm) thick[labels[i]] = true;
            return thick;
        }

        private void Wall(int i)
        {
            if (_body[i]) _inner[i] = true;
        }
        private readonly bool[] _cand = new bool[nx * ny];

        /// <summary>Round blobs of non-fat tissue (10 to 250 mm2) ringed by inner fat: vessels in cross-section.</summary>
        private void MarkVessels(ReadOnlySpan<short> hu, Span<byte> tissue)
        {
            int n = hu.Length;
            for (int i = 0; i < n; i++) _cand[i] = TissueClass.Of(tissue[i]) == TissueClass.InnerSoft;
            var areas = _ops.Components(_cand);
            var labels = _ops.Labels.ToArray();
            double pixel = sx * sy;
            int count = areas.Count;
            var minX = new int[count]; var maxX = new int[count]; var minY = new int[count]; var maxY = new int[count];
            Array.Fill(minX, int.MaxValue); Array.Fill(minY, int.MaxValue);
            var fatRing = new int[count]; var ring = new int[count];
            for (int i = 0; i < n; i++)
            {
                int l = labels[i];
                if (l == 0) continue;
                int x = i % nx, y = i / nx;
                if (x < minX[l]) minX[l] = x; if (x > maxX[l]) maxX[l] = x;
                if (y < minY[l]) minY[l] = y; if (y > maxY[l]) maxY[l] = y;
                // Look two pixels out in the four directions: fat there means the blob sits in fat.
                foreach (var (dx, dy) in Ring)
                {
                    int xx = x + dx, yy = y + dy;
                    if (xx < 0 || yy < 0 || xx >= nx || yy >= ny) continue;
                    int j = yy * nx + xx;
                    if (labels[j] == l) continue;
                    ring[l]++;
                    if (TissueClass.Of(tissue[j]) == TissueClass.InnerFat) fatRing[l]++;
                }
            }
            var vessel = new bool[count];
            for (int l = 1; l < count; l++)
            {
                double a = areas[l] * pixel;
                if (a < 10 || a > 250) continue;
                double w = (maxX[l] - minX[l] + 1) * sx, h = (maxY[l] - minY[l] + 1) * sy;
                double aspect = w / h, fill = a / (w * h);
                if (aspect < 0.6 || aspect > 1.7 || fill < 0.6) continue;
                if (ring[l] == 0 || fatRing[l] < 0.7 * ring[l]) continue;
                vessel[l] = true;
            }
            for (int i = 0; i < n; i++) if (vessel[labels[i]] && labels[i] != 0) tissue[i] |= TissueClass.Vessel;
        }

        private static readonly (int, int)[] Ring = [(-2, 0), (2, 0), (0, -2), (0, 2)];
    }
}
