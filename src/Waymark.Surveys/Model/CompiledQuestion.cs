using Waymark.Surveys.Expressions;

namespace Waymark.Surveys;

/// <summary>A question with its expressions parsed; built once by <see cref="Instrument.Create"/>. <see cref="Repeat"/> names the repeat it is asked in, if any.</summary>
internal sealed record CompiledQuestion(
    Question Question,
    int Index,
    Expression? Relevant,
    Expression? Required,
    Expression? Constraint,
    Expression? Calculation,
    Expression? ChoiceFilter,
    IReadOnlyList<Expression> GroupRelevance,
    string? Repeat = null);
