using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Vinculo.Storage;

/// <summary>Used by `dotnet ef migrations add` only; the connection strings are never opened.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteVinculoDbContext>
{
    public SqliteVinculoDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteVinculoDbContext>().UseSqlite(VinculoDatabase.DefaultSqlite).Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresVinculoDbContext>
{
    public PostgresVinculoDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresVinculoDbContext>().UseNpgsql("Host=127.0.0.1;Database=vinculo_design").Options);
}
