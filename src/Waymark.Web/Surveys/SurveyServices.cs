using Waymark.Surveys.XlsForm;

namespace Waymark.Web.Surveys;

/// <summary>
/// Registers the survey flow: the instruments (the folder's loaded once at start, the console's kept
/// current by <see cref="InstrumentCatalogSync"/>), the state protector and the flow.
/// </summary>
internal static class SurveyServices
{
    public static void Add(IServiceCollection services, SurveyOptions options, ResearchKey researchKey)
    {
        services.AddSingleton(options);
        services.AddSingleton(sp =>
        {
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger<SurveyCatalog>();
            DefaultResearchKey.ReportMade(researchKey, logger);
            return SurveyCatalog.Load(options, researchKey.PublicKey, XlsFormFile.Load, sp.GetRequiredService<TimeProvider>(), logger);
        });
        services.AddSingleton<InstrumentCatalogSync>();
        services.AddHostedService(sp => sp.GetRequiredService<InstrumentCatalogSync>());
        services.AddSingleton(sp => new InstrumentUploads(
            sp.GetRequiredService<SurveyCatalog>(),
            sp.GetRequiredService<InstrumentCatalogSync>(),
            sp.GetRequiredService<Storage.WaymarkDatabase>(),
            sp.GetRequiredService<Waymark.Accounts.ConsoleAccounts>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<FlowStateProtector>();
        services.AddSingleton<PreviewFlow>();
        services.AddSingleton(sp => new ResponseCommitter(
            sp.GetRequiredService<Storage.WaymarkDatabase>(),
            sp.GetRequiredService<TimeProvider>(),
            new Random(System.Security.Cryptography.RandomNumberGenerator.GetInt32(int.MaxValue)),
            ResponseCommitter.MaximumWait));
        services.AddSingleton(sp => new SurveyFlow(
            sp.GetRequiredService<FlowStateProtector>(),
            sp.GetRequiredService<Storage.WaymarkDatabase>(),
            sp.GetRequiredService<ResponseCommitter>(),
            sp.GetRequiredService<TimeProvider>(),
            options,
            sp.GetRequiredService<SelfHelp.DerivationGate>()));
    }
}
