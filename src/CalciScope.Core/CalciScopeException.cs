namespace CalciScope;

/// <summary>Base of every error the core raises on purpose; the CLI maps these to exit codes.</summary>
public class CalciScopeException : Exception
{
    public CalciScopeException(string message, Exception? inner = null) : base(message, inner) { }
}

/// <summary>The input cannot be used: names the file (or folder) and what is wrong with it.</summary>
public sealed class InputException : CalciScopeException
{
    public string? Path { get; }

    public InputException(string? path, string problem, Exception? inner = null)
        : base(path is null ? problem : $"{path}: {problem}", inner)
    {
        Path = path;
        Problem = problem;
    }

    public string Problem { get; }
}
