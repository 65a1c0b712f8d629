using System.CommandLine;

namespace CalciScope.Cli.Commands;

internal static class CommandCatalog
{
    public static IEnumerable<Command> All(CliConsole console) =>
    [
        InfoCommand.Build(console),
        ConvertCommand.Build(console),
        PhantomCommand.Build(console),
        AnalyzeCommand.Build(console),
        DiagnoseCommand.Build(console),
        ReportCommand.Build(console),
        DemoCommand.Build(console),
        BenchCommand.Build(console),
        FamilyCommand.Build(console),
        CompareCommand.Build(console),
        HistoryCommand.Build(console),
        ServeCommand.Build(console),
        BatchCommand.Build(console),
        WorkerCommand.Build(console),
    ];
}
