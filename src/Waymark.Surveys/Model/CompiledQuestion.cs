using Waymark.Surveys.Expressions;

namespace Waymark.Surveys;

/// <summary>A question with its expressions parsed; built once by <see cref="Instrument.Create"/>.</summary>
internal sealed record CompiledQuestion(
    Question Question,
    int Index,
    Expression? Relevant,
    Expression? Required,
    Expression? Constraint,
    Expression? Calculation,
    Expression? ChoiceFilter,
    IReadOnlyList<Expression> GroupRelevance);
