using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace CalciScope.Dicom;

/// <summary>
/// Reads DICOM Part 10 files (with or without preamble and meta group) in implicit and explicit VR, both byte orders,
/// and deflated. Headers can be read alone; pixel data is then loaded when a series is chosen.
/// Every length is checked against the bytes that remain, so a hostile header cannot make it allocate more than the file.
/// </summary>
public static class DicomReader
{
    private const uint Undefined = 0xFFFFFFFF;
    private const int HeaderProbeBytes = 16 * 1024;
    /// <summary>A deflated dataset inflates to at most this: 512 MiB holds a 512 x 512 x 1000 multi-frame CT.</summary>
    private const int MaxInflatedBytes = 1 << 29;

    /// <summary>Reads a file; with <paramref name="headersOnly"/> the pixel data is located but not loaded.</summary>
    public static DicomFile ReadFile(string path, bool headersOnly = false)
    {
        try
        {
            using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            long length = fs.Length;
            if (length == 0) throw new InputException(path, "file is empty (0 bytes)");
            if (length > int.MaxValue) throw new InputException(path, $"file of {length} bytes is too large to be one DICOM object here");
            if (headersOnly && length > HeaderProbeBytes)
            {
                var probe = new byte[HeaderProbeBytes];
                fs.ReadExactly(probe);
                var partial = TryParse(probe, path, headersOnly: true, isPrefix: true);
                if (partial is not null) return partial;
                fs.Position = 0;
            }
            var all = new byte[length];
            fs.ReadExactly(all);
            return TryParse(all, path, headersOnly, isPrefix: false)!;
        }
        catch (IOException e) when (e is not EndOfStreamException)
        {
            throw new InputException(path, $"cannot be read ({e.Message})", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new InputException(path, "permission denied", e);
        }
    }

    /// <summary>
    /// Headers from the first bytes of a file already read (the folder scan reads them once to see whether the file is
    /// DICOM at all); falls back to reading the file when the headers run past them.
    /// </summary>
    public static DicomFile ReadHeaders(string path, byte[] head, long fileLength)
    {
        if (head.Length < fileLength)
        {
            var partial = TryParse(head, path, headersOnly: true, isPrefix: true);
            if (partial is not null) return partial;
            return ReadFile(path, headersOnly: true);
        }
        return TryParse(head, path, headersOnly: true, isPrefix: false)!;
    }

    public static DicomFile Read(byte[] data, string? path = null, bool headersOnly = false) =>
        TryParse(data, path, headersOnly, isPrefix: false)!;

    /// <summary>Cheap check used when scanning folders: does this look like DICOM at all?</summary>
    public static bool LooksLikeDicom(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 132 && head.Slice(128, 4).SequenceEqual("DICM"u8)) return true;
        if (head.Length < 8) return false;
        ushort g = BinaryPrimitives.ReadUInt16LittleEndian(head);
        ushort gb = BinaryPrimitives.ReadUInt16BigEndian(head);
        return g is 0x0002 or 0x0008 || gb == 0x0008;
    }

    private static DicomFile? TryParse(byte[] data, string? path, bool headersOnly, bool isPrefix)
    {
        try
        {
            return Parse(data, path, headersOnly, isPrefix);
        }
        catch (NeedMoreDataException) when (isPrefix)
        {
            return null;
        }
        catch (NeedMoreDataException e)
        {
            throw new InputException(path, $"file is truncated: {e.Message}");
        }
        catch (DicomFormatException e)
        {
            throw new InputException(path, $"not a valid DICOM file: {e.Message}");
        }
        catch (InvalidDataException e)
        {
            throw new InputException(path, $"deflated dataset cannot be inflated ({e.Message})");
        }
    }

    private static DicomFile Parse(byte[] data, string? path, bool headersOnly, bool isPrefix)
    {
        int pos = 0;
        bool preamble = data.Length >= 132 && data.AsSpan(128, 4).SequenceEqual("DICM"u8);
        if (preamble) pos = 132;
        else if (data.Length >= 4 && data.AsSpan(0, 4).SequenceEqual("DICM"u8)) pos = 4;

        var meta = new DicomDataset();
        if (data.Length - pos >= 6 && BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(pos)) == 0x0002 && IsVrAt(data, pos + 4))
        {
            var metaParser = new Parser(data, pos, data.Length, explicitVr: true, bigEndian: false, isPrefix, path);
            metaParser.ReadDataset(meta, stopAtGroupChange: 0x0002);
            pos = metaParser.Position;
        }
        else if (!preamble && !LooksLikeBareDataset(data))
        {
            throw new DicomFormatException("no DICM marker and no recognisable dataset at the start");
        }

        TransferSyntax ts;
        var tsUid = meta.GetString(DicomTags.TransferSyntaxUid);
        if (!string.IsNullOrEmpty(tsUid)) ts = TransferSyntax.Lookup(tsUid);
        else ts = GuessSyntax(data, pos);

        byte[] body = data;
        int start = pos, end = data.Length;
        InflateBudget.Lease lease = default;
        if (ts.Deflated)
        {
            if (isPrefix) throw new NeedMoreDataException("deflated");
            (body, end, lease) = Inflate(data, pos, path);
            start = 0;
        }
        // The inflated dataset counts against the process's budget while it is parsed.
        using var held = lease;

        // Some writers declare an explicit-VR syntax but write the dataset in implicit VR; read what is there.
        bool explicitVr = ts.ExplicitVR;
        if (explicitVr && !ts.BigEndian && end - start >= 6 && !IsVrAt(body, start + 4)) explicitVr = false;
        var ds = new DicomDataset();
        var parser = new Parser(body, start, end, explicitVr, ts.BigEndian, isPrefix, path) { HeadersOnly = headersOnly };
        parser.ReadDataset(ds, stopAtGroupChange: null);
        PixelDataSource? pixels = null;
        if (parser.PixelDataFound && !headersOnly)
        {
            // Native pixels also join the dataset, so a file read and written again keeps its image.
            if (parser.PixelLength >= 0)
            {
                var raw = body.AsSpan(parser.PixelOffset, parser.PixelLength).ToArray();
                if (ts.BigEndian && parser.PixelVr == "OW") for (int i = 0; i + 1 < raw.Length; i += 2) (raw[i], raw[i + 1]) = (raw[i + 1], raw[i]);
                ds.Add(new DicomElement(DicomTags.PixelData, parser.PixelVr, raw));
            }
            pixels = new PixelDataSource
            {
                Buffer = body,
                NativeOffset = parser.PixelOffset,
                NativeLength = parser.PixelLength,
                Fragments = parser.Fragments,
                BasicOffsetTable = parser.OffsetTable,
                BigEndianWords = ts.BigEndian && parser.PixelVr == "OW",
            };
        }
        // Where native pixels sit in the file itself (not for deflated bodies), so they can be read without parsing again.
        long fileOffset = parser.PixelDataFound && parser.PixelLength >= 0 && !ts.Deflated ? parser.PixelOffset : -1;
        return new DicomFile
        {
            Meta = meta, Dataset = ds, Syntax = ts, Path = path, Pixels = pixels, HasPixelData = parser.PixelDataFound, HadPreamble = preamble,
            NativePixelOffset = fileOffset, NativePixelLength = fileOffset >= 0 ? parser.PixelLength : -1,
        };
    }

    private static bool IsVrAt(byte[] d, int p) => p + 2 <= d.Length && DicomVR.IsValid(Encoding.ASCII.GetString(d, p, 2));

    private static bool LooksLikeBareDataset(byte[] d)
    {
        if (d.Length < 8) return false;
        ushort g = BinaryPrimitives.ReadUInt16LittleEndian(d);
        ushort gb = BinaryPrimitives.ReadUInt16BigEndian(d);
        return g is 0x0008 or 0x0002 or 0x0010 or 0x0018 or 0x0020 || gb == 0x0008;
    }

    private static TransferSyntax GuessSyntax(byte[] d, int pos)
    {
        if (d.Length - pos < 6) return TransferSyntax.ImplicitVRLittleEndian;
        ushort gl = BinaryPrimitives.ReadUInt16LittleEndian(d.AsSpan(pos));
        ushort gb = BinaryPrimitives.ReadUInt16BigEndian(d.AsSpan(pos));
        bool vr = IsVrAt(d, pos + 4);
        if (gb == 0x0008 && gl != 0x0008 && vr) return TransferSyntax.ExplicitVRBigEndian;
        return vr ? TransferSyntax.ExplicitVRLittleEndian : TransferSyntax.ImplicitVRLittleEndian;
    }

    /// <summary>
    /// Inflates a deflated dataset into one buffer of exactly its size, used as it is (no copy at the end), bounded at
    /// <see cref="MaxInflatedBytes"/>: a 2 MB file must not take gigabytes. The size is found first by inflating into a
    /// small scratch buffer and counting, so a bomb is refused having taken no memory, and a legitimate dataset takes
    /// its own size once (growing a buffer by doubling had peaked at 2.4 GB on a 700 KB file). Deflated datasets are
    /// rare and small in practice, so inflating twice costs little.
    /// </summary>
    private static (byte[] Buffer, int Length, InflateBudget.Lease Lease) Inflate(byte[] data, int pos, string? path)
    {
        long size = 0;
        InflateBudget.Lease lease = default;
        try
        {
            using (var counting = new DeflateStream(new MemoryStream(data, pos, data.Length - pos), CompressionMode.Decompress))
            {
                var scratch = new byte[1 << 16];
                int n;
                while ((n = counting.Read(scratch, 0, scratch.Length)) > 0)
                {
                    size += n;
                    if (size > MaxInflatedBytes)
                        throw new DicomFormatException($"deflated dataset inflates beyond {MaxInflatedBytes >> 20} MiB (from {data.Length - pos} bytes)");
                }
            }
            lease = InflateBudget.Acquire(size);
            var buffer = new byte[size];
            using var src = new DeflateStream(new MemoryStream(data, pos, data.Length - pos), CompressionMode.Decompress);
            int length = 0;
            while (length < buffer.Length)
            {
                int n = src.Read(buffer, length, buffer.Length - length);
                if (n == 0) break;
                length += n;
            }
            return (buffer, length, lease);
        }
        catch (InvalidDataException e)
        {
            lease.Dispose();
            throw new DicomFormatException($"deflated dataset is corrupt ({e.Message})");
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    private sealed class NeedMoreDataException(string message) : Exception(message);

    /// <summary>Walks elements of one byte order and VR mode; sequences recurse.</summary>
    /// <summary>
    /// Sequence items one file may hold. The largest real objects hold tens of thousands (an enhanced CT's per-frame
    /// functional groups: about ten per frame; an RT structure set's contours); each item costs about 170 bytes in memory,
    /// so 500,000 stay under 100 MB where a 40 MB file of 5 million empty items had taken 845 MB.
    /// </summary>
    public const int MaxItems = 500_000;

    private sealed class Parser(byte[] d, int pos, int end, bool explicitVr, bool bigEndian, bool isPrefix, string? path)
    {
        private int _pos = pos;
        private int _depth;
        /// <summary>Sequence items read so far in this file, shared with the parsers of nested implicit items.</summary>
        public System.Runtime.CompilerServices.StrongBox<int> ItemsRead { get; init; } = new(0);
        public int Position => _pos;
        public bool HeadersOnly { get; init; }
        public bool PixelDataFound { get; private set; }
        public int PixelOffset { get; private set; }
        public int PixelLength { get; private set; }
        public string PixelVr { get; private set; } = "OW";
        public List<(int, int)> Fragments { get; } = [];
        public List<uint> OffsetTable { get; } = [];

        private void Need(int n, string what)
        {
            if (n < 0 || _pos + (long)n > end)
                throw isPrefix ? new NeedMoreDataException(what) : new NeedMoreDataException($"{what} needs {n} bytes at offset {_pos} but only {Math.Max(0, end - _pos)} remain");
        }

        private ushort U16() { Need(2, "a tag"); var v = bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(d.AsSpan(_pos)) : BinaryPrimitives.ReadUInt16LittleEndian(d.AsSpan(_pos)); _pos += 2; return v; }
        private uint U32() { Need(4, "a length"); var v = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(d.AsSpan(_pos)) : BinaryPrimitives.ReadUInt32LittleEndian(d.AsSpan(_pos)); _pos += 4; return v; }

        public void ReadDataset(DicomDataset ds, ushort? stopAtGroupChange, int limit = int.MaxValue)
        {
            while (_pos < Math.Min(end, limit))
            {
                if (end - _pos < 4 && !isPrefix) break; // trailing padding bytes
                int mark = _pos;
                var group = PeekU16();
                if (stopAtGroupChange is { } g && group != g) return;
                var tag = new DicomTag(U16(), U16());
                if (tag == DicomTag.ItemDelimitation) { U32(); return; }
                if (tag == DicomTag.SequenceDelimitation) { _pos = mark; return; }
                if (tag.Group == 0xFFFC && tag.Element == 0xFFFC) { _pos = end; return; } // dataset trailing padding
                ReadElement(ds, tag, mark);
                if (PixelDataFound && HeadersOnly && _depth == 0) return;
            }
            // A prefix used up where an element happens to end says nothing of what follows: the dataset (or the item) may
            // go on, pixel data included. Parsed as the whole, a SEG whose first 16 KiB ended on an element boundary (it
            // did for some lengths of its random UIDs) had 'no image' and was refused by `calciscope info`.
            if (isPrefix && _pos >= end) throw new NeedMoreDataException("the dataset past the bytes read");
        }

        private ushort PeekU16()
        {
            Need(2, "a tag");
            return bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(d.AsSpan(_pos)) : BinaryPrimitives.ReadUInt16LittleEndian(d.AsSpan(_pos));
        }

        private void ReadElement(DicomDataset ds, DicomTag tag, int mark)
        {
            string vr;
            uint length;
            bool elementExplicit = explicitVr && tag.Group != 0xFFFE;
            if (elementExplicit)
            {
                Need(2, $"the VR of {tag}");
                vr = Encoding.ASCII.GetString(d, _pos, 2);
                if (!DicomVR.IsValid(vr)) throw new DicomFormatException($"{tag} has an invalid VR '{Printable(vr)}' at offset {_pos}");
                _pos += 2;
                if (DicomVR.HasLongLength(vr)) { Need(2, "reserved bytes"); _pos += 2; length = U32(); }
                else length = U16();
            }
            else
            {
                vr = DicomTags.VrOf(tag);
                length = U32();
            }

            if (tag == DicomTags.PixelData && _depth == 0)
            {
                ReadPixelData(vr, length);
                return;
            }

            if (vr == "SQ" || (length == Undefined && vr == "UN"))
            {
                ds.Add(new DicomElement(tag, "SQ", [], ReadItems(length, implicitItems: vr == "UN" || !explicitVr)));
                return;
            }
            if (length == Undefined) throw new DicomFormatException($"{tag} ({vr}) has undefined length");
            Need((int)Math.Min(length, int.MaxValue), $"the value of {tag}");
            var value = d.AsSpan(_pos, (int)length).ToArray();
            _pos += (int)length;
            if (bigEndian) SwapInPlace(value, DicomVR.SwapUnit(vr));
            ds.Add(new DicomElement(tag, vr, value));
        }

        private static string Printable(string s) => new(s.Select(c => c is >= ' ' and < (char)127 ? c : '?').ToArray());

        private List<DicomDataset> ReadItems(uint length, bool implicitItems)
        {
            if (++_depth > 32) throw new DicomFormatException("sequences nested deeper than 32 levels");
            var items = new List<DicomDataset>();
            // The declared length is checked in 64 bits before it is used: 0xFFFFFFFE must not wrap round.
            if (length != Undefined && _pos + (long)length > end)
                throw new DicomFormatException($"a sequence declares {length} bytes at offset {_pos} but only {Math.Max(0, end - _pos)} remain");
            int seqEnd = length == Undefined ? end : _pos + (int)length;
            var inner = implicitItems && explicitVr ? new Parser(d, _pos, end, false, false, isPrefix, path) { ItemsRead = ItemsRead } : this;
            while ((inner == this ? _pos : inner._pos) < seqEnd)
            {
                var tag = new DicomTag(inner.U16(), inner.U16());
                uint itemLen = inner.U32();
                if (tag == DicomTag.SequenceDelimitation) break;
                if (tag != DicomTag.Item) throw new DicomFormatException($"expected an item in a sequence, found {tag}");
                if (++ItemsRead.Value > MaxItems)
                    throw new DicomFormatException($"more than {MaxItems} sequence items in one file (refused: no image object holds that many)");
                var item = new DicomDataset();
                if (itemLen == Undefined) inner.ReadDataset(item, null);
                else
                {
                    if (inner._pos + (long)itemLen > end)
                        throw new DicomFormatException($"an item declares {itemLen} bytes at offset {inner._pos} but only {Math.Max(0, end - inner._pos)} remain");
                    inner.ReadDataset(item, null, inner._pos + (int)itemLen);
                }
                items.Add(item);
            }
            if (inner != this) _pos = inner._pos;
            _depth--;
            return items;
        }

        private void ReadPixelData(string vr, uint length)
        {
            PixelDataFound = true;
            PixelVr = vr;
            if (length != Undefined)
            {
                PixelOffset = _pos;
                PixelLength = (int)Math.Min(length, int.MaxValue);
                if (!HeadersOnly) Need(PixelLength, "the pixel data");
                _pos = HeadersOnly ? end : _pos + PixelLength;
                return;
            }
            PixelLength = -1;
            if (HeadersOnly) { _pos = end; return; }
            bool first = true;
            while (true)
            {
                var tag = new DicomTag(U16(), U16());
                uint len = U32();
                if (tag == DicomTag.SequenceDelimitation) break;
                if (tag != DicomTag.Item) throw new DicomFormatException($"expected a pixel data fragment, found {tag}");
                if (len == Undefined) throw new DicomFormatException("a pixel data fragment has undefined length");
                Need((int)Math.Min(len, int.MaxValue), "a pixel data fragment");
                if (first)
                {
                    for (int i = 0; i + 4 <= len; i += 4) OffsetTable.Add(BinaryPrimitives.ReadUInt32LittleEndian(d.AsSpan(_pos + i)));
                    first = false;
                }
                else Fragments.Add((_pos, (int)len));
                _pos += (int)len;
            }
        }

        private static void SwapInPlace(byte[] v, int unit)
        {
            if (unit == 1) return;
            for (int i = 0; i + unit <= v.Length; i += unit) Array.Reverse(v, i, unit);
        }
    }
}
