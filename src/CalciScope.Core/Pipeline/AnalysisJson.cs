using System.Text.Json;
using System.Text.Json.Nodes;
using CalciScope.Calcification;
using CalciScope.Imaging;

namespace CalciScope.Pipeline;

/// <summary>Writes and reads analysis.json (schema calciscope.analysis/1 of the contract).</summary>
public static class AnalysisJson
{
    public const string Schema = "calciscope.analysis/1";
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // Named, so that the schema exporter (which needs a resolver before first use) can read the types.
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    };

    /// <summary>The analysis as its document (de-identified by default: no study date).</summary>
    public static AnalysisDocument ToDocument(AnalysisResult r, bool deidentify = true)
    {
        var g = r.Study.Hu.Geometry;
        var info = r.Study.Info;
        var c = r.Detection.Contrast;
        var s = r.Summary;
        var study = new AnalysisStudy
        {
            StudyUid = info.StudyUid, SeriesUid = info.SeriesUid, FrameOfReferenceUid = info.FrameOfReferenceUid, Modality = info.Modality,
            SeriesDescription = info.SeriesDescription, StudyDate = deidentify ? null : info.StudyDate, SourceFormat = info.SourceFormat,
            TransferSyntax = info.TransferSyntax, Size = [g.SizeX, g.SizeY, g.SizeZ],
            VoxelMm = [Math.Round(g.Spacing.X, 4), Math.Round(g.Spacing.Y, 4), Math.Round(g.Spacing.Z, 4)],
            AffineLps = g.Affine().Select(v => Math.Round(v, 5)).ToArray(), GantryTiltDeg = info.GantryTiltDeg,
            Posture = PatientPostures.Name(g.Posture),
            Contrast = new AnalysisContrast
            {
                Enhanced = c.Enhanced, BloodPoolMeanHu = c.BloodPoolMeanHu, BloodPoolVolumeMm3 = c.BloodPoolVolumeMm3, CalciumThresholdHuInVessels = c.ThresholdHu,
                Phase = c.Phase, Oral = c.OralContrast, OralVolumeMm3 = c.OralContrastVolumeMm3,
            },
            BodyParts = r.Detection.BodyParts.Select(b => new AnalysisBodyPart { Name = b.Name, ZMm = [b.FromZMm, b.ToZMm] }).ToList(),
        };
        var lesions = r.Lesions.Select(l => new AnalysisLesion
        {
            Id = l.Id, CentroidMm = l.CentroidMm, VolumeMm3 = l.VolumeMm3, Compartment = l.Compartment, Side = l.Side, Region = l.Region, Pattern = l.Pattern,
            Voxels = l.VoxelCount, MeanHu = l.MeanHu, MaxHu = l.MaxHu, Agatston = l.AgatstonScore, MassMg = l.MassMg, BboxMinMm = l.BoundingBoxMinMm,
            BboxMaxMm = l.BoundingBoxMaxMm, PrincipalLengthsMm = l.PrincipalLengthsMm, Elongation = l.Elongation, Flatness = l.Flatness,
            Sphericity = l.Sphericity, Hollowness = l.Hollowness, DepthMm = l.DepthBelowSkinMm, Slices = l.Slices, Anatomy = l.Anatomy,
        }).ToList();
        var summary = new AnalysisTotals
        {
            VolumeMm3ByCompartment = s.VolumeByCompartment, VolumeMm3BySide = Ordered(s.VolumeBySide, "right", "left", "midline"),
            VolumeMm3ByRegion = s.VolumeByRegion, VolumeMm3ByPattern = s.VolumeByPattern, SoftTissueVolumeMm3 = s.SoftTissueVolumeMm3,
            VascularVolumeMm3 = s.VascularVolumeMm3, IntracranialVolumeMm3 = s.IntracranialVolumeMm3, RightLeftRatio = s.RightLeftRatio,
            Symmetry = s.Symmetry, DominantPattern = s.DominantPattern, LesionCount = s.LesionCount, SoftTissueLesionCount = s.SoftTissueLesionCount,
            CountByPattern = s.CountByPattern, SkeletonVolumeMm3 = s.BoneVolumeMm3,
        };
        return new AnalysisDocument
        {
            Schema = Schema, Generator = "CalciScope " + typeof(AnalysisJson).Assembly.GetName().Version, Study = study,
            ThresholdHu = CalcificationDetector.ThresholdHu, Lesions = lesions, Summary = summary,
            LabelMapLabels = CalcificationDetector.LabelNames.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i),
            AnatomySource = r.Detection.AnatomySource, Warnings = r.Study.Warnings.Concat(r.Detection.Notes).ToList(),
            TimingsS = r.StageSeconds,
        };
    }

    /// <summary>The given keys first, in this order (the contract lists right, left, midline).</summary>
    private static Dictionary<string, double> Ordered(IReadOnlyDictionary<string, double> d, params string[] keys) =>
        keys.Where(d.ContainsKey).Select(k => KeyValuePair.Create(k, d[k])).Concat(d.Where(kv => !keys.Contains(kv.Key))).ToDictionary();

    public static string Serialize(AnalysisDocument d) => JsonSerializer.Serialize(d, Options);

    /// <summary>A document read from analysis.json's text (checked against the schema name by the caller).</summary>
    public static AnalysisDocument Deserialize(JsonNode node) =>
        node.Deserialize<AnalysisDocument>(Options) ?? throw new InputException(null, "analysis.json is empty");

    public static string Write(AnalysisResult r, string outDir)
    {
        var path = Path.Combine(outDir, "analysis.json");
        AtomicFile.WriteAllText(path, Serialize(ToDocument(r)));
        return path;
    }
}
