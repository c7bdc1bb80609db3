using Waymark.Screening;
using Waymark.Storage;

namespace Waymark.Web.Hosting;

/// <summary>Everything <c>waymark serve</c> needs to start a node.</summary>
public sealed record ServerSettings
{
    public const string DefaultPublicEndpoint = "127.0.0.1:5080";
    public const string DefaultConsoleEndpoint = "127.0.0.1:5081";

    /// <summary>Where anonymous visitors are served: <c>host:port</c> or <c>unix:/path/to.sock</c>.</summary>
    public string PublicEndpoint { get; init; } = DefaultPublicEndpoint;

    /// <summary>Where the researcher console is served: <c>host:port</c> or <c>unix:/path/to.sock</c>.</summary>
    public string ConsoleEndpoint { get; init; } = DefaultConsoleEndpoint;

    /// <summary>
    /// Where the search engine's back end calls the screening API, apart from visitors: <c>host:port</c> or
    /// <c>unix:/path/to.sock</c>; null (the default) for no operator listener (docs/adr/0130-operator-listener.md).
    /// </summary>
    public string? OperatorEndpoint { get; init; }

    /// <summary>
    /// Whether the public listener also answers the screening API (<c>/api/screen…</c>). Null (the default) means
    /// yes while there is no operator listener and no once there is one: configuring the operator listener closes
    /// the public oracle without a second setting, and a node without one keeps the API where engines call it today.
    /// </summary>
    public bool? PublicScreeningApi { get; init; }

    /// <summary>Whether the public listener answers the screening API under this configuration.</summary>
    public bool ScreeningApiOnPublic => PublicScreeningApi ?? OperatorEndpoint is null;

    public StorageSettings Storage { get; init; } = new();

    /// <summary>
    /// The file holding the key that encrypts TOTP secrets at rest; null: <c>secrets.key</c> in the
    /// data folder. Never inside the database; several nodes must share one (docs/deploy.md).
    /// </summary>
    public string? SecretsKeyFile { get; init; }

    /// <summary>The secrets key file this configuration uses.</summary>
    public string SecretsKeyPath => Path.GetFullPath(SecretsKeyFile ?? Path.Combine(Storage.DataDirectory, Waymark.Accounts.TotpSecretBox.FileName));

    /// <summary>Search screening: the term list, the warning messages and how variants rotate.</summary>
    public ScreenerOptions Screening { get; init; } = new();
    /// <summary>The survey flow: where the forms are, how precisely response dates are kept.</summary>
    public Surveys.SurveyOptions Surveys { get; init; } = new();

    /// <summary>The clock every service reads (tests pass one they move: session limits, lockouts, codes).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Largest request body accepted, in bytes (uploads have their own limits).</summary>
    public long MaxRequestBodyBytes { get; init; } = 1024 * 1024;
}
