using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Engine.Errors;
using Fastn.Flows.Templates;
using Jint;
using Jint.Native;
using Microsoft.Extensions.Options;

namespace Fastn.Engine.Flows;

/// <summary>
/// Evaluates flow templates and expressions in Jint, sandboxed: no .NET access, and limits on time, memory,
/// statements and recursion, so a template that loops or throws fails its step with the reason instead of hanging
/// a node. Scope values go in as JSON and come out as JSON.
/// </summary>
public sealed class FlowTemplates(IOptions<FlowEngineOptions> options)
{
    private static readonly ConcurrentDictionary<string, Prepared<Acornima.Ast.Script>> Prepared = new(StringComparer.Ordinal);
    private const int MaxPrepared = 10_000;

    /// <summary>Why an expression does not parse as JavaScript, or null when it does.</summary>
    public static string? CheckSyntax(string expression)
    {
        try
        {
            Prepare(expression);
            return null;
        }
        catch (Exception ex) when (ex is Acornima.ParseErrorException or JintException)
        {
            return ex.Message;
        }
    }

    /// <summary>
    /// Evaluates every template in <paramref name="node"/>: a string that is one <c>{{ expression }}</c> becomes the
    /// expression's value, other strings interpolate; objects and arrays are walked. One sandboxed engine serves the
    /// whole node. Throws a validation <see cref="FastnException"/> naming <paramref name="path"/> when an expression fails.
    /// </summary>
    public JsonNode? Render(JsonNode? node, TemplateScope scope, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var references = new List<TemplateReference>();
        Collect(node, references);
        Jint.Engine? engine = null;
        return Render(node, path, () => engine ??= CreateEngine(scope, references, cancellationToken));
    }

    /// <summary>Evaluates one expression (no braces) and returns its value as JSON.</summary>
    public JsonNode? Evaluate(string expression, TemplateScope scope, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var engine = CreateEngine(scope, ExpressionScanner.References(expression), cancellationToken);
        return ToJson(engine, Run(engine, expression, path));
    }

    /// <summary>Evaluates an expression for its truthiness (JavaScript's rules).</summary>
    public bool IsTruthy(string expression, TemplateScope scope, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var engine = CreateEngine(scope, ExpressionScanner.References(expression), cancellationToken);
        return Jint.Runtime.TypeConverter.ToBoolean(Run(engine, expression, path));
    }

    // Every scope reference of every expression in the node, so the one engine gets each value it needs.
    private static void Collect(JsonNode? node, List<TemplateReference> references)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj)
                {
                    Collect(value, references);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item, references);
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() is var text && TemplateText.HasTemplate(text):
                foreach (var part in TemplateText.Split(text, out _).Where(p => p.IsExpression))
                {
                    references.AddRange(ExpressionScanner.References(part.Text));
                }

                break;
        }
    }

    private static JsonNode? Render(JsonNode? node, string path, Func<Jint.Engine> engine) => node switch
    {
        null => null,
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Render(p.Value, $"{path}.{p.Key}", engine)))),
        JsonArray array => new JsonArray([.. array.Select((item, i) => Render(item, $"{path}[{i}]", engine))]),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => RenderString(value.GetValue<string>(), path, engine),
        _ => node.DeepClone(),
    };

    private static JsonNode? RenderString(string text, string path, Func<Jint.Engine> engine)
    {
        if (!TemplateText.HasTemplate(text))
        {
            return JsonValue.Create(text);
        }

        if (TemplateText.SingleExpression(text) is { } single)
        {
            var e = engine();
            return ToJson(e, Run(e, single, path));
        }

        var parts = TemplateText.Split(text, out var error);
        if (error is not null)
        {
            throw FastnException.Validation($"The template at {path} is not valid: {error}.", path);
        }

        var builder = new System.Text.StringBuilder();
        foreach (var part in parts)
        {
            if (!part.IsExpression)
            {
                builder.Append(part.Text);
                continue;
            }

            var e = engine();
            var value = Run(e, part.Text, path);
            if (value.IsString())
            {
                builder.Append(value.AsString());
            }
            else if (!value.IsNull() && !value.IsUndefined())
            {
                builder.Append(value.IsObject() ? ToJson(e, value)?.ToJsonString() : Jint.Runtime.TypeConverter.ToString(value));
            }
        }

        return JsonValue.Create(builder.ToString());
    }

    private Jint.Engine CreateEngine(TemplateScope scope, IReadOnlyList<TemplateReference> references, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var engine = new Jint.Engine(e => e
            .LimitMemory(o.TemplateMemoryBytes)
            .TimeoutInterval(o.TemplateTimeout)
            .MaxStatements(o.TemplateMaxStatements)
            .LimitRecursion(64)
            .CancellationToken(cancellationToken)
            .Strict());
        var parser = new Jint.Native.Json.JsonParser(engine);
        // Only the names the expressions read go in (all steps when one is computed), so a late step in a long flow
        // does not pay for every earlier output.
        var roots = references.Select(r => r.Root).ToHashSet(StringComparer.Ordinal);
        if (roots.Contains("trigger"))
        {
            engine.SetValue("trigger", parser.Parse(scope.Trigger.ToJsonString()));
        }

        if (roots.Contains("run"))
        {
            engine.SetValue("run", parser.Parse(scope.Run.ToJsonString()));
        }

        if (roots.Contains("item") && scope.Item is { } item)
        {
            engine.SetValue("item", parser.Parse(item.ToJsonString()));
        }
        else if (roots.Contains("item"))
        {
            engine.SetValue("item", JsValue.Undefined);
        }

        if (roots.Contains("index"))
        {
            engine.SetValue("index", scope.Index is { } index ? new JsNumber(index) : JsValue.Undefined);
        }

        if (roots.Contains("steps"))
        {
            var wanted = references.Where(r => r.Root == "steps").ToArray();
            var steps = new JsonObject();
            foreach (var (id, output) in scope.Steps(wanted.Any(r => r.Step is null) ? null : wanted.Select(r => r.Step!).ToHashSet(StringComparer.Ordinal)))
            {
                steps[id] = new JsonObject { ["output"] = output?.DeepClone() };
            }

            engine.SetValue("steps", parser.Parse(steps.ToJsonString()));
        }

        return engine;
    }

    private static JsValue Run(Jint.Engine engine, string expression, string path)
    {
        try
        {
            var script = Prepare(expression);
            return engine.Evaluate(in script);
        }
        catch (Acornima.ParseErrorException ex)
        {
            throw FastnException.Validation($"The expression at {path} does not parse: {ex.Message}", path);
        }
        catch (Jint.Runtime.JavaScriptException ex)
        {
            throw FastnException.Validation($"The expression at {path} threw: {ex.Message}", path);
        }
        catch (TimeoutException)
        {
            throw FastnException.Validation($"The expression at {path} took longer than its time limit (Fastn:Flows:TemplateTimeout); does it loop forever?", path);
        }
        catch (Jint.Runtime.MemoryLimitExceededException)
        {
            throw FastnException.Validation($"The expression at {path} used more memory than its limit (Fastn:Flows:TemplateMemoryBytes).", path);
        }
        catch (Jint.Runtime.StatementsCountOverflowException)
        {
            throw FastnException.Validation($"The expression at {path} ran more statements than its limit (Fastn:Flows:TemplateMaxStatements); does it loop forever?", path);
        }
        catch (Jint.Runtime.RecursionDepthOverflowException)
        {
            throw FastnException.Validation($"The expression at {path} recursed too deeply (the limit is 64 calls).", path);
        }
        catch (JintException ex)
        {
            throw FastnException.Validation($"The expression at {path} failed: {ex.Message}", path);
        }
    }

    private static Prepared<Acornima.Ast.Script> Prepare(string expression)
    {
        if (Prepared.TryGetValue(expression, out var prepared))
        {
            return prepared;
        }

        // Parenthesised so an object literal reads as a value; the newline keeps a trailing // comment from eating ')'.
        prepared = Jint.Engine.PrepareScript("(" + expression + "\n)", strict: true);
        if (Prepared.Count < MaxPrepared)
        {
            Prepared.TryAdd(expression, prepared);
        }

        return prepared;
    }

    private static JsonNode? ToJson(Jint.Engine engine, JsValue value)
    {
        if (value.IsUndefined() || value.IsNull())
        {
            return null;
        }

        if (value.IsString())
        {
            return JsonValue.Create(value.AsString());
        }

        if (value.IsBoolean())
        {
            return JsonValue.Create(value.AsBoolean());
        }

        if (value.IsNumber())
        {
            var number = value.AsNumber();
            if (double.IsNaN(number) || double.IsInfinity(number))
            {
                return null;
            }

            return number == Math.Floor(number) && Math.Abs(number) < 9e15 ? JsonValue.Create((long)number) : JsonValue.Create(number);
        }

        var json = new Jint.Native.Json.JsonSerializer(engine).Serialize(value);
        return json.IsUndefined() ? null : JsonNode.Parse(json.AsString());
    }
}
