using Spectre.Console;

namespace CalciScope.Cli;

/// <summary>Where the CLI writes: results to stdout, progress and warnings to stderr (bars only on a terminal).</summary>
public sealed class CliConsole(TextWriter stdout, TextWriter stderr)
{
    public TextWriter Out { get; } = stdout;
    public TextWriter Err { get; } = stderr;

    private bool Interactive => ReferenceEquals(Err, Console.Error) && !Console.IsErrorRedirected;

    /// <summary>Runs <paramref name="work"/> with a progress bar named <paramref name="stage"/> on stderr.</summary>
    public T WithProgress<T>(string stage, Func<IProgress<double>, T> work)
    {
        if (!Interactive)
        {
            var result = work(new Progress<double>(_ => { }));
            return result;
        }
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Err) });
        T value = default!;
        ansi.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(stage, maxValue: 1.0);
                value = work(new SyncProgress(v => task.Value = Math.Clamp(v, 0, 1)));
                task.Value = 1;
            });
        return value;
    }

    public void Warn(string message) => Err.WriteLine($"warning: {message}");

    private sealed class SyncProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
