namespace CalciScope.Dicom;

/// <summary>A series found while scanning: what `info` lists and what the loader reads.</summary>
public sealed class SeriesSummary
{
    public required string SeriesUid { get; init; }
    public required string StudyUid { get; init; }
    public string Modality { get; init; } = "";
    public string Description { get; init; } = "";
    public string StudyDescription { get; init; } = "";
    public string TransferSyntaxUid { get; set; } = "";
    public string TransferSyntaxName { get; set; } = "";
    public int? SeriesNumber { get; init; }
    public List<SliceRef> Slices { get; } = [];
    public List<string> Warnings { get; } = [];
    /// <summary>The header dataset of the first file, for identifiers and acquisition facts.</summary>
    public required DicomDataset FirstHeader { get; init; }
    public bool IsColour { get; set; }

    public bool IsAxial => Slices.Count > 0 && Math.Abs(Slices[0].Row.Cross(Slices[0].Column).Z) > 0.8;
}
