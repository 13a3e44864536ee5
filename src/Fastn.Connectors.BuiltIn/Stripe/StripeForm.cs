using System.Globalization;
using Fastn.Connectors.BuiltIn.Stripe.Models;

namespace Fastn.Connectors.BuiltIn.Stripe;

/// <summary>
/// A Stripe request body or query in Stripe's bracket notation: <c>metadata[plan]=pro</c>,
/// <c>address[line1]=…</c>, <c>payment_method_types[0]=card</c>. Absent values are left out, so updates stay partial.
/// </summary>
public sealed class StripeForm
{
    private readonly List<KeyValuePair<string, string>> _fields = [];

    /// <summary>The fields in the order they were added.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields => _fields;

    /// <summary>Adds a string value when it is not null.</summary>
    public StripeForm Add(string name, string? value)
    {
        if (value is not null)
        {
            _fields.Add(new(name, value));
        }

        return this;
    }

    /// <summary>Adds an integer value when it is not null.</summary>
    public StripeForm Add(string name, long? value) =>
        value is { } v ? Add(name, v.ToString(CultureInfo.InvariantCulture)) : this;

    /// <summary>Adds a boolean as <c>true</c>/<c>false</c> when it is not null.</summary>
    public StripeForm Add(string name, bool? value) =>
        value is { } v ? Add(name, v ? "true" : "false") : this;

    /// <summary>Adds a list as <c>name[0]=…&amp;name[1]=…</c>.</summary>
    public StripeForm AddList(string name, IEnumerable<string>? values)
    {
        var i = 0;
        foreach (var value in values ?? [])
        {
            Add($"{name}[{i++.ToString(CultureInfo.InvariantCulture)}]", value);
        }

        return this;
    }

    /// <summary>Adds a map as <c>name[key]=value</c> (metadata; an empty value unsets the key).</summary>
    public StripeForm AddMap(string name, IReadOnlyDictionary<string, string>? values)
    {
        foreach (var (key, value) in values ?? new Dictionary<string, string>())
        {
            Add($"{name}[{key}]", value);
        }

        return this;
    }

    /// <summary>Adds an address as <c>name[line1]=…</c> and so on.</summary>
    public StripeForm AddAddress(string name, StripeAddress? address)
    {
        if (address is not null)
        {
            Add($"{name}[line1]", address.Line1).Add($"{name}[line2]", address.Line2).Add($"{name}[city]", address.City)
                .Add($"{name}[state]", address.State).Add($"{name}[postal_code]", address.PostalCode).Add($"{name}[country]", address.Country);
        }

        return this;
    }

    /// <summary>The fields as a query string (without <c>?</c>), escaped.</summary>
    public string ToQueryString() =>
        string.Join('&', _fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));
}
