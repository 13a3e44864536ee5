using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Fastn.Storage;

/// <summary>Runs <see cref="IStorageInitializer"/> at host start when <see cref="StorageOptions.MigrateOnStartup"/> is set.</summary>
internal sealed class StorageInitializerHostedService(IStorageInitializer initializer, IOptions<StorageOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        options.Value.MigrateOnStartup ? initializer.InitializeAsync(cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
