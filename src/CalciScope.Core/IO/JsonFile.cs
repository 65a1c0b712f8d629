using System.Text.Json.Nodes;

namespace CalciScope.IO;

/// <summary>Reads one of CalciScope's JSON documents, checking its schema; every failure becomes an InputException naming the file.</summary>
public static class JsonFile
{
    public static T Read<T>(string path, string schema, Func<JsonNode, T> parse)
    {
        try
        {
            var node = JsonNode.Parse(File.ReadAllText(path)) ?? throw new InputException(path, "empty file");
            if (node["schema"]?.GetValue<string>() != schema) throw new InputException(path, $"not a {schema} document");
            return parse(node);
        }
        catch (System.Text.Json.JsonException e) { throw new InputException(path, $"not valid JSON ({e.Message})"); }
        catch (InvalidOperationException e) { throw new InputException(path, $"unexpected value ({e.Message})"); }
        catch (NullReferenceException) { throw new InputException(path, "a required field is missing"); }
        catch (FileNotFoundException) { throw new InputException(path, "no such file"); }
        catch (DirectoryNotFoundException) { throw new InputException(path, "no such file"); }
    }
}
