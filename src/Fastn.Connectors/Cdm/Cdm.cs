namespace Fastn.Connectors.Cdm;

/// <summary>
/// The Canonical Data Model catalog (v1). Each member is one entity whose fields are typed members:
/// <c>Cdm.Contact.Email</c>, <c>Cdm.Product.Sku</c>.
/// </summary>
public static class Cdm
{
    /// <summary>The catalog version; raised when any entity's major version changes.</summary>
    public const string CatalogVersion = "1.0.0";

    /// <summary><c>CDMContact</c>.</summary>
    public static CdmContactEntity Contact { get; } = new();

    /// <summary>Every entity in the catalog.</summary>
    public static IReadOnlyList<CdmEntity> All { get; } = [Contact];

    /// <summary>Finds an entity by name (<c>CDMContact</c>), or <see langword="null"/>.</summary>
    public static CdmEntity? Find(string name) => All.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.Ordinal));
}
