namespace CalciScope.Segmentation;

/// <summary>
/// Gas in the stomach and bowel (the oesophagus too): air enclosed by the body in pockets smaller than a lung. The lungs
/// are told apart by size alone, labelled whole through every slice: cutting them at the slices where they fill the
/// chest (as this step once did) left their apices and bases in pieces small enough to pass for bowel gas: LIDC-IDRI
/// 0003's apex beside the injected arm's veins made it 'oral', and LIDC-IDRI 0001's bases gave its enhancing upper
/// abdominal organs (132 mL at 427 HU) five 'gas-fluid levels'.
/// </summary>
public static class BowelGas
{
    /// <summary>
    /// Gas pockets of bowel and stomach hold less; a lung holds 2-3 L and more, and its base cut by the scanned range
    /// (an abdominal CT's top slices) holds 100 mL and more a side, so pieces of that size cut from the lungs pass.
    /// </summary>
    public const double MaxGasMm3 = 500_000;

    /// <summary>Per cell of the tissue map's grid: bowel gas.</summary>
    public static bool[] Find(TissueMap tissue)
    {
        var hu = tissue.Coarse;
        var g = hu.Geometry;
        int nx = g.SizeX, len = nx * g.SizeY;
        var codes = tissue.Codes;
        // The tissue map flags air (under the body's threshold) in the body: the row mask takes it, every HU passes the
        // labeller's own test.
        var runs = RunLabeler.Label(hu, short.MinValue, (z, y, mask) =>
        {
            int off = z * len + y * nx;
            for (int x = 0; x < nx; x++) mask[x] = (codes[off + x] & TissueClass.Air) != 0 ? (byte)1 : (byte)0;
        });
        var size = new long[runs.ComponentCount + 1];
        for (int r = 0; r < runs.Count; r++) size[runs.Component[r]] += runs.X1[r] - runs.X0[r] + 1;
        var gas = new bool[codes.Length];
        for (int r = 0; r < runs.Count; r++)
        {
            if (size[runs.Component[r]] * g.VoxelVolumeMm3 > MaxGasMm3) continue;
            gas.AsSpan(runs.Z[r] * len + runs.Y[r] * nx + runs.X0[r], runs.X1[r] - runs.X0[r] + 1).Fill(true);
        }
        return gas;
    }
}
