using System.CommandLine;
using CalciScope.Cli.Commands;

namespace CalciScope.Cli;

/// <summary>Builds the command tree and maps failures to the contract's exit codes; one catch for the whole CLI.</summary>
public static class CliApp
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var console = new CliConsole(stdout, stderr);
        var root = new RootCommand("CalciScope: soft-tissue calcification work-up from CT and the clinical picture");
        foreach (var c in CommandCatalog.All(console)) root.Add(c);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            stderr.WriteLine($"calciscope: {parsed.Errors[0].Message} (see 'calciscope --help')");
            return ExitCodes.BadInput;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (AggregateException e) when (e.InnerExceptions.FirstOrDefault(x => x is CalciScopeException) is { } inner)
        {
            stderr.WriteLine($"calciscope: {OneLine(inner.Message)}");
            return ExitCodes.BadInput;
        }
        catch (InputException e)
        {
            stderr.WriteLine($"calciscope: {OneLine(e.Message)}");
            return ExitCodes.BadInput;
        }
        catch (CalciScopeException e)
        {
            stderr.WriteLine($"calciscope: {OneLine(e.Message)}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is OutOfMemoryException or InsufficientExecutionStackException)
        {
            stderr.WriteLine($"calciscope: internal error: {e.GetType().Name}: the input needs more memory than this machine has");
            return ExitCodes.InternalError;
        }
        catch (Exception e)
        {
            stderr.WriteLine($"calciscope: internal error: {e.GetType().Name}: {OneLine(e.Message)}");
            // The stack only on request: it names code, never the patient, but is noise to a user.
            if (DebugTrace.Enabled) stderr.WriteLine(e.StackTrace);
            return ExitCodes.InternalError;
        }
    }

    private static string OneLine(string s) => s.ReplaceLineEndings(" ");
}
