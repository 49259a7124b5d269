using Microsoft.AspNetCore.Identity;
using Vinculo.Users;

namespace Vinculo.App.Users;

/// <summary>
/// OWASP ASVS L2 (V2.1): at least 12 characters, at least 64 allowed (we allow 128), any characters,
/// no composition rules. Identity has no maximum of its own, so this validator adds it.
/// </summary>
public sealed class PasswordPolicy : IPasswordValidator<VinculoUser>
{
    public const int MinLength = 12;
    public const int MaxLength = 128;

    public static void Apply(PasswordOptions options)
    {
        options.RequiredLength = MinLength;
        options.RequireDigit = false;
        options.RequireLowercase = false;
        options.RequireUppercase = false;
        options.RequireNonAlphanumeric = false;
        options.RequiredUniqueChars = 1;
    }

    public Task<IdentityResult> ValidateAsync(UserManager<VinculoUser> manager, VinculoUser user, string? password) =>
        Task.FromResult(password is { Length: > MaxLength }
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordTooLong", Description = $"Passwords must be at most {MaxLength} characters." })
            : IdentityResult.Success);
}
