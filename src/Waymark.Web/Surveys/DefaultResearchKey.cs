using Waymark.Responses;

namespace Waymark.Web.Surveys;

/// <summary>
/// Sealed by default: the research key pair of the data folder. On the first start with a data
/// folder that has none, a pair is made there (<c>research.key</c> 0600, <c>research.pub</c>) and one
/// notice says where the secret half is and that it belongs offline; from then on only the public
/// half is read, and it seals every surveys-folder form that has no key of its own. Moving
/// <c>research.key</c> away does not change that; a data folder without <c>research.pub</c> gets a new pair.
/// </summary>
internal static partial class DefaultResearchKey
{
    /// <summary>The data folder's public research key, made with its pair when missing.</summary>
    public static byte[] LoadOrCreate(string dataDirectory, ILogger logger)
    {
        var publicPath = Path.GetFullPath(Path.Combine(dataDirectory, SealingKeys.PublicKeyFileName));
        if (!File.Exists(publicPath))
        {
            var made = SealingKeys.Generate(Path.GetDirectoryName(publicPath)!);
            if (!made.IsSuccess)
            {
                // A research.key without its research.pub: never overwrite a secret key.
                throw new InvalidOperationException($"The data folder's research key cannot be made: {made.Error} Put its research.pub back beside it (waymark keys show tells which half a file holds).");
            }

            var key = SealingKeys.ReadPublic(publicPath).Value!;
            LogMade(logger, made.Value.SecretKeyPath, SealingKeys.Fingerprint(key), made.Value.PublicKeyPath);
            return key;
        }

        var read = SealingKeys.ReadPublic(publicPath);
        return read.IsSuccess ? read.Value! : throw new InvalidOperationException("The data folder's research key: " + read.Error);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Survey answers are sealed by default. A research key pair was made for this installation (fingerprint {Fingerprint}). The SECRET key is {SecretPath}: move it off this server to the research team's offline machine now and keep a backup there. Whoever holds it reads every answer, and without it no sealed answer can ever be read. Only the public half, {PublicPath}, stays here. This notice is shown once.")]
    private static partial void LogMade(ILogger logger, string secretPath, string fingerprint, string publicPath);
}
