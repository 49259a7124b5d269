using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Vinculo.Storage;

/// <summary>
/// The one DbContext. Every <see cref="IWorkspaceOwned"/> row is filtered by the workspace the
/// context was opened for; a context opened for all workspaces (workers, admin) sees every row.
/// Provider-specific subclasses exist only so each provider keeps its own migration set.
/// </summary>
public abstract class VinculoDbContext : DbContext
{
    protected VinculoDbContext(DbContextOptions options) : base(options)
    {
    }

    /// <summary>The workspace this context reads and writes; null only when <see cref="AllWorkspaces"/>.</summary>
    public Guid? WorkspaceId { get; internal set; }

    public bool AllWorkspaces { get; internal set; }

    public abstract StorageProvider Provider { get; }

    // Contexts for one workspace and for all of them get separate models (see WorkspaceModelCacheKey).
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.ReplaceService<IModelCacheKeyFactory, WorkspaceModelCacheKeyFactory>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(VinculoDbContext).Assembly);

        var applyFilter = typeof(VinculoDbContext).GetMethod(nameof(ApplyWorkspaceFilter), BindingFlags.NonPublic | BindingFlags.Instance)!;
        foreach (var entityType in modelBuilder.Model.GetEntityTypes().ToList())
        {
            if (typeof(IWorkspaceOwned).IsAssignableFrom(entityType.ClrType) && entityType.BaseType is null && !entityType.IsOwned())
            {
                applyFilter.MakeGenericMethod(entityType.ClrType).Invoke(this, [modelBuilder]);
            }
        }

        SnakeCaseNaming.Apply(modelBuilder);
    }

    private void ApplyWorkspaceFilter<T>(ModelBuilder modelBuilder) where T : class, IWorkspaceOwned
    {
        // A plain equality, so SQLite uses the (workspace_id, …) indexes: "@all OR workspace_id = @id"
        // is not indexable there and turned every filtered query into a full scan. The all-workspaces
        // model has no filter at all.
        if (AllWorkspaces)
        {
            return;
        }

        Expression<Func<T, bool>> filter = e => e.WorkspaceId == WorkspaceId;
        modelBuilder.Entity<T>().HasQueryFilter(filter);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampWorkspace();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampWorkspace();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>New rows take the context's workspace; a write into another workspace is refused.</summary>
    private void StampWorkspace()
    {
        foreach (var entry in ChangeTracker.Entries<IWorkspaceOwned>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            if (entry.Entity.WorkspaceId == Guid.Empty)
            {
                entry.Entity.WorkspaceId = WorkspaceId
                    ?? throw new InvalidOperationException($"A {entry.Entity.GetType().Name} needs a workspace: open the context for one.");
            }
            else if (!AllWorkspaces && entry.Entity.WorkspaceId != WorkspaceId)
            {
                throw new InvalidOperationException($"A {entry.Entity.GetType().Name} of another workspace cannot be written from this one.");
            }
        }
    }
}

/// <summary>One cached model per context type for workspace-bound contexts, another for all-workspaces ones.</summary>
internal sealed class WorkspaceModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), context is VinculoDbContext { AllWorkspaces: true }, designTime);
}

public enum StorageProvider
{
    Sqlite,
    Postgres,
}
