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
}
