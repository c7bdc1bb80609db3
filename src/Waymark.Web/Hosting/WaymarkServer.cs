using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Waymark.Storage;
using Waymark.Web.Localization;
using Waymark.Web.Privacy;

namespace Waymark.Web.Hosting;

/// <summary>The one entry point of the web host: builds a node with both listeners.</summary>
public static class WaymarkServer
{
    /// <summary>
    /// Builds the web application. <paramref name="args"/> feed the usual configuration sources
    /// (appsettings.json, <c>WAYMARK_</c>-prefixed environment variables, command line).
    /// </summary>
    public static async Task<WebApplication> BuildAsync(ServerSettings settings, string[]? args = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var publicAddress = Parse(settings.PublicEndpoint, "public");
        var consoleAddress = Parse(settings.ConsoleEndpoint, "console");
        if (publicAddress == consoleAddress)
        {
            throw new ArgumentException("The public and console listeners must use different addresses.", nameof(settings));
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
            Listen(kestrel, publicAddress, Listener.Public);
            Listen(kestrel, consoleAddress, Listener.Console);
        });

        var database = await WaymarkDatabase.OpenAsync(settings.Storage, cancellationToken).ConfigureAwait(false);
        builder.Services.AddSingleton(database);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<PageViewCounter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PageViewCounter>());
        builder.Services.AddDataProtection().SetApplicationName("waymark");
        builder.Services.Configure<KeyManagementOptions>(options => options.XmlRepository = new DatabaseKeyRepository(database));
        builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteOptions>(options =>
        {
            options.ConstraintMap["lang"] = typeof(LanguageRouteConstraint);
            options.LowercaseUrls = false;
        });
        builder.Services.AddRazorPages(options =>
        {
            options.Conventions.AddFolderApplicationModelConvention("/Console", model =>
                model.EndpointMetadata.Add(new ListenerMetadata(Listener.Console)));
        }).AddApplicationPart(typeof(WaymarkServer).Assembly);
        builder.Services.AddAntiforgery(options =>
        {
            // A strictly-necessary cookie only where a form needs it; never readable by script.
            options.Cookie.Name = "waymark-af";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
        });

        var app = builder.Build();
        app.Lifetime.ApplicationStopped.Register(() => database.DisposeAsync().AsTask().GetAwaiter().GetResult());
        Pipeline.Configure(app);
        return app;
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
