using System.Collections;

namespace Fastn.Connectors.Authentication;

/// <summary>
/// The auth methods a connector offers, one of them the default. An <see cref="AuthMethod"/> converts
/// implicitly, so <c>Auth = Auth.ApiKey(…)</c> reads naturally.
/// </summary>
public sealed class AuthMethods : IReadOnlyList<AuthMethod>
{
    private readonly AuthMethod[] _methods;

    /// <summary>Creates a set whose first method is the default.</summary>
    public AuthMethods(params AuthMethod[] methods)
    {
        _methods = methods;
    }

    /// <summary>The method used when the caller does not pick one (the first).</summary>
    public AuthMethod? Default => _methods.Length > 0 ? _methods[0] : null;

    /// <inheritdoc />
    public int Count => _methods.Length;

    /// <inheritdoc />
    public AuthMethod this[int index] => _methods[index];

    /// <summary>Finds a method by id (case-insensitive), or <see langword="null"/>.</summary>
    public AuthMethod? Find(string? id) =>
        string.IsNullOrEmpty(id) ? Default : _methods.FirstOrDefault(m => string.Equals(m.EffectiveId, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>Wraps a single method.</summary>
    public static implicit operator AuthMethods(AuthMethod method) => new(method);

    /// <inheritdoc />
    public IEnumerator<AuthMethod> GetEnumerator() => ((IEnumerable<AuthMethod>)_methods).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
