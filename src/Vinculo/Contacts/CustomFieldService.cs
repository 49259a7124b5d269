using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Vinculo.Audit;
using Vinculo.Common;
using Vinculo.Storage;

namespace Vinculo.Contacts;

public sealed record CustomFieldInput(
    string Key,
    string Label,
    CustomFieldType Type,
    CustomFieldTarget Target = CustomFieldTarget.Contact,
    bool Required = false,
    IReadOnlyList<string>? AllowedValues = null,
    string? ValidationPattern = null,
    decimal? MinNumber = null,
    decimal? MaxNumber = null);

/// <summary>Custom field definitions: the "homologación" of which extra values a contact or organization may carry.</summary>
public sealed partial class CustomFieldService(IDbContextFactory<VinculoDbContext> contexts, TimeProvider? time = null, AuditActor? actor = null)
{
    public async Task<IReadOnlyList<CustomFieldDefinition>> ListAsync(CustomFieldTarget? target = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.Set<CustomFieldDefinition>().AsNoTracking();
        if (target is { } t)
        {
            query = query.Where(d => d.Target == t);
        }

        return await query.OrderBy(d => d.Target).ThenBy(d => d.Key).ToListAsync(ct);
    }

    public async Task<CustomFieldDefinition> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Set<CustomFieldDefinition>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct)
            ?? throw new NotFoundException("Custom field", id);
    }

    public async Task<CustomFieldDefinition> CreateAsync(CustomFieldInput input, CancellationToken ct = default)
    {
        var definition = new CustomFieldDefinition { Key = "", Label = "" };
        Apply(definition, input);
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Set<CustomFieldDefinition>().AnyAsync(d => d.Target == definition.Target && d.Key == definition.Key, ct))
        {
            throw new ConflictException($"A {definition.Target} custom field with key '{definition.Key}' already exists.");
        }

        db.Add(definition);
        await db.SaveChangesAuditedAsync(actor, Clock, Audit(AuditActions.CustomFieldCreated, definition), ct);
        return definition;
    }

    /// <summary>Changes a definition; the key and target stay (stored values and segments refer to them).</summary>
    public async Task<CustomFieldDefinition> UpdateAsync(Guid id, CustomFieldInput input, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var definition = await db.Set<CustomFieldDefinition>().FirstOrDefaultAsync(d => d.Id == id, ct)
            ?? throw new NotFoundException("Custom field", id);
        if (!string.Equals(input.Key?.Trim(), definition.Key, StringComparison.Ordinal) || input.Target != definition.Target)
        {
            throw new ValidationFailedException("key", "the key and target of a custom field cannot change");
        }

        Apply(definition, input);
        await db.SaveChangesAuditedAsync(actor, Clock, Audit(AuditActions.CustomFieldUpdated, definition), ct);
        return definition;
    }

    /// <summary>Deletes the definition; values already stored stay in the JSON but are no longer accepted on writes.</summary>
    public async Task DeleteAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var definition = await db.Set<CustomFieldDefinition>().FirstOrDefaultAsync(d => d.Id == id, ct)
            ?? throw new NotFoundException("Custom field", id);
        db.Remove(definition);
        await db.SaveChangesAuditedAsync(actor, Clock, Audit(AuditActions.CustomFieldDeleted, definition), ct);
    }

    private TimeProvider Clock => time ?? TimeProvider.System;

    private static AuditEvent Audit(string action, CustomFieldDefinition d) =>
        new(action, null, nameof(CustomFieldDefinition), d.Id, new { key = d.Key, target = d.Target.ToString(), label = d.Label, type = d.Type.ToString() });

    private static void Apply(CustomFieldDefinition d, CustomFieldInput input)
    {
        var errors = new ValidationErrors();
        var key = input.Key?.Trim() ?? "";
        if (!KeyPattern().IsMatch(key))
        {
            errors.Add("key", "must start with a lower-case letter and use only a-z, 0-9 and _ (at most 64)");
        }

        var label = input.Label?.Trim();
        if (string.IsNullOrEmpty(label) || label.Length > 200)
        {
            errors.Add("label", "is required and at most 200 characters");
        }

        if (!Enum.IsDefined(input.Type))
        {
            errors.Add("type", "is not a custom field type");
        }

        if (!Enum.IsDefined(input.Target))
        {
            errors.Add("target", "is not a custom field target");
        }

        var allowed = (input.AllowedValues ?? []).Select(v => v?.Trim() ?? "").Where(v => v.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (input.Type is CustomFieldType.Choice or CustomFieldType.MultiChoice && allowed.Count == 0)
        {
            errors.Add("allowedValues", "a choice field needs at least one allowed value");
        }

        var pattern = string.IsNullOrWhiteSpace(input.ValidationPattern) ? null : input.ValidationPattern;
        if (pattern is not null && (pattern.Length > 500 || !CustomFieldValidator.IsValidPattern(pattern)))
        {
            errors.Add("validationPattern", "is not a valid regular expression (at most 500 characters)");
        }

        if (pattern is not null && input.Type != CustomFieldType.Text)
        {
            errors.Add("validationPattern", "applies to text fields only");
        }

        if (input.MinNumber is { } min && input.MaxNumber is { } max && min > max)
        {
            errors.Add("minNumber", "must not be greater than maxNumber");
        }

        errors.ThrowIfAny();
        d.Key = key;
        d.Label = label!;
        d.Type = input.Type;
        d.Target = input.Target;
        d.Required = input.Required;
        d.AllowedValues = input.Type is CustomFieldType.Choice or CustomFieldType.MultiChoice ? allowed : [];
        d.ValidationPattern = pattern;
        d.MinNumber = input.Type == CustomFieldType.Number ? input.MinNumber : null;
        d.MaxNumber = input.Type == CustomFieldType.Number ? input.MaxNumber : null;
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$")]
    private static partial Regex KeyPattern();
}
