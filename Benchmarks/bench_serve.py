#!/usr/bin/env python3
"""make bench-serve: throughput and latency of `dossier serve` for one project dossier, at concurrency 1, 4
and 16, against the command line's time for the same dossier; errors under 10x overload; the server's
memory after 100 and after 2000 requests. A benchmark, not a test: the figures go to Benchmarks/README.md.

Standard library only (http.client in threads), so it runs wherever python3 does.
"""
import argparse, http.client, os, statistics, subprocess, sys, threading, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "Examples/taounate-2016/convention.yaml")
PATH = "/v1/render?only=P01&date=2016-12-08"


def start(binary, workers, queue):
    proc = subprocess.Popen([binary, "serve", "--port", "0", "--workers", str(workers), "--queue", str(queue)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline().strip()
    if not line.startswith("listening on http://127.0.0.1:"):
        sys.exit(f"the service did not start: {line!r}")
    return proc, int(line.rsplit(":", 1)[1])


def rss_mb(pid):
    """Resident memory of the server process and of its render children, in MB."""
    def one(p):
        try:
            with open(f"/proc/{p}/status") as f:
                return next(int(l.split()[1]) for l in f if l.startswith("VmRSS:")) / 1024
        except (OSError, StopIteration):
            return 0.0
    # Children are listed under the thread that started them, not only the main one.
    children = []
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/children") as f:
                children += [int(c) for c in f.read().split()]
        except OSError:
            pass
    return one(pid), sum(one(c) for c in children)


def load(port, body, concurrency, total):
    """`total` requests from `concurrency` threads, each on its own keep-alive connection."""
    latencies, statuses, lock = [], {}, threading.Lock()
    counter = iter(range(total))

    def client():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        while True:
            with lock:
                if next(counter, None) is None:
                    break
            t = time.perf_counter()
            try:
                conn.request("POST", PATH, body=body, headers={"Content-Type": "application/yaml"})
                response = conn.getresponse()
                response.read()
                status = response.status
            except Exception:
                status, conn = 0, http.client.HTTPConnection("127.0.0.1", port, timeout=300)
            elapsed = time.perf_counter() - t
            with lock:
                statuses[status] = statuses.get(status, 0) + 1
                if status == 200:
                    latencies.append(elapsed)
        conn.close()

    t0 = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for th in threads: th.start()
    for th in threads: th.join()
    wall = time.perf_counter() - t0
    return wall, latencies, statuses


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else float("nan")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build/release/dossier"))
    ap.add_argument("--requests", type=int, default=200, help="requests per concurrency level")
    ap.add_argument("--memory-requests", type=int, default=2000)
    args = ap.parse_args()
    body = open(SAMPLE, "rb").read()
    cores = os.cpu_count() or 1

    # The command line, the same dossier: the whole process (start, fonts, check, render, finish).
    cli = []
    for _ in range(10):
        t = time.perf_counter()
        subprocess.run([args.binary, "render", "--only", "P01", "--date", "2016-12-08", "--out", "/tmp/dossier-bench-serve-cli"],
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        cli.append(time.perf_counter() - t)
    cli_median = statistics.median(cli)
    print(f"cores {cores}; CLI render --only P01: median {cli_median*1000:.0f} ms over 10 runs")

    proc, port = start(args.binary, cores, 16)
    try:
        load(port, body, 2, 20)  # warm up the children
        print("| concurrency | requests | req/s | p50 ms | p99 ms | statuses |")
        print("|---|---|---|---|---|---|")
        p50_at_1 = None
        for c in (1, 4, 16):
            wall, lat, st = load(port, body, c, args.requests)
            p50 = pct(lat, 50) * 1000
            p50_at_1 = p50_at_1 or p50
            print(f"| {c} | {args.requests} | {len(lat)/wall:.1f} | {p50:.0f} | {pct(lat, 99)*1000:.0f} | {st} |")
        print(f"service p50 at concurrency 1 vs CLI: {p50_at_1:.0f} ms vs {cli_median*1000:.0f} ms "
              f"({(p50_at_1/(cli_median*1000)-1)*100:+.0f} %)")
    finally:
        proc.terminate(); proc.wait()

    # 10x overload: workers + queue = cores + 2 places, 10 times as many clients at once.
    queue = 2
    proc, port = start(args.binary, cores, queue)
    try:
        clients = 10 * (cores + queue)
        wall, lat, st = load(port, body, clients, clients * 5)
        other = {k: v for k, v in st.items() if k not in (200, 429)}
        print(f"overload: {clients} clients, {clients*5} requests: statuses {st}; errors other than 429: {sum(other.values())}")
    finally:
        proc.terminate(); proc.wait()

    # Memory: after 100 requests and after 2000 (children recycled every 100 renders by default).
    proc, port = start(args.binary, cores, 16)
    try:
        load(port, body, cores, 100)
        s100, c100 = rss_mb(proc.pid)
        load(port, body, cores, args.memory_requests - 100)
        s2000, c2000 = rss_mb(proc.pid)
        print(f"memory: server {s100:.0f} MB after 100 requests, {s2000:.0f} MB after {args.memory_requests} "
              f"({(s2000/s100-1)*100:+.1f} %); render children {c100:.0f} MB and {c2000:.0f} MB")
    finally:
        proc.terminate(); proc.wait()


if __name__ == "__main__":
    main()
