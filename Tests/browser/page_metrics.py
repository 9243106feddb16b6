"""Page speed figures in headless Chromium on a throttled network (scripts/page-metrics.sh).

For each page: first contentful paint with a cold cache and a warm one, layout shift (CLS)
over a throttled reload, render-blocking requests (the document, style sheets), requests
started before first paint, requests made, requests that went to the network ("fetched",
transfer size above 0), bytes transferred and bytes after decoding.
The network profile is set through the DevTools protocol (Network.emulateNetworkConditions):
400 kbit/s down and up, 400 ms round trip, what the issue calls a slow 4G link (Chrome's own
"Slow 3G" preset uses the same figures); the CPU is slowed 4x (Emulation.setCPUThrottlingRate),
as Lighthouse does for a mid-range phone.

Figures, not assertions: they depend on the machine. Tests/browser/test_page_weight.py
asserts the structural properties that do not.

    page_metrics.py BASE_URL [--runs N] [--path /] [--path /products/ID] [--json]
"""

import argparse
import json
import os
import statistics
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

DOWNLOAD_KBPS = 400
UPLOAD_KBPS = 400
ROUND_TRIP_MS = 400
CPU_SLOWDOWN = 4

# Layout shifts and paints, recorded from the first byte of every document (buffered
# observers would miss nothing either, but this keeps the numbers in one place).
OBSERVER = """
window.__uplyftMetrics = {cls: 0, shifts: 0};
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) { window.__uplyftMetrics.cls += entry.value; window.__uplyftMetrics.shifts += 1; }
  }
}).observe({type: 'layout-shift', buffered: true});
"""

# Waits for the load event plus two seconds of quiet (throttled requests the page makes after
# load, such as its session check, may still move things), then reads the figures.
COLLECT = """
const done = arguments[arguments.length - 1];
function settle() {
  setTimeout(() => {
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    const fcp = paint ? paint.startTime : null;
    const navigation = performance.getEntriesByType('navigation')[0];
    const resources = performance.getEntriesByType('resource');
    const all = [navigation, ...resources];
    done({
      fcp: fcp,
      cls: window.__uplyftMetrics ? window.__uplyftMetrics.cls : null,
      requests: all.length,
      before_paint: fcp === null ? null : all.filter((entry) => entry.startTime <= fcp).length,
      // The document plus what Chromium marks render-blocking (style sheets, classic scripts).
      blocking: 1 + resources.filter((entry) => entry.renderBlockingStatus === 'blocking').length,
      transferred: all.reduce((sum, entry) => sum + (entry.transferSize || 0), 0),
      decoded: all.reduce((sum, entry) => sum + (entry.decodedBodySize || 0), 0),
      fetched: all.filter((entry) => entry.transferSize > 0).length,
    });
  }, 2000);
}
if (document.readyState === 'complete') settle(); else window.addEventListener('load', settle);
"""


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM_BINARY", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=412,915", "--no-first-run", "--disable-extensions"):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options,
                              service=Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")))
    driver.set_script_timeout(120)
    driver.set_page_load_timeout(120)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
        "offline": False, "latency": ROUND_TRIP_MS,
        "downloadThroughput": DOWNLOAD_KBPS * 1000 / 8, "uploadThroughput": UPLOAD_KBPS * 1000 / 8,
    })
    driver.execute_cdp_cmd("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": OBSERVER})
    return driver


def measure(base_url, path):
    """One cold view, one warm view (a new navigation, as following a link), one reload."""
    driver = browser()
    try:
        driver.execute_cdp_cmd("Network.clearBrowserCache", {})
        driver.get(base_url + path)
        cold = driver.execute_async_script(COLLECT)
        driver.get(base_url + path)
        warm = driver.execute_async_script(COLLECT)
        driver.refresh()
        reload = driver.execute_async_script(COLLECT)
        return {"cold": cold, "warm": warm, "reload": reload}
    finally:
        driver.quit()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base_url")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--path", action="append")
    parser.add_argument("--json", action="store_true")
    arguments = parser.parse_args()
    paths = arguments.path or ["/"]
    report = {}
    for path in paths:
        runs = [measure(arguments.base_url.rstrip("/"), path) for _ in range(arguments.runs)]
        summary = {}
        for view in ("cold", "warm", "reload"):
            summary[view] = {key: statistics.median(run[view][key] for run in runs)
                             for key in runs[0][view] if all(run[view][key] is not None for run in runs)}
        report[path] = summary
    if arguments.json:
        print(json.dumps(report, indent=2))
        return
    print(f"network {DOWNLOAD_KBPS} kbit/s down, {UPLOAD_KBPS} kbit/s up, {ROUND_TRIP_MS} ms round trip; "
          f"CPU slowed {CPU_SLOWDOWN}x; median of {arguments.runs} runs")
    print(f"{'page':<28} {'view':<7} {'FCP ms':>7} {'CLS':>6} {'blocking':>8} {'req<FCP':>8} {'requests':>8} {'fetched':>8} "
          f"{'bytes':>8} {'decoded':>8}")
    for path, summary in report.items():
        for view, figures in summary.items():
            print(f"{path:<28} {view:<7} {figures.get('fcp', float('nan')):>7.0f} {figures.get('cls', float('nan')):>6.3f} "
                  f"{figures.get('blocking', 0):>8.0f} "
                  f"{figures.get('before_paint', 0):>8.0f} {figures.get('requests', 0):>8.0f} {figures.get('fetched', 0):>8.0f} "
                  f"{figures.get('transferred', 0):>8.0f} {figures.get('decoded', 0):>8.0f}")


if __name__ == "__main__":
    sys.exit(main())
