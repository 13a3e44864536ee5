using Microsoft.Extensions.DependencyInjection;

namespace Fastn.Storage;

/// <summary>DI scopes for system code that must see every workspace (grains, hosted services, migrations).</summary>
public static class SystemScopes
{
    /// <summary>A new DI scope whose <see cref="TenantScope"/> is system scope for <paramref name="why"/>.</summary>
    public static IServiceScope CreateSystemScope(this IServiceScopeFactory scopes, string why)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().AsSystem(why);
        return scope;
    }

    /// <summary>The async-disposable form of <see cref="CreateSystemScope"/>.</summary>
    public static AsyncServiceScope CreateAsyncSystemScope(this IServiceScopeFactory scopes, string why)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().AsSystem(why);
        return scope;
    }
}
