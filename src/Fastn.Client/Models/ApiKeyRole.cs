using System.Text.Json.Serialization;

namespace Fastn.Client.Models;

/// <summary>What an API key may do.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ApiKeyRole>))]
public enum ApiKeyRole
{
    /// <summary>Tenants, connections, actions, connect sessions and events (the default).</summary>
    [JsonStringEnumMemberName("member")]
    Member,

    /// <summary>Everything, including API keys, the vault, OAuth apps, workspace settings and redirect URLs. Always workspace-wide.</summary>
    [JsonStringEnumMemberName("admin")]
    Admin,
}
