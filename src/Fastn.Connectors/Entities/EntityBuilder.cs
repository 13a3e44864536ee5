using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Connectors.Cdm;

namespace Fastn.Connectors.Entities;

/// <summary>
/// Builds an <see cref="EntityDefinition"/> from typed selectors, so native field names come from the
/// C# members (and their JSON names) and CDM fields from the typed catalog.
/// </summary>
/// <typeparam name="T">The native record type.</typeparam>
public sealed class EntityBuilder<T>
{
    private readonly JsonSerializerOptions _json;
    private readonly List<FieldMapping> _mappings = [];
    private readonly Dictionary<EntityOperations, string> _operationActions = [];

    internal EntityBuilder(JsonSerializerOptions json)
    {
        _json = json;
    }

    internal string? IdPath { get; private set; }

    internal string? UpdatedAtPath { get; private set; }

    internal EntityOperations Operations { get; private set; }

    internal string? NativeType { get; private set; }

    internal IReadOnlyList<FieldMapping> Mappings => _mappings;

    internal IReadOnlyDictionary<EntityOperations, string> OperationActions => _operationActions;

    internal EntityListing? Listing { get; private set; }

    internal EntityWrite? Creating { get; private set; }

    internal EntityWrite? Updating { get; private set; }

    /// <summary>The id field.</summary>
    public EntityBuilder<T> Id<TField>(Expression<Func<T, TField>> selector)
    {
        IdPath = PathOf(selector);
        return this;
    }

    /// <summary>The last-modified field.</summary>
    public EntityBuilder<T> UpdatedAt<TField>(Expression<Func<T, TField>> selector)
    {
        UpdatedAtPath = PathOf(selector);
        return this;
    }

    /// <summary>The app's own name of the type (defaults to the C# type name).</summary>
    public EntityBuilder<T> Native(string nativeType)
    {
        NativeType = nativeType;
        return this;
    }

    /// <summary>Declares a supported operation, optionally naming the action that performs it.</summary>
    public EntityBuilder<T> Supports(EntityOperations operations, string? action = null)
    {
        Operations |= operations;
        if (action is not null)
        {
            _operationActions[operations] = action;
        }

        return this;
    }

    /// <summary>
    /// Declares how the unified CDM API lists records: <paramref name="action"/> (also declared as the
    /// <see cref="EntityOperations.List"/> operation) is called with <paramref name="first"/>'s input, the page's
    /// records are read from the output member <paramref name="records"/> selects, and <paramref name="next"/> gives
    /// the next page's input from this page's input and output (null on the last page). The records stay the app's
    /// raw JSON, so a CDM record can carry them as <c>remoteData</c>.
    /// </summary>
    /// <param name="action">The list action.</param>
    /// <param name="first">The first page's input for a request (limit and filters).</param>
    /// <param name="records">The output member holding the page's records, like <c>page => page.Results</c>.</param>
    /// <param name="next">The next page's input, or null when this page was the last.</param>
    /// <param name="filterable">CDM fields the app filters by exactly, which <paramref name="first"/> honours.</param>
    public EntityBuilder<T> ListedBy<TInput, TOutput>(string action, Func<EntityListRequest, TInput> first,
        Expression<Func<TOutput, IEnumerable<T>?>> records, Func<TInput, TOutput, TInput?> next, params CdmField[] filterable)
        where TInput : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(next);
        var path = MemberPath(records);
        Supports(EntityOperations.List, action);
        Listing = new EntityListing
        {
            Action = action,
            First = request => JsonSerializer.SerializeToNode(first(request), _json) as JsonObject
                ?? throw new InvalidOperationException($"The first page's input for '{action}' is not a JSON object."),
            Records = output => output is JsonObject page && JsonPath.Get(page, path) is JsonArray items ? [.. items.OfType<JsonObject>()] : [],
            Next = (input, output) =>
            {
                var typedInput = input.Deserialize<TInput>(_json);
                var typedOutput = Read<TOutput>(output);
                return typedInput is null || typedOutput is null ? null : JsonSerializer.SerializeToNode(next(typedInput, typedOutput), _json) as JsonObject;
            },
            Filterable = filterable,
        };
        return this;
    }

    /// <summary>
    /// Declares how a CDM record is created in the app: <paramref name="action"/> (also declared as the
    /// <see cref="EntityOperations.Create"/> operation) is called with <paramref name="input"/>'s input for the record,
    /// and the created native record is the output member <paramref name="record"/> selects (the output itself when null).
    /// </summary>
    public EntityBuilder<T> CreatedBy<TInput, TOutput>(string action, Func<CdmRecord, TInput> input, Expression<Func<TOutput, T>>? record = null)
        where TInput : class
    {
        ArgumentNullException.ThrowIfNull(input);
        Supports(EntityOperations.Create, action);
        Creating = Write(action, (_, cdm) => input(cdm), record);
        return this;
    }

    /// <summary>
    /// Declares how a CDM record is updated in the app: <paramref name="action"/> (also declared as the
    /// <see cref="EntityOperations.Update"/> operation) is called with <paramref name="input"/>'s input for the record's
    /// id in the app and the fields to change; the updated native record is the output member <paramref name="record"/>
    /// selects (the output itself when null).
    /// </summary>
    public EntityBuilder<T> UpdatedBy<TInput, TOutput>(string action, Func<string, CdmRecord, TInput> input, Expression<Func<TOutput, T>>? record = null)
        where TInput : class
    {
        ArgumentNullException.ThrowIfNull(input);
        Supports(EntityOperations.Update, action);
        Updating = Write(action, (id, cdm) => input(id ?? throw new ArgumentException("An update needs the record's id."), cdm), record);
        return this;
    }

    private EntityWrite Write<TInput, TOutput>(string action, Func<string?, CdmRecord, TInput> input, Expression<Func<TOutput, T>>? record)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        var path = record is null ? null : MemberPath(record);
        return new EntityWrite
        {
            Action = action,
            Input = (id, cdm) => JsonSerializer.SerializeToNode(input(id, new CdmRecord(cdm)), _json) as JsonObject
                ?? throw new InvalidOperationException($"The input for '{action}' is not a JSON object."),
            Record = output => output is not JsonObject o ? null : path is null ? o : JsonPath.Get(o, path) as JsonObject,
        };
    }

    /// <summary>Maps a native field to a CDM field, value copied as is.</summary>
    public EntityBuilder<T> Map<TField>(Expression<Func<T, TField>> native, CdmField cdm)
    {
        _mappings.Add(new FieldMapping { NativePath = PathOf(native), CdmFields = [cdm] });
        return this;
    }

    /// <summary>Maps a native field to a CDM field through value transforms in both directions.</summary>
    public EntityBuilder<T> Map<TField, TCdm>(Expression<Func<T, TField>> native, CdmField cdm,
        Func<TField?, TCdm?> toCdm, Func<TCdm?, TField?>? fromCdm = null)
    {
        ArgumentNullException.ThrowIfNull(toCdm);
        _mappings.Add(new FieldMapping
        {
            NativePath = PathOf(native),
            CdmFields = [cdm],
            ToCdm = (value, _) => [JsonSerializer.SerializeToNode(toCdm(Read<TField>(value)), _json)],
            FromCdm = fromCdm is null ? null : record => JsonSerializer.SerializeToNode(fromCdm(Read<TCdm>(record[cdm.Name])), _json),
            ReadOnly = fromCdm is null,
        });
        return this;
    }

    /// <summary>
    /// Maps a native field to a CDM field through transforms that also read a second field of the same record: an amount
    /// in minor units needs its record's currency to be turned into major units. Back from the CDM, the transform sees the
    /// whole CDM record.
    /// </summary>
    /// <param name="native">The mapped field.</param>
    /// <param name="with">The second field the transform reads (<c>p => p.Currency</c>).</param>
    /// <param name="cdm">The CDM field fed.</param>
    /// <param name="toCdm">Native value and second field's value → CDM value.</param>
    /// <param name="fromCdm">CDM value and the CDM record → native value; <see langword="null"/> makes the mapping read-only.</param>
    public EntityBuilder<T> Map<TField, TWith, TCdm>(Expression<Func<T, TField>> native, Expression<Func<T, TWith>> with, CdmField cdm,
        Func<TField?, TWith?, TCdm?> toCdm, Func<TCdm?, CdmRecord, TField?>? fromCdm = null)
    {
        ArgumentNullException.ThrowIfNull(toCdm);
        var withPath = PathOf(with);
        _mappings.Add(new FieldMapping
        {
            NativePath = PathOf(native),
            CdmFields = [cdm],
            ToCdm = (value, record) => [JsonSerializer.SerializeToNode(toCdm(Read<TField>(value), Read<TWith>(JsonPath.Get(record, withPath))), _json)],
            FromCdm = fromCdm is null ? null : record => JsonSerializer.SerializeToNode(fromCdm(Read<TCdm>(record[cdm.Name]), new CdmRecord(record)), _json),
            ReadOnly = fromCdm is null,
        });
        return this;
    }

    /// <summary>
    /// Maps one native field to several CDM fields (full name → first and last name) and, optionally,
    /// back from the CDM record.
    /// </summary>
    public EntityBuilder<T> Split<TField>(Expression<Func<T, TField>> native,
        IReadOnlyList<(CdmField Field, Func<TField?, object?> Value)> toCdm, Func<CdmRecord, TField?>? fromCdm = null)
    {
        ArgumentNullException.ThrowIfNull(toCdm);
        _mappings.Add(new FieldMapping
        {
            NativePath = PathOf(native),
            CdmFields = [.. toCdm.Select(t => t.Field)],
            ToCdm = (value, _) =>
            {
                var typed = Read<TField>(value);
                return [.. toCdm.Select(t => JsonSerializer.SerializeToNode(t.Value(typed), _json))];
            },
            FromCdm = fromCdm is null ? null : record => JsonSerializer.SerializeToNode(fromCdm(new CdmRecord(record)), _json),
            ReadOnly = fromCdm is null,
        });
        return this;
    }

    private TValue? Read<TValue>(JsonNode? node) => node is null ? default : node.Deserialize<TValue>(_json);

    private string PathOf<TField>(Expression<Func<T, TField>> selector) => MemberPath(selector);

    private string MemberPath<TSource, TField>(Expression<Func<TSource, TField>> selector)
    {
        var members = new Stack<MemberInfo>();
        var body = selector.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : selector.Body;
        while (body is MemberExpression member)
        {
            members.Push(member.Member);
            body = member.Expression!;
        }

        if (body is not ParameterExpression || members.Count == 0)
        {
            throw new ArgumentException($"'{selector}' must select a property of {typeof(TSource).Name}, like c => c.Email.", nameof(selector));
        }

        var names = new List<string>();
        var type = typeof(TSource);
        foreach (var m in members)
        {
            var info = _json.GetTypeInfo(type);
            var property = info.Properties.FirstOrDefault(p => p.AttributeProvider is MemberInfo mi && mi.Name == m.Name)
                ?? throw new ArgumentException($"'{m.Name}' of {type.Name} is not serialized to JSON, so it cannot be mapped.", nameof(selector));
            names.Add(property.Name);
            type = property.PropertyType;
        }

        return string.Join('.', names);
    }
}
