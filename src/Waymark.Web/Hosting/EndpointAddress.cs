using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace Waymark.Web.Hosting;

/// <summary>A listening address: an IP and port, or a Unix socket path (how Tor reaches an onion service best).</summary>
public sealed record EndpointAddress(IPEndPoint? Tcp, string? UnixSocketPath)
{
    private const string UnixPrefix = "unix:";

    public static bool TryParse(string? text, [NotNullWhen(true)] out EndpointAddress? address, out string error)
    {
        address = null;
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "an address is required, such as 127.0.0.1:5080 or unix:/run/waymark/public.sock";
            return false;
        }

        if (text.StartsWith(UnixPrefix, StringComparison.Ordinal))
        {
            var path = text[UnixPrefix.Length..];
            if (!Path.IsPathFullyQualified(path))
            {
                error = $"'{text}': a Unix socket path must be absolute, such as unix:/run/waymark/public.sock (or use IP:PORT)";
                return false;
            }

            address = new EndpointAddress(null, path);
            return true;
        }

        if (IPEndPoint.TryParse(text, out var endpoint) && endpoint.Port > 0 && text.Contains(':', StringComparison.Ordinal))
        {
            address = new EndpointAddress(endpoint, null);
            return true;
        }

        error = $"'{text}' is not an address: use IP:PORT (such as 127.0.0.1:5080 or [::1]:5080) or unix:/absolute/path.sock";
        return false;
    }

    public override string ToString() =>
        Tcp is not null ? Tcp.ToString() : UnixPrefix + UnixSocketPath;

    /// <summary>The base URL for links and health checks (TCP addresses only).</summary>
    public string? HttpUrl => Tcp is null ? null : string.Create(CultureInfo.InvariantCulture, $"http://{Tcp}");
}
