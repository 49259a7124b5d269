using System.Globalization;
using System.Text.RegularExpressions;
using Vinculo.Common;
using Vinculo.Contacts;

namespace Vinculo.Segments;

/// <summary>
/// Checks a definition before it is stored or run, collecting every problem with the JSON path of the
/// condition at fault (e.g. "definition.root.conditions[2].condition.count").
/// </summary>
public static partial class SegmentValidator
{
    public const int MaxDepth = 12;
    public const int MaxConditions = 200;
    public const int MaxDays = 36500;

    [GeneratedRegex("^[a-z0-9][a-z0-9_.\\-]{0,99}$")]
    private static partial Regex EventTypePattern();

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$")]
    private static partial Regex CustomFieldKeyPattern();

    /// <param name="selfId">The segment being saved, when it exists: referring to it (directly or through others) is a cycle.</param>
    public static void Validate(SegmentDefinition definition, IReadOnlyDictionary<string, CustomFieldType> customFields,
        IReadOnlyDictionary<Guid, SegmentDefinition> otherSegments, Guid? selfId = null)
    {
        var errors = new ValidationErrors();
        if (definition.Version is < 1 or > SegmentDefinition.CurrentVersion)
        {
            errors.Add("definition.version", $"must be between 1 and {SegmentDefinition.CurrentVersion}");
        }

        var walker = new Walker(errors, customFields, otherSegments, selfId);
        walker.Visit(definition.Root, "definition.root", 1);
        errors.ThrowIfAny();
    }

    private sealed class Walker(ValidationErrors errors, IReadOnlyDictionary<string, CustomFieldType> customFields,
        IReadOnlyDictionary<Guid, SegmentDefinition> otherSegments, Guid? selfId)
    {
        private int _count;

        public void Visit(Condition? condition, string path, int depth)
        {
            if (condition is null)
            {
                errors.Add(path, "is missing");
                return;
            }

            if (++_count > MaxConditions)
            {
                if (_count == MaxConditions + 1)
                {
                    errors.Add(path, $"a segment may have at most {MaxConditions} conditions");
                }

                return;
            }

            if (depth > MaxDepth)
            {
                errors.Add(path, $"groups may nest at most {MaxDepth} deep");
                return;
            }

            switch (condition)
            {
                case AllOf g:
                    Group(g.Conditions, path, depth);
                    break;
                case AnyOf g:
                    Group(g.Conditions, path, depth);
                    break;
                case Not n:
                    Visit(n.Condition, path + ".condition", depth + 1);
                    break;
                case AttributeCondition a:
                    if (!AttributeCondition.ContactColumns.ContainsKey(a.Field ?? "") && !AttributeCondition.AddressColumns.ContainsKey(a.Field ?? ""))
                    {
                        errors.Add(path + ".field", "must be one of " + string.Join(", ", AttributeCondition.ContactColumns.Keys.Concat(AttributeCondition.AddressColumns.Keys)));
                    }

                    TextValue(a.Op, a.Value, a.Values, path);
                    break;
                case CustomFieldCondition f:
                    CustomField(f, path);
                    break;
                case AgeCondition a:
                    AgeRange(a.Min, a.Max, path, "age");
                    break;
                case BirthdayCondition b:
                    if (b.WithinDays is < 0 or > 366)
                    {
                        errors.Add(path + ".withinDays", "must be between 0 and 366");
                    }

                    break;
                case AgeGroupCondition:
                    break;
                case HasChildrenCondition h:
                    AgeRange(h.MinAge, h.MaxAge, path, "child age");
                    break;
                case OrganizationCondition:
                    break;
                case PurchaseCondition p:
                    Days(p.WithinDays, path + ".withinDays");
                    if (p.Sku is { Length: 0 } || p.Category is { Length: 0 })
                    {
                        errors.Add(path, "sku and category, when given, must not be empty");
                    }

                    break;
                case OrderStatsCondition s:
                    Days(s.WithinDays, path + ".withinDays");
                    if (s.Value < 0)
                    {
                        errors.Add(path + ".value", "must not be negative");
                    }
                    else if (s.Metric == OrderMetric.Count && s.Value != decimal.Truncate(s.Value))
                    {
                        errors.Add(path + ".value", "an order count must be a whole number");
                    }

                    break;
                case LastPurchaseCondition l:
                    if ((l.WithinDays is null) == (l.BeforeDays is null))
                    {
                        errors.Add(path, "give exactly one of withinDays or beforeDays");
                    }

                    Days(l.WithinDays, path + ".withinDays");
                    Days(l.BeforeDays, path + ".beforeDays");
                    break;
                case EventCondition e:
                    if (string.IsNullOrWhiteSpace(e.Type) || !EventTypePattern().IsMatch(e.Type))
                    {
                        errors.Add(path + ".type", "must be a dotted lower-case event type such as email.opened");
                    }

                    if (e.Count < 0)
                    {
                        errors.Add(path + ".count", "must not be negative");
                    }

                    Days(e.WithinDays, path + ".withinDays");
                    break;
                case ConsentCondition k:
                    Try(() => Consent.ConsentNames.ParseChannel(k.Channel, path + ".channel"));
                    Try(() => Consent.ConsentNames.ParsePurpose(k.Purpose, path + ".purpose"));
                    break;
                case TagCondition t:
                    if (t.Names is not { Count: > 0 } || t.Names.Any(string.IsNullOrWhiteSpace))
                    {
                        errors.Add(path + ".names", "needs at least one tag, none empty");
                    }

                    break;
                case SocialCondition s:
                    if (string.IsNullOrWhiteSpace(s.Network))
                    {
                        errors.Add(path + ".network", "is required");
                    }

                    break;
                case LifecycleCondition:
                    break;
                case SegmentMembershipCondition m:
                    Reference(m.SegmentId, path + ".segmentId");
                    break;
                default:
                    errors.Add(path, "is not a known condition kind");
                    break;
            }
        }

        private void Try(Action parse)
        {
            try
            {
                parse();
            }
            catch (ValidationFailedException e)
            {
                foreach (var error in e.Errors)
                {
                    errors.Add(error.Field, error.Reason);
                }
            }
        }

        private void Group(List<Condition>? conditions, string path, int depth)
        {
            if (conditions is not { Count: > 0 })
            {
                errors.Add(path + ".conditions", "a group needs at least one condition");
                return;
            }

            for (var i = 0; i < conditions.Count; i++)
            {
                Visit(conditions[i], $"{path}.conditions[{i}]", depth + 1);
            }
        }

        private void Days(int? days, string path)
        {
            if (days is < 1 or > MaxDays)
            {
                errors.Add(path, $"must be between 1 and {MaxDays} days");
            }
        }

        private void AgeRange(int? min, int? max, string path, string what)
        {
            if (min is null && max is null)
            {
                errors.Add(path, $"give a minimum or maximum {what}");
            }

            if (min is < 0 or > 150)
            {
                errors.Add(path + ".min" + (what == "age" ? "" : "Age"), "must be between 0 and 150");
            }

            if (max is < 0 or > 150)
            {
                errors.Add(path + ".max" + (what == "age" ? "" : "Age"), "must be between 0 and 150");
            }

            if (min > max)
            {
                errors.Add(path, $"minimum {what} is above the maximum");
            }
        }

        private void TextValue(TextOperator op, string? value, List<string>? values, string path)
        {
            switch (op)
            {
                case TextOperator.In when values is not { Count: > 0 }:
                    errors.Add(path + ".values", "'in' needs at least one value");
                    break;
                case TextOperator.Eq or TextOperator.Neq or TextOperator.Contains or TextOperator.StartsWith when string.IsNullOrEmpty(value):
                    errors.Add(path + ".value", "is required for this operator");
                    break;
            }
        }

        private void CustomField(CustomFieldCondition f, string path)
        {
            if (string.IsNullOrEmpty(f.Key) || !CustomFieldKeyPattern().IsMatch(f.Key))
            {
                errors.Add(path + ".key", "must be a custom field key (lower-case letters, digits, underscores)");
                return;
            }

            if (!customFields.TryGetValue(f.Key, out var type))
            {
                errors.Add(path + ".key", $"no contact custom field '{f.Key}' is defined");
                return;
            }

            if (f.Op is CompareOrTextOperator.IsSet or CompareOrTextOperator.IsNotSet)
            {
                return;
            }

            var values = f.Op == CompareOrTextOperator.In ? f.Values : (f.Value is null ? null : [f.Value]);
            if (values is not { Count: > 0 })
            {
                errors.Add(path + (f.Op == CompareOrTextOperator.In ? ".values" : ".value"), "is required for this operator");
                return;
            }

            var allowed = type switch
            {
                CustomFieldType.Number => f.Op is not CompareOrTextOperator.Contains,
                CustomFieldType.Date => f.Op is not CompareOrTextOperator.Contains,
                CustomFieldType.Boolean => f.Op is CompareOrTextOperator.Eq or CompareOrTextOperator.Neq,
                CustomFieldType.MultiChoice => f.Op is CompareOrTextOperator.Contains or CompareOrTextOperator.In,
                _ => f.Op is CompareOrTextOperator.Eq or CompareOrTextOperator.Neq or CompareOrTextOperator.In or CompareOrTextOperator.Contains
                    or CompareOrTextOperator.Gt or CompareOrTextOperator.Gte or CompareOrTextOperator.Lt or CompareOrTextOperator.Lte,
            };
            if (!allowed)
            {
                errors.Add(path + ".op", $"'{f.Op}' does not apply to a {type} field");
                return;
            }

            foreach (var v in values)
            {
                var ok = type switch
                {
                    CustomFieldType.Number => decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out _),
                    CustomFieldType.Date => DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                    CustomFieldType.Boolean => bool.TryParse(v, out _),
                    _ => true,
                };
                if (!ok)
                {
                    errors.Add(path + ".value", $"'{v}' is not a valid {type} value" + (type == CustomFieldType.Date ? " (yyyy-MM-dd)" : ""));
                }
            }
        }

        private void Reference(Guid segmentId, string path)
        {
            if (segmentId == selfId)
            {
                errors.Add(path, "a segment cannot include itself");
                return;
            }

            if (!otherSegments.ContainsKey(segmentId))
            {
                errors.Add(path, $"segment {segmentId} does not exist");
                return;
            }

            if (selfId is { } self && Reaches(segmentId, self, []))
            {
                errors.Add(path, $"segment {segmentId} refers back to this segment (a cycle)");
            }
        }

        private bool Reaches(Guid from, Guid target, HashSet<Guid> seen)
        {
            if (!seen.Add(from) || !otherSegments.TryGetValue(from, out var definition))
            {
                return false;
            }

            return References(definition.Root).Any(id => id == target || Reaches(id, target, seen));
        }
    }

    /// <summary>Segments a condition tree refers to.</summary>
    public static IEnumerable<Guid> References(Condition condition) => condition switch
    {
        AllOf g => g.Conditions.SelectMany(References),
        AnyOf g => g.Conditions.SelectMany(References),
        Not n => References(n.Condition),
        SegmentMembershipCondition m => [m.SegmentId],
        _ => [],
    };
}
