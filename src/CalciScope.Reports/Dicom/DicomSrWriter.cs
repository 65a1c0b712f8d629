using System.Globalization;
using CalciScope.Dicom;
using CalciScope.Imaging;

namespace CalciScope.Reports.Dicom;

/// <summary>A Comprehensive SR with the findings (text and measured volumes) and the impression, for PACS and RIS.</summary>
public static class DicomSrWriter
{
    public const string ComprehensiveSr = "1.2.840.10008.5.1.4.1.1.88.33";

    public static DicomDataset Build(StudyInfo study, ReportModel m, ReportText t, DateTime now)
    {
        // One series per source series and CalciScope version; one instance per content: the same report stored again
        // is the same instance, a report with another differential (a new clinical picture) a new version in the series.
        var seriesUid = DicomUid.FromSeed("sr-series/" + study.SeriesUid + "/" + DerivedObjects.GeneratorVersion);
        var content = string.Join("\n", t.FindingSentences.Concat(t.Impression).Concat(t.Recommendations));
        var ds = DerivedObjects.Common(study, ComprehensiveSr, "SR", seriesUid, DicomUid.FromSeed("sr/" + seriesUid + "/" + content), 902, "CalciScope structured report", now);
        var findings = new List<DicomDataset>();
        foreach (var s in t.FindingSentences) findings.Add(Text("121071", "DCM", "Finding", s));
        findings.Add(Num("VOL-SOFT", "Soft-tissue calcification volume", m.Summary.SoftTissueVolumeMm3));
        findings.Add(Num("VOL-RIGHT", "Soft-tissue calcification volume, right", m.Summary.VolumeBySide.GetValueOrDefault("right")));
        findings.Add(Num("VOL-LEFT", "Soft-tissue calcification volume, left", m.Summary.VolumeBySide.GetValueOrDefault("left")));
        foreach (var (region, v) in m.Summary.VolumeByRegion) findings.Add(Num("VOL-" + region.ToUpperInvariant(), $"Soft-tissue calcification volume, {ReportText.Words(region)}", v));
        var impressions = t.Impression.Select(s => Text("121073", "DCM", "Impression", s)).ToList();
        var recommendations = t.Recommendations.Select(s => Text("121075", "DCM", "Recommendation", s)).ToList();

        ds.AddString(DicomTags.ValueType, "CS", "CONTAINER")
          .AddSequence(DicomTags.ConceptNameCodeSequence, DerivedObjects.Code("18748-4", "LN", "Diagnostic Imaging Report"))
          .AddString(DicomTags.ContinuityOfContent, "CS", "SEPARATE")
          .AddString(DicomTags.CompletionFlag, "CS", "COMPLETE")
          .AddString(DicomTags.VerificationFlag, "CS", "UNVERIFIED")
          .AddSequence(DicomTags.ReferencedPerformedProcedureStepSequence)
          .AddSequence(DicomTags.PerformedProcedureCodeSequence)
          .AddSequence(DicomTags.ContentSequence,
              Container("121070", "Findings", findings),
              Container("121072", "Impressions", impressions),
              Container("121074", "Recommendations", recommendations.Count > 0 ? recommendations : [Text("121075", "DCM", "Recommendation", "None beyond clinical correlation.")]));
        if (study.SourceInstances.Count > 0)
            ds.AddSequence(DicomTags.CurrentRequestedProcedureEvidenceSequence, new DicomDataset()
                .AddString(DicomTags.StudyInstanceUid, "UI", study.StudyUid)
                .AddSequence(DicomTags.ReferencedSeriesSequence, new DicomDataset()
                    .AddString(DicomTags.SeriesInstanceUid, "UI", study.SeriesUid)
                    .AddSequence(DicomTags.ReferencedSopSequence, study.SourceInstances.Select(x => new DicomDataset()
                        .AddString(DicomTags.ReferencedSopClassUid, "UI", x.SopClassUid)
                        .AddString(DicomTags.ReferencedSopInstanceUid, "UI", x.SopInstanceUid)).ToArray())));
        return ds;
    }

    private static DicomDataset Container(string code, string meaning, List<DicomDataset> children) => new DicomDataset()
        .AddString(DicomTags.RelationshipType, "CS", "CONTAINS")
        .AddString(DicomTags.ValueType, "CS", "CONTAINER")
        .AddSequence(DicomTags.ConceptNameCodeSequence, DerivedObjects.Code(code, "DCM", meaning))
        .AddString(DicomTags.ContinuityOfContent, "CS", "SEPARATE")
        .AddSequence(DicomTags.ContentSequence, children.ToArray());

    private static DicomDataset Text(string code, string scheme, string meaning, string text) => new DicomDataset()
        .AddString(DicomTags.RelationshipType, "CS", "CONTAINS")
        .AddString(DicomTags.ValueType, "CS", "TEXT")
        .AddSequence(DicomTags.ConceptNameCodeSequence, DerivedObjects.Code(code, scheme, meaning))
        .AddString(DicomTags.TextValue, "UT", text);

    private static DicomDataset Num(string code, string meaning, double mm3) => new DicomDataset()
        .AddString(DicomTags.RelationshipType, "CS", "CONTAINS")
        .AddString(DicomTags.ValueType, "CS", "NUM")
        .AddSequence(DicomTags.ConceptNameCodeSequence, DerivedObjects.Code(code, DerivedObjects.CodingScheme, meaning))
        .AddSequence(DicomTags.MeasuredValueSequence, new DicomDataset()
            .AddString(DicomTags.NumericValue, "DS", DicomDataset.FormatDecimal(Math.Round(mm3, 1)))
            .AddSequence(DicomTags.MeasurementUnitsCodeSequence, DerivedObjects.Code("mm3", "UCUM", "cubic millimeter")));
}
