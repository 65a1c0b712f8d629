namespace CalciScope.Calcification;

/// <summary>Sets of voxels (indices into a volume) split into their 26-connected pieces.</summary>
internal static class VoxelPieces
{
    /// <summary>The 26-connected pieces of <paramref name="set"/>, which is emptied on the way.</summary>
    public static IEnumerable<int[]> Split(HashSet<int> set, int nx, int ny)
    {
        int len = nx * ny;
        while (set.Count > 0)
        {
            int seed = set.First();
            set.Remove(seed);
            var piece = new List<int> { seed };
            for (int n = 0; n < piece.Count; n++)
            {
                int i = piece[n], z = i / len, y = i % len / nx, x = i % nx;
                for (int dz = -1; dz <= 1; dz++)
                    for (int dy = -1; dy <= 1; dy++)
                        for (int dx = -1; dx <= 1; dx++)
                        {
                            if (x + dx < 0 || x + dx >= nx || y + dy < 0 || y + dy >= ny) continue;
                            int j = (z + dz) * len + (y + dy) * nx + x + dx;
                            if (set.Remove(j)) piece.Add(j);
                        }
            }
            yield return piece.ToArray();
        }
    }
}
