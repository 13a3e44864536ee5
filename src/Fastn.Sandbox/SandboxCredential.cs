namespace Fastn.Sandbox;

/// <summary>One test credential a sandbox app accepts, e.g. <c>("Secret key", "sk_test_…")</c>.</summary>
/// <param name="Label">What the value is for.</param>
/// <param name="Value">The value to type or paste.</param>
public sealed record SandboxCredential(string Label, string Value);
