namespace Fastn.Cli.Commands.New;

/// <summary>The auth kinds <c>fastn new connector --auth</c> can scaffold.</summary>
internal enum ScaffoldAuth
{
    None,
    Basic,
    Bearer,
    ApiKey,
    OAuth2,
    Custom,
}
