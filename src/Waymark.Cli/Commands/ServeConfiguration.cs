using Microsoft.Extensions.Configuration;
using Waymark.Storage;
using Waymark.Web.Hosting;
using Waymark.Web.Surveys;

namespace Waymark.Cli.Commands;

/// <summary>
/// Resolves the settings of <c>waymark serve</c>: an option on the command line wins over an
/// environment variable, which wins over <c>appsettings.json</c> (section <c>Waymark</c>),
/// which wins over the built-in defaults.
/// </summary>
internal static class ServeConfiguration
{
    internal const string PublicVariable = "WAYMARK_PUBLIC_ENDPOINT";
    internal const string ConsoleVariable = "WAYMARK_CONSOLE_ENDPOINT";
    internal const string OperatorVariable = "WAYMARK_OPERATOR_ENDPOINT";
    internal const string ScreeningPublicApiVariable = "WAYMARK_SCREENING_PUBLIC_API";
    internal const string DataDirectoryVariable = "WAYMARK_DATA_DIR";
    internal const string PostgresVariable = "WAYMARK_POSTGRES";
    internal const string ScreeningTermsVariable = "WAYMARK_SCREENING_TERMS";
    internal const string ScreeningRotationVariable = "WAYMARK_SCREENING_ROTATION";
    internal const string ScreeningStrictVariable = "WAYMARK_SCREENING_STRICT";
    internal const string ScreeningLinkBaseVariable = "WAYMARK_SCREENING_LINK_BASE";
    internal const string SurveysVariable = "WAYMARK_SURVEYS_DIR";
    internal const string UnsealedSurveysVariable = "WAYMARK_UNSEALED_SURVEYS";
    internal const string SecretsKeyVariable = "WAYMARK_SECRETS_KEY_FILE";
    internal const string ResponseDateVariable = "WAYMARK_RESPONSE_DATE";

    public sealed record Overrides(string? PublicEndpoint, string? ConsoleEndpoint, string? DataDirectory, string? Postgres, string? OperatorEndpoint = null);

    /// <summary>
    /// The database settings alone, resolved by the same rules. Commands that only open the database (<c>waymark
    /// users</c>) call this, so they never load the web host's assembly.
    /// </summary>
    public static StorageSettings ResolveStorage(IConfiguration appSettings, Func<string, string?> environment, string? dataDirectory, string? postgres)
    {
        ArgumentNullException.ThrowIfNull(appSettings);
        ArgumentNullException.ThrowIfNull(environment);
        var section = appSettings.GetSection("Waymark");
        return new StorageSettings
        {
            DataDirectory = FirstNonEmpty(dataDirectory, environment(DataDirectoryVariable), section["DataDirectory"]) ?? new StorageSettings().DataDirectory,
            PostgresConnectionString = FirstNonEmpty(postgres, environment(PostgresVariable), section["PostgresConnectionString"]),
        };
    }

    public static ServerSettings Resolve(IConfiguration appSettings, Func<string, string?> environment, Overrides options)
    {
        var section = appSettings.GetSection("Waymark");
        string? Pick(string? option, string variable, string key) =>
            FirstNonEmpty(option, environment(variable), section[key]);

        var defaults = new ServerSettings();
        return new ServerSettings
        {
            PublicEndpoint = Pick(options.PublicEndpoint, PublicVariable, "PublicEndpoint") ?? defaults.PublicEndpoint,
            ConsoleEndpoint = Pick(options.ConsoleEndpoint, ConsoleVariable, "ConsoleEndpoint") ?? defaults.ConsoleEndpoint,
            OperatorEndpoint = Pick(options.OperatorEndpoint, OperatorVariable, "OperatorEndpoint"),
            PublicScreeningApi = Pick(null, ScreeningPublicApiVariable, "ScreeningPublicApi") is { } publicApi ? IsTrue(publicApi) : null,
            Storage = ResolveStorage(appSettings, environment, options.DataDirectory, options.Postgres),
            SecretsKeyFile = Pick(null, SecretsKeyVariable, "SecretsKeyFile"),
            Screening = new Waymark.Screening.ScreenerOptions
            {
                TermsPath = Pick(null, ScreeningTermsVariable, "ScreeningTerms"),
                Rotation = Enum.TryParse<Waymark.Screening.Messages.RotationMode>(Pick(null, ScreeningRotationVariable, "ScreeningRotation"), ignoreCase: true, out var rotation)
                    ? rotation
                    : Waymark.Screening.Messages.RotationMode.Daily,
                StrictTerms = IsTrue(Pick(null, ScreeningStrictVariable, "ScreeningStrict")),
                LinkBase = Pick(null, ScreeningLinkBaseVariable, "ScreeningLinkBase") ?? "",
            },
            Surveys = new SurveyOptions
            {
                Directory = Pick(null, SurveysVariable, "SurveysDirectory") ?? defaults.Surveys.Directory,
                DatePrecision = Enum.TryParse<ResponseDatePrecision>(Pick(null, ResponseDateVariable, "ResponseDate"), ignoreCase: true, out var precision)
                    ? precision
                    : defaults.Surveys.DatePrecision,
                UnsealedForms = (Pick(null, UnsealedSurveysVariable, "UnsealedSurveys") ?? "")
                    .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal),
            },
        };
    }

    public static IConfiguration LoadAppSettings() =>
        new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .Build();

    private static bool IsTrue(string? value) =>
        value is not null && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1");

    private static string? FirstNonEmpty(params string?[] values) =>
        values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
