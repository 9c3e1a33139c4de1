#!/usr/bin/env python3
"""Where WarmHandlers' timed invocations spend CPU, from a JFR recording (docs/benchmarks.md; run log in benchmarks/results/history.md,
"Warm path at 50 lines"). Usage, from the repository root:

  $JAVA -XX:StartFlightRecording:filename=warm50.jfr,settings=profile \
      -cp benchmarks/target/benchmarks.jar org.aftersales.benchmarks.WarmHandlers 300 2000 50-line
  benchmarks/profile/jfr-frames.py warm50.jfr [JFR tool, default: jfr beside $JAVA or on PATH]

Keeps the main thread's execution samples inside a timed step (a WarmHandlers lambda's run, not
its untimed prepare), per handler (OrdersHandler = GET, CancellationHandler = cancellation), splits
them into inside / outside the SDK's request pipeline, and prints the project's methods by the
share of outside samples that have them on the stack (inclusive). JFR samples running Java code
only: time blocked on the socket does not show here (it is the "on the wire" column).
"""
import collections
import json
import os
import subprocess
import sys

recording = sys.argv[1]
jfr = sys.argv[2] if len(sys.argv) > 2 else (
    os.path.join(os.path.dirname(os.environ["JAVA"]), "jfr") if "JAVA" in os.environ else "jfr")
out = subprocess.run([jfr, "print", "--json", "--stack-depth", "200", "--events",
                      "jdk.ExecutionSample", recording], check=True, capture_output=True).stdout
events = json.loads(out)["recording"]["events"]


def frames(event):
    stack = event["values"]["stackTrace"]
    if not stack:
        return []
    return [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"]
            for f in stack["frames"]]


main = [frames(e) for e in events if e["values"]["sampledThread"]["javaName"] == "main"]
timed = [f for f in main
         if any("WarmHandlers" in x and "Lambda" in x and x.endswith(".run") for x in f)
         and not any(x.endswith(".prepare") for x in f)]
SDK = "software.amazon.awssdk.core.internal.http"
for name, handler in (("GET /orders/{id}", "OrdersHandler"),
                      ("POST /orders/{id}/cancellation", "CancellationHandler")):
    samples = [f for f in timed if any(handler in x for x in f)]
    outside = [f for f in samples if not any(SDK in x for x in f)]
    print(f"== {name}: {len(samples)} timed samples, {len(samples) - len(outside)} inside SDK "
          f"calls, {len(outside)} outside (our code)")
    counts = collections.Counter()
    for f in outside:
        counts.update({x for x in f if x.startswith("org.aftersales") and "Lambda" not in x
                       and "WarmHandlers" not in x})
    for method, n in counts.most_common(30):
        print(f"{n:6d} {100 * n / max(1, len(outside)):5.1f}%  {method}")
    print()
