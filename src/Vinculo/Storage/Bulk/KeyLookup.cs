using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SQLitePCL;

namespace Vinculo.Storage.Bulk;

/// <summary>
/// Finds the ids behind many exact keys (emails, phones, external ids) of one workspace, for imports
/// that check thousands of keys per chunk: one prepared point query per key through SQLite's C API,
/// one array query on PostgreSQL. Runs on the context's connection, inside its transaction if any.
/// </summary>
public static class KeyLookup
{
    /// <summary>
    /// (key, id) pairs of <paramref name="table"/> whose <paramref name="keyColumn"/> is one of <paramref name="keys"/>;
    /// a key held by several rows comes back once per row, in <paramref name="orderBy"/> order within the key.
    /// The id is a column or an expression over the row (e.g. a merged contact's survivor). Table, column and
    /// expression text are the caller's constants, never user input.
    /// </summary>
    public static async Task<List<(string Key, Guid Id)>> FindAsync(VinculoDbContext db, string table, string keyColumn, string idExpression, IReadOnlyCollection<string> keys, string? orderBy = null, CancellationToken ct = default)
    {
        var found = new List<(string, Guid)>(keys.Count);
        if (keys.Count == 0)
        {
            return found;
        }

        var workspaceId = db.WorkspaceId ?? throw new InvalidOperationException("Key lookups need a workspace: open the context for one.");
        var order = orderBy is null ? "" : " ORDER BY " + orderBy;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (db.Provider == StorageProvider.Postgres)
            {
                var connection = (NpgsqlConnection)db.Database.GetDbConnection();
                await using var command = new NpgsqlCommand($"SELECT {keyColumn}, {idExpression} FROM {table} WHERE workspace_id = @w AND {keyColumn} = ANY(@keys){(orderBy is null ? "" : $" ORDER BY {keyColumn}, {orderBy}")}", connection);
                command.Parameters.AddWithValue("w", workspaceId);
                command.Parameters.AddWithValue("keys", keys.ToArray());
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    found.Add((reader.GetString(0), reader.GetGuid(1)));
                }

                return found;
            }

            var handle = ((SqliteConnection)db.Database.GetDbConnection()).Handle!;
            var rc = raw.sqlite3_prepare_v2(handle, $"SELECT {idExpression} FROM {table} WHERE workspace_id = ?1 AND {keyColumn} = ?2{order}", out var statement);
            using (statement)
            {
                if (rc != raw.SQLITE_OK)
                {
                    SqliteException.ThrowExceptionForRC(rc, handle);
                }

                Span<byte> workspace = stackalloc byte[16];
                workspaceId.TryWriteBytes(workspace);
                raw.sqlite3_bind_blob(statement, 1, workspace);
                foreach (var key in keys)
                {
                    raw.sqlite3_bind_text(statement, 2, key);
                    while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
                    {
                        found.Add((key, new Guid(raw.sqlite3_column_blob(statement, 0))));
                    }

                    raw.sqlite3_reset(statement);
                    if (rc != raw.SQLITE_DONE)
                    {
                        SqliteException.ThrowExceptionForRC(rc, handle);
                    }
                }
            }

            ct.ThrowIfCancellationRequested();
            return found;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
