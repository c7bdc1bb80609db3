using Waymark.Surveys.XlsForm;

namespace Waymark.Web.Surveys;

/// <summary>Registers the survey flow: the instruments (loaded once at start), the state protector and the flow.</summary>
internal static class SurveyServices
{
    public static void Add(IServiceCollection services, SurveyOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(sp => SurveyCatalog.Load(
            options.Directory,
            XlsFormFile.Load,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<SurveyCatalog>()));
        services.AddSingleton<FlowStateProtector>();
        services.AddSingleton(sp => new ResponseCommitter(sp.GetRequiredService<Storage.WaymarkDatabase>()));
        services.AddSingleton(sp => new SurveyFlow(
            sp.GetRequiredService<FlowStateProtector>(),
            sp.GetRequiredService<Storage.WaymarkDatabase>(),
            sp.GetRequiredService<ResponseCommitter>(),
            sp.GetRequiredService<TimeProvider>(),
            options));
    }
}
