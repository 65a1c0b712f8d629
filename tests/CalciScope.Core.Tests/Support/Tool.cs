using System.Diagnostics;

namespace CalciScope.Tests.Support;

/// <summary>Runs an independent tool (dcmtk, dcm2niix, Debian's python3) and returns its exit code and output.</summary>
public static class Tool
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr)
    {
        public Result Ok()
        {
            if (ExitCode != 0) throw new Xunit.Sdk.XunitException($"tool failed ({ExitCode}): {StdErr}\n{StdOut}");
            return this;
        }
    }

    public static Result Run(string exe, params string[] args) => RunIn(null, exe, args);

    public static Result RunIn(string? workDir, string exe, params string[] args)
    {
        var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workDir is not null) psi.WorkingDirectory = workDir;
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {exe}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(true);
            throw new TimeoutException($"{exe} did not finish in 120 s");
        }
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Debian's python3, which has pydicom, nibabel and numpy (not a virtual environment's).</summary>
    public const string Python = "/usr/bin/python3";

    public static Result Python3(string script, params string[] args) => Run(Python, ["-c", script, .. args]);
}
