namespace Fastn.Flows.Templates;

/// <summary>
/// A name an expression reads from the run's scope: <c>steps.create_contact.output.id</c> is root <c>steps</c>,
/// step <c>create_contact</c>, path <c>output.id</c>.
/// </summary>
/// <param name="Root">The scope variable: <c>trigger</c>, <c>steps</c>, <c>item</c>, <c>index</c>.</param>
/// <param name="Step">For <c>steps</c>: the step id, or null when it is computed (<c>steps[name]</c>).</param>
/// <param name="Path">The property names read after the root (and step), as far as they are literal.</param>
public sealed record TemplateReference(string Root, string? Step, IReadOnlyList<string> Path);
