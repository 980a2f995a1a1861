#!/usr/bin/env python3
"""Dossier benchmark: renders synthetic conventions of 8, 100 and 1000 projects and prints, for the
whole-convention dossier and for the batch of project dossiers: pages, wall and CPU seconds, milliseconds
per page, peak memory (RSS) and output bytes per page. Each figure is the median of several runs; the
spread (max - min of wall time, as a share of the median) states the machine noise.

Then, when the shared anchor benchmark is there (../shared/bench next to the project, or --anchors DIR), it runs
it with Typst and Dossier on the same data in the same run (run_anchors.sh with BENCH_TOOLS=typst, Dossier
through Benchmarks/anchor_dossier.sh) and prints Dossier's figures as ratios to Typst's for both jobs: the 1000-project convention
dossier and 100 one-project dossiers from one process. Figures from different runs are not compared: the
machines are shared and noisy.

Usage: Benchmarks/bench.py [--binary .build/release/dossier] [--runs 3] [--sizes 8,100,1000] [--jobs N]
                           [--conventions-only] [--anchors DIR | --no-anchors | --anchors-only] [--before OTHER_BINARY]

The 10 000-project target (peak memory under 1 GB): --sizes 10000 --runs 1 --conventions-only --no-anchors.
"""
import argparse, json, os, re, resource, shlex, shutil, statistics, subprocess, sys, tempfile, time

PROJECT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

def run(cmd):
    """Runs cmd; returns (wall seconds, cpu seconds, peak RSS in MB, stdout)."""
    # Output goes to files, not pipes: a batch prints a line per file and would block on a full pipe.
    with tempfile.TemporaryFile() as out_file, tempfile.TemporaryFile() as err_file:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out_file, stderr=err_file)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        out_file.seek(0); err_file.seek(0)
        out = out_file.read().decode()
        err = err_file.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{err}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out

def pages_and_bytes(out, folder):
    pages = sum(int(n) for n in re.findall(r"\((\d+) pages?\)", out))
    size = 0
    for root, _, files in os.walk(folder):
        size += sum(os.path.getsize(os.path.join(root, f)) for f in files if f.endswith(".pdf"))
    return pages, size

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=".build/release/dossier")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="8,100,1000")
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    parser.add_argument("--anchors", default=os.path.join(os.path.dirname(PROJECT), "shared", "bench"),
                        help="the shared anchor benchmark (default: ../shared/bench); skipped when absent")
    parser.add_argument("--no-anchors", action="store_true", help="only our own figures")
    parser.add_argument("--anchors-only", action="store_true", help="only the same-run comparison with Typst")
    parser.add_argument("--before", help="another dossier binary measured in the same run as 'before' (a main build)")
    parser.add_argument("--conventions-only", action="store_true",
                        help="only the whole-convention dossiers, not every project's (for --sizes 10000)")
    args = parser.parse_args()
    if args.anchors_only:
        compare_with_typst(args)
        return
    work = tempfile.mkdtemp(prefix="dossier-bench-")
    rows = []
    try:
        for n in [int(s) for s in args.sizes.split(",")]:
            data = os.path.join(work, f"convention-{n}.yaml")
            subprocess.run([args.binary, "generate", "--projects", str(n), "--out", data], check=True, stdout=subprocess.DEVNULL)
            runs = [("convention", "convention", 1, []), ("convention draft", "convention", 1, ["--draft"])]
            if not args.conventions_only:
                runs += [("projects", "projects", args.jobs, []), ("projects draft", "projects", args.jobs, ["--draft"])]
            for what, only, jobs, extra in runs:
                samples = []
                for r in range(args.runs):
                    out_dir = os.path.join(work, f"out-{n}-{what.replace(' ', '-')}-{r}")
                    cmd = [args.binary, "render", data, "--out", out_dir, "--only", only, "--date", "2016-12-08",
                           "--jobs", str(jobs)] + extra
                    wall, cpu, rss, out = run(cmd)
                    pages, size = pages_and_bytes(out, out_dir)
                    samples.append((wall, cpu, rss, pages, size))
                    shutil.rmtree(out_dir)
                walls = [s[0] for s in samples]
                wall = statistics.median(walls)
                cpu = statistics.median(s[1] for s in samples)
                rss = statistics.median(s[2] for s in samples)
                pages, size = samples[0][3], samples[0][4]
                noise = (max(walls) - min(walls)) / wall * 100 if wall else 0
                rows.append((n, what, jobs, pages, wall, cpu, wall / pages * 1000, rss, size / pages / 1024, noise))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    header = "| N | dossiers | jobs | pages | wall s | CPU s | ms/page | peak RSS MB | KB/page | noise |"
    print(header)
    print("|" + "---|" * 10)
    for r in rows:
        print(f"| {r[0]} | {r[1]} | {r[2]} | {r[3]} | {r[4]:.2f} | {r[5]:.2f} | {r[6]:.2f} | {r[7]:.0f} | {r[8]:.1f} | ±{r[9]:.0f} % |")
    print(f"\nmedian of {args.runs} runs; noise = spread of wall time over the runs; machine: {os.cpu_count()} cores, "
          f"{os.uname().machine}, {os.uname().sysname} {os.uname().release}")
    if not args.no_anchors and os.path.isfile(os.path.join(args.anchors, "run_anchors.sh")):
        compare_with_typst(args)


def compare_with_typst(args):
    """Runs the shared anchor benchmark with Typst and Dossier (archival and draft) in one run and prints
    Dossier's ms/page and peak memory as ratios to Typst's (and those of --before, another Dossier binary)."""
    anchors = os.path.abspath(args.anchors)
    # Worked on in a copy of our own (run_anchors.sh writes its .venv, build/ and out/ where it runs), so that a
    # shared folder is never written to, even by root.
    work = os.environ.get("BENCH_WORK", os.path.expanduser("~/.cache/dossier-bench"))
    os.makedirs(work, exist_ok=True)
    subprocess.run(f"tar --exclude=.venv --exclude=out --exclude=build -C {shlex.quote(anchors)} -cf - . "
                   f"| tar -xf - -C {shlex.quote(work)} && chmod -R u+w {shlex.quote(work)}", shell=True, check=True)
    adapter = shlex.quote(os.path.join(PROJECT, "Benchmarks", "anchor_dossier.sh"))
    tools = [("swift", args.binary, ""), ("swift-draft", args.binary, "--draft ")]
    if args.before:
        tools += [("before", args.before, ""), ("before-draft", args.before, "--draft ")]
    extra = ";".join(f"{name}=env DOSSIER_BIN={shlex.quote(os.path.abspath(binary))} bash {adapter} {draft}{{batch}} {{json}} {{out}}"
                     for name, binary, draft in tools)
    env = dict(os.environ, ANCHORS=work, DOSSIER_HOME=PROJECT, BENCH_TOOLS="typst", SIZES="1000", BATCH="100",
               RUNS=str(args.runs), EXTRA_TOOLS=extra)
    print(f"\n== same run with Typst: run_anchors.sh in {work} (SIZES=1000 BATCH=100 RUNS={args.runs})", flush=True)
    subprocess.run(["bash", os.path.join(work, "run_anchors.sh")], env=env, check=True, stdout=subprocess.DEVNULL)
    with open(os.path.join(work, "out", "results.json")) as f:
        results = json.load(f)["results"]
    def figures(tool, job):
        row = next((r for r in results if r["tool"] == tool and r["job"] == job and "wall s" in r.get("timing", {})), None)
        if row is None:
            return None
        return 1000 * row["timing"]["wall s"][1] / row["pages"], row["timing"]["peak MiB"][1], row["pages"]
    print("| job | dossier | pages | ms/page | × Typst | peak MiB | × Typst |")
    print("|---|---|---|---|---|---|---|")
    for job, label in [("N=1000", "1000-project convention dossier"), ("batch 100×1", "100 one-project dossiers, one process")]:
        typst = figures("typst", job)
        if not typst:
            print(f"| {label} | (no Typst figures) |")
            continue
        print(f"| {label} | Typst | {typst[2]} | {typst[0]:.2f} | 1 | {typst[1]:.0f} | 1 |")
        for name, _, _ in tools:
            ours = figures(name, job)
            if ours:
                print(f"| | {name} | {ours[2]} | {ours[0]:.2f} | {ours[0] / typst[0]:.2f} | {ours[1]:.0f} | {ours[1] / typst[1]:.2f} |")
    print(f"(median of {args.runs} whole-process runs each after a warm-up, wall time per page; swift = this build "
          f"as shipped, -draft = --draft; full table in {work}/out/results.md)")


if __name__ == "__main__":
    main()
