using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Sodium;

namespace Waymark.Accounts;

/// <summary>
/// Argon2id password hashes in the PHC string format (<c>$argon2id$v=19$m=19456,t=2,p=1$salt$hash</c>),
/// so each hash carries its own salt and parameters and the parameters can be raised later: a
/// hash made with weaker ones verifies and is reported as needing a rehash (docs/adr/0060-console-accounts.md).
/// Both directions run in libsodium: hashing through <c>crypto_pwhash</c> (Argon2id v1.3, one lane) and checking
/// through <c>crypto_pwhash_str_verify</c>, which reads the parameters from the string, so hashes written before
/// (19 MiB, 2 passes, by the managed Konscious implementation) still verify and are replaced at the next sign-in.
/// </summary>
public static class PasswordHashing
{
    /// <summary>
    /// Above OWASP's Argon2id minimum (19 MiB with 2 passes, or 12 MiB with 3): 19 MiB, 3 passes, 1 lane. libsodium's
    /// wrapper hashes with 3 passes or more and one lane.
    /// </summary>
    public static readonly Argon2Parameters Current = new(MemoryKiB: 19 * 1024, Iterations: 3, Parallelism: 1);

    private const int SaltBytes = 16;
    private const int HashBytes = 32;
    private const string Prefix = "$argon2id$v=19$";

    /// <summary>A hash that matches no password: verified against when the name is unknown, so timing tells nothing.</summary>
    public static readonly string Decoy = Hash("decoy password that no account has", Current);

    public static string Hash(string password, Argon2Parameters parameters)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Compute(password, salt, parameters);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Prefix}m={parameters.MemoryKiB},t={parameters.Iterations},p={parameters.Parallelism}${Encode(salt)}${Encode(hash)}");
    }

    public static PasswordCheck Verify(string password, string encoded)
    {
        if (!TryDecode(encoded, out var parameters, out _, out _))
        {
            return PasswordCheck.Wrong;
        }

        // libsodium recomputes with the string's own salt and parameters and compares in constant time.
        if (!PasswordHash.ArgonHashStringVerify(encoded, password))
        {
            return PasswordCheck.Wrong;
        }

        return parameters.IsWeakerThan(Current) ? PasswordCheck.RightButRehash : PasswordCheck.Right;
    }

    private static byte[] Compute(string password, byte[] salt, Argon2Parameters parameters)
    {
        if (parameters.Parallelism != 1)
        {
            throw new ArgumentException("libsodium hashes with one lane", nameof(parameters));
        }

        var bytes = Encoding.UTF8.GetBytes(password);
        try
        {
            return PasswordHash.ArgonHashBinary(bytes, salt, parameters.Iterations, parameters.MemoryKiB * 1024, HashBytes, PasswordHash.ArgonAlgorithm.Argon_2ID13);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private static bool TryDecode(string encoded, out Argon2Parameters parameters, out byte[] salt, out byte[] hash)
    {
        parameters = Current;
        salt = hash = [];
        if (!encoded.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = encoded[Prefix.Length..].Split('$');
        if (parts.Length != 3)
        {
            return false;
        }

        var values = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var pair in parts[0].Split(','))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !int.TryParse(pair.AsSpan(equals + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
            {
                return false;
            }

            values[pair[..equals]] = value;
        }

        if (!values.TryGetValue("m", out var memory) || !values.TryGetValue("t", out var iterations) || !values.TryGetValue("p", out var lanes))
        {
            return false;
        }

        try
        {
            salt = Decode(parts[1]);
            hash = Decode(parts[2]);
        }
        catch (FormatException)
        {
            return false;
        }

        parameters = new Argon2Parameters(memory, iterations, lanes);
        return salt.Length >= 8 && hash.Length >= 16;
    }

    // PHC strings use unpadded standard Base64.
    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static byte[] Decode(string text) => Convert.FromBase64String(text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '='));
}

/// <summary>Argon2id cost: memory in KiB, passes, lanes.</summary>
public sealed record Argon2Parameters(int MemoryKiB, int Iterations, int Parallelism)
{
    public bool IsWeakerThan(Argon2Parameters other) =>
        MemoryKiB < other.MemoryKiB || Iterations < other.Iterations;
}

public enum PasswordCheck
{
    Wrong,
    Right,
    RightButRehash,
}
