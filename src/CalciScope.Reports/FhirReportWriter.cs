using System.Globalization;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace CalciScope.Reports;

/// <summary>
/// report.fhir.json: a FHIR R4 Bundle with a DiagnosticReport and its Observations (burden by side and region, the
/// dominant pattern, and the ranked differential), coded with LOINC and SNOMED CT where a code exists and with
/// CalciScope's own code system otherwise.
/// </summary>
public static class FhirReportWriter
{
    public const string CalciScopeSystem = "urn:calciscope:codes";
    private const string Loinc = "http://loinc.org", Snomed = "http://snomed.info/sct", Ucum = "http://unitsofmeasure.org";

    public static Bundle Build(ReportModel m, ReportText t)
    {
        var patientRef = new ResourceReference("urn:uuid:" + Guid5("patient/" + m.Study.PatientId));
        var patient = new Patient
        {
            Id = patientRef.Reference!["urn:uuid:".Length..],
            Identifier = string.IsNullOrEmpty(m.Study.PatientId) ? [] : [new Identifier("urn:calciscope:patient-id", m.Study.PatientId)],
            Name = string.IsNullOrEmpty(m.Study.PatientName) ? [] : [new HumanName { Text = m.Study.PatientName.Replace('^', ' ') }],
        };
        if (m.Study.PatientSex is "F" or "M") patient.Gender = m.Study.PatientSex == "F" ? AdministrativeGender.Female : AdministrativeGender.Male;
        if (DateTime.TryParseExact(m.Study.PatientBirthDate, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dob))
            patient.BirthDate = dob.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var observations = new List<Observation>();
        Observation Obs(string key, CodeableConcept code, DataType value, string? bodySite = null, string? laterality = null)
        {
            var o = new Observation
            {
                Id = Guid5($"{m.Study.StudyUid}/{key}"),
                Status = ObservationStatus.Final,
                Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/observation-category", "imaging", "Imaging")],
                Code = code,
                Subject = patientRef,
                Value = value,
            };
            if (bodySite is not null) o.BodySite = new CodeableConcept(CalciScopeSystem, "region-" + bodySite, ReportText.Words(bodySite)) { Text = ReportText.Words(bodySite) };
            if (laterality is not null)
            {
                var (code2, display) = laterality switch { "right" => ("24028007", "Right"), "left" => ("7771000", "Left"), _ => ("66459002", "Unilateral") };
                o.BodySite ??= new CodeableConcept();
                o.BodySite.Coding.Add(new Coding(Snomed, code2, display));
            }
            observations.Add(o);
            return o;
        }
        CodeableConcept Volume(string text) => new(CalciScopeSystem, "soft-tissue-calcification-volume", "Soft-tissue calcification volume") { Text = text };
        Quantity Mm3(double v) => new((decimal)Math.Round(v, 1), "mm3", Ucum) { Unit = "mm3" };

        var s = m.Summary;
        Obs("total", Volume("Soft-tissue calcification volume, vessels excluded"), Mm3(s.SoftTissueVolumeMm3));
        foreach (var side in new[] { "right", "left" }) Obs("side-" + side, Volume($"Soft-tissue calcification volume, {side}"), Mm3(s.VolumeBySide.GetValueOrDefault(side)), laterality: side);
        foreach (var (region, v) in s.VolumeByRegion) Obs("region-" + region, Volume($"Soft-tissue calcification volume, {ReportText.Words(region)}"), Mm3(v), bodySite: region);
        Obs("pattern", new CodeableConcept(CalciScopeSystem, "dominant-pattern", "Dominant calcification pattern"),
            new CodeableConcept(CalciScopeSystem, "pattern-" + s.DominantPattern, ReportText.Words(s.DominantPattern)));
        if (s.RightLeftRatio is { } ratio)
            Obs("ratio", new CodeableConcept(CalciScopeSystem, "right-left-ratio", "Right to left volume ratio"), new Quantity { Value = (decimal)ratio, System = Ucum, Code = "1", Unit = "ratio" });
        if (m.Differential is { } d)
            foreach (var r in d.Ranked.Take(5))
                Obs("ddx-" + r.Id, new CodeableConcept(CalciScopeSystem, "differential-probability", "Probability in the differential diagnosis") { Text = r.Name },
                    new Quantity { Value = (decimal)Math.Round(r.Probability * 100, 1), System = Ucum, Code = "%", Unit = "%" })
                    .Note.Add(new Annotation { Text = $"{r.Name} ({r.Id}); for: {string.Join(", ", r.For.Take(3).Select(e => e.Phrase))}" });

        var report = new DiagnosticReport
        {
            Id = Guid5("report/" + m.Study.StudyUid),
            Status = DiagnosticReport.DiagnosticReportStatus.Final,
            Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/v2-0074", "RAD", "Radiology")],
            Code = new CodeableConcept(Loinc, "18748-4", "Diagnostic imaging study") { Text = t.Title },
            Subject = patientRef,
            Issued = new DateTimeOffset(m.CreatedUtc, TimeSpan.Zero),
            Result = observations.Select(o => new ResourceReference("urn:uuid:" + o.Id)).ToList(),
            Conclusion = string.Join(" ", t.FindingSentences.Concat(t.Impression)),
        };
        if (DateTime.TryParseExact(m.Study.StudyDate, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var sd))
            report.Effective = new FhirDateTime(sd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (m.Differential is { } dd && dd.Ranked.Count > 0)
            report.ConclusionCode = [new CodeableConcept(CalciScopeSystem, "condition-" + dd.Ranked[0].Id, dd.Ranked[0].Name)];

        var bundle = new Bundle { Type = Bundle.BundleType.Collection, Id = Guid5("bundle/" + m.Study.StudyUid), Timestamp = report.Issued };
        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = "urn:uuid:" + report.Id, Resource = report });
        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = patientRef.Reference, Resource = patient });
        foreach (var o in observations) bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = "urn:uuid:" + o.Id, Resource = o });
        return bundle;
    }

    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new System.Text.Json.JsonSerializerOptions { WriteIndented = true }.ForFhir();

    public static string Serialize(Bundle b) => System.Text.Json.JsonSerializer.Serialize(b, JsonOptions);

    public static Bundle Parse(string json) => System.Text.Json.JsonSerializer.Deserialize<Bundle>(json, JsonOptions)
        ?? throw new InputException(null, "empty FHIR bundle");

    /// <summary>A name-based UUID so the same study gives the same resource ids.</summary>
    private static string Guid5(string name)
    {
        var hash = System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.UTF8.GetBytes("calciscope:" + name));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
    }
}
