using Vinculo.Common;

namespace Vinculo.Consent;

/// <summary>The lower-case names the API, one-click links and imports use for channels and purposes.</summary>
public static class ConsentNames
{
    public static ConsentChannel ParseChannel(string? value, string field = "channel") =>
        value?.Trim().ToLowerInvariant() switch
        {
            "email" => ConsentChannel.Email,
            "sms" => ConsentChannel.Sms,
            "phone" => ConsentChannel.Phone,
            "postal" or "mail" => ConsentChannel.Postal,
            "push" => ConsentChannel.Push,
            "whatsapp" => ConsentChannel.WhatsApp,
            _ => throw new ValidationFailedException(field, $"'{value}' is not one of email, sms, phone, postal, push, whatsapp"),
        };

    public static ConsentPurpose ParsePurpose(string? value, string field = "purpose") =>
        value?.Trim().ToLowerInvariant() switch
        {
            "marketing" => ConsentPurpose.Marketing,
            "surveys" => ConsentPurpose.Surveys,
            "profiling" => ConsentPurpose.Profiling,
            "transactional" => ConsentPurpose.Transactional,
            _ => throw new ValidationFailedException(field, $"'{value}' is not one of marketing, surveys, profiling, transactional"),
        };

    public static string Name(this ConsentChannel channel) => channel.ToString().ToLowerInvariant();

    public static string Name(this ConsentPurpose purpose) => purpose.ToString().ToLowerInvariant();

    public static string Name(this ConsentStatus status) => status.ToString().ToLowerInvariant();
}
