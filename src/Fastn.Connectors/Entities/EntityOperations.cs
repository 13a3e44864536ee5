namespace Fastn.Connectors.Entities;

/// <summary>The record operations an app supports for an entity.</summary>
[Flags]
public enum EntityOperations
{
    /// <summary>None.</summary>
    None = 0,
    /// <summary>List records (paged).</summary>
    List = 1,
    /// <summary>Get one record by id.</summary>
    Get = 2,
    /// <summary>Create a record.</summary>
    Create = 4,
    /// <summary>Update a record.</summary>
    Update = 8,
    /// <summary>Delete a record.</summary>
    Delete = 16,
    /// <summary>Search records by a query.</summary>
    Search = 32,
    /// <summary>Everything.</summary>
    All = List | Get | Create | Update | Delete | Search,
}
