using System.Reflection;
using Fastn.Engine.Errors;

namespace Fastn.Engine.Tests.Registry;

/// <summary>
/// The engine's public surface speaks engine and SDK types only: a host (the server, the dashboard) or a plugin
/// that references the engine must not need the storage layer's entities to call it. Constructors are left out:
/// the engine's services are built by the container (<c>AddFastnEngine</c>), never by a host, and the container
/// needs them public.
/// </summary>
public sealed class EngineSurfaceTests
{
    [Fact]
    public void PublicSurface_NamesNoStorageType()
    {
        var engine = typeof(FastnException).Assembly;
        var offenders = new List<string>();
        foreach (var type in engine.GetExportedTypes())
        {
            if (type.BaseType is { } baseType && IsStorage(baseType))
            {
                offenders.Add($"{type.FullName} : {baseType.FullName}");
            }

            foreach (var member in type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => m is not ConstructorInfo || IsValueType(type)))
            {
                foreach (var used in Signature(member).Where(IsStorage))
                {
                    offenders.Add($"{type.FullName}.{member.Name} uses {used.FullName}");
                }
            }
        }

        offenders.Distinct().Order(StringComparer.Ordinal).ShouldBeEmpty();
    }

    // Records and value objects are constructed by hosts; services are not.
    private static bool IsValueType(Type type) => type.GetMethod("<Clone>$") is not null || type.IsValueType;

    private static bool IsStorage(Type type) =>
        type.Assembly.GetName().Name == "Fastn.Storage"
        || (type.IsGenericType && type.GetGenericArguments().Any(IsStorage))
        || (type.HasElementType && IsStorage(type.GetElementType()!));

    private static IEnumerable<Type> Signature(MemberInfo member) => member switch
    {
        MethodInfo m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType),
        ConstructorInfo c => c.GetParameters().Select(p => p.ParameterType),
        PropertyInfo p => [p.PropertyType],
        FieldInfo f => [f.FieldType],
        EventInfo e => e.EventHandlerType is { } h ? [h] : [],
        _ => [],
    };
}
