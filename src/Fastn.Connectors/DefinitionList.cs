using System.Collections;

namespace Fastn.Connectors;

/// <summary>
/// The list behind <c>Actions = { … }</c>, <c>Triggers = { … }</c> and <c>Entities = { … }</c>:
/// filled by a collection initializer, frozen when the connector is registered.
/// </summary>
/// <typeparam name="T">The member type.</typeparam>
public sealed class DefinitionList<T> : IReadOnlyList<T>
{
    private readonly List<T> _items = [];

    /// <summary>Whether the list has been frozen by registration.</summary>
    public bool IsFrozen { get; private set; }

    /// <inheritdoc />
    public int Count => _items.Count;

    /// <inheritdoc />
    public T this[int index] => _items[index];

    /// <summary>Adds a member; only before registration.</summary>
    public void Add(T item)
    {
        if (IsFrozen)
        {
            throw new InvalidOperationException("A connector definition cannot change after it has been registered.");
        }

        _items.Add(item);
    }

    /// <summary>Prevents further changes.</summary>
    public void Freeze() => IsFrozen = true;

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
