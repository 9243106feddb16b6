"""The automated accessibility check of the browser tests: a current axe-core (4.x, from the
axe-playwright-python wheel, which bundles it as `axe.min.js`), injected into the page with
Selenium and run on the document as it is now.

Only the wheel's JavaScript file is used: its Python modules import Playwright, which the
browser tests do not install (scripts/browser-tests.sh installs the wheel with --no-deps).
"""

import importlib.resources

# WCAG 2.0, 2.1 and 2.2 levels A and AA: the rules the page must pass with no violation.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# axe's own best practices (one <h1>, heading levels in order, content in landmarks...): the
# page passes them all too, so they are checked as well, to keep it that way.
CHECKED_TAGS = WCAG_TAGS + ["best-practice"]

_AXE_SOURCE = None

RUN_SCRIPT = """
const [tags, done] = [arguments[0], arguments[arguments.length - 1]];
axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
  .then((results) => done({version: axe.version, violations: results.violations}))
  .catch((error) => done({error: String(error)}));
"""


def axe_source():
    """The text of axe.min.js inside the installed axe_playwright_python package (read once)."""
    global _AXE_SOURCE
    if _AXE_SOURCE is None:
        _AXE_SOURCE = importlib.resources.files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")
    return _AXE_SOURCE


def axe_violations(driver, tags=WCAG_TAGS):
    """axe-core's violations of the rules with `tags` on the page in `driver`: a list of dicts
    (id, impact, help, nodes: [{target, failureSummary}]) as axe.run reports them."""
    if not driver.execute_script("return typeof window.axe === 'object'"):
        driver.execute_script(axe_source())
    driver.set_script_timeout(30)
    results = driver.execute_async_script(RUN_SCRIPT, tags)
    assert "error" not in results, f"axe.run failed: {results.get('error')}"
    assert results["version"].startswith("4."), results["version"]
    return results["violations"]


def report(violations):
    """One readable line per rule broken, then one per element that breaks it."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation.get('impact')}): {violation['help']}")
        for node in violation["nodes"]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary}")
    return "\n".join(lines)


def check_accessibility(driver, name):
    """axe-core's WCAG 2.0/2.1/2.2 A and AA rules and its best practices on the page as it is
    now: no violation."""
    violations = axe_violations(driver, CHECKED_TAGS)
    assert violations == [], f"{name}:\n" + report(violations)
