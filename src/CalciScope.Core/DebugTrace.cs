namespace CalciScope;

/// <summary>
/// Whether the developers' trace is on (CALCISCOPE_DEBUG=1): detection steps then write one line per judged structure
/// to stderr (positions and measures only, never patient data), and the CLI adds the stack of an internal error.
/// </summary>
public static class DebugTrace
{
    public static readonly bool Enabled = Environment.GetEnvironmentVariable("CALCISCOPE_DEBUG") == "1";
}
