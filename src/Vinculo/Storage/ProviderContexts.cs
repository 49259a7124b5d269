using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Vinculo.Storage;

/// <summary>SQLite flavour: GUIDs as 16-byte BLOBs (as Microsoft.Data.Sqlite binds them), money as REAL so SQL can compare and sum it, DateTimes read back as UTC.</summary>
public sealed class SqliteVinculoDbContext(DbContextOptions<SqliteVinculoDbContext> options) : VinculoDbContext(options)
{
    public override StorageProvider Provider => StorageProvider.Sqlite;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Guid>().HaveConversion<GuidToBytesConverter>();
        configurationBuilder.Properties<decimal>().HaveConversion<double>();
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}

public sealed class PostgresVinculoDbContext(DbContextOptions<PostgresVinculoDbContext> options) : VinculoDbContext(options)
{
    public override StorageProvider Provider => StorageProvider.Postgres;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()))
        {
            if (property.FindAnnotation(JsonColumn.Annotation) is not null)
            {
                property.SetColumnType("jsonb");
            }
        }
    }
}

/// <summary>Stores UTC and marks what it reads as UTC, since SQLite keeps no kind.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
