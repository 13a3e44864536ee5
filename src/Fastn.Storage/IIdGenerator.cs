namespace Fastn.Storage;

/// <summary>Creates the platform's string ids: <c>{prefix}_{26-char ULID}</c>, sortable by creation time.</summary>
public interface IIdGenerator
{
    /// <summary>A new id such as <c>conn_01JD3Z6K8Q4W7N2B5X9C0VREHT</c>.</summary>
    string NewId(string prefix);
}
