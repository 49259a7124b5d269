using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Vinculo.Audit;
using Vinculo.Common;
using Vinculo.Contacts;
using Vinculo.Storage;
using Vinculo.Workspaces;

namespace Vinculo.Ingestion.Normalization;

/// <summary>
/// The workspace's normalization rules, for every entry path (imports, API, forms): load once with
/// <see cref="LoadAsync"/>, then <see cref="FieldRuleSet.Apply"/> per value. Edit with List/Save.
/// </summary>
public sealed class NormalizationRules(IDbContextFactory<VinculoDbContext> contexts, TimeProvider? time = null, AuditActor? actor = null)
{
    public async Task<FieldRuleSet> LoadAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var workspaceId = db.WorkspaceId ?? throw new InvalidOperationException("Normalization rules belong to a workspace.");
        var country = await db.Set<Workspace>().Where(w => w.Id == workspaceId).Select(w => w.CountryCode).FirstOrDefaultAsync(ct) ?? "MX";
        var rules = await db.Set<NormalizationRule>().AsNoTracking().Where(r => r.Enabled).OrderBy(r => r.Field).ThenBy(r => r.Position).ToListAsync(ct);
        var customFields = await db.Set<CustomFieldDefinition>().AsNoTracking().ToListAsync(ct);
        return new FieldRuleSet(country, rules, customFields);
    }

    public async Task<IReadOnlyList<NormalizationRule>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Set<NormalizationRule>().AsNoTracking().OrderBy(r => r.Field).ThenBy(r => r.Position).ToListAsync(ct);
    }

    /// <summary>Replaces the rules of one field with the given ones (in order); an empty list restores the built-in behaviour.</summary>
    public async Task SaveFieldAsync(string field, IReadOnlyList<NormalizationRule> rules, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(field))
        {
            errors.Add("field", "is required");
        }

        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            if (rule.Kind == RuleKind.Regex && !IsValidRegex(rule.Argument))
            {
                errors.Add($"rules[{i}].argument", "is not a valid regular expression");
            }

            if (rule.Kind == RuleKind.AllowedValues && string.IsNullOrWhiteSpace(rule.Argument))
            {
                errors.Add($"rules[{i}].argument", "lists no allowed values");
            }

            if (rule.Kind == RuleKind.MaxLength && !int.TryParse(rule.Argument, CultureInfo.InvariantCulture, out _))
            {
                errors.Add($"rules[{i}].argument", "must be a number of characters");
            }
        }

        errors.ThrowIfAny();
        var audit = new AuditEvent(AuditActions.NormalizationRulesSaved, null, nameof(NormalizationRule), null,
            new { field, rules = rules.Select(r => new { kind = r.Kind.ToString(), severity = r.Severity.ToString(), r.Enabled }).ToList() });
        // Delete and insert in one transaction with the audit entry; the whole replacement is retried
        // when another writer appended to the audit chain first.
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            try
            {
                await db.Set<NormalizationRule>().Where(r => r.Field == field).ExecuteDeleteAsync(ct);
                for (var i = 0; i < rules.Count; i++)
                {
                    db.Add(new NormalizationRule
                    {
                        Field = field,
                        Kind = rules[i].Kind,
                        Severity = rules[i].Severity,
                        Argument = rules[i].Argument,
                        Message = rules[i].Message,
                        Position = i,
                        Enabled = rules[i].Enabled,
                    });
                }

                await db.SaveChangesAuditedAsync(actor?.Name ?? "system", (time ?? TimeProvider.System).GetUtcNow().UtcDateTime, [audit], ct);
                await transaction.CommitAsync(ct);
                return;
            }
            catch (DbUpdateException) when (attempt < 8)
            {
                await transaction.RollbackAsync(ct);
                await Task.Delay(attempt * 5, ct);
            }
        }
    }

    private static bool IsValidRegex(string? pattern)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            return false;
        }

        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

/// <summary>The result of normalizing one value: the value to store (null = none), and an error or a warning.</summary>
public readonly record struct CellResult(string? Value, string? Error, string? Warning)
{
    public bool IsRejected => Error is not null;
}

/// <summary>A workspace's rules compiled per field; thread-safe and cheap to apply.</summary>
public sealed class FieldRuleSet
{
    private static readonly FrozenSet<string> NameFields = FrozenSet.ToFrozenSet(["given_names", "paternal_surname", "maternal_surname", "last_name", "full_name"], StringComparer.Ordinal);
    private static readonly FrozenSet<string> PhoneFields = FrozenSet.ToFrozenSet(["phone", "mobile", "customer_phone"], StringComparer.Ordinal);
    private static readonly FrozenSet<string> EmailFields = FrozenSet.ToFrozenSet(["email", "customer_email"], StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, Step[]> _pipelines = new(StringComparer.Ordinal);

    public FieldRuleSet(string countryCode, IEnumerable<NormalizationRule> rules, IEnumerable<CustomFieldDefinition> customFields)
    {
        Region = string.IsNullOrWhiteSpace(countryCode) ? "MX" : countryCode.ToUpperInvariant();
        var byField = rules.GroupBy(r => r.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.OrderBy(r => r.Position).ToList(), StringComparer.Ordinal);
        foreach (var definition in customFields.Where(d => d.Target == CustomFieldTarget.Contact))
        {
            var field = "custom:" + definition.Key;
            _pipelines[field] = [.. CustomFieldSteps(definition), .. (byField.GetValueOrDefault(field) ?? []).Select(Compile)];
        }

        foreach (var (field, fieldRules) in byField)
        {
            if (_pipelines.ContainsKey(field))
            {
                continue;
            }

            var compiled = fieldRules.Select(Compile).ToList();
            // Configured transforms replace the built-in ones; configured checks add to them.
            var steps = compiled.Any(s => s.IsTransform) ? compiled : [.. BuiltIn(field), .. compiled];
            _pipelines[field] = [.. steps];
        }
    }

    /// <summary>Default phone region: the workspace's country.</summary>
    public string Region { get; }

    /// <summary>Built-in rules only, for a workspace in <paramref name="countryCode"/>.</summary>
    public static FieldRuleSet Defaults(string countryCode = "MX") => new(countryCode, [], []);

    /// <summary>Normalizes <paramref name="raw"/> as field <paramref name="field"/>: every entry path calls this.</summary>
    public CellResult Apply(string field, string? raw)
    {
        if (!_pipelines.TryGetValue(field, out var steps))
        {
            steps = _pipelines.GetOrAdd(field, f => [.. BuiltIn(f)]);
        }

        var value = raw;
        string? warning = null;
        foreach (var step in steps)
        {
            var outcome = step.Run(value);
            if (outcome.Error is null)
            {
                value = outcome.Value;
                continue;
            }

            var reason = step.Message ?? outcome.Error;
            if (step.Severity == RuleSeverity.Error)
            {
                return new CellResult(null, reason, warning);
            }

            warning = warning is null ? reason : warning + "; " + reason;
            // A failed transform keeps the trimmed original for text-like fields and drops typed ones.
            value = step.KeepOnWarning ? Normalize.Text(value) : null;
        }

        return new CellResult(string.IsNullOrEmpty(value) ? null : value, null, warning);
    }

    private IEnumerable<Step> BuiltIn(string field)
    {
        if (NameFields.Contains(field))
        {
            yield return Step.Transform(v => Ok(Normalize.PersonName(v)));
        }
        else if (EmailFields.Contains(field))
        {
            yield return new Step(Normalize.Email, RuleSeverity.Error, true, null, false);
        }
        else if (PhoneFields.Contains(field))
        {
            var region = Region;
            yield return new Step(v => Normalize.Phone(v, region), RuleSeverity.Error, true, null, false);
        }
        else
        {
            switch (field)
            {
                case "birth_date":
                    yield return new Step(Normalize.Date, RuleSeverity.Warning, true, null, false);
                    break;
                case "ordered_at" or "occurred_at":
                    yield return new Step(Normalize.DateTimeValue, RuleSeverity.Error, true, null, false);
                    break;
                // A withdrawal that cannot be dated must not be lost: the row goes to rejects instead.
                case "email_unsubscribed_at":
                    yield return new Step(Normalize.DateTimeValue, RuleSeverity.Error, true, null, false);
                    break;
                case "email_opt_in_at" or "email_confirmed_at":
                    yield return new Step(Normalize.DateTimeValue, RuleSeverity.Warning, true, null, false);
                    break;
                case "country":
                    yield return new Step(Normalize.Country, RuleSeverity.Warning, true, null, false);
                    break;
                case "postal_code" when Region == "MX":
                    yield return new Step(Normalize.PostalCodeMx, RuleSeverity.Warning, true, null, true);
                    break;
                case "gender":
                    yield return new Step(Normalize.Gender, RuleSeverity.Warning, true, null, false);
                    break;
                case "external_id" or "customer_id" or "order_id" or "sku":
                    yield return Step.Transform(v => Ok(Normalize.Identifier(v)));
                    break;
                default:
                    yield return Step.Transform(v => Ok(Normalize.Text(v)));
                    break;
            }
        }
    }

    private Step Compile(NormalizationRule rule)
    {
        var severity = rule.Severity;
        var message = rule.Message;
        return rule.Kind switch
        {
            RuleKind.Trim => Step.Transform(v => Ok(Normalize.Text(v))),
            RuleKind.PersonName => Step.Transform(v => Ok(Normalize.PersonName(v))),
            RuleKind.Upper => Step.Transform(v => Ok(Normalize.Text(v)?.ToUpperInvariant())),
            RuleKind.Lower => Step.Transform(v => Ok(Normalize.Text(v)?.ToLowerInvariant())),
            RuleKind.Email => new Step(Normalize.Email, severity, true, message, false),
            RuleKind.Phone => new Step(v => Normalize.Phone(v, string.IsNullOrWhiteSpace(rule.Argument) ? Region : rule.Argument), severity, true, message, false),
            RuleKind.Date => new Step(Normalize.Date, severity, true, message, false),
            RuleKind.Country => new Step(Normalize.Country, severity, true, message, false),
            RuleKind.PostalCodeMx => new Step(Normalize.PostalCodeMx, severity, true, message, true),
            RuleKind.Gender => new Step(Normalize.Gender, severity, true, message, false),
            RuleKind.Regex => Check(RegexCheck(rule.Argument ?? ""), severity, message),
            RuleKind.AllowedValues => new Step(AllowedCheck((rule.Argument ?? "").Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)), severity, false, message, true),
            RuleKind.Required => Check(v => string.IsNullOrWhiteSpace(v) ? "is required" : null, severity, message),
            RuleKind.MaxLength => Check(MaxLengthCheck(int.TryParse(rule.Argument, CultureInfo.InvariantCulture, out var max) ? max : int.MaxValue), severity, message),
            _ => Step.Transform(v => Ok(v)),
        };
    }

    private static IEnumerable<Step> CustomFieldSteps(CustomFieldDefinition definition)
    {
        yield return Step.Transform(v => Ok(Normalize.Text(v)));
        if (definition.Required)
        {
            yield return Check(v => string.IsNullOrWhiteSpace(v) ? "is required" : null, RuleSeverity.Error, null);
        }

        switch (definition.Type)
        {
            case CustomFieldType.Number:
                yield return new Step(v => NumberValue(v, definition), RuleSeverity.Warning, true, null, false);
                break;
            case CustomFieldType.Date:
                yield return new Step(Normalize.Date, RuleSeverity.Warning, true, null, false);
                break;
            case CustomFieldType.Boolean:
                yield return new Step(BooleanValue, RuleSeverity.Warning, true, null, false);
                break;
            case CustomFieldType.Choice or CustomFieldType.MultiChoice when definition.AllowedValues.Count > 0:
                yield return new Step(AllowedCheck([.. definition.AllowedValues]), RuleSeverity.Warning, false, null, false);
                break;
        }

        if (!string.IsNullOrEmpty(definition.ValidationPattern))
        {
            yield return Check(RegexCheck(definition.ValidationPattern), RuleSeverity.Warning, null);
        }
    }

    private static NormalizedValue NumberValue(string? value, CustomFieldDefinition definition)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return NormalizedValue.Empty;
        }

        if (!decimal.TryParse(value.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
        {
            return NormalizedValue.Refused($"'{value}' is not a number");
        }

        if ((definition.MinNumber is { } min && number < min) || (definition.MaxNumber is { } max && number > max))
        {
            return NormalizedValue.Refused($"{number} is out of range");
        }

        return NormalizedValue.Ok(number.ToString(CultureInfo.InvariantCulture));
    }

    private static NormalizedValue BooleanValue(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return NormalizedValue.Empty;
        }

        return Normalize.SearchKey(value) switch
        {
            "si" or "s" or "yes" or "y" or "true" or "1" or "verdadero" or "x" => NormalizedValue.Ok("true"),
            "no" or "n" or "false" or "0" or "falso" => NormalizedValue.Ok("false"),
            _ => NormalizedValue.Refused($"'{value}' is not yes/no"),
        };
    }

    private static Func<string?, NormalizedValue> AllowedCheck(string[] allowed)
    {
        var byKey = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var a in allowed)
        {
            byKey.TryAdd(Normalize.SearchKey(a), a);
        }

        var list = string.Join(", ", allowed);
        return v => string.IsNullOrWhiteSpace(v)
            ? NormalizedValue.Empty
            : byKey.TryGetValue(Normalize.SearchKey(v), out var canonical)
                ? NormalizedValue.Ok(canonical)
                : NormalizedValue.Refused($"'{v}' is not one of: {list}");
    }

    private static Func<string?, string?> RegexCheck(string pattern)
    {
        var regex = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        return v => string.IsNullOrEmpty(v) || regex.IsMatch(v) ? null : $"'{v}' does not match {pattern}";
    }

    private static Func<string?, string?> MaxLengthCheck(int max) =>
        v => v is not null && v.Length > max ? $"is longer than {max} characters" : null;

    private static NormalizedValue Ok(string? value) => value is null ? NormalizedValue.Empty : NormalizedValue.Ok(value);

    private static Step Check(Func<string?, string?> check, RuleSeverity severity, string? message) =>
        new(v => check(v) is { } error ? NormalizedValue.Refused(error) : (v is null ? NormalizedValue.Empty : NormalizedValue.Ok(v)), severity, false, message, true);

    private sealed record Step(Func<string?, NormalizedValue> Run, RuleSeverity Severity, bool IsTransform, string? Message, bool KeepOnWarning)
    {
        public static Step Transform(Func<string?, NormalizedValue> run) => new(run, RuleSeverity.Error, true, null, true);
    }
}
