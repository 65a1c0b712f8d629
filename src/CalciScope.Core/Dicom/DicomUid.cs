using System.Security.Cryptography;
using System.Text;

namespace CalciScope.Dicom;

/// <summary>UIDs under the 2.25 root (ISO/IEC 9834-8 UUID form), optionally derived from a seed so phantoms are reproducible.</summary>
public static class DicomUid
{
    public static string New() => FromBytes(Guid.NewGuid().ToByteArray());

    public static string FromSeed(string seed) => FromBytes(SHA256.HashData(Encoding.UTF8.GetBytes(seed))[..16]);

    private static string FromBytes(byte[] b)
    {
        var n = new System.Numerics.BigInteger(b, isUnsigned: true, isBigEndian: true);
        return "2.25." + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
