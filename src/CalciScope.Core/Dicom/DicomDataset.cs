using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace CalciScope.Dicom;

/// <summary>A set of attributes keyed by tag, with typed getters for the value representations CalciScope uses.</summary>
public sealed class DicomDataset
{
    private readonly SortedDictionary<uint, DicomElement> _elements = new();

    public IEnumerable<DicomElement> Elements => _elements.Values;
    public int Count => _elements.Count;
    public bool Contains(DicomTag tag) => _elements.ContainsKey(tag.Value);
    public DicomElement? Get(DicomTag tag) => _elements.GetValueOrDefault(tag.Value);
    public void Add(DicomElement e) => _elements[e.Tag.Value] = e;
    public void Remove(DicomTag tag) => _elements.Remove(tag.Value);

    public DicomDataset AddString(DicomTag tag, string vr, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        if ((bytes.Length & 1) == 1)
        {
            Array.Resize(ref bytes, bytes.Length + 1);
            bytes[^1] = vr == "UI" ? (byte)0 : (byte)' ';
        }
        Add(new DicomElement(tag, vr, bytes));
        return this;
    }

    public DicomDataset AddString(DicomTag tag, string value) => AddString(tag, DicomTags.VrOf(tag), value);

    public DicomDataset AddDecimals(DicomTag tag, params double[] values) =>
        AddString(tag, "DS", string.Join('\\', values.Select(FormatDecimal)));

    public DicomDataset AddUShort(DicomTag tag, params ushort[] values)
    {
        var b = new byte[values.Length * 2];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(i * 2), values[i]);
        Add(new DicomElement(tag, "US", b));
        return this;
    }

    public DicomDataset AddBytes(DicomTag tag, string vr, byte[] value)
    {
        Add(new DicomElement(tag, vr, value));
        return this;
    }

    public DicomDataset AddSequence(DicomTag tag, params DicomDataset[] items)
    {
        Add(new DicomElement(tag, "SQ", [], [.. items]));
        return this;
    }

    /// <summary>DS values are at most 16 characters; keep as many significant digits as fit.</summary>
    public static string FormatDecimal(double v)
    {
        for (int digits = 10; digits > 1; digits--)
        {
            var s = v.ToString("G" + digits, CultureInfo.InvariantCulture);
            if (s.Length <= 16) return s;
        }
        return v.ToString("E3", CultureInfo.InvariantCulture);
    }

    public string? GetString(DicomTag tag)
    {
        var e = Get(tag);
        if (e is null) return null;
        return DecodeText(e.Value).TrimEnd('\0', ' ').TrimStart(' ');
    }

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, true);

    /// <summary>UTF-8 where the bytes are valid UTF-8 (ISO_IR 192 and plain ASCII), Latin-1 (ISO_IR 100) otherwise.</summary>
    internal static string DecodeText(byte[] v)
    {
        try { return StrictUtf8.GetString(v); }
        catch (DecoderFallbackException) { return Encoding.Latin1.GetString(v); }
    }

    public string[] GetStrings(DicomTag tag)
    {
        var s = GetString(tag);
        return string.IsNullOrEmpty(s) ? [] : s.Split('\\').Select(x => x.Trim()).ToArray();
    }

    public double[] GetDoubles(DicomTag tag)
    {
        var e = Get(tag);
        if (e is null) return [];
        switch (e.VR)
        {
            case "FD": return Read(e.Value, 8, (b) => BinaryPrimitives.ReadDoubleLittleEndian(b));
            case "FL": return Read(e.Value, 4, (b) => BinaryPrimitives.ReadSingleLittleEndian(b));
            case "US": return Read(e.Value, 2, (b) => BinaryPrimitives.ReadUInt16LittleEndian(b));
            case "SS": return Read(e.Value, 2, (b) => BinaryPrimitives.ReadInt16LittleEndian(b));
            case "UL": return Read(e.Value, 4, (b) => BinaryPrimitives.ReadUInt32LittleEndian(b));
            case "SL": return Read(e.Value, 4, (b) => BinaryPrimitives.ReadInt32LittleEndian(b));
        }
        var parts = GetStrings(tag);
        var result = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out result[i]) || !double.IsFinite(result[i]))
                throw new DicomFormatException($"{tag} holds '{Truncate(parts[i])}', not a number");
        }
        return result;
    }

    private static string Truncate(string s) => s.Length > 20 ? s[..20] + "..." : s;

    private delegate double Reader(ReadOnlySpan<byte> b);

    private static double[] Read(byte[] v, int size, Reader read)
    {
        var r = new double[v.Length / size];
        for (int i = 0; i < r.Length; i++) r[i] = read(v.AsSpan(i * size, size));
        return r;
    }

    public double? GetDouble(DicomTag tag)
    {
        var d = GetDoubles(tag);
        return d.Length > 0 ? d[0] : null;
    }

    public int? GetInt(DicomTag tag)
    {
        var d = GetDouble(tag);
        if (d is null) return null;
        if (d.Value > int.MaxValue || d.Value < int.MinValue) throw new DicomFormatException($"{tag} value {d.Value} is out of range");
        return (int)d.Value;
    }

    public IReadOnlyList<DicomDataset> GetSequence(DicomTag tag) => Get(tag)?.Items ?? [];

    /// <summary>A tag looked up in this dataset or in the first item of the named functional-group sequence.</summary>
    public DicomDataset? FirstItem(DicomTag sequence) => GetSequence(sequence) is { Count: > 0 } s ? s[0] : null;
}
