namespace CalciScope.Reports;

/// <summary>A rendered figure of the report.</summary>
public sealed record KeyImage(string Name, string Caption, byte[] Png, int Width, int Height);
