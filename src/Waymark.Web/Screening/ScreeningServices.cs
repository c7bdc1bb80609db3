using Waymark.Screening;
using Waymark.Screening.Terms;

namespace Waymark.Web.Screening;

internal static class ScreeningServices
{
    /// <summary>
    /// The live term lists (a hosted service that follows changes made on any node), the console's
    /// editor for them, and <see cref="Screener"/> resolved per request from the current lists.
    /// </summary>
    public static void Add(IServiceCollection services, Screener fileScreener, TermFile file)
    {
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ScreeningTerms>(sp, fileScreener, file));
        services.AddHostedService(sp => sp.GetRequiredService<ScreeningTerms>());
        services.AddTransient(sp => sp.GetRequiredService<ScreeningTerms>().Current);
        services.AddSingleton<TermListEditor>();
    }
}
