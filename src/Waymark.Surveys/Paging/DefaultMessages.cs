namespace Waymark.Surveys.Paging;

/// <summary>
/// Built-in error messages for questions whose form gives none, in the demo languages; other languages get
/// English. The web layer may show its own localised text instead, keyed by <see cref="FieldErrorKind"/>.
/// </summary>
internal static class DefaultMessages
{
    private static readonly Dictionary<string, string[]> ByLanguage = new(StringComparer.Ordinal)
    {
        // Order: Required, Constraint, NotInteger, NotDecimal, NotDate, UnknownChoice, TooLong, NotTime, NotDateTime.
        ["en"] =
        [
            "This question needs an answer.", "This answer is not accepted.", "Please enter a whole number.",
            "Please enter a number.", "Please enter a date as YYYY-MM-DD.", "Please choose one of the options.",
            "This answer is too long.",
            "Please enter a time as HH:MM.", "Please enter a date and time as YYYY-MM-DD HH:MM.",
        ],
        ["ar"] =
        [
            "هذا السؤال يحتاج إلى إجابة.", "هذه الإجابة غير مقبولة.", "يرجى إدخال عدد صحيح.",
            "يرجى إدخال رقم.", "يرجى إدخال التاريخ بالصيغة YYYY-MM-DD.", "يرجى اختيار أحد الخيارات.",
            "هذه الإجابة طويلة جدًا.",
            "يرجى إدخال الوقت بالصيغة HH:MM.", "يرجى إدخال التاريخ والوقت بالصيغة YYYY-MM-DD HH:MM.",
        ],
        ["de"] =
        [
            "Diese Frage braucht eine Antwort.", "Diese Antwort ist nicht zulässig.", "Bitte geben Sie eine ganze Zahl ein.",
            "Bitte geben Sie eine Zahl ein.", "Bitte geben Sie ein Datum als JJJJ-MM-TT ein.", "Bitte wählen Sie eine der Optionen.",
            "Diese Antwort ist zu lang.",
            "Bitte geben Sie eine Uhrzeit als HH:MM ein.", "Bitte geben Sie Datum und Uhrzeit als JJJJ-MM-TT HH:MM ein.",
        ],
        ["es"] =
        [
            "Esta pregunta necesita una respuesta.", "Esta respuesta no se acepta.", "Introduzca un número entero.",
            "Introduzca un número.", "Introduzca una fecha como AAAA-MM-DD.", "Elija una de las opciones.",
            "Esta respuesta es demasiado larga.",
            "Introduzca una hora como HH:MM.", "Introduzca una fecha y hora como AAAA-MM-DD HH:MM.",
        ],
        ["fr"] =
        [
            "Cette question demande une réponse.", "Cette réponse n’est pas acceptée.", "Veuillez saisir un nombre entier.",
            "Veuillez saisir un nombre.", "Veuillez saisir une date au format AAAA-MM-JJ.", "Veuillez choisir une des options.",
            "Cette réponse est trop longue.",
            "Veuillez saisir une heure au format HH:MM.", "Veuillez saisir une date et une heure au format AAAA-MM-JJ HH:MM.",
        ],
        ["ru"] =
        [
            "На этот вопрос нужно ответить.", "Этот ответ не принимается.", "Введите целое число.",
            "Введите число.", "Введите дату в формате ГГГГ-ММ-ДД.", "Выберите один из вариантов.",
            "Этот ответ слишком длинный.",
            "Введите время в формате ЧЧ:ММ.", "Введите дату и время в формате ГГГГ-ММ-ДД ЧЧ:ММ.",
        ],
    };

    public static string For(FieldErrorKind kind, string language)
    {
        var code = language.Split('-', '_')[0].ToLowerInvariant();
        var messages = ByLanguage.GetValueOrDefault(code) ?? ByLanguage["en"];
        return messages[(int)kind];
    }
}
