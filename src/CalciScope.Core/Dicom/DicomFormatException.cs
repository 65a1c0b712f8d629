namespace CalciScope.Dicom;

/// <summary>The bytes break the DICOM encoding rules; the caller adds the file name.</summary>
public sealed class DicomFormatException(string message) : CalciScopeException(message);
