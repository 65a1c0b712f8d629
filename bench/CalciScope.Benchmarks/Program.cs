using BenchmarkDotNet.Running;

// The kernels behind `calciscope analyze`, each on data the size a CT slab gives it.
// dotnet run -c Release --project bench/CalciScope.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

public partial class Program;
