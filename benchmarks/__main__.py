"""`make bench`: every benchmark, one after the other, each printing its table."""

from __future__ import annotations

import sys

from benchmarks import eval_experts, ingest_throughput

if __name__ == "__main__":
    for benchmark in (ingest_throughput, eval_experts):
        sys.argv = [benchmark.__name__]
        benchmark.main()
