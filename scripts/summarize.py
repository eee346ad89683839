"""Sum the results of every test suite into one line: N passed, N failed.

Reads what scripts/run-tests.sh left in the results folder: one-line `.check`
files (type check, lint), jest's --json output, Playwright's JSON report,
pytest's JUnit XML and the compatibility check's `compat-*` files (see
scripts/compat.sh). A suite whose report is missing counts as one failure, so
a crash cannot pass for success. Exits 1 when anything failed.
"""

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def checks(results: Path):
    for path in sorted(results.glob("*.check")):
        ok = path.read_text().strip() == "pass"
        yield path.stem, (1, 0, 0) if ok else (0, 1, 0)


def jest(results: Path):
    data = json.loads((results / "jest.json").read_text())
    failed = data["numFailedTests"] + data.get("numRuntimeErrorTestSuites", 0)
    return data["numPassedTests"], failed, data["numPendingTests"] + data["numTodoTests"]


def jest_failures(results: Path):
    """Each failed jest test with the first lines of its message."""
    data = json.loads((results / "jest.json").read_text())
    for suite in data["testResults"]:
        name = suite["name"].split("src/__tests__/")[-1]
        if not suite["assertionResults"] and suite.get("message"):
            yield f"jest {name}", suite["message"]
        for test in suite["assertionResults"]:
            if test["status"] == "failed":
                yield f"jest {name} > {test['fullName']}", "\n".join(test["failureMessages"])


def playwright_failures(results: Path):
    """Each failed Galata test with the first lines of its error."""
    def walk(suite, titles):
        for child in suite.get("suites", []):
            yield from walk(child, titles + [child["title"]])
        for spec in suite.get("specs", []):
            for test in spec.get("tests", []):
                if test.get("status") == "unexpected":
                    errors = [r.get("error", {}).get("message", "") for r in test.get("results", [])]
                    yield f"galata {' > '.join(titles + [spec['title']])}", "\n".join(errors)

    for path in [results / "playwright.json", *sorted(results.glob("compat-*.json"))]:
        if not path.exists():
            continue
        report = json.loads(path.read_text())
        for suite in report.get("suites", []):
            yield from walk(suite, [path.stem, suite["title"]])


def print_failures(results: Path) -> None:
    """What failed, last in the log so that its tail says it."""
    found = []
    for reader in (jest_failures, playwright_failures):
        try:
            found.extend(reader(results))
        except (OSError, ValueError, KeyError):
            pass
    if found:
        print("\nFailed:")
    for title, message in found:
        lines = [line for line in message.splitlines() if line.strip()][:8]
        print(f"- {title}")
        for line in lines:
            print(f"    {line[:200]}")


def playwright(results: Path, name: str = "playwright.json"):
    report = json.loads((results / name).read_text())
    stats, errors = report["stats"], len(report.get("errors", []))
    return stats["expected"] + stats.get("flaky", 0), stats["unexpected"] + errors, stats["skipped"]


def compat(results: Path):
    """Each environment's `labextension list` check plus its Playwright run
    (a missing report is a failure); the build of the wheel is one check."""
    checks = sorted(results.glob("compat-*.compat"))
    if not checks:
        raise OSError("the compatibility check left no result")
    passed = failed = skipped = 0
    for check in checks:
        if check.read_text().strip() == "pass":
            passed += 1
        else:
            failed += 1
        if check.stem == "compat-build":
            continue
        try:
            p, f, s = playwright(results, f"{check.stem}.json")
        except (OSError, ValueError, KeyError):
            p, f, s = 0, 1, 0
        passed, failed, skipped = passed + p, failed + f, skipped + s
    return passed, failed, skipped


def pytest(results: Path):
    suite = ET.parse(results / "pytest.xml").getroot()
    suite = suite.find("testsuite") if suite.tag == "testsuites" else suite
    total, failures, errors, skipped = (int(suite.get(k, 0)) for k in ("tests", "failures", "errors", "skipped"))
    return total - failures - errors - skipped, failures + errors, skipped


def main() -> int:
    results = Path(sys.argv[1])
    rows = list(checks(results))
    for name, reader in (("jest", jest), ("galata", playwright), ("compat", compat), ("pytest", pytest)):
        try:
            rows.append((name, reader(results)))
        except (OSError, ValueError, KeyError, ET.ParseError) as error:
            print(f"{name}: no usable report ({error}); counted as one failure")
            rows.append((name, (0, 1, 0)))
    print_failures(results)
    print()
    for name, (p, f, s) in rows:
        print(f"  {name:<10} {p:>4} passed {f:>4} failed {s:>4} skipped")
    passed, failed, skipped = (sum(r[1][i] for r in rows) for i in range(3))
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
