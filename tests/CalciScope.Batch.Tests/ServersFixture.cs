using System.Diagnostics;
using CalciScope.Tests.Web;

namespace CalciScope.Tests.Batch;

/// <summary>
/// Debian's RabbitMQ and PostgreSQL, each started by the test as a private instance on free loopback ports in a
/// temporary folder (no system service touched) and stopped afterwards. The classes that use it share one collection,
/// so that two Erlang nodes never start side by side on a small machine.
/// </summary>
public sealed class ServersFixture : IAsyncLifetime
{
    /// <summary>The newest PostgreSQL Debian installed (/usr/lib/postgresql/VERSION/bin).</summary>
    private static readonly string PgBin = Directory.Exists("/usr/lib/postgresql")
        ? Path.Combine(Directory.GetDirectories("/usr/lib/postgresql").OrderBy(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0).LastOrDefault() ?? "", "bin")
        : "";
    private const string RabbitBin = "/usr/lib/rabbitmq/bin";
    private readonly string _root = Directory.CreateTempSubdirectory("calciscope-servers-").FullName;
    private Process? _rabbit;
    private string _pgData = "";
    private string _rabbitNode = "";
    private string _rabbitHome = "";

    public string AmqpUrl { get; private set; } = "";
    public string PostgresUrl { get; private set; } = "";

    private static (int Code, string Output) Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        p.WaitForExit(120_000);
        return (p.ExitCode, output.Result + error.Result);
    }

    /// <summary>PostgreSQL refuses to run as root: as root it runs as the postgres user the Debian package created.</summary>
    private static (int Code, string Output) RunPg(string tool, params string[] args) =>
        Environment.UserName == "root" ? Run("runuser", ["-u", "postgres", "--", Path.Combine(PgBin, tool), .. args]) : Run(Path.Combine(PgBin, tool), args);

    public async Task InitializeAsync()
    {
        if (!File.Exists(Path.Combine(PgBin, "initdb")) || !File.Exists(Path.Combine(RabbitBin, "rabbitmq-server")))
            throw new InvalidOperationException("postgresql and rabbitmq-server are needed (scripts/setup-debian.sh installs them)");
        await Task.WhenAll(Task.Run(StartPostgres), StartRabbit());
    }

    private void StartPostgres()
    {
        var dir = Path.Combine(_root, "pg");
        Directory.CreateDirectory(dir);
        if (Environment.UserName == "root" && !OperatingSystem.IsWindows())
        {
            // The temporary folder is the owner's alone (0700); the postgres user must pass through it to its own.
            File.SetUnixFileMode(_root, File.GetUnixFileMode(_root) | UnixFileMode.OtherExecute);
            Run("chown", "postgres", dir);
        }
        _pgData = Path.Combine(dir, "data");
        int port = Ports.Free();
        var init = RunPg("initdb", "-D", _pgData, "-U", "calciscope", "--auth=trust", "-E", "UTF8");
        if (init.Code != 0) throw new InvalidOperationException("initdb failed: " + init.Output);
        var start = RunPg("pg_ctl", "-D", _pgData, "-w", "-l", Path.Combine(dir, "pg.log"), "-o", $"-p {port} -k {dir} -c listen_addresses=127.0.0.1", "start");
        if (start.Code != 0) throw new InvalidOperationException("PostgreSQL did not start: " + start.Output);
        var db = RunPg("createdb", "-h", "127.0.0.1", "-p", port.ToString(), "-U", "calciscope", "calciscope");
        if (db.Code != 0) throw new InvalidOperationException("createdb failed: " + db.Output);
        PostgresUrl = $"postgresql://calciscope@127.0.0.1:{port}/calciscope";
    }

    /// <summary>
    /// How long a node may take to answer AMQP. A 2-core CI machine building and testing other projects at the same
    /// time has been seen to need more than 60 s; a healthy node here answers in 5-15 s.
    /// </summary>
    private static readonly TimeSpan RabbitStartLimit = TimeSpan.FromMinutes(3);

    /// <summary>A node that exits before answering (a port taken between choosing and binding it) is started once more.</summary>
    private const int RabbitAttempts = 2;

    private async Task StartRabbit()
    {
        var clock = Stopwatch.StartNew();
        var output = new List<string>();
        for (int attempt = 1; attempt <= RabbitAttempts; attempt++)
        {
            var dir = Path.Combine(_root, $"rabbit{attempt}");
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "enabled_plugins"), "[].");
            int port = Ports.Free();
            _rabbitNode = $"calciscope{port}@localhost";
            _rabbitHome = dir;
            var psi = new ProcessStartInfo(Path.Combine(RabbitBin, "rabbitmq-server")) { RedirectStandardOutput = true, RedirectStandardError = true };
            psi.Environment["HOME"] = dir;
            psi.Environment["RABBITMQ_NODENAME"] = _rabbitNode;
            psi.Environment["RABBITMQ_NODE_PORT"] = port.ToString();
            psi.Environment["RABBITMQ_DIST_PORT"] = Ports.Free().ToString();
            psi.Environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(dir, "mnesia");
            psi.Environment["RABBITMQ_LOG_BASE"] = Path.Combine(dir, "log");
            psi.Environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(dir, "enabled_plugins");
            psi.Environment["RABBITMQ_PLUGINS_EXPAND_DIR"] = Path.Combine(dir, "plugins");
            _rabbit = Process.Start(psi)!;
            DataReceivedEventHandler keep = (_, e) => { if (e.Data is { } l) lock (output) output.Add(l); };
            _rabbit.OutputDataReceived += keep;
            _rabbit.ErrorDataReceived += keep;
            _rabbit.BeginOutputReadLine();
            _rabbit.BeginErrorReadLine();
            AmqpUrl = $"amqp://guest:guest@127.0.0.1:{port}/";
            while (clock.Elapsed < RabbitStartLimit && !_rabbit.HasExited)
            {
                try
                {
                    await using var q = await CalciScope.Batch.StudyQueue.Connect(AmqpUrl, "probe");
                    return;
                }
                catch (InputException) { await Task.Delay(250); }
            }
            if (!_rabbit.HasExited) break;
        }
        string tail;
        lock (output) tail = string.Join("\n", output.TakeLast(30));
        throw new InvalidOperationException($"RabbitMQ did not answer within {clock.Elapsed.TotalSeconds:F0} s; its last output:\n{tail}");
    }

    public Task DisposeAsync()
    {
        if (_pgData.Length > 0) RunPg("pg_ctl", "-D", _pgData, "-m", "immediate", "stop");
        if (_rabbit is not null)
        {
            var stop = new ProcessStartInfo(Path.Combine(RabbitBin, "rabbitmqctl"), ["-n", _rabbitNode, "shutdown"]) { RedirectStandardOutput = true, RedirectStandardError = true };
            stop.Environment["HOME"] = _rabbitHome;
            try { Process.Start(stop)?.WaitForExit(30_000); } catch (System.ComponentModel.Win32Exception) { }
            try { if (!_rabbit.HasExited) _rabbit.Kill(true); } catch (InvalidOperationException) { }
        }
        try { Directory.Delete(_root, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return Task.CompletedTask;
    }
}

/// <summary>The test classes that start their own servers: run one after another, each with its own servers.</summary>
[CollectionDefinition(Name)]
public sealed class ServersCollection
{
    public const string Name = "servers";
}
