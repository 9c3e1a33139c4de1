#!/usr/bin/env python3
"""Markdown tables of the cold-start goals from one lambda-bench run (the -o JSON of cases.sh).

usage: benchmarks/coldstart/tables.py RUN.json
Ratios are of medians within the one interleaved run; absolute ms are printed only beside them.
"""
import json
import sys

API = ["orders-get", "returns-get", "claims-get", "refunds-ledger", "policy"]
S3_FREE = ["orders-get", "returns-get", "refunds-ledger", "policy"]


def first_status(body):
    """The statusCode of a first response (the kit may keep only the start of a long body)."""
    marker = '"statusCode":'
    if marker not in body:
        return "-"
    return body.split(marker, 1)[1].split(",", 1)[0].strip()


def main(path):
    run = json.load(open(path))
    cases = run["cases"]
    med = {n: {k: v["median"] for k, v in c["summary"].items() if isinstance(v, dict)}
           for n, c in cases.items()}
    pkg = {n: c["summary"]["package_mb"] for n, c in cases.items()}
    status = {n: first_status(c.get("first_response_body") or "") for n, c in cases.items()}

    def r(a, b, key):
        return med[a][key] / med[b][key]

    print(f"Run: {run['date']}, {run['rounds']} rounds + {run['warmup_rounds']} warm-up, "
          f"{run['warm_invokes']} warm invokes, JVM {run['java_version']}, {run['memory_mb']} MB\n")
    print("**1st response vs sdk-floor and typical** (goal: API functions ≤ 0.85× sdk-floor, ≤ 0.65× typical)\n")
    print("| case | 1st resp ms (median) | vs sdk-floor | vs typical | first status | met |")
    print("|---|---|---|---|---|---|")
    for n in [c for c in cases if c not in ("hello",)]:
        fs, ft = r(n, "sdk-floor", "first_response_ms"), r(n, "typical", "first_response_ms")
        met = "yes" if fs <= 0.85 and ft <= 0.65 else f"no (+{max(fs - 0.85, 0):.2f} / +{max(ft - 0.65, 0):.2f})"
        if n in ("sdk-floor", "typical", "evidence"):
            met = "—"
        print(f"| {n} | {med[n]['first_response_ms']:.0f} | {fs:.2f}× | {ft:.2f}× | {status[n]} | {met} |")
    print("\n**GET /policy vs hello** (goal: 1st response ≤ 1.5× hello)\n")
    print("| case | 1st resp ms | vs hello | init ms | vs hello | classes | vs hello |")
    print("|---|---|---|---|---|---|---|")
    for n in ["policy", "hello"]:
        print(f"| {n} | {med[n]['first_response_ms']:.0f} | {r(n, 'hello', 'first_response_ms'):.2f}× "
              f"| {med[n]['init_ms']:.0f} | {r(n, 'hello', 'init_ms'):.2f}× "
              f"| {med[n]['classes_loaded']:.0f} | {r(n, 'hello', 'classes_loaded'):.2f}× |")
    print("\n**1st invoke after init vs warm p50** (goal: API functions ≤ 3×; priming runs in init here)\n")
    print("| case | 1st invoke ms | warm p50 ms | ratio | met |")
    print("|---|---|---|---|---|")
    for n in cases:
        q = med[n]["first_invoke_ms"] / med[n]["warm_p50_ms"]
        met = ("yes" if q <= 3 else f"no ({q / 3:.1f}× over)") if n in API else "—"
        print(f"| {n} | {med[n]['first_invoke_ms']:.1f} | {med[n]['warm_p50_ms']:.2f} | {q:.1f}× | {met} |")
    print("\n**Classes, RSS, package** (goals: classes ≤ 0.9× sdk-floor for every function; "
          "zips of S3-free functions ≤ 0.7× sdk-floor's)\n")
    print("| case | classes | vs sdk-floor | RSS MB | vs sdk-floor | zip MB | vs sdk-floor |")
    print("|---|---|---|---|---|---|---|")
    for n in cases:
        c = r(n, "sdk-floor", "classes_loaded")
        z = pkg[n] / pkg["sdk-floor"]
        print(f"| {n} | {med[n]['classes_loaded']:.0f} | {c:.3f}× | {med[n]['peak_rss_mb']:.1f} "
              f"| {r(n, 'sdk-floor', 'peak_rss_mb'):.2f}× | {pkg[n]:.2f} | {z:.3f}× |")


if __name__ == "__main__":
    main(sys.argv[1])
