using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;

namespace Vinculo.Storage.Bulk;

/// <summary>
/// The bulk write path: rows of any mapped entity written straight to the database in one
/// transaction, binary COPY on PostgreSQL and one prepared INSERT through SQLite's C API. Column names,
/// types and value conversions come from the EF model, so the bulk path and EF always agree.
/// Nothing is visible to others until <see cref="CommitAsync"/>; disposing without it rolls back.
/// </summary>
public sealed class BulkSession : IAsyncDisposable
{
    // SQLite page cache for the session (KiB, negative as the pragma wants): index pages of big tables stay in memory.
    private const long SqliteBulkCacheKiB = -1_048_576;

    private readonly VinculoDbContext _db;
    private readonly IDbContextTransaction _transaction;
    private readonly long? _sqliteCacheSizeBefore;
    private bool _completed;

    private BulkSession(VinculoDbContext db, IDbContextTransaction transaction, long? sqliteCacheSizeBefore)
    {
        _db = db;
        _transaction = transaction;
        _sqliteCacheSizeBefore = sqliteCacheSizeBefore;
    }

    public static async Task<BulkSession> BeginAsync(VinculoDbContext db, CancellationToken ct = default)
    {
        await db.Database.OpenConnectionAsync(ct);
        long? cacheBefore = null;
        if (db.Provider == StorageProvider.Sqlite)
        {
            var connection = db.Database.GetDbConnection();
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA cache_size";
            cacheBefore = Convert.ToInt64(await pragma.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
            pragma.CommandText = $"PRAGMA cache_size = {SqliteBulkCacheKiB}; PRAGMA temp_store = MEMORY;";
            await pragma.ExecuteNonQueryAsync(ct);
        }

        var tx = await db.Database.BeginTransactionAsync(ct);
        return new BulkSession(db, tx, cacheBefore);
    }

    /// <summary>Writes the rows; with <paramref name="skipConflicts"/> rows that hit a unique key are skipped instead of failing. Returns rows written.</summary>
    public async Task<long> InsertAsync<T>(IEnumerable<T> rows, bool skipConflicts = false, CancellationToken ct = default) where T : class
    {
        var table = BulkTable.For(_db, typeof(T));
        var stamped = rows.Select(Stamp);
        return _db.Provider == StorageProvider.Postgres
            ? await CopyPostgresAsync(table, stamped, skipConflicts, ct)
            : await InsertSqliteAsync(table, stamped, skipConflicts, ct);
    }

    public async Task CommitAsync(CancellationToken ct = default)
    {
        await _transaction.CommitAsync(ct);
        _completed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_completed)
        {
            await _transaction.RollbackAsync();
        }

        await _transaction.DisposeAsync();
        if (_sqliteCacheSizeBefore is { } cacheSize)
        {
            // The connection may go back to a pool: leave it as it was found.
            await using var pragma = _db.Database.GetDbConnection().CreateCommand();
            pragma.CommandText = $"PRAGMA cache_size = {cacheSize}";
            await pragma.ExecuteNonQueryAsync();
        }

        await _db.Database.CloseConnectionAsync();
    }

    private T Stamp<T>(T row)
    {
        if (row is IWorkspaceOwned owned)
        {
            if (owned.WorkspaceId == Guid.Empty)
            {
                owned.WorkspaceId = _db.WorkspaceId ?? throw new InvalidOperationException("Bulk rows need a workspace: open the context for one.");
            }
            else if (!_db.AllWorkspaces && owned.WorkspaceId != _db.WorkspaceId)
            {
                throw new InvalidOperationException($"A {typeof(T).Name} of another workspace cannot be written from this one.");
            }
        }

        return row;
    }

    private async Task<long> CopyPostgresAsync(BulkTable table, IEnumerable<object> rows, bool skipConflicts, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)_db.Database.GetDbConnection();
        var target = table.Name;
        if (skipConflicts)
        {
            // COPY cannot skip conflicts: stage in a temp table, then INSERT … ON CONFLICT DO NOTHING.
            target = "bulk_stage_" + table.Name;
            await using var create = new NpgsqlCommand($"CREATE TEMP TABLE IF NOT EXISTS {target} (LIKE {table.Name} INCLUDING DEFAULTS) ON COMMIT DROP; TRUNCATE {target};", connection);
            await create.ExecuteNonQueryAsync(ct);
        }

        long written = 0;
        await using (var importer = await connection.BeginBinaryImportAsync($"COPY {target} ({table.ColumnList}) FROM STDIN (FORMAT BINARY)", ct))
        {
            // The server checks foreign keys when the COPY completes, which for millions of rows outlasts
            // any command timeout; a bulk session is bounded by its caller's cancellation instead.
            importer.Timeout = Timeout.InfiniteTimeSpan;
            // Synchronous writes: they only fill Npgsql's buffer (flushing when full), and an await per value costs more than the value.
            foreach (var row in rows)
            {
                importer.StartRow();
                foreach (var column in table.Columns)
                {
                    var value = column.ProviderValue(row);
                    if (value is null)
                    {
                        importer.WriteNull();
                    }
                    else
                    {
                        column.WritePostgres(importer, value);
                    }
                }

                if (++written % 10_000 == 0)
                {
                    ct.ThrowIfCancellationRequested();
                }
            }

            await importer.CompleteAsync(ct);
        }

        if (skipConflicts)
        {
            await using var move = new NpgsqlCommand($"INSERT INTO {table.Name} ({table.ColumnList}) SELECT {table.ColumnList} FROM {target} ON CONFLICT DO NOTHING", connection);
            move.CommandTimeout = 0;
            written = await move.ExecuteNonQueryAsync(ct);
        }

        return written;
    }

    private async Task<long> InsertSqliteAsync(BulkTable table, IEnumerable<object> rows, bool skipConflicts, CancellationToken ct)
    {
        // Straight to SQLite's C API with one prepared single-row INSERT: Microsoft.Data.Sqlite binds
        // parameters by name, which costs more than the insert itself. Rows are encoded in batches on
        // another thread while this one inserts the previous batch. The statement runs on the
        // session's connection, so it is inside its transaction.
        var handle = ((SqliteConnection)_db.Database.GetDbConnection()).Handle!;
        var sql = $"INSERT INTO {table.Name} ({table.ColumnList}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => "?" + (i + 1).ToString(CultureInfo.InvariantCulture)))})"
            + (skipConflicts ? " ON CONFLICT DO NOTHING" : "");
        var rc = raw.sqlite3_prepare_v2(handle, sql, out var statement);
        using (statement)
        {
            if (rc != raw.SQLITE_OK)
            {
                SqliteException.ThrowExceptionForRC(rc, handle);
            }

            long written = 0;
            await foreach (var batch in SqliteBatches(table, rows, ct))
            {
                for (var r = 0; r < batch.Rows; r++)
                {
                    batch.Bind(statement, r);
                    rc = raw.sqlite3_step(statement);
                    raw.sqlite3_reset(statement);
                    if (rc != raw.SQLITE_DONE)
                    {
                        SqliteException.ThrowExceptionForRC(rc, handle);
                    }

                    written += raw.sqlite3_changes(handle);
                }

                ct.ThrowIfCancellationRequested();
            }

            return written;
        }
    }

    /// <summary>Encodes rows a batch ahead of the writer: at most two batches wait, so memory stays bounded.</summary>
    private static async IAsyncEnumerable<SqliteRowBatch> SqliteBatches(BulkTable table, IEnumerable<object> rows, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        const int BatchRows = 2048;
        var channel = System.Threading.Channels.Channel.CreateBounded<SqliteRowBatch>(2);
        var producer = Task.Run(async () =>
        {
            try
            {
                var batch = new SqliteRowBatch(table.Columns.Count, BatchRows);
                foreach (var row in rows)
                {
                    batch.Add(table, row);
                    if (batch.Rows == batch.Capacity)
                    {
                        await channel.Writer.WriteAsync(batch, ct);
                        batch = new SqliteRowBatch(table.Columns.Count, BatchRows);
                    }
                }

                if (batch.Rows > 0)
                {
                    await channel.Writer.WriteAsync(batch, ct);
                }

                channel.Writer.TryComplete();
            }
            catch (Exception ex)
            {
                channel.Writer.TryComplete(ex);
            }
        }, ct);

        try
        {
            await foreach (var batch in channel.Reader.ReadAllAsync(ct))
            {
                yield return batch;
            }
        }
        finally
        {
            // The writer stopped early (an error): let the producer see no reader and finish.
            channel.Writer.TryComplete();
            try
            {
                await producer;
            }
            catch (OperationCanceledException)
            {
                // Cancelled along with the writer.
            }
        }
    }
}

/// <summary>A table's insertable columns as the EF model maps them, cached per provider and type.</summary>
internal sealed class BulkTable
{
    private static readonly Dictionary<(StorageProvider, Type), BulkTable> Cache = [];

    private BulkTable(string name, List<BulkColumn> columns)
    {
        Name = name;
        Columns = columns;
        ColumnList = string.Join(", ", columns.Select(c => c.Name));
    }

    public string Name { get; }

    public List<BulkColumn> Columns { get; }

    public string ColumnList { get; }

    public static BulkTable For(VinculoDbContext db, Type clrType)
    {
        lock (Cache)
        {
            if (Cache.TryGetValue((db.Provider, clrType), out var cached))
            {
                return cached;
            }

            var entity = db.Model.FindEntityType(clrType) ?? throw new InvalidOperationException($"{clrType.Name} is not a mapped entity.");
            var tableName = entity.GetTableName()!;
            var store = StoreObjectIdentifier.Table(tableName, entity.GetSchema());
            var columns = new List<BulkColumn>();
            foreach (var property in entity.GetProperties())
            {
                if (property.IsShadowProperty())
                {
                    throw new InvalidOperationException($"{clrType.Name}.{property.Name} is a shadow property; the bulk path needs CLR properties.");
                }

                var mapping = property.GetRelationalTypeMapping();
                var getter = property.GetGetter();
                var converter = mapping.Converter;
                var providerType = converter?.ProviderClrType ?? property.ClrType;
                columns.Add(new BulkColumn(
                    property.GetColumnName(store)!,
                    entity => converter is null ? getter.GetClrValue(entity) : ConvertOrNull(converter, getter.GetClrValue(entity)),
                    db.Provider == StorageProvider.Postgres ? PostgresWriter.For(Nullable.GetUnderlyingType(providerType) ?? providerType, StripModifiers(property.GetColumnType())) : PostgresWriter.Unused));
            }

            var table = new BulkTable(tableName, columns);
            Cache[(db.Provider, clrType)] = table;
            return table;
        }
    }

    private static object? ConvertOrNull(Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter converter, object? value) =>
        value is null ? null : converter.ConvertToProvider(value);

    // "character varying(200)" and "numeric(18,2)" are written by their base type name.
    private static string StripModifiers(string columnType)
    {
        var paren = columnType.IndexOf('(', StringComparison.Ordinal);
        return paren < 0 ? columnType : columnType[..paren].TrimEnd();
    }
}

internal sealed record BulkColumn(string Name, Func<object, object?> ProviderValue, Action<NpgsqlBinaryImporter, object> WritePostgres);

/// <summary>Typed COPY writers, made once per column, so Npgsql resolves each column's type once instead of per value.</summary>
internal static class PostgresWriter
{
    public static readonly Action<NpgsqlBinaryImporter, object> Unused = (_, _) => throw new InvalidOperationException("Not a PostgreSQL column.");

    public static Action<NpgsqlBinaryImporter, object> For(Type providerType, string dataTypeName)
    {
        var dbType = new NpgsqlParameter { DataTypeName = dataTypeName }.NpgsqlDbType;
        var make = typeof(PostgresWriter).GetMethod(nameof(Typed), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.MakeGenericMethod(providerType);
        return (Action<NpgsqlBinaryImporter, object>)make.Invoke(null, [dbType == NpgsqlDbType.Unknown ? null : dbType, dataTypeName])!;
    }

    private static Action<NpgsqlBinaryImporter, object> Typed<T>(NpgsqlDbType? dbType, string dataTypeName) => dbType is { } known
        ? (importer, value) => importer.Write((T)value, known)
        : (importer, value) => importer.Write((T)value, dataTypeName);
}
