using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace CalciScope.Reports;

/// <summary>Validates resources against the FHIR R4 base profiles with the Firely validator (specification.zip from NuGet).</summary>
public static class FhirValidation
{
    private static readonly Lazy<Validator> Instance = new(() =>
    {
        var source = new CachedResolver(ZipSource.CreateValidationSource());
        var terminology = new LocalTerminologyService(source);
        return new Validator(source, terminology);
    });

    /// <summary>The errors and fatal issues; warnings (such as codes from systems the validator does not know) are not errors.</summary>
    public static IReadOnlyList<string> Errors(Resource resource)
    {
        var outcome = Instance.Value.Validate(resource);
        return outcome.Issue
            .Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .Select(i => $"{i.Location?.FirstOrDefault() ?? i.Expression?.FirstOrDefault()}: {i.Details?.Text ?? i.Diagnostics}")
            .ToList();
    }
}
