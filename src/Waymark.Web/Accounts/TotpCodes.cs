using System.Globalization;
using OtpNet;
using QRCoder;

namespace Waymark.Web.Accounts;

/// <summary>
/// RFC 6238 time-based one-time codes (30 s steps, 6 digits, SHA-1: what every authenticator app
/// reads from an <c>otpauth://</c> QR code). A code is accepted one step either side of now; the
/// caller refuses a step already used, so a code works once.
/// </summary>
internal static class TotpCodes
{
    private static readonly VerificationWindow Window = new(previous: 1, future: 1);

    /// <summary>A new 160-bit secret, Base32 as authenticator apps expect.</summary>
    public static string NewSecret() => Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));

    /// <summary>The time step the code belongs to, or null when it matches none in the window.</summary>
    public static long? MatchStep(string secret, string? code, DateTimeOffset now)
    {
        var digits = new string((code ?? "").Where(c => c is not (' ' or '-')).ToArray());
        if (digits.Length != 6 || !digits.All(char.IsAsciiDigit))
        {
            return null;
        }

        var totp = new Totp(Base32Encoding.ToBytes(secret));
        return totp.VerifyTotp(now.UtcDateTime, digits, out var step, Window) ? step : null;
    }

    /// <summary>The code for <paramref name="now"/> (tests, and nothing else, compute codes).</summary>
    public static string Compute(string secret, DateTimeOffset now) =>
        new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(now.UtcDateTime);

    public static string EnrolmentUri(string secret, string account) =>
        string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/Waymark:{Uri.EscapeDataString(account)}?secret={secret}&issuer=Waymark&algorithm=SHA1&digits=6&period=30");

    /// <summary>The enrolment QR code as a PNG, served from a console route so no inline image is needed.</summary>
    public static byte[] QrPng(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(6);
    }

    /// <summary>The secret in groups of four, easier to type than one long string.</summary>
    public static string Grouped(string secret) =>
        string.Join(' ', secret.Chunk(4).Select(chunk => new string(chunk)));
}
