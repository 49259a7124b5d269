using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Vinculo.Common;
using Vinculo.Contacts;
using Vinculo.Ingestion.Normalization;
using Vinculo.Segments;
using Vinculo.Storage;

namespace Vinculo.Ingestion.Identity;

public sealed record MergeRequest(Guid SurvivorId, Guid LoserId)
{
    public Guid? CandidateId { get; init; }
    public bool Automatic { get; init; }
    public string? Actor { get; init; }
    /// <summary>Overrides the configured survivorship for this merge.</summary>
    public SurvivorshipPolicy? Survivorship { get; init; }
}

/// <summary>
/// Merges two contacts into one and undoes it. The survivor takes field values by the survivorship
/// rules and every row that pointed at the loser (channels, tags, memberships, guardian links, orders,
/// timeline, and any table a capability adds with a foreign key to contacts); the loser stays as a
/// tombstone (Status Merged, MergedIntoId) and a ContactMerge row keeps what is needed to undo it.
/// </summary>
public sealed class ContactMergeService(IDbContextFactory<VinculoDbContext> factory, TimeProvider clock, IdentityOptions options, SegmentSignals? segmentSignals = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Handled one by one because they deduplicate on merge; every other reference is re-pointed generically.
    private static readonly HashSet<Type> ChannelTypes = [typeof(ContactEmail), typeof(ContactPhone), typeof(PostalAddress), typeof(ContactTag), typeof(Contact)];

    // Never copied between the two by survivorship.
    private static readonly HashSet<string> NotSurvivorshipFields = new(StringComparer.Ordinal)
    {
        nameof(Contact.Id), nameof(Contact.WorkspaceId), nameof(Contact.Status), nameof(Contact.MergedIntoId),
        nameof(Contact.CreatedAt), nameof(Contact.UpdatedAt), nameof(Contact.DisplayName), nameof(Contact.SearchName),
        nameof(Contact.CustomFields),
    };

    public async Task<ContactMerge> MergeCandidateAsync(Guid candidateId, Guid? survivorId, string? actor, CancellationToken ct = default)
    {
        await using var db = factory.CreateDbContext();
        var candidate = await db.Set<DuplicateCandidate>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == candidateId, ct)
            ?? throw new NotFoundException("Duplicate candidate", candidateId);
        if (candidate.Status != CandidateStatus.Open)
        {
            throw new ConflictException($"Duplicate candidate {candidateId} is {candidate.Status.ToString().ToLowerInvariant()}.");
        }

        Guid survivor, loser;
        if (survivorId is { } chosen)
        {
            if (chosen != candidate.ContactAId && chosen != candidate.ContactBId)
            {
                throw new ValidationFailedException("survivorId", "must be one of the candidate's two contacts");
            }

            (survivor, loser) = chosen == candidate.ContactAId ? (candidate.ContactAId, candidate.ContactBId) : (candidate.ContactBId, candidate.ContactAId);
        }
        else
        {
            (survivor, loser) = await DefaultSurvivorAsync(db, candidate.ContactAId, candidate.ContactBId, ct);
        }

        return await MergeAsync(new MergeRequest(survivor, loser) { CandidateId = candidateId, Actor = actor }, ct);
    }

    /// <summary>The contact created first survives: it is the one other systems most likely know.</summary>
    internal static async Task<(Guid Survivor, Guid Loser)> DefaultSurvivorAsync(VinculoDbContext db, Guid a, Guid b, CancellationToken ct)
    {
        var created = await db.Set<Contact>().AsNoTracking().Where(c => c.Id == a || c.Id == b)
            .Select(c => new { c.Id, c.CreatedAt }).ToListAsync(ct);
        var ordered = created.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).Select(c => c.Id).ToList();
        return ordered.Count == 2 ? (ordered[0], ordered[1]) : (a, b);
    }

    public async Task DismissAsync(Guid candidateId, CancellationToken ct = default)
    {
        await using var db = factory.CreateDbContext();
        var candidate = await db.Set<DuplicateCandidate>().SingleOrDefaultAsync(c => c.Id == candidateId, ct)
            ?? throw new NotFoundException("Duplicate candidate", candidateId);
        if (candidate.Status == CandidateStatus.Merged)
        {
            throw new ConflictException($"Duplicate candidate {candidateId} is merged; unmerge it instead.");
        }

        candidate.Status = CandidateStatus.Dismissed;
        candidate.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
    }

    public async Task<ContactMerge> MergeAsync(MergeRequest request, CancellationToken ct = default)
    {
        if (request.SurvivorId == request.LoserId)
        {
            throw new ValidationFailedException("loserId", "a contact cannot be merged into itself");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = factory.CreateDbContext();
        // The request's policy, else the workspace's saved one, else the configured default.
        var policy = request.Survivorship ?? await IdentitySettings.PolicyAsync(db, ct) ?? options.Survivorship;
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        var survivor = await db.Set<Contact>().SingleOrDefaultAsync(c => c.Id == request.SurvivorId, ct)
            ?? throw new NotFoundException("Contact", request.SurvivorId);
        var loser = await db.Set<Contact>().SingleOrDefaultAsync(c => c.Id == request.LoserId, ct)
            ?? throw new NotFoundException("Contact", request.LoserId);
        if (survivor.Status != ContactStatus.Active || loser.Status != ContactStatus.Active)
        {
            throw new ConflictException("Only active contacts can be merged.");
        }

        var snapshot = new MergeSnapshot
        {
            Loser = Capture(db.Entry(loser)),
            SurvivorBefore = Capture(db.Entry(survivor)),
        };
        var moved = new Dictionary<string, List<Guid>>(StringComparer.Ordinal);

        ApplySurvivorship(db.Entry(survivor), db.Entry(loser), policy);
        survivor.CustomFields = MergeCustomFields(survivor, loser, policy);
        survivor.CreatedAt = survivor.CreatedAt <= loser.CreatedAt ? survivor.CreatedAt : loser.CreatedAt;
        survivor.DisplayName = Contact.ComposeDisplayName(survivor.GivenNames, survivor.PaternalSurname, survivor.MaternalSurname);
        survivor.SearchName = Normalize.SearchKey(survivor.DisplayName);
        survivor.UpdatedAt = now;

        await MoveChannelsAsync(db, survivor.Id, loser.Id, snapshot, moved, ct);
        await MoveReferencesAsync(db, survivor.Id, loser.Id, moved, ct);

        loser.Status = ContactStatus.Merged;
        loser.MergedIntoId = survivor.Id;
        loser.UpdatedAt = now;
        snapshot.SurvivorAfter = Capture(db.Entry(survivor));

        var merge = new ContactMerge
        {
            SurvivorId = survivor.Id,
            LoserId = loser.Id,
            Automatic = request.Automatic,
            Actor = request.Actor,
            MergedAt = now,
            Snapshot = JsonSerializer.Serialize(snapshot, Json),
            MovedRows = JsonSerializer.Serialize(moved, Json),
        };
        db.Add(merge);

        var (a, b) = DuplicateCandidate.Ordered(survivor.Id, loser.Id);
        var candidate = request.CandidateId is { } candidateId
            ? await db.Set<DuplicateCandidate>().SingleOrDefaultAsync(c => c.Id == candidateId, ct)
            : await db.Set<DuplicateCandidate>().SingleOrDefaultAsync(c => c.ContactAId == a && c.ContactBId == b, ct);
        if (candidate is not null)
        {
            candidate.Status = CandidateStatus.Merged;
            candidate.MergeId = merge.Id;
            candidate.UpdatedAt = now;
            merge.CandidateId = candidate.Id;
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        segmentSignals?.Changed(db, SegmentSignals.EverythingOfAContact);
        return merge;
    }

    /// <summary>Undoes a merge: the loser comes back as it was and every row moved from it moves back.</summary>
    public async Task<ContactMerge> UnmergeAsync(Guid mergeId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = factory.CreateDbContext();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var merge = await db.Set<ContactMerge>().SingleOrDefaultAsync(m => m.Id == mergeId, ct)
            ?? throw new NotFoundException("Merge", mergeId);
        if (merge.UnmergedAt is not null)
        {
            throw new ConflictException($"Merge {mergeId} was already undone.");
        }

        var survivor = await db.Set<Contact>().SingleAsync(c => c.Id == merge.SurvivorId, ct);
        var loser = await db.Set<Contact>().SingleAsync(c => c.Id == merge.LoserId, ct);
        if (survivor.Status != ContactStatus.Active)
        {
            throw new ConflictException($"Contact {survivor.Id} was merged again after this merge; undo that merge first.");
        }

        var snapshot = JsonSerializer.Deserialize<MergeSnapshot>(merge.Snapshot, Json)!;
        var moved = JsonSerializer.Deserialize<Dictionary<string, List<Guid>>>(merge.MovedRows, Json)!;

        await RestoreReferencesAsync(db, survivor.Id, loser.Id, moved, ct);
        await RestoreChannelsAsync(db, survivor.Id, loser.Id, snapshot, moved, ct);

        // Survivor fields go back only where nobody changed them since the merge.
        var survivorEntry = db.Entry(survivor);
        foreach (var (name, after) in snapshot.SurvivorAfter)
        {
            var property = survivorEntry.Property(name);
            if (SameValue(property.CurrentValue, Deserialize(after, property.Metadata.ClrType)) && snapshot.SurvivorBefore.TryGetValue(name, out var before))
            {
                property.CurrentValue = Deserialize(before, property.Metadata.ClrType);
            }
        }

        survivor.UpdatedAt = now;
        var loserEntry = db.Entry(loser);
        foreach (var (name, value) in snapshot.Loser.Where(p => p.Key is not (nameof(Contact.Id) or nameof(Contact.WorkspaceId))))
        {
            loserEntry.Property(name).CurrentValue = Deserialize(value, loserEntry.Property(name).Metadata.ClrType);
        }

        merge.UnmergedAt = now;
        if (merge.CandidateId is { } candidateId && await db.Set<DuplicateCandidate>().SingleOrDefaultAsync(c => c.Id == candidateId, ct) is { } candidate)
        {
            // A person said these are two people: the detector must not propose or merge them again.
            candidate.Status = CandidateStatus.Dismissed;
            candidate.UpdatedAt = now;
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        segmentSignals?.Changed(db, SegmentSignals.EverythingOfAContact);
        return merge;
    }

    private static void ApplySurvivorship(EntityEntry<Contact> survivor, EntityEntry<Contact> loser, SurvivorshipPolicy policy)
    {
        var s = survivor.Entity;
        var l = loser.Entity;
        foreach (var property in survivor.Properties)
        {
            var meta = property.Metadata;
            if (NotSurvivorshipFields.Contains(meta.Name) || meta.IsShadowProperty() || !IsNullable(meta))
            {
                continue;
            }

            var mine = property.CurrentValue;
            var theirs = loser.Property(meta.Name).CurrentValue;
            if (IsEmpty(theirs))
            {
                continue;
            }

            if (IsEmpty(mine))
            {
                property.CurrentValue = theirs;
                continue;
            }

            var takeLoser = policy.RuleFor(CamelCase(meta.Name)) switch
            {
                SurvivorshipRule.MostRecent => l.UpdatedAt > s.UpdatedAt,
                SurvivorshipRule.Oldest => l.CreatedAt < s.CreatedAt,
                SurvivorshipRule.Longest => (theirs?.ToString()?.Length ?? 0) > (mine?.ToString()?.Length ?? 0),
                SurvivorshipRule.MostComplete => Completeness(loser) > Completeness(survivor),
                SurvivorshipRule.SourcePriority => SourceRank(policy, l.Source) < SourceRank(policy, s.Source),
                _ => false,
            };
            if (takeLoser)
            {
                property.CurrentValue = theirs;
            }
        }
    }

    private static string MergeCustomFields(Contact survivor, Contact loser, SurvivorshipPolicy policy)
    {
        var mine = JsonNode.Parse(string.IsNullOrWhiteSpace(survivor.CustomFields) ? "{}" : survivor.CustomFields) as JsonObject ?? [];
        var theirs = JsonNode.Parse(string.IsNullOrWhiteSpace(loser.CustomFields) ? "{}" : loser.CustomFields) as JsonObject ?? [];
        foreach (var (key, value) in theirs.ToList())
        {
            if (value is null || (value is JsonValue v && v.TryGetValue<string>(out var text) && string.IsNullOrWhiteSpace(text)))
            {
                continue;
            }

            if (!mine.TryGetPropertyValue(key, out var current) || current is null)
            {
                mine[key] = value.DeepClone();
                continue;
            }

            var rule = policy.Fields.TryGetValue("custom." + key, out var specific) ? specific : policy.RuleFor(nameof(Contact.CustomFields));
            var takeLoser = rule switch
            {
                SurvivorshipRule.MostRecent => loser.UpdatedAt > survivor.UpdatedAt,
                SurvivorshipRule.Oldest => loser.CreatedAt < survivor.CreatedAt,
                SurvivorshipRule.Longest => value.ToJsonString().Length > current.ToJsonString().Length,
                SurvivorshipRule.SourcePriority => SourceRank(policy, loser.Source) < SourceRank(policy, survivor.Source),
                _ => false,
            };
            if (takeLoser)
            {
                mine[key] = value.DeepClone();
            }
        }

        return mine.ToJsonString();
    }

    private static int Completeness(EntityEntry<Contact> entry) =>
        entry.Properties.Count(p => !NotSurvivorshipFields.Contains(p.Metadata.Name) && IsNullable(p.Metadata) && !IsEmpty(p.CurrentValue));

    private static int SourceRank(SurvivorshipPolicy policy, string? source)
    {
        var index = source is null ? -1 : policy.SourcePriority.FindIndex(s => string.Equals(s, source, StringComparison.OrdinalIgnoreCase));
        return index < 0 ? int.MaxValue : index;
    }

    private static bool IsNullable(IReadOnlyProperty property) =>
        !property.ClrType.IsValueType || Nullable.GetUnderlyingType(property.ClrType) is not null;

    private static bool IsEmpty(object? value) => value is null || (value is string s && string.IsNullOrWhiteSpace(s));

    private static string CamelCase(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>Loser's emails, phones, addresses and tags: new ones move to the survivor, ones it already has are removed (and kept in the snapshot).</summary>
    private static async Task MoveChannelsAsync(VinculoDbContext db, Guid survivorId, Guid loserId, MergeSnapshot snapshot, Dictionary<string, List<Guid>> moved, CancellationToken ct)
    {
        var emails = await db.Set<ContactEmail>().AsNoTracking().Where(e => e.ContactId == survivorId || e.ContactId == loserId).ToListAsync(ct);
        var phones = await db.Set<ContactPhone>().AsNoTracking().Where(p => p.ContactId == survivorId || p.ContactId == loserId).ToListAsync(ct);
        var addresses = await db.Set<PostalAddress>().AsNoTracking().Where(a => a.ContactId == survivorId || a.ContactId == loserId).ToListAsync(ct);
        var tags = await db.Set<ContactTag>().AsNoTracking().Where(t => t.ContactId == survivorId || t.ContactId == loserId).ToListAsync(ct);

        snapshot.Emails = [.. emails.Where(e => e.ContactId == loserId)];
        snapshot.Phones = [.. phones.Where(p => p.ContactId == loserId)];
        snapshot.Addresses = [.. addresses.Where(a => a.ContactId == loserId)];
        snapshot.Tags = [.. tags.Where(t => t.ContactId == loserId).Select(t => t.Name)];

        var survivorEmails = emails.Where(e => e.ContactId == survivorId).Select(e => e.Address).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var emailMoves = snapshot.Emails.Where(e => !survivorEmails.Contains(e.Address)).Select(e => e.Id).ToList();
        var emailDeletes = snapshot.Emails.Select(e => e.Id).Except(emailMoves).ToList();
        var survivorHasPrimaryEmail = emails.Any(e => e.ContactId == survivorId && e.IsPrimary);
        await db.Set<ContactEmail>().Where(e => emailDeletes.Contains(e.Id)).ExecuteDeleteAsync(ct);
        await db.Set<ContactEmail>().Where(e => emailMoves.Contains(e.Id)).ExecuteUpdateAsync(
            s => s.SetProperty(e => e.ContactId, survivorId).SetProperty(e => e.IsPrimary, e => e.IsPrimary && !survivorHasPrimaryEmail), ct);
        moved["contact_emails"] = emailMoves;

        var survivorPhones = phones.Where(p => p.ContactId == survivorId).Select(p => p.Number).ToHashSet(StringComparer.Ordinal);
        var phoneMoves = snapshot.Phones.Where(p => !survivorPhones.Contains(p.Number)).Select(p => p.Id).ToList();
        var phoneDeletes = snapshot.Phones.Select(p => p.Id).Except(phoneMoves).ToList();
        var survivorHasPrimaryPhone = phones.Any(p => p.ContactId == survivorId && p.IsPrimary);
        await db.Set<ContactPhone>().Where(p => phoneDeletes.Contains(p.Id)).ExecuteDeleteAsync(ct);
        await db.Set<ContactPhone>().Where(p => phoneMoves.Contains(p.Id)).ExecuteUpdateAsync(
            s => s.SetProperty(p => p.ContactId, survivorId).SetProperty(p => p.IsPrimary, p => p.IsPrimary && !survivorHasPrimaryPhone), ct);
        moved["contact_phones"] = phoneMoves;

        var survivorAddresses = addresses.Where(a => a.ContactId == survivorId).Select(AddressKey).ToHashSet(StringComparer.Ordinal);
        var addressMoves = snapshot.Addresses.Where(a => !survivorAddresses.Contains(AddressKey(a))).Select(a => a.Id).ToList();
        var addressDeletes = snapshot.Addresses.Select(a => a.Id).Except(addressMoves).ToList();
        var survivorHasPrimaryAddress = addresses.Any(a => a.ContactId == survivorId && a.IsPrimary);
        await db.Set<PostalAddress>().Where(a => addressDeletes.Contains(a.Id)).ExecuteDeleteAsync(ct);
        await db.Set<PostalAddress>().Where(a => addressMoves.Contains(a.Id)).ExecuteUpdateAsync(
            s => s.SetProperty(a => a.ContactId, survivorId).SetProperty(a => a.IsPrimary, a => a.IsPrimary && !survivorHasPrimaryAddress), ct);
        moved["postal_addresses"] = addressMoves;

        var survivorTags = tags.Where(t => t.ContactId == survivorId).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        snapshot.TagsAddedToSurvivor = [.. snapshot.Tags.Where(t => !survivorTags.Contains(t))];
        await db.Set<ContactTag>().Where(t => t.ContactId == loserId).ExecuteDeleteAsync(ct);
        db.AddRange(snapshot.TagsAddedToSurvivor.Select(name => new ContactTag { ContactId = survivorId, Name = name }));
    }

    private static async Task RestoreChannelsAsync(VinculoDbContext db, Guid survivorId, Guid loserId, MergeSnapshot snapshot, Dictionary<string, List<Guid>> moved, CancellationToken ct)
    {
        // Moved rows go back (keeping any change made to them since); removed duplicates come back from the snapshot.
        var emailMoves = moved.GetValueOrDefault("contact_emails") ?? [];
        await db.Set<ContactEmail>().Where(e => emailMoves.Contains(e.Id) && e.ContactId == survivorId).ExecuteUpdateAsync(s => s.SetProperty(e => e.ContactId, loserId), ct);
        await RestorePrimaryAsync(db.Set<ContactEmail>(), snapshot.Emails.Where(e => e.IsPrimary).Select(e => e.Id).ToList(), ct);
        db.AddRange(snapshot.Emails.Where(e => !emailMoves.Contains(e.Id)).Select(e => { e.WorkspaceId = Guid.Empty; return e; }));

        var phoneMoves = moved.GetValueOrDefault("contact_phones") ?? [];
        await db.Set<ContactPhone>().Where(p => phoneMoves.Contains(p.Id) && p.ContactId == survivorId).ExecuteUpdateAsync(s => s.SetProperty(p => p.ContactId, loserId), ct);
        await RestorePrimaryAsync(db.Set<ContactPhone>(), snapshot.Phones.Where(p => p.IsPrimary).Select(p => p.Id).ToList(), ct);
        db.AddRange(snapshot.Phones.Where(p => !phoneMoves.Contains(p.Id)).Select(p => { p.WorkspaceId = Guid.Empty; return p; }));

        var addressMoves = moved.GetValueOrDefault("postal_addresses") ?? [];
        await db.Set<PostalAddress>().Where(a => addressMoves.Contains(a.Id) && a.ContactId == survivorId).ExecuteUpdateAsync(s => s.SetProperty(a => a.ContactId, loserId), ct);
        await RestorePrimaryAsync(db.Set<PostalAddress>(), snapshot.Addresses.Where(a => a.IsPrimary).Select(a => a.Id).ToList(), ct);
        db.AddRange(snapshot.Addresses.Where(a => !addressMoves.Contains(a.Id)).Select(a => { a.WorkspaceId = Guid.Empty; return a; }));

        var added = snapshot.TagsAddedToSurvivor;
        await db.Set<ContactTag>().Where(t => t.ContactId == survivorId && added.Contains(t.Name)).ExecuteDeleteAsync(ct);
        db.AddRange(snapshot.Tags.Select(name => new ContactTag { ContactId = loserId, Name = name }));
    }

    private static Task RestorePrimaryAsync<T>(DbSet<T> set, List<Guid> primaryIds, CancellationToken ct) where T : WorkspaceEntity =>
        primaryIds.Count == 0
            ? Task.CompletedTask
            : set.Where(e => primaryIds.Contains(e.Id)).ExecuteUpdateAsync(s => s.SetProperty(e => EF.Property<bool>(e, "IsPrimary"), true), ct);

    private static string AddressKey(PostalAddress a) => string.Join('|',
        PreparedRecord.Fold(a.Street), PreparedRecord.Fold(a.ExteriorNumber), PreparedRecord.Fold(a.InteriorNumber), PreparedRecord.Fold(a.PostalCode), a.CountryCode);

    /// <summary>Every single-column foreign key to contacts outside the channel tables: re-pointed set-based, moved ids recorded.</summary>
    private static async Task MoveReferencesAsync(VinculoDbContext db, Guid survivorId, Guid loserId, Dictionary<string, List<Guid>> moved, CancellationToken ct)
    {
        foreach (var reference in References(db))
        {
            var ids = new List<Guid>();
            await using (var select = Command(db, $"SELECT {reference.IdColumn} FROM {reference.Table} WHERE {reference.Column} = @loser{reference.WorkspaceFilter}", loserId, survivorId))
            await using (var reader = await select.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    ids.Add(reader.GetGuid(0));
                }
            }

            if (ids.Count == 0)
            {
                continue;
            }

            await using var update = Command(db, $"UPDATE {reference.Table} SET {reference.Column} = @survivor WHERE {reference.Column} = @loser{reference.WorkspaceFilter}", loserId, survivorId);
            await update.ExecuteNonQueryAsync(ct);
            moved[reference.Key] = ids;
        }
    }

    private static async Task RestoreReferencesAsync(VinculoDbContext db, Guid survivorId, Guid loserId, Dictionary<string, List<Guid>> moved, CancellationToken ct)
    {
        foreach (var reference in References(db))
        {
            if (!moved.TryGetValue(reference.Key, out var ids) || ids.Count == 0)
            {
                continue;
            }

            foreach (var chunk in ids.Chunk(500))
            {
                var names = string.Join(", ", chunk.Select((_, i) => "@id" + i));
                await using var update = Command(db, $"UPDATE {reference.Table} SET {reference.Column} = @loser WHERE {reference.Column} = @survivor AND {reference.IdColumn} IN ({names}){reference.WorkspaceFilter}", loserId, survivorId);
                for (var i = 0; i < chunk.Length; i++)
                {
                    AddParameter(db, update, "@id" + i, chunk[i]);
                }

                await update.ExecuteNonQueryAsync(ct);
            }
        }
    }

    private sealed record ContactReference(string Table, string Column, string IdColumn, string WorkspaceFilter)
    {
        public string Key => $"{Table}.{Column}";
    }

    private static List<ContactReference> References(VinculoDbContext db)
    {
        var result = new List<ContactReference>();
        foreach (var fk in db.Model.FindEntityType(typeof(Contact))!.GetReferencingForeignKeys())
        {
            var entity = fk.DeclaringEntityType;
            var key = entity.FindPrimaryKey();
            if (ChannelTypes.Contains(entity.ClrType) || fk.Properties.Count != 1 || key is null || key.Properties.Count != 1 || key.Properties[0].ClrType != typeof(Guid))
            {
                continue;
            }

            var table = entity.GetTableName()!;
            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            var workspace = entity.FindProperty(nameof(IWorkspaceOwned.WorkspaceId));
            result.Add(new ContactReference(
                table,
                fk.Properties[0].GetColumnName(store)!,
                key.Properties[0].GetColumnName(store)!,
                workspace is null ? "" : $" AND {workspace.GetColumnName(store)} = @workspace"));
        }

        return result;
    }

    private static DbCommand Command(VinculoDbContext db, string sql, Guid loserId, Guid survivorId)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        AddParameter(db, command, "@loser", loserId);
        AddParameter(db, command, "@survivor", survivorId);
        AddParameter(db, command, "@workspace", db.WorkspaceId ?? Guid.Empty);
        return command;
    }

    /// <summary>A GUID parameter in the provider's storage form (16-byte blob on SQLite, as EF maps it).</summary>
    internal static void AddParameter(VinculoDbContext db, DbCommand command, string name, Guid value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = db.Provider == StorageProvider.Sqlite ? value.ToByteArray() : value;
        command.Parameters.Add(parameter);
    }

    private static Dictionary<string, JsonElement> Capture(EntityEntry<Contact> entry) =>
        entry.Properties.Where(p => !p.Metadata.IsShadowProperty())
            .ToDictionary(p => p.Metadata.Name, p => Serialize(p.CurrentValue), StringComparer.Ordinal);

    // JSON columns come back re-formatted by PostgreSQL (jsonb), so they are compared as documents.
    private static bool SameValue(object? current, object? expected)
    {
        if (current is string a && expected is string b && a.StartsWith('{') && b.StartsWith('{'))
        {
            try
            {
                return JsonNode.DeepEquals(JsonNode.Parse(a), JsonNode.Parse(b));
            }
            catch (JsonException)
            {
                return a == b;
            }
        }

        return Equals(current, expected);
    }

    private static JsonElement Serialize(object? value) => JsonSerializer.SerializeToElement(value, Json);

    private static object? Deserialize(JsonElement value, Type type) => value.Deserialize(type, Json);
}

/// <summary>What a merge changed, kept as JSON on the ContactMerge row.</summary>
public sealed class MergeSnapshot
{
    public Dictionary<string, JsonElement> Loser { get; set; } = [];
    public Dictionary<string, JsonElement> SurvivorBefore { get; set; } = [];
    public Dictionary<string, JsonElement> SurvivorAfter { get; set; } = [];
    public List<ContactEmail> Emails { get; set; } = [];
    public List<ContactPhone> Phones { get; set; } = [];
    public List<PostalAddress> Addresses { get; set; } = [];
    public List<string> Tags { get; set; } = [];
    public List<string> TagsAddedToSurvivor { get; set; } = [];
}
