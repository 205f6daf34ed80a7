using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Kestra.Security.Oidc.Sample.Commands;

/// <summary>
/// Every type the console writes as JSON, serialised through source generation (no reflection; Native AOT, SPEC §10).
/// Instances are made with <see cref="Output"/>'s options (camelCase, indentation, encoder).
/// </summary>
[JsonSerializable(typeof(CheckConfigCommand.Report))]
[JsonSerializable(typeof(ResolutionView.Resolution))]
[JsonSerializable(typeof(DiscoverCommand.DiscoveryView))]
[JsonSerializable(typeof(ValidateCommand.TokenView))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class ConsoleJson : JsonSerializerContext;
