using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace Vinculo.Storage;

/// <summary>
/// Where the data lives and how to open it: embedded SQLite by default, PostgreSQL when the
/// connection string says so. Singleton; contexts are cheap and made per operation.
/// </summary>
public sealed class VinculoDatabase
{
    public const string DefaultSqlite = "Data Source=./data/vinculo.db";

    private readonly DbContextOptions _options;

    public VinculoDatabase(StorageProvider provider, string connectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
        // Id and key lists become one array/JSON parameter: many scalar parameters bind by name in
        // Microsoft.Data.Sqlite (quadratic in the list) and hit SQLite's variable limit on big lists.
        _options = provider switch
        {
            StorageProvider.Sqlite => new DbContextOptionsBuilder<SqliteVinculoDbContext>()
                .UseSqlite(connectionString, o => o.CommandTimeout(600).UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
                .AddInterceptors(SqlitePragmas.Instance)
                .Options,
            _ => new DbContextOptionsBuilder<PostgresVinculoDbContext>()
                .UseNpgsql(connectionString, o => o.CommandTimeout(600).UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
                .Options,
        };
    }

    public StorageProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>VINCULO_DB, else ConnectionStrings:Vinculo, else ./data/vinculo.db.</summary>
    public static VinculoDatabase FromConfiguration(IConfiguration configuration)
    {
        var cs = configuration["VINCULO_DB"] ?? configuration.GetConnectionString("Vinculo") ?? DefaultSqlite;
        return new VinculoDatabase(DetectProvider(cs), cs);
    }

    public static StorageProvider DetectProvider(string connectionString) =>
        connectionString.StartsWith("postgres", StringComparison.OrdinalIgnoreCase)
        || connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase)
        || connectionString.Contains("Server=", StringComparison.OrdinalIgnoreCase)
            ? StorageProvider.Postgres
            : StorageProvider.Sqlite;

    /// <summary>A context that sees and writes one workspace only.</summary>
    public VinculoDbContext Open(Guid workspaceId)
    {
        var db = Create();
        db.WorkspaceId = workspaceId;
        return db;
    }

    /// <summary>A context for work across workspaces (workers, set-up, migrations).</summary>
    public VinculoDbContext OpenAll()
    {
        var db = Create();
        db.AllWorkspaces = true;
        return db;
    }

    private VinculoDbContext Create() => Provider == StorageProvider.Sqlite
        ? new SqliteVinculoDbContext((DbContextOptions<SqliteVinculoDbContext>)_options)
        : new PostgresVinculoDbContext((DbContextOptions<PostgresVinculoDbContext>)_options);

    /// <summary>Creates the SQLite folder, applies migrations and turns WAL on.</summary>
    public async Task MigrateAsync(CancellationToken ct = default)
    {
        if (Provider == StorageProvider.Sqlite)
        {
            var builder = new SqliteConnectionStringBuilder(ConnectionString);
            var dir = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(dir) && builder.DataSource != ":memory:")
            {
                Directory.CreateDirectory(dir);
            }
        }

        await using var db = OpenAll();
        if (Provider == StorageProvider.Sqlite)
        {
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }

        await db.Database.MigrateAsync(ct);
        await Contacts.ContactNameWords.EnsureAsync(db, ct);
    }

    /// <summary>Per-connection SQLite settings: WAL-friendly sync and a wait for the writer lock.</summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public static readonly SqlitePragmas Instance = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";
            cmd.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";
            await cmd.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
