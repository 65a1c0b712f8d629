#!/usr/bin/env python3
"""Writes bench/case_reports_by_condition.md from what the case-report test prints.

Usage: dotnet test tests/CalciScope.Core.Tests -c Release \
         --filter "FullyQualifiedName~Diagnose_PublishedCaseReports_TestPart" \
         --logger "console;verbosity=detailed" > log
       bench/case_reports_by_condition.py log > bench/case_reports_by_condition.md
"""
import re
import sys

text = open(sys.argv[1], encoding="utf-8").read()
head = re.search(r"(\d+) published case reports \(test part\): top-1 ([\d.]+) %, top-3 ([\d.]+) %, Brier ([\d.]+)", text)
sub = re.search(r"subtype level \(all\): top-1 ([\d.]+) %, top-3 ([\d.]+) %", text)
families = re.findall(r"family (\S+) \((\d+)\): top-1 (\d+) %, top-3 (\d+) %, Brier ([\d.]+)", text)
subtypes = re.findall(r"subtype (\S+) \((\d+)\): subtype level top-1 (\d+) %, top-3 (\d+) %", text)
if not head or not sub or not families:
    sys.exit(f"{sys.argv[1]}: no case-report test output in it")
total = sum(1 for _ in re.finditer(r"^- id:", open("tests/CalciScope.Core.Tests/Findings/case_reports.yaml", encoding="utf-8").read(), re.M))
n, t1, t3, brier = head.groups()
print("# Published case reports, test part, by condition family\n")
print(f"What `TextFindingTests.Diagnose_PublishedCaseReports_TestPart` prints, on the build of this commit: the {n} test cases of")
print(f"`tests/CalciScope.Core.Tests/Findings/case_reports.yaml` ({total} cases, split once by order of addition; the tuning part")
print("is never reported). A case whose answer is a subtype counts for its family at family level; the subtype rows give the")
print("subtype-level ranking (every family with subtypes replaced by them). Written by `bench/case_reports_by_condition.py`")
print("from the test's output.\n")
print(f"All {n}: top-1 {t1} %, top-3 {t3} %, Brier {brier}; subtype level top-1 {sub.group(1)} %, top-3 {sub.group(2)} %.\n")
print("| condition family (test cases) | top-1 | top-3 | Brier |")
print("|---|---|---|---|")
for name, count, a, b, br in families:
    print(f"| {name} ({count}) | {a} % | {b} % | {br} |")
if subtypes:
    print("\nSubtypes of metastatic calcinosis, at subtype level:\n")
    print("| subtype (test cases) | top-1 | top-3 |")
    print("|---|---|---|")
    for name, count, a, b in subtypes:
        print(f"| {name} ({count}) | {a} % | {b} % |")
