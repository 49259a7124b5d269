using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Vinculo.Workspaces;

/// <summary>
/// API key format and hashing: "vk_" + 32 random bytes in base64url. Only the SHA-256 hash is stored;
/// a key carries enough entropy that a slow password hash adds nothing.
/// </summary>
public static class ApiKeyHashing
{
    public const string KeyPrefix = "vk_";
    public const int PrefixLength = 10;

    public static string NewKey() => KeyPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>Lower-case hex SHA-256 of the key's UTF-8 bytes.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The first characters, shown in lists so a person can tell keys apart.</summary>
    public static string PrefixOf(string key) => key.Length <= PrefixLength ? key : key[..PrefixLength];

    /// <summary>Cheap shape check before any database look-up.</summary>
    public static bool LooksLikeKey(string? key) =>
        key is { Length: > 20 and < 200 } && key.StartsWith(KeyPrefix, StringComparison.Ordinal);
}
