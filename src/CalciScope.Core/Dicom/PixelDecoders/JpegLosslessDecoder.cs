namespace CalciScope.Dicom.PixelDecoders;

/// <summary>
/// JPEG lossless, process 14 (ITU T.81 Annex H), for one-component images: Huffman-coded differences from any of the
/// seven predictors, restart intervals and point transform. Written here because the served JPEG library decodes only
/// selection value 1 correctly, while dcmtk writes selection value 6 by default.
/// </summary>
internal sealed class JpegLosslessDecoder : IFrameDecoder
{
    public static readonly JpegLosslessDecoder Instance = new();

    public void Decode(ReadOnlySpan<byte> frame, PixelDescription d, Span<int> stored)
    {
        var data = frame.ToArray();
        var tables = new HuffmanTable?[4];
        int precision = 0, width = 0, height = 0, components = 0, restart = 0;
        int pos = 0;
        if (data.Length < 4 || data[0] != 0xFF || data[1] != 0xD8) throw new DicomFormatException("JPEG frame does not start with SOI");
        pos = 2;
        while (pos + 4 <= data.Length)
        {
            if (data[pos] != 0xFF) { pos++; continue; }
            int marker = data[pos + 1];
            if (marker == 0xFF) { pos++; continue; }
            pos += 2;
            if (marker == 0xD8 || marker is >= 0xD0 and <= 0xD7) continue;
            if (marker == 0xD9) break;
            int len = (data[pos] << 8) | data[pos + 1];
            if (len < 2 || pos + len > data.Length) throw new DicomFormatException("JPEG segment length runs past the frame");
            var seg = data.AsSpan(pos + 2, len - 2);
            switch (marker)
            {
                case 0xC3:
                    precision = seg[0]; height = (seg[1] << 8) | seg[2]; width = (seg[3] << 8) | seg[4]; components = seg[5];
                    break;
                case 0xC0 or 0xC1 or 0xC2 or 0xC5 or 0xC6 or 0xC7 or 0xC9 or 0xCA or 0xCB or 0xCD or 0xCE or 0xCF:
                    throw new DicomFormatException($"JPEG frame uses SOF{marker - 0xC0}, not lossless process 14");
                case 0xC4:
                    for (int o = 0; o < seg.Length;)
                    {
                        int id = seg[o] & 0x0F;
                        var counts = seg.Slice(o + 1, 16).ToArray();
                        int total = counts.Sum(c => c);
                        if (o + 17 + total > seg.Length || id > 3) throw new DicomFormatException("JPEG Huffman table is malformed");
                        tables[id] = new HuffmanTable(counts, seg.Slice(o + 17, total).ToArray());
                        o += 17 + total;
                    }
                    break;
                case 0xDD:
                    restart = (seg[0] << 8) | seg[1];
                    break;
                case 0xDA:
                    if (components != 1) throw new DicomFormatException($"JPEG lossless frame has {components} components; only monochrome is supported");
                    if (width != d.Columns || height != d.Rows) throw new DicomFormatException($"JPEG frame is {width}x{height}, header says {d.Columns}x{d.Rows}");
                    int td = seg[2] >> 4;
                    int predictor = seg[1 + 2 * seg[0]];
                    int pt = seg[3 + 2 * seg[0]] & 0x0F;
                    var table = tables[td] ?? throw new DicomFormatException("JPEG scan refers to a missing Huffman table");
                    DecodeScan(data, pos + len, width, height, precision, predictor, pt, restart, table, stored);
                    if (d.Signed) for (int i = 0; i < width * height; i++) stored[i] = d.ToStored((uint)stored[i]);
                    return;
            }
            pos += len;
        }
        throw new DicomFormatException("JPEG frame has no scan");
    }

    private static void DecodeScan(byte[] data, int start, int w, int h, int precision, int predictor, int pt, int restart, HuffmanTable table, Span<int> output)
    {
        if (predictor is < 1 or > 7) throw new DicomFormatException($"JPEG lossless selection value {predictor} is invalid");
        var bits = new BitReader(data, start);
        int mask = (1 << precision) - 1;
        int initial = 1 << (precision - pt - 1);
        var prev = new int[w];
        var cur = new int[w];
        int mcuCount = 0;
        bool resetRow = true;
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                if (restart > 0 && mcuCount > 0 && mcuCount % restart == 0)
                {
                    bits.Restart();
                    resetRow = true;
                }
                int diff = Difference(ref bits, table);
                int p;
                if (resetRow && x == 0) p = initial;
                else if (resetRow) p = cur[x - 1];
                else if (x == 0) p = prev[0];
                else
                {
                    int ra = cur[x - 1], rb = prev[x], rc = prev[x - 1];
                    p = predictor switch
                    {
                        1 => ra,
                        2 => rb,
                        3 => rc,
                        4 => ra + rb - rc,
                        5 => ra + ((rb - rc) >> 1),
                        6 => rb + ((ra - rc) >> 1),
                        _ => (ra + rb) >> 1,
                    };
                }
                cur[x] = (p + diff) & 0xFFFF & mask;
                mcuCount++;
            }
            resetRow = false;
            for (int x = 0; x < w; x++) output[y * w + x] = cur[x] << pt;
            (prev, cur) = (cur, prev);
        }
    }

    private static int Difference(ref BitReader bits, HuffmanTable table)
    {
        int s = table.Decode(ref bits);
        if (s == 0) return 0;
        if (s == 16) return 32768;
        if (s > 16) throw new DicomFormatException("JPEG difference category out of range");
        int v = bits.Read(s);
        return v < (1 << (s - 1)) ? v - (1 << s) + 1 : v;
    }

    private struct BitReader(byte[] data, int pos)
    {
        private int _pos = pos;
        private uint _buffer;
        private int _count;

        private void Fill()
        {
            while (_count <= 24)
            {
                uint b = 0;
                if (_pos < data.Length)
                {
                    b = data[_pos];
                    if (b == 0xFF)
                    {
                        byte next = _pos + 1 < data.Length ? data[_pos + 1] : (byte)0;
                        if (next == 0) _pos += 2;
                        else b = 0; // a marker: feed zeros, do not advance
                    }
                    else _pos++;
                }
                _buffer |= b << (24 - _count);
                _count += 8;
            }
        }

        public int Read(int n)
        {
            if (n == 0) return 0;
            if (_count < n) Fill();
            int v = (int)(_buffer >> (32 - n));
            _buffer <<= n;
            _count -= n;
            return v;
        }

        public int Bit() => Read(1);

        /// <summary>Drops the partial byte and skips the RSTn marker.</summary>
        public void Restart()
        {
            _buffer = 0;
            _count = 0;
            while (_pos + 1 < data.Length && !(data[_pos] == 0xFF && data[_pos + 1] is >= 0xD0 and <= 0xD7)) _pos++;
            _pos += 2;
        }
    }

    private sealed class HuffmanTable
    {
        private readonly int[] _maxCode = new int[18];
        private readonly int[] _valPtr = new int[17];
        private readonly int[] _minCode = new int[17];
        private readonly byte[] _values;

        public HuffmanTable(byte[] counts, byte[] values)
        {
            _values = values;
            int code = 0, k = 0;
            for (int l = 1; l <= 16; l++)
            {
                _valPtr[l] = k;
                _minCode[l] = code;
                code += counts[l - 1];
                k += counts[l - 1];
                _maxCode[l] = counts[l - 1] > 0 ? code - 1 : -1;
                code <<= 1;
            }
            _maxCode[17] = int.MaxValue;
        }

        public int Decode(ref BitReader bits)
        {
            int code = bits.Bit();
            for (int l = 1; l <= 16; l++)
            {
                if (code <= _maxCode[l] && _maxCode[l] >= 0)
                {
                    int idx = _valPtr[l] + code - _minCode[l];
                    if (idx < 0 || idx >= _values.Length) throw new DicomFormatException("JPEG Huffman code out of table");
                    return _values[idx];
                }
                code = (code << 1) | bits.Bit();
            }
            throw new DicomFormatException("JPEG Huffman code not in table (corrupt data)");
        }
    }
}
