using System.Text;
using Vinculo.App.Hosting;
using Vinculo.Audit;
using Vinculo.Common;
using Vinculo.Hygiene;
using Vinculo.Privacy;

namespace Vinculo.App.Api;

public sealed record RectifyRequest(string? GivenNames, string? PaternalSurname, string? MaternalSurname, DateOnly? BirthDate, string? Gender, string? Locale, string? PrimaryEmail, string? PrimaryPhone);

public sealed record BlockRequest(string? Reason);

public sealed record ReviewRequest(string Resolution);

public sealed record AuditEntryDto(long Sequence, DateTime OccurredAt, string Actor, string Action, string? EntityType, Guid? EntityId, Guid? ContactId, string? Details, string Hash);

public sealed record HygieneFindingDto(Guid Id, Guid RunId, string Kind, Guid ContactId, Guid? OtherContactId, Guid? ChannelRowId, string Reason, DateTime FoundAt, DateTime? ReviewedAt, string? ReviewedBy, string? Resolution);

/// <summary>Data-subject rights (Admin), objection to marketing, the audit log and the hygiene lists.</summary>
public static class PrivacyEndpoints
{
    public static RouteGroupBuilder MapPrivacy(this RouteGroupBuilder v1)
    {
        var p = v1.MapGroup("/contacts/{contactId:guid}/privacy").WithTags("Privacy").WithAuditActor();

        p.MapGet("/export", async (Guid contactId, string? format, PrivacyService privacy, CancellationToken ct) =>
            {
                var export = await privacy.ExportAsync(contactId, ct);
                return (format ?? "json").ToLowerInvariant() switch
                {
                    "json" => Results.Text(export.ToJson(), "application/json", Encoding.UTF8),
                    "csv" => Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(export.ToCsv())).ToArray(), "text/csv; charset=utf-8", $"contact-{contactId:N}.csv"),
                    _ => throw new ValidationFailedException("format", "must be json or csv"),
                };
            })
            .RequireAuthorization(Policies.Admin)
            .WithSummary("Access export of everything held about the person (json or csv).");

        p.MapPost("/rectify", async (Guid contactId, RectifyRequest body, PrivacyService privacy, CancellationToken ct) =>
            {
                await privacy.RectifyAsync(contactId, new Rectification(body.GivenNames, body.PaternalSurname, body.MaternalSurname, body.BirthDate, body.Gender, body.Locale, body.PrimaryEmail, body.PrimaryPhone), ct);
                return Results.NoContent();
            })
            .RequireAuthorization(Policies.Admin);

        p.MapPost("/block", async (Guid contactId, BlockRequest? body, PrivacyService privacy, CancellationToken ct) =>
            {
                await privacy.BlockAsync(contactId, body?.Reason, ct);
                return Results.NoContent();
            })
            .RequireAuthorization(Policies.Admin);

        p.MapPost("/unblock", async (Guid contactId, PrivacyService privacy, CancellationToken ct) =>
            {
                await privacy.UnblockAsync(contactId, ct);
                return Results.NoContent();
            })
            .RequireAuthorization(Policies.Admin);

        p.MapPost("/erase", async (Guid contactId, PrivacyService privacy, CancellationToken ct) =>
            {
                await privacy.EraseAsync(contactId, ct);
                return Results.NoContent();
            })
            .RequireAuthorization(Policies.Admin)
            .WithSummary("Erases a blocked contact: a tombstone with no personal data stays.");

        p.MapPost("/objection", async (Guid contactId, PrivacyService privacy, CancellationToken ct) =>
            {
                await privacy.ObjectToMarketingAsync(contactId, ct: ct);
                return Results.NoContent();
            })
            .RequireAuthorization(Policies.EditContacts)
            .WithSummary("Objection to marketing: withdrawn on every channel at once.");

        var audit = v1.MapGroup("/audit").WithTags("Audit").WithAuditActor().RequireAuthorization(Policies.Admin);
        audit.MapGet("/verify", (AuditLog log, CancellationToken ct) => log.VerifyAsync(ct));
        audit.MapGet("", async (Guid? contactId, int? page, int? pageSize, AuditLog log, CancellationToken ct) =>
        {
            var r = await log.ListAsync(contactId, page, pageSize, ct);
            return new PagedResult<AuditEntryDto>([.. r.Items.Select(e => new AuditEntryDto(e.Sequence, e.OccurredAt, e.Actor, e.Action, e.EntityType, e.EntityId, e.ContactId, e.Details, e.Hash))], r.Page, r.PageSize, r.Total);
        });

        var hygiene = v1.MapGroup("/hygiene").WithTags("Hygiene").WithAuditActor();
        hygiene.MapGet("/findings", async (Guid? runId, string? kind, bool? unreviewed, int? page, int? pageSize, HygieneService service, CancellationToken ct) =>
            {
                HygieneKind? k = kind is null ? null
                    : Enum.TryParse<HygieneKind>(kind.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var parsed) ? parsed
                    : throw new ValidationFailedException("kind", "must be stale, bad_channel, duplicate_candidate or reconfirmation");
                var r = await service.ListAsync(runId, k, unreviewed ?? false, page, pageSize, ct);
                return new PagedResult<HygieneFindingDto>([.. r.Items.Select(ToDto)], r.Page, r.PageSize, r.Total);
            })
            .RequireAuthorization(Policies.Marketing);
        hygiene.MapPost("/findings/{id:guid}/review", async (Guid id, ReviewRequest body, HygieneService service, CancellationToken ct) =>
            {
                await service.ReviewAsync(id, body.Resolution, ct);
                return Results.NoContent();
            })
            .RequireAuthorization(Policies.Marketing);
        hygiene.MapPost("/runs", (HygieneService service, CancellationToken ct) => service.RunAsync(ct))
            .RequireAuthorization(Policies.Admin)
            .WithSummary("Runs the hygiene checks now (they also run daily).");
        return v1;
    }

    private static HygieneFindingDto ToDto(HygieneFinding f) => new(
        f.Id, f.RunId, f.Kind switch
        {
            HygieneKind.Stale => "stale",
            HygieneKind.BadChannel => "bad_channel",
            HygieneKind.DuplicateCandidate => "duplicate_candidate",
            _ => "reconfirmation",
        },
        f.ContactId, f.OtherContactId, f.ChannelRowId, f.Reason, f.FoundAt, f.ReviewedAt, f.ReviewedBy, f.Resolution);
}
