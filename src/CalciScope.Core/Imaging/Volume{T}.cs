namespace CalciScope.Imaging;

/// <summary>
/// A 3D image in one contiguous buffer (x fastest, then y, then z) with its patient-space geometry.
/// Everything after study reading works on this type; HU volumes are <c>Volume&lt;short&gt;</c>.
/// </summary>
public sealed class Volume<T> where T : unmanaged
{
    public Volume(VolumeGeometry geometry, T[]? data = null)
    {
        Geometry = geometry;
        long n = geometry.VoxelCount;
        if (n > Array.MaxLength) throw new GeometryException($"volume of {n} voxels is larger than one buffer can hold");
        Data = data ?? new T[n];
        if (Data.Length != n) throw new GeometryException($"buffer of {Data.Length} for {n} voxels");
    }

    public VolumeGeometry Geometry { get; }
    public T[] Data { get; }
    public int SizeX => Geometry.SizeX;
    public int SizeY => Geometry.SizeY;
    public int SizeZ => Geometry.SizeZ;
    public int SliceLength => Geometry.SizeX * Geometry.SizeY;

    public Span<T> Slice(int z) => Data.AsSpan(z * SliceLength, SliceLength);
    public Span<T> Row(int y, int z) => Data.AsSpan(z * SliceLength + y * SizeX, SizeX);

    public ref T this[int x, int y, int z] => ref Data[(long)z * SliceLength + (long)y * SizeX + x];

    public int Index(int x, int y, int z) => z * SliceLength + y * SizeX + x;

    public Volume<TOut> Like<TOut>() where TOut : unmanaged => new(Geometry);
}
