using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Vinculo.Common;

namespace Vinculo.Contacts;

/// <summary>Checks custom field values against their definitions and returns them in canonical form.</summary>
public static class CustomFieldValidator
{
    private static readonly TimeSpan RegexBudget = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Validates <paramref name="values"/> (may be null) and returns the JSON to store. Errors are added to
    /// <paramref name="errors"/> under "customFields.{key}".
    /// </summary>
    public static JsonObject Validate(IReadOnlyCollection<CustomFieldDefinition> definitions, JsonObject? values, ValidationErrors errors)
    {
        var result = new JsonObject();
        var byKey = definitions.ToDictionary(d => d.Key, StringComparer.Ordinal);
        if (values is not null)
        {
            foreach (var (key, value) in values)
            {
                var field = $"customFields.{key}";
                if (!byKey.TryGetValue(key, out var definition))
                {
                    errors.Add(field, "is not a defined custom field");
                    continue;
                }

                if (value is null || value.GetValueKind() == JsonValueKind.Null)
                {
                    continue;
                }

                if (Coerce(definition, value, out var reason) is { } canonical)
                {
                    result[key] = canonical;
                }
                else
                {
                    errors.Add(field, reason!);
                }
            }
        }

        foreach (var definition in definitions.Where(d => d.Required))
        {
            if (!result.ContainsKey(definition.Key) && !errors.Items.Any(e => e.Field == $"customFields.{definition.Key}"))
            {
                errors.Add($"customFields.{definition.Key}", "is required");
            }
        }

        return result;
    }

    private static JsonNode? Coerce(CustomFieldDefinition d, JsonNode value, out string? reason)
    {
        reason = null;
        var kind = value.GetValueKind();
        switch (d.Type)
        {
            case CustomFieldType.Text:
                {
                    if (kind != JsonValueKind.String)
                    {
                        reason = "must be text";
                        return null;
                    }

                    var text = value.GetValue<string>().Trim();
                    if (text.Length > 2000)
                    {
                        reason = "must be at most 2000 characters";
                        return null;
                    }

                    if (d.ValidationPattern is { Length: > 0 } pattern && !Matches(pattern, text))
                    {
                        reason = $"'{text}' does not match the rule {pattern}";
                        return null;
                    }

                    return JsonValue.Create(text);
                }

            case CustomFieldType.Number:
                {
                    decimal number;
                    if (kind == JsonValueKind.Number)
                    {
                        // Via the JSON text: a node built from an int cannot be read as decimal directly.
                        number = decimal.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
                    }
                    else if (kind != JsonValueKind.String
                             || !decimal.TryParse(value.GetValue<string>(), NumberStyles.Number, CultureInfo.InvariantCulture, out number))
                    {
                        reason = "must be a number";
                        return null;
                    }

                    if (d.MinNumber is { } min && number < min)
                    {
                        reason = $"must be at least {min.ToString(CultureInfo.InvariantCulture)}";
                        return null;
                    }

                    if (d.MaxNumber is { } max && number > max)
                    {
                        reason = $"must be at most {max.ToString(CultureInfo.InvariantCulture)}";
                        return null;
                    }

                    return JsonValue.Create(number);
                }

            case CustomFieldType.Date:
                {
                    if (kind == JsonValueKind.String
                        && DateOnly.TryParseExact(value.GetValue<string>().Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    {
                        return JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    }

                    reason = "must be a date written yyyy-MM-dd";
                    return null;
                }

            case CustomFieldType.Boolean:
                {
                    if (kind is JsonValueKind.True or JsonValueKind.False)
                    {
                        return JsonValue.Create(kind == JsonValueKind.True);
                    }

                    if (kind == JsonValueKind.String && bool.TryParse(value.GetValue<string>().Trim(), out var flag))
                    {
                        return JsonValue.Create(flag);
                    }

                    reason = "must be true or false";
                    return null;
                }

            case CustomFieldType.Choice:
                {
                    if (kind != JsonValueKind.String)
                    {
                        reason = "must be one of the allowed values";
                        return null;
                    }

                    var choice = MatchChoice(d, value.GetValue<string>());
                    if (choice is null)
                    {
                        reason = $"'{value.GetValue<string>()}' is not one of: {string.Join(", ", d.AllowedValues)}";
                    }

                    return choice is null ? null : JsonValue.Create(choice);
                }

            case CustomFieldType.MultiChoice:
                {
                    if (value is not JsonArray array)
                    {
                        reason = "must be a list of allowed values";
                        return null;
                    }

                    var chosen = new JsonArray();
                    foreach (var item in array)
                    {
                        var text = item?.GetValueKind() == JsonValueKind.String ? item.GetValue<string>() : item?.ToJsonString() ?? "null";
                        var choice = item?.GetValueKind() == JsonValueKind.String ? MatchChoice(d, text) : null;
                        if (choice is null)
                        {
                            reason = $"'{text}' is not one of: {string.Join(", ", d.AllowedValues)}";
                            return null;
                        }

                        if (!chosen.Any(c => c!.GetValue<string>() == choice))
                        {
                            chosen.Add(choice);
                        }
                    }

                    return chosen;
                }

            default:
                reason = "has an unknown type";
                return null;
        }
    }

    // Choices compare without case so "m" and "M" are the same size; the definition's spelling is stored.
    private static string? MatchChoice(CustomFieldDefinition d, string value) =>
        d.AllowedValues.FirstOrDefault(a => string.Equals(a, value.Trim(), StringComparison.OrdinalIgnoreCase));

    private static bool Matches(string pattern, string text)
    {
        try
        {
            return Regex.IsMatch(text, pattern, RegexOptions.CultureInvariant, RegexBudget);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <summary>True when the pattern is a usable .NET regular expression.</summary>
    public static bool IsValidPattern(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, RegexBudget);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public static JsonObject Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        return JsonNode.Parse(json) as JsonObject ?? [];
    }
}
