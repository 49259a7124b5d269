using Vinculo.App.Hosting;
using Vinculo.Consent;

namespace Vinculo.App.Api;

public sealed record ConsentStateDto(string Channel, string Purpose, string Status, DateTime OccurredAt, string Source, Guid? GivenByContactId, string? NoticeVersion);

public sealed record ConsentRecordDto(Guid Id, string Channel, string Purpose, string Status, string Source, string? NoticeVersion, string? Evidence, Guid? GivenByContactId, string? Reason, DateTime OccurredAt, DateTime RecordedAt, string? RecordedBy);

/// <summary>Grant (or deny) a consent. For a minor, <c>GivenByContactId</c> names the guardian.</summary>
public sealed record ConsentGrantRequest(string Channel, string Purpose, string Source, string? NoticeVersion, string? Evidence, Guid? GivenByContactId, DateTime? OccurredAt, bool Deny = false);

/// <summary>Withdraw a consent: only channel and purpose are needed.</summary>
public sealed record ConsentWithdrawRequest(string Channel, string Purpose, string? Source, string? Reason);

public static class ConsentEndpoints
{
    public static RouteGroupBuilder MapConsent(this RouteGroupBuilder v1)
    {
        var g = v1.MapGroup("/contacts/{contactId:guid}/consents").WithTags("Consent").WithAuditActor();

        g.MapGet("", async (Guid contactId, ConsentLedger ledger, CancellationToken ct) =>
                (await ledger.CurrentAsync(contactId, ct)).Select(ToDto))
            .RequireAuthorization(Policies.Read)
            .Audited("consent.read")
            .WithSummary("Current consent per channel and purpose (the latest ledger entry of each).");

        g.MapGet("/history", async (Guid contactId, ConsentLedger ledger, CancellationToken ct) =>
                (await ledger.HistoryAsync(contactId, ct)).Select(ToDto))
            .RequireAuthorization(Policies.Read)
            .Audited("consent.history_read")
            .WithSummary("The contact's whole consent ledger, newest first.");

        g.MapPost("/grant", async (Guid contactId, ConsentGrantRequest body, ConsentLedger ledger, CancellationToken ct) =>
            {
                var proof = new ConsentProof(body.Source, body.NoticeVersion, body.Evidence, body.GivenByContactId, body.OccurredAt);
                var channel = ConsentNames.ParseChannel(body.Channel);
                var purpose = ConsentNames.ParsePurpose(body.Purpose);
                if (body.Deny)
                {
                    await ledger.DenyAsync(contactId, channel, purpose, proof, ct);
                }
                else
                {
                    await ledger.GrantAsync(contactId, channel, purpose, proof, ct);
                }

                return (await ledger.CurrentAsync(contactId, ct)).Select(ToDto);
            })
            .RequireAuthorization(Policies.EditContacts)
            .WithSummary("Records a grant (or, with deny=true, a denial) in the ledger.");

        g.MapPost("/withdraw", async (Guid contactId, ConsentWithdrawRequest body, ConsentLedger ledger, CancellationToken ct) =>
            {
                await ledger.WithdrawAsync(contactId, ConsentNames.ParseChannel(body.Channel), ConsentNames.ParsePurpose(body.Purpose),
                    string.IsNullOrWhiteSpace(body.Source) ? "api" : body.Source, body.Reason, ct: ct);
                return (await ledger.CurrentAsync(contactId, ct)).Select(ToDto);
            })
            .RequireAuthorization(Policies.EditContacts)
            .WithSummary("Withdraws a consent: as easy as granting it.");

        return v1;
    }

    private static ConsentStateDto ToDto(ConsentState s) =>
        new(s.Channel.Name(), s.Purpose.Name(), s.Status.Name(), s.OccurredAt, s.Source, s.GivenByContactId, s.NoticeVersion);

    private static ConsentRecordDto ToDto(ConsentRecord r) =>
        new(r.Id, r.Channel.Name(), r.Purpose.Name(), r.Status.Name(), r.Source, r.NoticeVersion, r.Evidence, r.GivenByContactId, r.Reason, r.OccurredAt, r.RecordedAt, r.RecordedBy);
}
