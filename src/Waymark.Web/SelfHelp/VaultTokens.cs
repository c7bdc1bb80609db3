using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Waymark.SelfHelp.Vault;

namespace Waymark.Web.SelfHelp;

/// <summary>
/// Carries a person's derived keys from one form to the next without a cookie and without the phrase:
/// a hidden field holding the lookup and key, encrypted and authenticated with the node's shared
/// data-protection key ring and valid for <see cref="Lifetime"/>. It travels only in POST bodies.
/// When it has expired, the person types their phrase again and loses nothing they typed.
/// </summary>
internal sealed class VaultTokens(IDataProtectionProvider provider, TimeProvider clock)
{
    internal const string FieldName = "vault";
    internal static readonly TimeSpan Lifetime = TimeSpan.FromHours(6);

    private readonly ITimeLimitedDataProtector _protector =
        provider.CreateProtector("Waymark.SelfHelp.VaultToken.v1").ToTimeLimitedDataProtector();

    public string Issue(VaultKeys keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var bytes = keys.ToBytes();
        try
        {
            return WebEncoders.Base64UrlEncode(_protector.Protect(bytes, clock.GetUtcNow() + Lifetime));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>The keys in a token, or null when it is missing, altered or expired.</summary>
    public VaultKeys? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 512)
        {
            return null;
        }

        try
        {
            var bytes = _protector.Unprotect(WebEncoders.Base64UrlDecode(token), out var expiration);
            return expiration > clock.GetUtcNow() ? VaultKeys.FromBytes(bytes) : null;
        }
        catch (Exception error) when (error is CryptographicException or FormatException)
        {
            return null;
        }
    }
}
