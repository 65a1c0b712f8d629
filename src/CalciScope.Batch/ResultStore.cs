using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CalciScope.Batch;

/// <summary>
/// Where batch results go, one row per study and analysis version: SQLite embedded (a file, no server) or PostgreSQL
/// shared by every worker. The key makes the store exactly-once: a second result for a study already done is not
/// written, and a done result replaces a failed one.
/// </summary>
public abstract class ResultStore : IDisposable
{
    private readonly DbConnection _db;

    /// <param name="where">How the store is named in an error: a file's path, or a server's host, port and database (never its password).</param>
    protected ResultStore(DbConnection db, string where)
    {
        _db = db;
        try
        {
            _db.Open();
            Exec(CreateTable);
        }
        catch (Exception e) when (e is DbException or IOException or UnauthorizedAccessException)
        {
            _db.Dispose();
            throw new InputException(where, $"cannot open the results store ({e.Message.Split('\n')[0].Trim()})");
        }
    }

    /// <summary>`postgresql://user[:password]@host[:port]/database` or `Host=...;...` for PostgreSQL, anything else a SQLite file.</summary>
    public static ResultStore Open(string spec) =>
        spec.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || spec.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || spec.Contains("Host=", StringComparison.OrdinalIgnoreCase)
            ? new PostgresResultStore(spec)
            : new SqliteResultStore(spec);

    /// <summary>The statements that create the table (<see cref="TableDefinition"/>) if it is not there.</summary>
    protected abstract string CreateTable { get; }

    /// <summary>The table, in SQL both engines take (DOUBLE PRECISION has REAL affinity in SQLite).</summary>
    protected const string TableDefinition = """
        CREATE TABLE IF NOT EXISTS batch_results (study_key TEXT NOT NULL, analysis_version TEXT NOT NULL, input TEXT, status TEXT NOT NULL,
            soft_mm3 DOUBLE PRECISION, vascular_mm3 DOUBLE PRECISION, top_condition TEXT, top_probability DOUBLE PRECISION, warnings TEXT,
            seconds DOUBLE PRECISION, error TEXT, worker TEXT, finished TEXT NOT NULL, PRIMARY KEY (study_key, analysis_version));
        """;

    private const string Columns = "study_key, analysis_version, input, status, soft_mm3, vascular_mm3, top_condition, top_probability, warnings, seconds, error, worker, finished";

    /// <summary>Insert, or replace a result that is not done; a done one is never overwritten (both engines' ON CONFLICT).</summary>
    private const string Upsert = $"""
        INSERT INTO batch_results ({Columns}) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12)
        ON CONFLICT (study_key, analysis_version) DO UPDATE SET input = excluded.input, status = excluded.status, soft_mm3 = excluded.soft_mm3,
            vascular_mm3 = excluded.vascular_mm3, top_condition = excluded.top_condition, top_probability = excluded.top_probability,
            warnings = excluded.warnings, seconds = excluded.seconds, error = excluded.error, worker = excluded.worker, finished = excluded.finished
        WHERE batch_results.status <> 'done'
        """;

    private void Exec(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private DbCommand Command(string sql, params object?[] args)
    {
        var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        for (int i = 0; i < args.Length; i++)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = "p" + i;
            p.Value = args[i] ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    public bool IsDone(string key, string version)
    {
        using var cmd = Command("SELECT COUNT(*) FROM batch_results WHERE study_key = @p0 AND analysis_version = @p1 AND status = 'done'", key, version);
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>Writes the result unless the study is done already; true when this call wrote it.</summary>
    public bool Record(BatchResult r)
    {
        using var cmd = Command(Upsert, r.StudyKey, r.AnalysisVersion, r.Input, r.Status, r.SoftTissueMm3, r.VascularMm3, r.TopCondition,
            r.TopProbability, r.Warnings, r.Seconds, r.Error, r.Worker, r.FinishedUtc.ToString("O", CultureInfo.InvariantCulture));
        return cmd.ExecuteNonQuery() > 0;
    }

    public IReadOnlyList<BatchResult> Results()
    {
        using var cmd = Command($"SELECT {Columns} FROM batch_results ORDER BY input, study_key");
        using var r = cmd.ExecuteReader();
        var list = new List<BatchResult>();
        double? D(int i) => r.IsDBNull(i) ? null : Convert.ToDouble(r.GetValue(i), CultureInfo.InvariantCulture);
        string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        while (r.Read())
            list.Add(new BatchResult(r.GetString(0), r.GetString(1), S(2) ?? "", r.GetString(3), D(4), D(5), S(6), D(7), S(8) ?? "", D(9) ?? 0, S(10), S(11) ?? "",
                DateTime.Parse(r.GetString(12), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)));
        return list;
    }

    public void Dispose()
    {
        _db.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The embedded default: a SQLite file (it may be the case store's), WAL so that a reader never blocks the batch.</summary>
public sealed class SqliteResultStore(string path) : ResultStore(Connect(path), path)
{
    private static SqliteConnection Connect(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        try { if (dir is not null) Directory.CreateDirectory(dir); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new InputException(path, "cannot create the results store's folder"); }
        return new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, DefaultTimeout = 30 }.ToString());
    }

    protected override string CreateTable => "PRAGMA journal_mode = WAL;\n" + TableDefinition;
}

/// <summary>The shared store of a scaled-out batch: PostgreSQL, one row per study enforced by the primary key.</summary>
public sealed class PostgresResultStore(string spec) : ResultStore(new NpgsqlConnection(ConnectionString(spec)), Where(spec))
{
    /// <summary>The server and database, without user or password.</summary>
    private static string Where(string spec)
    {
        var b = new NpgsqlConnectionStringBuilder(ConnectionString(spec));
        return $"postgresql://{b.Host}:{b.Port}/{b.Database}";
    }

    /// <summary>A postgresql:// URL in Npgsql's keyword form (Npgsql takes keywords, not URLs).</summary>
    public static string ConnectionString(string spec)
    {
        if (!spec.Contains("://", StringComparison.Ordinal))
        {
            try { return new NpgsqlConnectionStringBuilder(spec).ConnectionString; }
            catch (ArgumentException) { throw new InputException(null, "the store is neither a postgresql://user@host:port/database URL nor a valid connection string"); }
        }
        if (!Uri.TryCreate(spec, UriKind.Absolute, out var u)) throw new InputException(null, "the store URL is not a postgresql://user@host:port/database URL");
        var b = new NpgsqlConnectionStringBuilder { Host = u.Host, Port = u.IsDefaultPort || u.Port <= 0 ? 5432 : u.Port, Database = u.AbsolutePath.Trim('/') };
        if (u.UserInfo.Length > 0)
        {
            var parts = u.UserInfo.Split(':', 2);
            b.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length > 1) b.Password = Uri.UnescapeDataString(parts[1]);
        }
        return b.ConnectionString;
    }

    // Workers starting together would race on CREATE TABLE IF NOT EXISTS (PostgreSQL then fails one of them on its
    // catalogue's unique index): a transaction-scoped advisory lock lets one create and the others find it made.
    protected override string CreateTable => "BEGIN;\nSELECT pg_advisory_xact_lock(7340301);\n" + TableDefinition + "COMMIT;\n";
}
