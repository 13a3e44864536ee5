namespace Fastn.Sandbox.Vendors.Salesforce;

/// <summary>Salesforce record ids: a 15-character case-sensitive id (key prefix, pod, sequence) plus the 3-character case-safe checksum.</summary>
internal static class SalesforceIds
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string Checksum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    /// <summary>The 18-character id of record number <paramref name="sequence"/> with <paramref name="keyPrefix"/> (003 for contacts).</summary>
    public static string Create(string keyPrefix, long sequence)
    {
        var chars = new char[9];
        for (var i = chars.Length - 1; i >= 0; i--)
        {
            chars[i] = Base62[(int)(sequence % 62)];
            sequence /= 62;
        }

        return To18(keyPrefix + "5g" + new string(chars) + "A");
    }

    /// <summary>Adds the case-safe suffix to a 15-character id.</summary>
    public static string To18(string id15)
    {
        var suffix = new char[3];
        for (var chunk = 0; chunk < 3; chunk++)
        {
            var bits = 0;
            for (var i = 0; i < 5; i++)
            {
                if (char.IsAsciiLetterUpper(id15[chunk * 5 + i]))
                {
                    bits |= 1 << i;
                }
            }

            suffix[chunk] = Checksum[bits];
        }

        return id15 + new string(suffix);
    }

    /// <summary>Whether <paramref name="id"/> is a well-formed 15- or 18-character id.</summary>
    public static bool IsValid(string id) =>
        (id.Length == 15 || id.Length == 18 && To18(id[..15]) == id) && id.All(char.IsAsciiLetterOrDigit);

    /// <summary>The 18-character form of a 15- or 18-character id.</summary>
    public static string Normalize(string id) => id.Length == 15 ? To18(id) : id;
}
