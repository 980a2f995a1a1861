#!/usr/bin/env python3
"""Dossier benchmark: renders synthetic conventions of 8, 100 and 1000 projects and prints, for the
whole-convention dossier and for the batch of project dossiers: pages, wall and CPU seconds, milliseconds
per page, peak memory (RSS) and output bytes per page. Each figure is the median of several runs; the
spread (max - min of wall time, as a share of the median) states the machine noise.

Usage: Benchmarks/bench.py [--binary .build/release/dossier] [--runs 3] [--sizes 8,100,1000] [--jobs N]
"""
import argparse, os, re, resource, shutil, statistics, subprocess, sys, tempfile, time

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
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="dossier-bench-")
    rows = []
    try:
        for n in [int(s) for s in args.sizes.split(",")]:
            data = os.path.join(work, f"convention-{n}.yaml")
            subprocess.run([args.binary, "generate", "--projects", str(n), "--out", data], check=True, stdout=subprocess.DEVNULL)
            runs = [("convention", "convention", 1, []), ("convention draft", "convention", 1, ["--draft"]),
                    ("projects", "projects", args.jobs, []), ("projects draft", "projects", args.jobs, ["--draft"])]
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

if __name__ == "__main__":
    main()
