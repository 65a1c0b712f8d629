using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using CalciScope.Pipeline;
using CalciScope.Tests.Support;

namespace CalciScope.Tests.Analysis;

/// <summary>
/// analysis.json has one definition, <see cref="AnalysisDocument"/>: written from it, read into it, and its JSON Schema
/// (docs/analysis.schema.json) generated from it. Set CALCISCOPE_WRITE_SCHEMA=1 to rewrite the schema file after a change.
/// </summary>
public class AnalysisSchemaTests
{
    private static string SchemaPath => Path.Combine(Repo.Root, "docs", "analysis.schema.json");

    private static JsonNode Exported()
    {
        var schema = JsonSchemaExporter.GetJsonSchemaAsNode(AnalysisJson.Options, typeof(AnalysisDocument), new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true });
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        schema["title"] = AnalysisJson.Schema;
        return schema;
    }

    [Fact]
    public void CommittedSchema_IsTheOneTheTypesGive()
    {
        var exported = Exported().ToJsonString(AnalysisJson.Options);
        if (Environment.GetEnvironmentVariable("CALCISCOPE_WRITE_SCHEMA") == "1") File.WriteAllText(SchemaPath, exported + "\n");
        Assert.Equal(exported, File.ReadAllText(SchemaPath).TrimEnd('\n'));
    }

    [Fact]
    public void WrittenFile_ReadBackAndWrittenAgain_SameText_EveryFieldDeclared()
    {
        var (_, dicom) = TestStudies.Get("seed");
        var text = AnalysisJson.Serialize(AnalysisJson.ToDocument(AnalysisPipeline.Run(dicom, new AnalysisOptions())));
        var node = JsonNode.Parse(text)!;
        Assert.Equal(text, AnalysisJson.Serialize(AnalysisJson.Deserialize(node)));
        // Every field of a real file is declared in the schema, and every required one is there.
        var schema = JsonNode.Parse(File.ReadAllText(SchemaPath))!;
        CheckObject(schema, node.AsObject(), "$");
        CheckObject(schema["properties"]!["study"]!, node["study"]!.AsObject(), "$.study");
        CheckObject(schema["properties"]!["summary"]!, node["summary"]!.AsObject(), "$.summary");
        CheckObject(schema["properties"]!["lesions"]!["items"]!, node["lesions"]![0]!.AsObject(), "$.lesions[0]");
    }

    [Fact]
    public void MissingRequiredField_IsAnInputErrorNamingTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"calciscope-bad-analysis-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "schema": "calciscope.analysis/1", "study": { "size": [1, 1, 1], "voxel_mm": [1, 1, 1] }, "summary": {} }""");
        try
        {
            var e = Assert.Throws<InputException>(() => AnalysisJsonReader.Read(path));
            Assert.Equal(path, e.Path);
        }
        finally { File.Delete(path); }
    }

    private static void CheckObject(JsonNode schema, JsonObject value, string where)
    {
        var properties = schema["properties"]!.AsObject();
        foreach (var (name, _) in value) Assert.True(properties.ContainsKey(name), $"{where}.{name} is written but not declared");
        foreach (var required in schema["required"]?.AsArray() ?? []) Assert.True(value.ContainsKey(required!.GetValue<string>()), $"{where}.{required} is required but missing");
    }
}
