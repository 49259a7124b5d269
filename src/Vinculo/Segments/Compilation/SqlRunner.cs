using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Vinculo.Storage;

namespace Vinculo.Segments.Compilation;

/// <summary>Runs hand-assembled SQL on a context's connection (and its transaction, if any).</summary>
internal static class SqlRunner
{
    public static async Task<DbCommand> CommandAsync(VinculoDbContext db, string sql, IReadOnlyList<KeyValuePair<string, object?>> parameters, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 600;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        SqlDialect.For(db.Provider).Bind(command, parameters);
        return command;
    }

    public static async Task<int> ExecuteAsync(VinculoDbContext db, string sql, IReadOnlyList<KeyValuePair<string, object?>> parameters, CancellationToken ct)
    {
        await using var command = await CommandAsync(db, sql, parameters, ct);
        return await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task<long> ScalarLongAsync(VinculoDbContext db, string sql, IReadOnlyList<KeyValuePair<string, object?>> parameters, CancellationToken ct)
    {
        await using var command = await CommandAsync(db, sql, parameters, ct);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A GUID column as read back: Guid on PostgreSQL, 16-byte blob on SQLite.</summary>
    public static Guid ReadGuid(DbDataReader reader, int ordinal) =>
        reader.GetValue(ordinal) switch
        {
            Guid g => g,
            byte[] bytes => new Guid(bytes),
            string s => Guid.Parse(s),
            var other => throw new InvalidCastException($"Cannot read a GUID from {other.GetType().Name}."),
        };

    public static async Task<List<T>> ReadAsync<T>(VinculoDbContext db, string sql, IReadOnlyList<KeyValuePair<string, object?>> parameters, Func<DbDataReader, T> map, CancellationToken ct)
    {
        await using var command = await CommandAsync(db, sql, parameters, ct);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(map(reader));
        }

        return rows;
    }
}
