namespace CalciScope.Tests;

/// <summary>Runs the CLI in-process and captures its streams.</summary>
public static class CliRunner
{
    public sealed record Result(int Exit, string Out, string Err);

    public static Result Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = CalciScope.Cli.CliApp.Run(args, o, e);
        return new Result(code, o.ToString(), e.ToString());
    }
}
