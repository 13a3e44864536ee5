namespace Fastn.Connectors.BuiltIn.Stripe;

/// <summary>
/// Stripe's one rule for amounts: integers in the currency's minor unit (docs.stripe.com/currencies). Most currencies
/// have 100 minor units; the zero-decimal ones (JPY, KRW, …) have none, and the three-decimal ones (KWD, …) have 1000.
/// The special cases stay two-decimal in the API: ISK (whole krónur, sent as multiples of 100) and HUF and TWD (zero-decimal
/// only for payouts).
/// </summary>
internal static class StripeAmounts
{
    private static readonly HashSet<string> ZeroDecimal = new(StringComparer.OrdinalIgnoreCase)
    {
        "bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf",
    };

    private static readonly HashSet<string> ThreeDecimal = new(StringComparer.OrdinalIgnoreCase) { "bhd", "jod", "kwd", "omr", "tnd" };

    /// <summary>Minor units in one major unit of <paramref name="currency"/> (any case); 100 when it is unknown.</summary>
    public static int MinorUnitsPerMajor(string? currency) =>
        currency is null ? 100
        : ZeroDecimal.Contains(currency) ? 1
        : ThreeDecimal.Contains(currency) ? 1000
        : 100;

    /// <summary>An amount in minor units as major units (<c>1250 usd → 12.50</c>, <c>1250 jpy → 1250</c>).</summary>
    public static decimal ToMajor(long minor, string? currency) => (decimal)minor / MinorUnitsPerMajor(currency);

    /// <inheritdoc cref="ToMajor(long, string?)"/>
    public static decimal? ToMajor(long? minor, string? currency) => minor is { } m ? ToMajor(m, currency) : null;

    /// <summary>An amount in major units as Stripe's minor units, rounded half away from zero.</summary>
    public static long ToMinor(decimal major, string? currency) =>
        (long)decimal.Round(major * MinorUnitsPerMajor(currency), MidpointRounding.AwayFromZero);

    /// <inheritdoc cref="ToMinor(decimal, string?)"/>
    public static long? ToMinor(decimal? major, string? currency) => major is { } m ? ToMinor(m, currency) : null;
}
