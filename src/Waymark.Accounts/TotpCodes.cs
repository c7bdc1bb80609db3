using System.Globalization;
using System.Text;
using OtpNet;
using QRCoder;

namespace Waymark.Accounts;

/// <summary>
/// RFC 6238 time-based one-time codes (30 s steps, 6 digits, SHA-1: what every authenticator app
/// reads from an <c>otpauth://</c> QR code). A code is accepted one step either side of now; the
/// caller refuses a step already used, so a code works once.
/// </summary>
public static class TotpCodes
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

    /// <summary>
    /// The enrolment QR code as inline SVG markup (one path of dark modules on a light square), part
    /// of the enrolment page itself: no second request, so the secret goes out in one response only.
    /// Inline SVG is not a loaded image, so the strict CSP stays as it is.
    /// </summary>
    public static string QrSvg(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var size = matrix.Count;
        var path = new StringBuilder();
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                if (matrix[y][x])
                {
                    path.Append(CultureInfo.InvariantCulture, $"M{x} {y}h1v1h-1z");
                }
            }
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" width=\"{size * 5}\" height=\"{size * 5}\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"QR code holding the key shown below as text\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>");
    }

    /// <summary>The secret in groups of four, easier to type than one long string.</summary>
    public static string Grouped(string secret) =>
        string.Join(' ', secret.Chunk(4).Select(chunk => new string(chunk)));
}
