#!/usr/bin/env python3
"""Lists the surviving and uncovered mutants of a Stryker.NET JSON report, file by file, with the source line.
Usage: scripts/mutation-survivors.py <mutation-report.json> [path-substring]"""
import json, sys

report = json.load(open(sys.argv[1]))
only = sys.argv[2] if len(sys.argv) > 2 else ""
for path, f in sorted(report["files"].items()):
    if only not in path:
        continue
    lines = f["source"].split("\n")
    bad = [m for m in f["mutants"] if m["status"] in ("Survived", "NoCoverage")]
    if not bad:
        continue
    print(f"== {path}: {len(bad)}")
    for m in sorted(bad, key=lambda m: (m["location"]["start"]["line"], m["location"]["start"]["column"])):
        s, e = m["location"]["start"], m["location"]["end"]
        src = lines[s["line"] - 1]
        frag = src[s["column"] - 1:(e["column"] - 1) if e["line"] == s["line"] else None].strip()
        print(f'{s["line"]:4} {m["status"][:4]} {m["mutatorName"]}: {frag[:70]!r} -> {m.get("replacement", "")[:70]!r}')
