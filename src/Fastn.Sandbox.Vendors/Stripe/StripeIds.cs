using System.Security.Cryptography;

namespace Fastn.Sandbox.Vendors.Stripe;

/// <summary>Stripe-style ids: a prefix and 24 base-62 characters (<c>cus_NffrFeUfNV2Hib…</c>).</summary>
internal static class StripeIds
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string New(string prefix) => $"{prefix}_{Random(24)}";

    public static string Random(int length) => RandomNumberGenerator.GetString(Alphabet, length);
}
