using Microsoft.Data.Sqlite;
using Npgsql;
using Vinculo.Storage;
using Vinculo.Workspaces;

namespace Vinculo.Tests.Infrastructure;

/// <summary>
/// A fresh, migrated database for one test: a SQLite file in a temp folder, or a new database on the
/// real PostgreSQL server named by VINCULO_TEST_PG (scripts/test.sh starts one on loopback).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _sqliteFolder;
    private readonly string? _pgDatabaseName;

    private TestDatabase(VinculoDatabase database, Workspace workspace, string? sqliteFolder, string? pgDatabaseName)
    {
        Database = database;
        Workspace = workspace;
        _sqliteFolder = sqliteFolder;
        _pgDatabaseName = pgDatabaseName;
    }

    public VinculoDatabase Database { get; }

    /// <summary>A Mexican workspace created with the database.</summary>
    public Workspace Workspace { get; }

    public StorageProvider Provider => Database.Provider;

    /// <summary>Both providers, for [Theory] storage tests: every storage test runs on each.</summary>
    public static TheoryData<StorageProvider> Providers => new() { StorageProvider.Sqlite, StorageProvider.Postgres };

    public static string PostgresAdminConnectionString =>
        Environment.GetEnvironmentVariable("VINCULO_TEST_PG")
        ?? throw new InvalidOperationException(
            "VINCULO_TEST_PG is not set: run the tests with scripts/test.sh, which starts PostgreSQL on 127.0.0.1 and sets it.");

    public static async Task<TestDatabase> CreateAsync(StorageProvider provider)
    {
        VinculoDatabase database;
        string? folder = null;
        string? pgName = null;
        if (provider == StorageProvider.Sqlite)
        {
            folder = Path.Combine(Path.GetTempPath(), "vinculo-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            database = new VinculoDatabase(StorageProvider.Sqlite, $"Data Source={Path.Combine(folder, "vinculo.db")};Pooling=False");
        }
        else
        {
            pgName = "vinculo_t_" + Guid.NewGuid().ToString("N")[..16];
            await using (var admin = new NpgsqlConnection(PostgresAdminConnectionString))
            {
                await admin.OpenAsync();
                await using var cmd = new NpgsqlCommand($"CREATE DATABASE {pgName}", admin);
                await cmd.ExecuteNonQueryAsync();
            }

            var csb = new NpgsqlConnectionStringBuilder(PostgresAdminConnectionString) { Database = pgName };
            database = new VinculoDatabase(StorageProvider.Postgres, csb.ConnectionString);
        }

        await database.MigrateAsync();
        var workspace = new Workspace { Name = "Pruebas", Slug = "pruebas-" + Guid.NewGuid().ToString("N")[..8], CreatedAt = DateTime.UtcNow };
        await using (var db = database.OpenAll())
        {
            db.Add(workspace);
            await db.SaveChangesAsync();
        }

        return new TestDatabase(database, workspace, folder, pgName);
    }

    /// <summary>A context bound to the test workspace.</summary>
    public VinculoDbContext Open() => Database.Open(Workspace.Id);

    public async ValueTask DisposeAsync()
    {
        if (_sqliteFolder is not null)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_sqliteFolder, recursive: true);
            }
            catch (IOException)
            {
                // A file still open on a slow runner is left for the OS temp cleaner.
            }
        }

        if (_pgDatabaseName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(PostgresAdminConnectionString);
            await admin.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_pgDatabaseName} WITH (FORCE)", admin);
            await cmd.ExecuteNonQueryAsync();
        }
    }
}
