using Waymark.SelfHelp.Content;
using Waymark.SelfHelp.Vault;
using Waymark.Web.Localization;

namespace Waymark.Web.SelfHelp;

internal static class SelfHelpServices
{
    /// <summary>Content (loaded once, for every UI language), the vault, its form tokens and the bound on phrase derivations.</summary>
    public static IServiceCollection AddSelfHelp(this IServiceCollection services)
    {
        // Loaded now, not on first use: a broken content file stops start-up with its name and problem.
        services.AddSingleton(ContentLibrary.Load(ContentLibrary.DefaultRoot, Languages.All.Select(language => language.Code)));
        services.AddSingleton<ProgressVault>();
        services.AddSingleton(_ => DerivationGate.ForCores(Environment.ProcessorCount));
        services.AddSingleton<PhraseKeys>();
        services.AddSingleton<VaultTokens>();
        return services;
    }
}
