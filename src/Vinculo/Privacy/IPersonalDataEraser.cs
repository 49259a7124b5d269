using Vinculo.Storage;

namespace Vinculo.Privacy;

/// <summary>
/// A capability that stores personal data in its own tables (import staging, identity candidates,
/// messages, …) clears it here during erasure. Called inside the erasure transaction, after the
/// core tables; register with <c>services.AddScoped&lt;IPersonalDataEraser, MyEraser&gt;()</c>.
/// </summary>
public interface IPersonalDataEraser
{
    Task EraseAsync(VinculoDbContext db, Guid contactId, CancellationToken ct);

    /// <summary>
    /// Called once, in the erasure transaction, before the core tables are cleared, with the person and every
    /// record merged into them: for erasers that find their data by the person's emails, phones or ids.
    /// </summary>
    Task BeforeCoreErasureAsync(VinculoDbContext db, IReadOnlyList<Guid> contactIds, CancellationToken ct) => Task.CompletedTask;
}
