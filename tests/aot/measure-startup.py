#!/usr/bin/env python3
"""Native vs managed kestra-oidc: process wall time of check-config and resolve (SPEC §10).

Usage: python3 tests/aot/measure-startup.py [--runs 15]
Builds the managed console in Release, publishes the native one (.ci/publish-native) when it is missing,
runs each command --runs times per build after two warm-up runs, and prints a Markdown table of the medians
and the native/managed ratio (the goal is <= 0.3x). Not a test: wall time is never asserted in the suite.
"""
import argparse
import os
import platform
import statistics
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.join(ROOT, "tests", "Kestra.Security.Oidc.Tests", "TestData")
NATIVE = os.path.join(ROOT, "artifacts", "native", "kestra-oidc")
MANAGED = os.path.join(ROOT, "samples", "Kestra.Security.Oidc.Sample", "bin", "Release", "net10.0", "kestra-oidc")

COMMANDS = {
    "check-config": ["check-config", "--config", "config/guide-combined.yml"],
    "resolve": ["resolve", "--config", "config/guide-combined.yml", "--claims", "tokens/keycloak-no-kestra-roles.json"],
}


def prepare():
    if not os.path.exists(NATIVE):
        subprocess.run(["bash", os.path.join(ROOT, ".ci", "publish-native")], check=True)
    subprocess.run(["dotnet", "build", os.path.join(ROOT, "samples", "Kestra.Security.Oidc.Sample"), "-c", "Release", "--nologo", "-v", "q"], check=True)


def once(binary, args):
    start = time.perf_counter()
    done = subprocess.run([binary, *args], cwd=DATA, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "NO_COLOR": "1"})
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{binary} {' '.join(args)} exited with {done.returncode}")
    return elapsed


def median_ms(binary, args, runs):
    for _ in range(2):
        once(binary, args)
    return statistics.median(once(binary, args) for _ in range(runs)) * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    prepare()
    print(f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}; median of {runs} runs after 2 warm-ups")
    print()
    print("| command | managed (ms) | native (ms) | native / managed |")
    print("|---|---:|---:|---:|")
    for name, args in COMMANDS.items():
        managed = median_ms(MANAGED, args, runs)
        native = median_ms(NATIVE, args, runs)
        print(f"| `{name}` | {managed:.0f} | {native:.0f} | {native / managed:.2f}× |")


if __name__ == "__main__":
    main()
