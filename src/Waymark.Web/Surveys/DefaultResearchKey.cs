using Waymark.Responses;

namespace Waymark.Web.Surveys;

/// <summary>
/// Sealed by default: the research key pair of the data folder. On the first start with a data
/// folder that has none, a pair is made there (<c>research.key</c> 0600, <c>research.pub</c>) and one
/// notice says where the secret half is and that it belongs offline; from then on only the public
/// half is read, and it seals every surveys-folder form that has no key of its own. Moving
/// <c>research.key</c> away does not change that; a data folder without <c>research.pub</c> gets a new pair,
/// unless its <c>research.key</c> is still there (a secret key is never overwritten): the server then
/// refuses to start and says what to put back.
/// </summary>
internal static partial class DefaultResearchKey
{
    /// <summary>The data folder's public research key, made with its pair when missing; or why it cannot be had.</summary>
    public static Result<ResearchKey> LoadOrCreate(string dataDirectory)
    {
        var publicPath = Path.GetFullPath(Path.Combine(dataDirectory, SealingKeys.PublicKeyFileName));
        if (!File.Exists(publicPath))
        {
            var secretPath = Path.Combine(Path.GetDirectoryName(publicPath)!, SealingKeys.SecretKeyFileName);
            if (File.Exists(secretPath))
            {
                return Result.Fail<ResearchKey>(
                    $"the data folder holds the research secret key {secretPath} but not its public half {publicPath}. "
                    + $"Put research.pub back beside it (waymark keys show tells which half a file holds), or move {SealingKeys.SecretKeyFileName} "
                    + "to the research team's offline machine, where it belongs, and a new pair is made at the next start.");
            }

            var made = SealingKeys.Generate(Path.GetDirectoryName(publicPath)!);
            if (!made.IsSuccess)
            {
                return Result.Fail<ResearchKey>("the data folder's research key cannot be made: " + made.Error);
            }

            var key = SealingKeys.ReadPublic(publicPath);
            return key.IsSuccess
                ? Result.Ok(new ResearchKey(key.Value!, made.Value.SecretKeyPath, made.Value.PublicKeyPath))
                : Result.Fail<ResearchKey>("the data folder's research key: " + key.Error);
        }

        var read = SealingKeys.ReadPublic(publicPath);
        return read.IsSuccess
            ? Result.Ok(new ResearchKey(read.Value!, null, publicPath))
            : Result.Fail<ResearchKey>("the data folder's research key: " + read.Error);
    }

    /// <summary>Says once, when the pair was made just now, where its secret half is and that it belongs offline.</summary>
    public static void ReportMade(ResearchKey key, ILogger logger)
    {
        if (key.MadeSecretPath is { } secretPath)
        {
            LogMade(logger, secretPath, SealingKeys.Fingerprint(key.PublicKey), key.PublicPath);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Survey answers are sealed by default. A research key pair was made for this installation (fingerprint {Fingerprint}). The SECRET key is {SecretPath}: move it off this server to the research team's offline machine now and keep a backup there. Whoever holds it reads every answer, and without it no sealed answer can ever be read. Only the public half, {PublicPath}, stays here. This notice is shown once.")]
    private static partial void LogMade(ILogger logger, string secretPath, string fingerprint, string publicPath);
}

/// <summary>The data folder's public research key; <see cref="MadeSecretPath"/> is set when the pair was made at this start.</summary>
internal sealed record ResearchKey(byte[] PublicKey, string? MadeSecretPath, string PublicPath);
