using System.Globalization;
using CalciScope.Diagnosis;
using CalciScope.Pipeline;
using Microsoft.Data.Sqlite;

namespace CalciScope.Store;

/// <summary>A study as the store knows it, with its burden when it was analysed.</summary>
public sealed record StoredStudy(string StudyUid, string PatientId, string StudyDate, string SeriesUid, string InputPath,
    double? SoftTissueMm3, double? RightMm3, double? LeftMm3, string? DominantPattern, string? TopCondition, double? TopProbability);

/// <summary>
/// The case store: patients, studies, analyses, diagnoses and reports in one SQLite file (embedded, no server).
/// Holds patient identifiers, so it lives where the studies live; nothing of it is logged.
/// </summary>
public sealed class CaseStore : IDisposable
{
    private readonly SqliteConnection _db;

    public CaseStore(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        try
        {
            _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate }.ToString());
            _db.Open();
            Exec("""
                PRAGMA journal_mode = WAL;
                CREATE TABLE IF NOT EXISTS patients (id TEXT PRIMARY KEY, created TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS studies (study_uid TEXT PRIMARY KEY, patient_id TEXT NOT NULL REFERENCES patients(id),
                    study_date TEXT, series_uid TEXT, input_path TEXT, created TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS analyses (id INTEGER PRIMARY KEY, study_uid TEXT NOT NULL REFERENCES studies(study_uid),
                    soft_mm3 REAL, right_mm3 REAL, left_mm3 REAL, dominant TEXT, json TEXT NOT NULL, created TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS diagnoses (id INTEGER PRIMARY KEY, study_uid TEXT, top_condition TEXT, probability REAL,
                    json TEXT NOT NULL, created TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS reports (id INTEGER PRIMARY KEY, study_uid TEXT NOT NULL, path TEXT NOT NULL, created TEXT NOT NULL);
                CREATE INDEX IF NOT EXISTS studies_patient ON studies(patient_id, study_date);
                """);
        }
        catch (SqliteException e)
        {
            throw new InputException(path, $"cannot open the case store ({e.Message})");
        }
    }

    private static string Now => DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);

    private void Exec(string sql, params (string, object?)[] args)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (k, v) in args) cmd.Parameters.AddWithValue(k, v ?? DBNull.Value);
        cmd.ExecuteNonQuery();
    }

    /// <summary>Records the study (once) and this analysis of it.</summary>
    public void RecordAnalysis(AnalysisResult r, string inputPath)
    {
        var info = r.Study.Info;
        var patient = string.IsNullOrEmpty(info.PatientId) ? "unknown" : info.PatientId;
        var studyUid = string.IsNullOrEmpty(info.StudyUid) ? "file:" + Path.GetFullPath(inputPath) : info.StudyUid;
        using var tx = _db.BeginTransaction();
        Exec("INSERT OR IGNORE INTO patients (id, created) VALUES ($p, $c)", ("$p", patient), ("$c", Now));
        Exec("""
            INSERT INTO studies (study_uid, patient_id, study_date, series_uid, input_path, created) VALUES ($s, $p, $d, $se, $i, $c)
            ON CONFLICT(study_uid) DO UPDATE SET input_path = excluded.input_path, series_uid = excluded.series_uid
            """, ("$s", studyUid), ("$p", patient), ("$d", info.StudyDate), ("$se", info.SeriesUid), ("$i", Path.GetFullPath(inputPath)), ("$c", Now));
        Exec("INSERT INTO analyses (study_uid, soft_mm3, right_mm3, left_mm3, dominant, json, created) VALUES ($s, $v, $r, $l, $d, $j, $c)",
            ("$s", studyUid), ("$v", r.Summary.SoftTissueVolumeMm3), ("$r", r.Summary.VolumeBySide.GetValueOrDefault("right")),
            ("$l", r.Summary.VolumeBySide.GetValueOrDefault("left")), ("$d", r.Summary.DominantPattern),
            ("$j", AnalysisJson.Serialize(AnalysisJson.ToDocument(r))), ("$c", Now));
        tx.Commit();
    }

    public void RecordDiagnosis(string? studyUid, Differential d)
    {
        var top = d.Ranked.Count > 0 ? d.Ranked[0] : null;
        Exec("INSERT INTO diagnoses (study_uid, top_condition, probability, json, created) VALUES ($s, $t, $p, $j, $c)",
            ("$s", studyUid), ("$t", top?.Id), ("$p", top?.Probability), ("$j", DifferentialJson.ToJson(d).ToJsonString()), ("$c", Now));
    }

    public void RecordReport(string studyUid, string path) =>
        Exec("INSERT INTO reports (study_uid, path, created) VALUES ($s, $p, $c)", ("$s", studyUid), ("$p", Path.GetFullPath(path)), ("$c", Now));

    /// <summary>A patient's studies in date order, each with its latest analysis and diagnosis.</summary>
    public IReadOnlyList<StoredStudy> History(string patientId)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = """
            SELECT s.study_uid, s.patient_id, s.study_date, s.series_uid, s.input_path,
                   a.soft_mm3, a.right_mm3, a.left_mm3, a.dominant, d.top_condition, d.probability
            FROM studies s
            LEFT JOIN analyses a ON a.id = (SELECT MAX(id) FROM analyses WHERE study_uid = s.study_uid)
            LEFT JOIN diagnoses d ON d.id = (SELECT MAX(id) FROM diagnoses WHERE study_uid = s.study_uid)
            WHERE s.patient_id = $p ORDER BY s.study_date, s.created
            """;
        cmd.Parameters.AddWithValue("$p", patientId);
        using var r = cmd.ExecuteReader();
        var list = new List<StoredStudy>();
        double? D(int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
        string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        while (r.Read())
            list.Add(new StoredStudy(r.GetString(0), r.GetString(1), S(2) ?? "", S(3) ?? "", S(4) ?? "", D(5), D(6), D(7), S(8), S(9), D(10)));
        return list;
    }

    /// <summary>Where a stored study was read from, for `compare study:UID ...`.</summary>
    public string? InputPathOf(string studyUid)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT input_path FROM studies WHERE study_uid = $s";
        cmd.Parameters.AddWithValue("$s", studyUid);
        return cmd.ExecuteScalar() as string;
    }

    public void Dispose()
    {
        _db.Dispose();
        SqliteConnection.ClearAllPools();
    }
}
