using CalciScope.Diagnosis;
using CalciScope.Findings;
using CalciScope.Findings.Text;
using CalciScope.Pipeline;
using CalciScope.Reports;
using CalciScope.Tests.Support;

namespace CalciScope.Tests.Reports;

/// <summary>The seed phantom analysed and reported twice (identified and de-identified), shared by the report tests.</summary>
public sealed class ReportFixture : IDisposable
{
    public ReportFixture()
    {
        var (study, dicom) = TestStudies.Get("seed");
        Phantom = study;
        Analysis = AnalysisPipeline.Run(dicom, new AnalysisOptions());
        var findings = AnalysisFindings.From(AnalysisJson.ToDocument(Analysis))
            .Concat(TextFindingExtractor.Default.Extract("40-year-old woman with SLE, butterfly rash and hard buttocks with a discharging sinus."));
        Differential = new BayesianDifferential(KnowledgeBase.Default).Diagnose(findings);
        Folder = Directory.CreateTempSubdirectory("calciscope-report-").FullName;
        Files = ReportWriter.Write(ReportModel.From(Analysis, Differential, deidentify: false), Path.Combine(Folder, "plain"));
        Deidentified = ReportWriter.Write(ReportModel.From(Analysis, Differential, deidentify: true), Path.Combine(Folder, "anon"));
    }

    public CalciScope.Phantoms.PhantomStudy Phantom { get; }
    public AnalysisResult Analysis { get; }
    public Differential Differential { get; }
    public string Folder { get; }
    public ReportFiles Files { get; }
    public ReportFiles Deidentified { get; }

    public void Dispose()
    {
        try { Directory.Delete(Folder, true); } catch (IOException) { }
    }
}
