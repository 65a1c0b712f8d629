using CalciScope.Dicom;
using CalciScope.Tests.Support;

namespace CalciScope.Tests.Dicom;

/// <summary>
/// HTJ2K (1.2.840.10008.1.2.4.201) through OpenJPEG. No HTJ2K file ships with Debian's pydicom data, so one is made
/// independently of CalciScope: pydicom's CT_small stored values encoded reversibly by OpenJPH's ojph_compress
/// (Debian's openjph-tools), encapsulated by pydicom, and decoded back by ojph_expand; CalciScope's decode must equal
/// the original samples and OpenJPH's own decode, every one.
/// </summary>
public class Htj2kTests
{
    private const string Build = """
import sys, struct, subprocess, numpy as np, pydicom
from pydicom.encaps import encapsulate
from pydicom.uid import UID
out = sys.argv[1]
ds = pydicom.dcmread('/usr/lib/python3/dist-packages/pydicom/data/test_files/CT_small.dcm')
a = ds.pixel_array.astype('<i2')
a.tofile(out + '/orig.raw')
subprocess.run(['ojph_compress', '-i', out + '/orig.raw', '-o', out + '/ht.j2c', '-reversible', 'true', '-dims', '{%d,%d}' % (a.shape[1], a.shape[0]),
                '-num_comps', '1', '-signed', 'true', '-bit_depth', '16', '-downsamp', '{1,1}'], check=True, capture_output=True)
subprocess.run(['ojph_expand', '-i', out + '/ht.j2c', '-o', out + '/expand.raw'], check=True, capture_output=True)
ds.PixelData = encapsulate([open(out + '/ht.j2c', 'rb').read()])
ds['PixelData'].VR = 'OB'
ds.BitsStored = 16; ds.HighBit = 15
ds.is_implicit_VR = False; ds.is_little_endian = True
# pydicom 2.3 does not know the HTJ2K UIDs: write as JPEG 2000 lossless, then put the HTJ2K UID in the meta group.
ds.file_meta.TransferSyntaxUID = UID('1.2.840.10008.1.2.4.90')
ds.save_as(out + '/j2k.dcm', write_like_original=False)
b = bytearray(open(out + '/j2k.dcm', 'rb').read())
old = b'\x02\x00\x10\x00UI' + struct.pack('<H', 22) + b'1.2.840.10008.1.2.4.90'
i = b.find(old)
b[i:i + len(old)] = b'\x02\x00\x10\x00UI' + struct.pack('<H', 24) + b'1.2.840.10008.1.2.4.201\x00'
g = b.find(b'\x02\x00\x00\x00UL\x04\x00')
struct.pack_into('<I', b, g + 8, struct.unpack_from('<I', b, g + 8)[0] + 2)
open(out + '/ht.dcm', 'wb').write(b)
""";

    private static short[] Raw(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var r = new short[bytes.Length / 2];
        Buffer.BlockCopy(bytes, 0, r, 0, bytes.Length);
        return r;
    }

    [Fact]
    public void Decode_Htj2kLossless_EqualsOriginalAndOpenJph()
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp["ht"]);
        Tool.Python3(Build, tmp["ht"]).Ok();
        var file = DicomReader.ReadFile(tmp["ht/ht.dcm"]);
        Assert.Equal("1.2.840.10008.1.2.4.201", file.Syntax.Uid);
        var ours = Frames.Flat(tmp["ht/ht.dcm"]);
        var original = Raw(tmp["ht/orig.raw"]);
        var openJph = Raw(tmp["ht/expand.raw"]);
        Assert.Equal(original.Length, ours.Length);
        Assert.Equal(original.Select(v => (int)v), ours);
        Assert.Equal(openJph.Select(v => (int)v), ours);
    }
}
