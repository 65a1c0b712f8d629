using System.CommandLine;
using CalciScope.Store;

namespace CalciScope.Cli.Commands;

/// <summary>`--store FILE`: the SQLite case store (default: $CALCISCOPE_STORE when set).</summary>
internal static class StoreOption
{
    public static Option<string?> Create() => new("--store")
    {
        Description = "record into / read from this case store (SQLite file; default $CALCISCOPE_STORE)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("CALCISCOPE_STORE"),
    };

    /// <summary>"study:UID" names a stored study; anything else is a path.</summary>
    public static string Resolve(string? store, string input)
    {
        if (!input.StartsWith("study:", StringComparison.Ordinal)) return input;
        if (store is null) throw new InputException(null, $"{input}: a stored study needs --store");
        using var s = new CaseStore(store);
        return s.InputPathOf(input["study:".Length..]) ?? throw new InputException(store, $"no stored study {input["study:".Length..]}");
    }
}
