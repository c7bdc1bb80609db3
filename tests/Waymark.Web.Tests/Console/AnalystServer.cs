using System.Globalization;
using Waymark.Accounts;
using Waymark.Responses;
using Waymark.Storage;
using Waymark.Testing;
using Waymark.Web.Tests.Surveys;

namespace Waymark.Web.Tests.Console;

/// <summary>One planned response to the flow-test form: survey language and the answers that vary.</summary>
internal sealed record PlannedResponse(string Language, string Helped, string F1, string F2, string F3, string Check)
{
    public bool StraightLined => F1 == F2 && F2 == F3;

    public bool FailsAttention => Check != "blue";
}

/// <summary>
/// The real <c>waymark serve</c> (logging at Trace, so the privacy test sees everything it could
/// log) serving the flow-test form sealed with a fresh key pair, with responses submitted over
/// HTTP by respondents in English and Arabic. Tests add their own analyst accounts.
/// </summary>
public sealed class AnalystServer : IAsyncLifetime
{
    public const string Password = "an analyst test password";

    internal static readonly PlannedResponse[] Plan =
    [
        new("en", "yes", "often", "sometimes", "never", "blue"),
        new("en", "yes", "often", "often", "often", "blue"),
        new("en", "no", "never", "sometimes", "often", "blue"),
        new("en", "no", "never", "never", "never", "red"),
        new("ar", "yes", "sometimes", "never", "often", "blue"),
        new("ar", "no", "often", "sometimes", "never", "red"),
        new("en", "yes", "often", "never", "sometimes", "blue"),
        new("en", "no", "sometimes", "often", "never", "blue"),
        new("ar", "no", "never", "often", "sometimes", "blue"),
        new("en", "yes", "often", "sometimes", "never", "blue"),
        new("en", "no", "never", "sometimes", "often", "blue"),
        new("ar", "yes", "sometimes", "never", "never", "blue"),
    ];

    /// <summary>The research keys and the form folder: deleted after the server stops.</summary>
    private readonly TempFolder _temp = TempFolder.Create("analyst-server");
    private WaymarkDatabase _database = null!;
    private int _accounts;

    internal ServerProcess Server { get; private set; } = null!;

    internal string SecretKeyPath { get; private set; } = null!;

    internal byte[] SecretKey { get; private set; } = null!;

    internal string FormFolder { get; private set; } = null!;

    internal WaymarkDatabase Database => _database;

    public async Task InitializeAsync()
    {
        var keys = SealingKeys.Generate(_temp.NewFolder("analyst-keys")).Value;
        SecretKeyPath = keys.SecretKeyPath;
        SecretKey = SealingKeys.ReadSecret(keys.SecretKeyPath).Value!;
        FormFolder = SurveyTestForms.NewFolder(_temp, SealingKeys.ReadPublic(keys.PublicKeyPath).Value);
        var environment = SurveyTestForms.Environment(FormFolder);
        environment["Logging__LogLevel__Default"] = "Trace";
        environment["Logging__LogLevel__Microsoft"] = "Trace";
        environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Trace";
        Server = await ServerProcess.StartAsync(environment);
        try
        {
            await RespondAsync();
        }
        catch
        {
            // xunit does not dispose a fixture whose start failed: stop the server here, not leave it running.
            await Server.DisposeAsync();
            _temp.Dispose();
            throw;
        }

        _database = await WaymarkDatabase.OpenAsync(new StorageSettings { DataDirectory = Server.DataDirectory });
    }

    private async Task RespondAsync()
    {
        using var http = new HttpClient();
        foreach (var planned in Plan)
        {
            var respondent = new HttpRespondent(http, Server.PublicUrl, SurveyTestForms.FlowTest, planned.Language);
            await respondent.OpenAsync();
            await respondent.PostAsync("start");
            await respondent.PostAsync("next", ("age", "30"), ("helped", planned.Helped));
            if (HttpRespondent.RenderedName(respondent.Html, "helper") != "helper")
            {
                // "Where did you look?" became relevant on the same page, which is shown again with it.
                await respondent.PostAsync("next", ("age", "30"), ("helped", planned.Helped), ("helper", "a benign place"));
            }

            await respondent.PostAsync("next", ("f1", planned.F1), ("f2", planned.F2), ("f3", planned.F3), ("check", planned.Check));
            await respondent.PostAsync("next", ("why", "benign words"));
            Assert.True(respondent.IsComplete, respondent.Html);
        }
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        await Server.DisposeAsync();
        _temp.Dispose();
    }

    /// <summary>A fresh analyst account, signed in (password and TOTP, enrolled now).</summary>
    internal async Task<(ConsoleSession Session, string Name)> SignInNewAnalystAsync()
    {
        var name = "analyst-" + Interlocked.Increment(ref _accounts).ToString(CultureInfo.InvariantCulture);
        Assert.True((await new ConsoleAccounts(_database, TimeProvider.System, TotpSecretBox.None).AddAsync(name, ConsoleRole.Analyst, Password, "test")).IsSuccess);
        return (await ConsoleSession.SignInNewAsync(Server.ConsoleUrl, name, Password), name);
    }

    /// <summary>Another sign-in of an enrolled account (a new session), with the code of the next time step so it is not a replay.</summary>
    internal async Task<ConsoleSession> SignInAgainAsync(string name, string secret)
    {
        var session = ConsoleSession.Anonymous(Server.ConsoleUrl);
        using var afterPassword = await session.PostPasswordAsync(name, Password);
        Assert.Equal("/console/login/code", afterPassword.Headers.Location?.OriginalString);
        var codePage = await session.Client.GetStringAsync("/console/login/code");
        using var done = await session.PostFormAsync("/console/login/code", codePage, [new("code", TotpCodes.Compute(secret, DateTimeOffset.UtcNow.AddSeconds(30)))]);
        Assert.Equal("/console", done.Headers.Location?.OriginalString);
        return session;
    }
}
