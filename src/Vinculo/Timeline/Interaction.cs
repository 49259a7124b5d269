using Vinculo.Storage;

namespace Vinculo.Timeline;

/// <summary>
/// One touchpoint on a contact's timeline: append-only. Every capability writes here
/// (orders, sends, opens, clicks, replies, surveys, social posts, consent, hygiene).
/// </summary>
public sealed class Interaction : WorkspaceEntity
{
    public Guid? ContactId { get; set; }
    /// <summary>Dotted type, e.g. "email.opened", "order.placed", "web.page_viewed".</summary>
    public required string Type { get; set; }
    /// <summary>email, sms, web, pos, phone, social, …</summary>
    public string? Channel { get; set; }
    public DateTime OccurredAt { get; set; }
    public DateTime RecordedAt { get; set; }
    /// <summary>Free-form JSON object.</summary>
    public string Properties { get; set; } = "{}";
    /// <summary>Unique per workspace when present; a repeated key is accepted once.</summary>
    public string? IdempotencyKey { get; set; }
    public string? Source { get; set; }
}
