using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Fastn.Sandbox.Vendors.Salesforce;

/// <summary>A record write Salesforce refuses: status, errorCode, message and the fields it is about.</summary>
internal sealed class SalesforceWriteException(string errorCode, string message, params string[] fields) : Exception(message)
{
    public string ErrorCode { get; } = errorCode;

    public IReadOnlyList<string> Fields { get; } = fields;
}

/// <summary>Renders stored records in Salesforce's JSON shape and validates record writes like the platform does.</summary>
internal static partial class SalesforceRecords
{
    public const string ApiPath = "/services/data/v60.0";

    public static JsonObject Attributes(string type, string id) => new() { ["type"] = type, ["url"] = $"{ApiPath}/sobjects/{type}/{id}" };

    /// <summary>A record as GET /sobjects/{type}/{id} answers: attributes, then every field (or only <paramref name="fields"/>).</summary>
    public static JsonObject Render(SalesforceObjectInfo type, JsonObject record, IReadOnlyCollection<string>? fields = null)
    {
        var id = record["Id"]!.GetValue<string>();
        var result = new JsonObject { ["attributes"] = Attributes(type.Name, id) };
        foreach (var field in type.Fields)
        {
            if (fields is null || fields.Contains(field.Name, StringComparer.OrdinalIgnoreCase))
            {
                result[field.Name] = Value(type, field.Name, record);
            }
        }

        return result;
    }

    /// <summary>A SOQL result row: attributes, then the selected fields in order, relationship fields as nested records.</summary>
    public static JsonObject Row(SoqlQuery query, JsonObject record, Func<string, JsonObject?> find)
    {
        var id = record["Id"]!.GetValue<string>();
        var row = new JsonObject { ["attributes"] = Attributes(query.From.Name, id) };
        foreach (var selected in query.Fields)
        {
            var parts = selected.Split('.');
            if (parts.Length == 1)
            {
                var field = query.From.Field(selected)!;
                row[field.Name] = Value(query.From, field.Name, record);
                continue;
            }

            var reference = query.From.Field(parts[0] + "Id")!;
            var relation = reference.Name[..^2];
            var relatedType = SalesforceSchema.Find(reference.ReferenceTo!)!;
            var relatedId = record[reference.Name]?.GetValue<string>();
            if (relatedId is null || find(relatedId) is not { } related)
            {
                row[relation] = null;
                continue;
            }

            if (row[relation] is not JsonObject nested)
            {
                nested = new JsonObject { ["attributes"] = Attributes(relatedType.Name, relatedId) };
                row[relation] = nested;
            }

            var relatedField = relatedType.Field(parts[1])!;
            nested[relatedField.Name] = Value(relatedType, relatedField.Name, related);
        }

        return row;
    }

    /// <summary>Checks a create or update body against the object's fields and rules; returns it keyed by the fields' API names.</summary>
    public static JsonObject Validate(SalesforceObjectInfo type, JsonObject body, bool create, Func<string, JsonObject?> find)
    {
        var fields = new JsonObject();
        var notWritable = new List<string>();
        foreach (var (key, value) in body)
        {
            if (key == "attributes")
            {
                continue;
            }

            var field = type.Field(key) ?? throw new SalesforceWriteException("INVALID_FIELD", $"No such column '{key}' on sobject of type {type.Name}");
            if (!field.Createable)
            {
                notWritable.Add(field.Name);
                continue;
            }

            fields[field.Name] = CheckValue(type, field, value, find);
        }

        if (notWritable.Count > 0)
        {
            throw new SalesforceWriteException("INVALID_FIELD_FOR_INSERT_UPDATE",
                $"Unable to create/update fields: {string.Join(", ", notWritable)}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.", [.. notWritable]);
        }

        var missing = type.Fields.Where(f => f.Required && (create ? fields[f.Name] is null : fields.ContainsKey(f.Name) && fields[f.Name] is null)).Select(f => f.Name).ToArray();
        if (missing.Length > 0)
        {
            throw new SalesforceWriteException("REQUIRED_FIELD_MISSING", $"Required fields are missing: [{string.Join(", ", missing)}]", missing);
        }

        // The org's validation rule on opportunities.
        if (type == SalesforceSchema.Opportunity && fields["Amount"] is JsonValue amount && amount.GetValue<decimal>() < 0)
        {
            throw new SalesforceWriteException("FIELD_CUSTOM_VALIDATION_EXCEPTION", "Amount cannot be negative.", "Amount");
        }

        return fields;
    }

    private static JsonNode? CheckValue(SalesforceObjectInfo type, SalesforceFieldInfo field, JsonNode? value, Func<string, JsonObject?> find)
    {
        if (value is null)
        {
            return null;
        }

        var kind = value.GetValueKind();
        switch (field.Type)
        {
            case "int" or "currency" or "percent":
                if (kind != JsonValueKind.Number)
                {
                    throw new SalesforceWriteException("JSON_PARSER_ERROR", $"Cannot deserialize instance of {(field.Type == "int" ? "int" : "double")} from VALUE_STRING value {value.ToJsonString()} or request may be missing a required field at [line:1, column:1]", field.Name);
                }

                return value.DeepClone();
            case "boolean":
                return kind is JsonValueKind.True or JsonValueKind.False ? value.DeepClone()
                    : throw new SalesforceWriteException("JSON_PARSER_ERROR", $"Cannot deserialize instance of boolean from {value.ToJsonString()}", field.Name);
        }

        if (kind != JsonValueKind.String)
        {
            throw new SalesforceWriteException("JSON_PARSER_ERROR", $"Cannot deserialize instance of string from {kind} value {value.ToJsonString()}", field.Name);
        }

        var text = value.GetValue<string>();
        if (field.Length > 0 && text.Length > field.Length)
        {
            throw new SalesforceWriteException("STRING_TOO_LONG", $"{field.Label}: data value too large: {text[..Math.Min(text.Length, 40)]} (max length={field.Length})", field.Name);
        }

        switch (field.Type)
        {
            case "email" when text.Length > 0 && !Email().IsMatch(text):
                throw new SalesforceWriteException("INVALID_EMAIL_ADDRESS", $"{field.Label}: invalid email address: {text}", field.Name);
            case "date" when !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _):
                throw new SalesforceWriteException("JSON_PARSER_ERROR", $"Cannot deserialize instance of date from VALUE_STRING value {text} or request may be missing a required field at [line:1, column:1]", field.Name);
            case "reference" when field.ReferenceTo != "User":
                var target = SalesforceSchema.Find(field.ReferenceTo!)!;
                if (!SalesforceIds.IsValid(text) || !text.StartsWith(target.KeyPrefix, StringComparison.Ordinal))
                {
                    throw new SalesforceWriteException("MALFORMED_ID", $"{field.Label}: id value of incorrect type: {text}", field.Name);
                }

                if (find(text) is null)
                {
                    throw new SalesforceWriteException("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", field.Name);
                }

                return SalesforceIds.Normalize(text);
        }

        return text;
    }

    private static JsonNode? Value(SalesforceObjectInfo type, string field, JsonObject record)
    {
        if (type.Field(field) is { Type: "address" } address)
        {
            var prefix = address.Name == "Address" ? "" : address.Name[..^"Address".Length];
            var parts = new[] { "Street", "City", "State", "PostalCode", "Country" }.Select(p => record[prefix + p]?.GetValue<string>()).ToArray();
            return parts.All(p => p is null) ? null : new JsonObject
            {
                ["city"] = parts[1],
                ["country"] = parts[4],
                ["geocodeAccuracy"] = null,
                ["latitude"] = null,
                ["longitude"] = null,
                ["postalCode"] = parts[3],
                ["state"] = parts[2],
                ["street"] = parts[0],
            };
        }

        return record[field]?.DeepClone();
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex Email();
}
