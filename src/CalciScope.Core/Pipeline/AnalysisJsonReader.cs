using System.Text.Json.Nodes;
using CalciScope.Calcification;
using CalciScope.Imaging;

namespace CalciScope.Pipeline;

/// <summary>analysis.json read back into the records a report or a comparison is written from.</summary>
public sealed record StoredAnalysis(StudyInfo Study, VolumeGeometry Geometry, IReadOnlyList<Lesion> Lesions, AnalysisSummary Summary,
    ContrastPhase Contrast, IReadOnlyList<string> Warnings);

public static class AnalysisJsonReader
{
    public static StoredAnalysis Read(string path) => IO.JsonFile.Read(path, AnalysisJson.Schema, From);

    public static StoredAnalysis From(JsonNode n) => From(AnalysisJson.Deserialize(n));

    public static StoredAnalysis From(AnalysisDocument d)
    {
        var st = d.Study;
        var info = new StudyInfo
        {
            StudyUid = st.StudyUid ?? "", SeriesUid = st.SeriesUid ?? "", FrameOfReferenceUid = st.FrameOfReferenceUid ?? "", Modality = st.Modality ?? "",
            SeriesDescription = st.SeriesDescription ?? "", StudyDate = st.StudyDate ?? "", SourceFormat = st.SourceFormat ?? "", TransferSyntax = st.TransferSyntax ?? "",
            GantryTiltDeg = st.GantryTiltDeg,
        };
        if (st.Size.Length != 3) throw new InputException(null, "study.size must have 3 values");
        var geometry = st.AffineLps is { Length: 16 } affine
            ? VolumeGeometry.FromAffine(st.Size[0], st.Size[1], st.Size[2], affine)
            : VolumeGeometry.Axial(st.Size[0], st.Size[1], st.Size[2], st.VoxelMm.ElementAtOrDefault(0), st.VoxelMm.ElementAtOrDefault(1), st.VoxelMm.ElementAtOrDefault(2));
        geometry = geometry with { Posture = PatientPostures.FromName(st.Posture) };
        var lesions = d.Lesions.Select(l => new Lesion
        {
            Id = l.Id, CentroidMm = l.CentroidMm, VolumeMm3 = l.VolumeMm3, Compartment = l.Compartment, Side = l.Side, Region = l.Region, Pattern = l.Pattern,
            VoxelCount = l.Voxels, MeanHu = l.MeanHu, MaxHu = l.MaxHu, AgatstonScore = l.Agatston, MassMg = l.MassMg,
            BoundingBoxMinMm = l.BboxMinMm ?? [], BoundingBoxMaxMm = l.BboxMaxMm ?? [], PrincipalLengthsMm = l.PrincipalLengthsMm ?? [],
            Elongation = l.Elongation, Flatness = l.Flatness, Sphericity = l.Sphericity, Hollowness = l.Hollowness,
            DepthBelowSkinMm = l.DepthMm, Slices = l.Slices,
        }).ToList();
        var contrast = st.Contrast is { } c
            ? new ContrastPhase(c.Enhanced, c.BloodPoolMeanHu, c.BloodPoolVolumeMm3, c.CalciumThresholdHuInVessels)
            : new ContrastPhase(false, 0, 0, CalcificationDetector.ThresholdHu);
        return new StoredAnalysis(info, geometry, lesions, CalcificationDetector.Summarise(lesions, d.Summary.SkeletonVolumeMm3 ?? 0), contrast, d.Warnings ?? []);
    }
}
