namespace Fastn.Flows.Templates;

/// <summary>A piece of a template: literal text, or an expression's source without its braces.</summary>
/// <param name="Text">The literal text or the expression.</param>
/// <param name="IsExpression">Whether <paramref name="Text"/> is an expression.</param>
public readonly record struct TemplatePart(string Text, bool IsExpression);
