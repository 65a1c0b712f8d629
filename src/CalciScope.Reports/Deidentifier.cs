using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CalciScope.Imaging;

namespace CalciScope.Reports;

/// <summary>
/// Removes direct identifiers (name, id, birth date, accession, free-text description) and shifts dates by a per-patient offset derived from
/// the patient id, so intervals between a patient's studies survive while the dates themselves do not.
/// </summary>
public static class Deidentifier
{
    public static StudyInfo Apply(StudyInfo s) => s with
    {
        PatientName = "ANONYMOUS",
        PatientId = PseudonymOf(s.PatientId),
        PatientBirthDate = "",
        AccessionNumber = "",
        // Descriptions are free text that can carry names; the basic DICOM profile removes them too.
        SeriesDescription = "",
        StudyDate = ShiftDate(s.StudyDate, OffsetDays(s.PatientId)),
    };

    public static string PseudonymOf(string patientId) =>
        string.IsNullOrEmpty(patientId) ? "" : "ANON-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("calciscope/" + patientId)))[..10];

    /// <summary>Between 30 and 395 days back, the same for every study of one patient.</summary>
    public static int OffsetDays(string patientId) =>
        30 + (int)(BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes("shift/" + patientId))) % 366);

    public static string ShiftDate(string yyyymmdd, int days)
    {
        if (!DateTime.TryParseExact(yyyymmdd, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return "";
        return d.AddDays(-days).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
    }
}
