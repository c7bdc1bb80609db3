using System.Net;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.WebEncoders;
using Waymark.Screening;
using Waymark.Storage;
using Waymark.Web.Accounts;
using Waymark.Web.Localization;
using Waymark.Web.Privacy;
using Waymark.Web.SelfHelp;

namespace Waymark.Web.Hosting;

/// <summary>The one entry point of the web host: builds a node with both listeners.</summary>
public static class WaymarkServer
{
    /// <summary>
    /// Builds the web application. <paramref name="args"/> feed the usual configuration sources
    /// (appsettings.json and environment variables such as <c>Logging__LogLevel__Default</c>).
    /// </summary>
    public static async Task<WebApplication> BuildAsync(ServerSettings settings, string[]? args = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var publicAddress = Parse(settings.PublicEndpoint, "public");
        var consoleAddress = Parse(settings.ConsoleEndpoint, "console");
        var operatorAddress = settings.OperatorEndpoint is null ? null : Parse(settings.OperatorEndpoint, "operator");
        if (publicAddress == consoleAddress || (operatorAddress is not null && (operatorAddress == publicAddress || operatorAddress == consoleAddress)))
        {
            throw new ArgumentException("The public, console and operator listeners must use different addresses.", nameof(settings));
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args ?? [],
            ApplicationName = typeof(WaymarkServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        WaymarkLogging.Configure(builder.Logging);

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = settings.MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
            // A query of the screening API's longest (1,000 UTF-16 characters) percent-encoded as UTF-8 takes up to 9,000
            // bytes of the request line (the default limit is 8 KiB): it must reach the API and get its JSON answer.
            kestrel.Limits.MaxRequestLineSize = MaxRequestLineBytes;
            Listen(kestrel, publicAddress, Listener.Public);
            Listen(kestrel, consoleAddress, Listener.Console);
            if (operatorAddress is not null)
            {
                Listen(kestrel, operatorAddress, Listener.Operator);
            }
        });

        if (settings.Screening.LinkBase.Length > 0
            && !(Uri.TryCreate(settings.Screening.LinkBase, UriKind.Absolute, out var linkBase) && linkBase.Scheme is "http" or "https" && linkBase.Query.Length == 0))
        {
            throw new ArgumentException($"The screening link base '{settings.Screening.LinkBase}' is not an absolute http or https address (such as http://example.onion).");
        }

        var screening = Screener.LoadWithTermFile(settings.Screening);
        if (!screening.IsSuccess)
        {
            throw new ArgumentException("Search screening cannot start: " + screening.Error);
        }

        var (screener, termFile) = screening.Value!;

        var database = await WaymarkDatabase.OpenAsync(settings.Storage, cancellationToken).ConfigureAwait(false);
        builder.Services.AddSingleton(database);
        var secrets = Waymark.Accounts.TotpSecretBox.LoadOrCreate(settings.SecretsKeyPath);
        var researchKey = Surveys.DefaultResearchKey.LoadOrCreate(settings.Storage.DataDirectory);
        if (!researchKey.IsSuccess)
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw new ServerStartException(researchKey.Error!);
        }

        builder.Services.AddSingleton(secrets);
        builder.Services.AddSingleton(settings);
        Screening.ScreeningServices.Add(builder.Services, screener, termFile);
        builder.Services.AddSingleton(settings.Time);
        builder.Services.AddSingleton(sp => new PageViewCounter(
            database, settings.Time, new Random(System.Security.Cryptography.RandomNumberGenerator.GetInt32(int.MaxValue)), sp.GetRequiredService<ILogger<PageViewCounter>>()));
        Surveys.SurveyServices.Add(builder.Services, settings.Surveys, researchKey.Value!);
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PageViewCounter>());
        builder.Services.AddDataProtection().SetApplicationName("waymark");
        builder.Services.Configure<KeyManagementOptions>(options => options.XmlRepository = DatabaseKeyRepository.Open(database, secrets.DeriveKey(DatabaseKeyRepository.Purpose)));
        builder.Services.AddSelfHelp();
        builder.Services.AddSingleton(Translations.TranslationInventory.LoadShipped());
        builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteOptions>(options =>
        {
            options.ConstraintMap["lang"] = typeof(LanguageRouteConstraint);
            options.LowercaseUrls = false;
        });
        // Pages carry their text as UTF-8, not as numeric character references: an Arabic, Persian or
        // Chinese page is half the size over a slow Tor circuit. <, >, &, quotes stay escaped.
        builder.Services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddRazorPages(options =>
        {
            options.Conventions.AddFolderApplicationModelConvention("/Console", model =>
                model.EndpointMetadata.Add(new ListenerMetadata(Listener.Console)));
            // The search engine's back end may fetch the warning fragment over its own listener.
            options.Conventions.AddPageApplicationModelConvention("/Screening/Fragment", model =>
                model.EndpointMetadata.Add(new ListenerMetadata(Listener.Public, Listener.Operator)));
            // The reporting page also answers at /{lang}/reporting, where the screening API sends a query that asks how to report.
            options.Conventions.AddPageRoute("/Directory/Report", "{lang:lang}/reporting");
        }).AddApplicationPart(typeof(WaymarkServer).Assembly)
            .AddMvcOptions(options => options.Filters.Add<Forms.GuardedFormFilter>());
        builder.Services.AddConsoleSecurity();
        builder.Services.AddWaymarkRateLimits();
        builder.Services.AddSingleton<Forms.FormGuard>();
        builder.Services.AddSingleton<Forms.FormTokenLimiter>();
        builder.Services.AddAntiforgery(options =>
        {
            // The console's forms only (the public site sets no cookie: its forms are guarded by FormGuard);
            // never readable by script, never sent outside /console.
            options.Cookie.Name = "waymark-af";
            options.Cookie.Path = "/console";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
        });

        var app = builder.Build();
        await app.Services.GetRequiredService<Screening.ScreeningTerms>().RefreshAsync(cancellationToken).ConfigureAwait(false);
        foreach (var skipped in termFile.DescribeSkipped())
        {
            Screening.ScreeningTerms.LogLineSkipped(app.Logger, skipped);
        }

        WarnIfExposed(app.Logger, publicAddress, Listener.Public);
        WarnIfExposed(app.Logger, consoleAddress, Listener.Console);
        if (operatorAddress is not null)
        {
            WarnIfExposed(app.Logger, operatorAddress, Listener.Operator);
        }
        app.Lifetime.ApplicationStopped.Register(() => database.DisposeAsync().AsTask().GetAwaiter().GetResult());
        Pipeline.Configure(app);
        return app;
    }

    /// <summary>The longest request line Kestrel reads (a longer one gets its 414, with a JSON body: <c>KestrelRejections</c>).</summary>
    public const int MaxRequestLineBytes = 16 * 1024;

    /// <summary>Tor reaches Waymark over loopback or a Unix socket; any other address is exposed to a network.</summary>
    private static void WarnIfExposed(ILogger logger, EndpointAddress address, Listener listener)
    {
        if (address.Tcp is { } tcp && !IPAddress.IsLoopback(tcp.Address))
        {
            logger.LogWarning(
                "The {Listener} listener is bound to {Address}, which is not a loopback address: anyone who can reach it bypasses Tor. Bind to 127.0.0.1 or a Unix socket (docs/deploy.md).",
                listener, address);
        }
    }

    private static EndpointAddress Parse(string text, string which) =>
        EndpointAddress.TryParse(text, out var address, out var error)
            ? address
            : throw new ArgumentException($"The {which} listener address is invalid: {error}");

    private static void Listen(KestrelServerOptions kestrel, EndpointAddress address, Listener listener)
    {
        void Configure(ListenOptions options) => options.Use(next => connection =>
        {
            connection.Features.Set(new ListenerFeature(listener));
            Privacy.KestrelRejections.Wrap(connection);
            return next(connection);
        });

        if (address.Tcp is not null)
        {
            kestrel.Listen(address.Tcp, Configure);
        }
        else
        {
            kestrel.ListenUnixSocket(address.UnixSocketPath!, Configure);
        }
    }
}
