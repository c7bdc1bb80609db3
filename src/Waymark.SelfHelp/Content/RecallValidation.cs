using Waymark.SelfHelp.Tools;

namespace Waymark.SelfHelp.Content;

/// <summary>
/// The loader's rule for <c>recalls:</c> (docs/selfhelp.md): a module's exercise may show back an answer the person
/// gave before, so every reference must name an exercise of a module earlier in the programme, or of a tool (the
/// self-assessment and the safety plan stand beside the programme from its first page), and a field or option of it
/// when one is given. The weekly check-in is kept by week, not as answers, so nothing recalls it; tools recall nothing.
/// </summary>
public static class RecallValidation
{
    public static void Validate(IReadOnlyList<(ModuleFile Header, string Path)> english)
    {
        var byId = english.ToDictionary(module => module.Header.Id, module => module.Header, StringComparer.Ordinal);
        foreach (var (header, path) in english)
        {
            foreach (var exercise in header.Exercises.Where(exercise => exercise.Recalls.Count > 0))
            {
                if (header.Tool)
                {
                    throw new ContentException(path, $"exercise '{exercise.Id}' recalls earlier answers; only modules do, tools do not.");
                }

                foreach (var text in exercise.Recalls)
                {
                    if (Problem(header, text, byId) is { } problem)
                    {
                        throw new ContentException(path, $"exercise '{exercise.Id}' recalls '{text}', {problem}");
                    }
                }
            }
        }
    }

    /// <summary>Why <paramref name="text"/> cannot be recalled by <paramref name="recalling"/>, or null when it can.</summary>
    private static string? Problem(ModuleFile recalling, string text, Dictionary<string, ModuleFile> byId)
    {
        if (RecallReference.Parse(text) is not { } reference)
        {
            return "which is not module/exercise or module/exercise/field.";
        }

        if (!byId.TryGetValue(reference.Module, out var source))
        {
            return $"but the English programme has no module or tool '{reference.Module}'.";
        }

        if (source.Id == ToolIds.CheckIn)
        {
            return "but check-ins are kept by week and cannot be recalled.";
        }

        if (!source.Tool && source.Order >= recalling.Order)
        {
            return $"but '{source.Id}' does not come earlier in the programme (order {source.Order}, this module {recalling.Order}).";
        }

        if (source.Exercises.FirstOrDefault(exercise => exercise.Id == reference.Exercise) is not { } exercise)
        {
            return $"but '{source.Id}' has no exercise '{reference.Exercise}'.";
        }

        return reference.Choice is null || exercise.Options.Concat(exercise.Fields).Any(choice => choice.Id == reference.Choice)
            ? null
            : $"but exercise '{exercise.Id}' of '{source.Id}' has no field or option '{reference.Choice}'.";
    }
}
