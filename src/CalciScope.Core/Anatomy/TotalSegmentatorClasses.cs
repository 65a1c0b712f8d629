using System.Reflection;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace CalciScope.Anatomy;

/// <summary>TotalSegmentator's `total` class map (ids 1-117 and names) with the structure each maps onto, from Knowledge/anatomy.</summary>
public sealed class TotalSegmentatorClasses
{
    private readonly AnatomyStructure[] _byId;
    private readonly Dictionary<string, AnatomyStructure> _byName;

    private TotalSegmentatorClasses(IEnumerable<(int Id, string Name, AnatomyStructure Structure)> classes)
    {
        var list = classes.ToList();
        _byId = new AnatomyStructure[list.Max(c => c.Id) + 1];
        foreach (var c in list) _byId[c.Id] = c.Structure;
        _byName = list.ToDictionary(c => c.Name, c => c.Structure, StringComparer.Ordinal);
    }

    public static TotalSegmentatorClasses Total { get; } = Load();

    public int MaxId => _byId.Length - 1;
    public AnatomyStructure OfId(int id) => id > 0 && id < _byId.Length ? _byId[id] : AnatomyStructure.None;
    public bool TryOfName(string name, out AnatomyStructure s) => _byName.TryGetValue(name, out s);

    private sealed class FileDto
    {
        public string Source { get; set; } = "";
        public List<ClassDto> Classes { get; set; } = [];
    }

    private sealed class ClassDto
    {
        public int Id { get; set; }
        public string Name { get; set; } = "";
        public string Structure { get; set; } = "";
    }

    private static TotalSegmentatorClasses Load()
    {
        var asm = Assembly.GetExecutingAssembly();
        var name = asm.GetManifestResourceNames().Single(n => n.EndsWith(".Knowledge.anatomy.totalsegmentator_total.yaml", StringComparison.Ordinal));
        using var s = asm.GetManifestResourceStream(name)!;
        var dto = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build()
            .Deserialize<FileDto>(new StreamReader(s).ReadToEnd());
        return new TotalSegmentatorClasses(dto.Classes.Select(c => (c.Id, c.Name, AnatomyStructures.Parse(c.Structure))));
    }
}
