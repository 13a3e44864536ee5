using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fastn.Connectors.Authentication;
using Fastn.Connectors.Triggers;

namespace Fastn.Connectors.Validation;

/// <summary>
/// Checks a definition the way registration does and reports every problem at once, each naming the
/// connector and the member at fault.
/// </summary>
public static partial class ConnectorDefinitionValidator
{
    private static readonly HashSet<string> SchemaTypes = ["object", "array", "string", "number", "integer", "boolean", "null"];

    /// <summary>Returns all problems (empty when the definition is valid).</summary>
    public static IReadOnlyList<DefinitionProblem> Validate(ConnectorDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var connector = string.IsNullOrWhiteSpace(definition.Name) ? "(unnamed)" : definition.Name;
        var problems = new List<DefinitionProblem>();
        void Problem(string member, string message) => problems.Add(new DefinitionProblem(connector, member, message));

        if (string.IsNullOrWhiteSpace(definition.Name) || !KebabCase().IsMatch(definition.Name))
        {
            Problem("name", $"'{definition.Name}' is not a valid connector name: use kebab-case like 'my-app' (lower-case letters, digits, single dashes).");
        }

        if (string.IsNullOrWhiteSpace(definition.DisplayName))
        {
            Problem("displayName", "DisplayName is empty: give the app's name as people write it, e.g. 'Acme CRM'.");
        }

        if (definition.BaseUrl is { } baseUrl && !IsAbsoluteUrlTemplate(baseUrl))
        {
            Problem("baseUrl", $"'{baseUrl}' is not an absolute http(s) URL.");
        }

        ValidateAuth(definition, Problem);
        ValidateActions(definition, Problem);
        ValidateTriggers(definition, Problem);
        ValidateEntities(definition, Problem);

        if (definition.Capabilities.TestAction is { } test && definition.FindAction(test) is null)
        {
            Problem("capabilities.testAction", $"The test action '{test}' is not one of the connector's actions.");
        }

        if (definition.Capabilities.RequestsPerSecond is <= 0)
        {
            Problem("capabilities.requestsPerSecond", "RequestsPerSecond must be greater than zero (or null for no limit).");
        }

        return problems;
    }

    /// <summary>Throws <see cref="ConnectorDefinitionException"/> listing every problem, if any.</summary>
    public static void EnsureValid(ConnectorDefinition definition)
    {
        var problems = Validate(definition);
        if (problems.Count > 0)
        {
            throw new ConnectorDefinitionException(problems);
        }
    }

    private static void ValidateAuth(ConnectorDefinition definition, Action<string, string> problem)
    {
        if (definition.Auth.Count == 0)
        {
            problem("auth", "The connector offers no auth method: use Auth.None() for public APIs.");
        }

        foreach (var group in definition.Auth.GroupBy(a => a.EffectiveId, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            problem($"auth.{group.Key}", $"{group.Count()} auth methods share the id '{group.Key}': give each an Id.");
        }

        foreach (var method in definition.Auth)
        {
            var member = $"auth.{method.EffectiveId}";
            ValidateFields(method.Fields, member, problem);
            switch (method)
            {
                case OAuth2Auth oauth:
                    if (string.IsNullOrWhiteSpace(oauth.TokenUrl))
                    {
                        problem(member, "OAuth2 has no TokenUrl: set the app's token endpoint (e.g. https://app.example/oauth/token).");
                    }
                    else if (!IsAbsoluteUrlTemplate(oauth.TokenUrl))
                    {
                        problem(member, $"TokenUrl '{oauth.TokenUrl}' is not an absolute http(s) URL.");
                    }

                    if (oauth.GrantType == OAuth2GrantType.AuthorizationCode && string.IsNullOrWhiteSpace(oauth.AuthorizationUrl))
                    {
                        problem(member, "The authorization-code grant needs an AuthorizationUrl (where the user consents).");
                    }
                    else if (oauth.AuthorizationUrl is { } authUrl && !IsAbsoluteUrlTemplate(authUrl))
                    {
                        problem(member, $"AuthorizationUrl '{authUrl}' is not an absolute http(s) URL.");
                    }

                    if (string.IsNullOrEmpty(oauth.ScopeSeparator))
                    {
                        problem(member, "ScopeSeparator is empty: use \" \" (the RFC's) or \",\".");
                    }

                    foreach (var placeholder in Placeholders(oauth.AuthorizationUrl, oauth.TokenUrl, oauth.RefreshUrl, definition.BaseUrl))
                    {
                        if (!oauth.ConnectionParameters.Any(p => p.Name == placeholder)
                            && !oauth.TokenResponseFields.Contains(placeholder) && !oauth.CallbackParameters.Contains(placeholder))
                        {
                            problem(member, $"The URL placeholder '{{{placeholder}}}' has no connection parameter, token-response field or callback parameter of that name: add it to ConnectionParameters.");
                        }
                    }

                    break;
                case ApiKeyAuth apiKey when string.IsNullOrWhiteSpace(apiKey.Name):
                    problem(member, "The API key needs the header or query parameter Name it travels in.");
                    break;
                case CustomAuth custom when custom.CredentialFields.Count == 0:
                    problem(member, "Custom auth declares no credential fields: declare what the Connect form asks for.");
                    break;
            }
        }
    }

    private static void ValidateFields(IReadOnlyList<CredentialField> fields, string member, Action<string, string> problem)
    {
        foreach (var field in fields)
        {
            if (string.IsNullOrWhiteSpace(field.Name) || !FieldName().IsMatch(field.Name))
            {
                problem($"{member}.fields", $"Credential field name '{field.Name}' is not valid: use letters, digits and underscores, starting with a letter.");
            }

            if (string.IsNullOrWhiteSpace(field.Label))
            {
                problem($"{member}.fields.{field.Name}", "The field has no Label for the Connect form.");
            }

            if (field.Pattern is { } pattern)
            {
                try
                {
                    _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
                }
                catch (ArgumentException ex)
                {
                    problem($"{member}.fields.{field.Name}", $"Pattern '{pattern}' is not a valid regular expression: {ex.Message}");
                }
            }
        }

        foreach (var group in fields.GroupBy(f => f.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problem($"{member}.fields", $"The credential field '{group.Key}' is declared {group.Count()} times.");
        }
    }

    private static void ValidateActions(ConnectorDefinition definition, Action<string, string> problem)
    {
        foreach (var action in definition.Actions)
        {
            var member = $"actions.{action.Name}";
            CheckName(action.Name, "action", member, problem);
            if (string.IsNullOrWhiteSpace(action.Description))
            {
                problem(member, "The action has no Description: say in one sentence what it does (LLMs and the dashboard read it).");
            }

            ValidateSchema(action.InputSchema, $"{member}.inputSchema", problem);
            ValidateSchema(action.OutputSchema, $"{member}.outputSchema", problem);
            if (action.InputSchema["type"] is JsonValue t && t.ToString() != "object")
            {
                problem($"{member}.inputSchema", $"An action's input must be a JSON object, not '{t}': wrap it in a type with properties.");
            }

            if (action.Timeout <= TimeSpan.Zero)
            {
                problem(member, "Timeout must be positive.");
            }
        }

        Duplicates(definition.Actions.Select(a => a.Name), "actions", "action", problem);
    }

    private static void ValidateTriggers(ConnectorDefinition definition, Action<string, string> problem)
    {
        foreach (var trigger in definition.Triggers)
        {
            var member = $"triggers.{trigger.Name}";
            CheckName(trigger.Name, "trigger", member, problem);
            if (string.IsNullOrWhiteSpace(trigger.Description))
            {
                problem(member, "The trigger has no Description.");
            }

            if (trigger is PollTriggerDefinition poll)
            {
                if (!poll.HasRecordId)
                {
                    problem(member, "The poll trigger has no record id selector: pass recordId (e.g. c => c.Id) so changes can be tracked per record.");
                }

                if (poll.Interval < TimeSpan.FromSeconds(1))
                {
                    problem(member, $"Poll interval {poll.Interval} is too short: use at least one second.");
                }

                ValidateSchema(poll.RecordSchema, $"{member}.recordSchema", problem);
            }
        }

        Duplicates(definition.Triggers.Select(t => t.Name), "triggers", "trigger", problem);
    }

    private static void ValidateEntities(ConnectorDefinition definition, Action<string, string> problem)
    {
        foreach (var entity in definition.Entities)
        {
            var member = $"entities.{entity.Name}";
            CheckName(entity.Name, "entity", member, problem);
            if (entity.IdPath is null)
            {
                problem(member, "The entity has no Id selector: call .Id(x => x.Id).");
            }

            if (entity.Cdm is null && entity.Mappings.Count > 0)
            {
                problem(member, "The entity maps fields but names no CDM entity: pass Cdm.Contact (or another) to Define.Entity.");
            }

            foreach (var mapping in entity.Mappings)
            {
                foreach (var field in mapping.CdmFields)
                {
                    if (entity.Cdm is { } cdm && (field.Entity != cdm.Name || cdm.FindField(field.Name) is null))
                    {
                        problem($"{member}.{mapping.NativePath}", $"'{field.QualifiedName}' is not a field of {cdm.Name}: map to one of {string.Join(", ", cdm.Fields.Select(f => f.Name))}.");
                    }
                }
            }

            foreach (var group in entity.Mappings.SelectMany(m => m.CdmFields).GroupBy(f => f.Name).Where(g => g.Count() > 1))
            {
                problem(member, $"The CDM field '{group.Key}' is mapped {group.Count()} times: map each CDM field from one native field.");
            }

            if (entity.Listing is { } listing)
            {
                if (entity.Cdm is null)
                {
                    problem($"{member}.listing", "ListedBy lists records for the unified CDM API, but the entity names no CDM entity: pass Cdm.Contact (or another) to Define.Entity.");
                }

                foreach (var field in listing.Filterable.Where(f => entity.Cdm is { } c && (f.Entity != c.Name || c.FindField(f.Name) is null)))
                {
                    problem($"{member}.listing", $"The filterable field '{field.QualifiedName}' is not a field of {entity.Cdm!.Name}.");
                }
            }

            foreach (var (operation, action) in entity.OperationActions)
            {
                if (definition.FindAction(action) is null)
                {
                    problem(member, $"Operation {operation} names the action '{action}', which the connector does not define.");
                }
            }
        }

        Duplicates(definition.Entities.Select(e => e.Name), "entities", "entity", problem);
    }

    private static void ValidateSchema(JsonNode? schema, string member, Action<string, string> problem, string path = "#")
    {
        if (schema is JsonValue v && v.TryGetValue<bool>(out _))
        {
            return;
        }

        if (schema is not JsonObject obj)
        {
            problem(member, $"{path} is not a JSON Schema object.");
            return;
        }

        if (obj["type"] is { } type)
        {
            var types = type is JsonArray arr ? arr.Select(t => t?.ToString()) : [type.ToString()];
            foreach (var t in types.Where(t => t is null || !SchemaTypes.Contains(t)))
            {
                problem(member, $"{path}/type '{t}' is not a JSON Schema type (object, array, string, number, integer, boolean, null).");
            }
        }

        if (obj["properties"] is { } props)
        {
            if (props is not JsonObject properties)
            {
                problem(member, $"{path}/properties must be an object of schemas.");
            }
            else
            {
                foreach (var (name, sub) in properties)
                {
                    ValidateSchema(sub, member, problem, $"{path}/properties/{name}");
                }

                if (obj["required"] is JsonArray required)
                {
                    foreach (var r in required.Select(r => r?.ToString()).Where(r => r is null || !properties.ContainsKey(r)))
                    {
                        problem(member, $"{path}/required names '{r}', which is not among its properties.");
                    }
                }
            }
        }

        if (obj["required"] is { } req && req is not JsonArray)
        {
            problem(member, $"{path}/required must be an array of property names.");
        }

        if (obj["items"] is { } items)
        {
            ValidateSchema(items, member, problem, $"{path}/items");
        }
    }

    private static void CheckName(string name, string kind, string member, Action<string, string> problem)
    {
        if (string.IsNullOrWhiteSpace(name) || !SnakeCase().IsMatch(name))
        {
            problem(member, $"'{name}' is not a valid {kind} name: use snake_case like 'create_contact'.");
        }
    }

    private static void Duplicates(IEnumerable<string> names, string member, string kind, Action<string, string> problem)
    {
        foreach (var group in names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problem($"{member}.{group.Key}", $"The {kind} name '{group.Key}' is used {group.Count()} times: names must be unique.");
        }
    }

    private static bool IsAbsoluteUrlTemplate(string url)
    {
        // A leading placeholder stands for a whole URL kept on the connection (Salesforce {instance_url}).
        var probe = url.StartsWith('{') ? PlaceholderPattern().Replace(url, "https://placeholder.invalid", 1) : url;
        return Uri.TryCreate(PlaceholderPattern().Replace(probe, "x"), UriKind.Absolute, out var uri) && (uri.Scheme == "https" || uri.Scheme == "http");
    }

    private static IEnumerable<string> Placeholders(params string?[] urls) =>
        urls.Where(u => u is not null).SelectMany(u => PlaceholderPattern().Matches(u!).Select(m => m.Groups[1].Value)).Distinct();

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();

    [GeneratedRegex("^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]
    private static partial Regex SnakeCase();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex FieldName();

    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9_]*)\}")]
    private static partial Regex PlaceholderPattern();
}
