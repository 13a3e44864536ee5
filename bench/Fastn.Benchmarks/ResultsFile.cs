using System.Globalization;
using System.Text;

namespace Fastn.Benchmarks;

/// <summary>
/// bench/RESULTS.md, one section per mode between <c>&lt;!-- bench:NAME --&gt;</c> markers, so running one mode
/// replaces its own figures and keeps the others'.
/// </summary>
public static class ResultsFile
{
    /// <summary>Replaces (or appends) the section <paramref name="name"/> with <paramref name="markdown"/>.</summary>
    public static async Task WriteSectionAsync(string name, string markdown)
    {
        var path = Path.Combine(RepoRoot(), "bench", "RESULTS.md");
        var text = File.Exists(path) ? await File.ReadAllTextAsync(path) : "# Benchmark results\n";
        var begin = $"<!-- bench:{name} -->";
        var end = $"<!-- /bench:{name} -->";
        var block = begin + "\n" + markdown.TrimEnd() + "\n" + end;
        var from = text.IndexOf(begin, StringComparison.Ordinal);
        var to = text.IndexOf(end, StringComparison.Ordinal);
        text = from >= 0 && to > from
            ? text[..from] + block + text[(to + end.Length)..]
            : text.TrimEnd() + "\n\n" + block + "\n";
        await File.WriteAllTextAsync(path, text);
        Console.WriteLine($"Wrote section '{name}' of {path}");
    }

    /// <summary>The machine, runtime, date and load average, for the line above each table.</summary>
    public static string MachineLine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return string.Create(CultureInfo.InvariantCulture,
            $"Machine: {Environment.ProcessorCount} cores, {cpu ?? "unknown CPU"}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}. Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC. Load average before the run (1/5/15 min): {LoadAverage()}.");
    }

    /// <summary>The 1, 5 and 15 minute load averages (other engineers compile on the same 2 cores).</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>The folder holding Fastn.slnx.</summary>
    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Fastn.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }

    /// <summary>Appends a markdown table row.</summary>
    public static StringBuilder Row(this StringBuilder md, params object[] cells) =>
        md.Append("| ").AppendJoin(" | ", cells.Select(c => Convert.ToString(c, CultureInfo.InvariantCulture))).AppendLine(" |");
}
