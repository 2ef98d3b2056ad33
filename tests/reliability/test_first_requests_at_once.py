"""Concurrent first use of what a process loads lazily: a fresh server's first requests come
together, from several threadpool threads, and none of them may fail.

Found by the soak test: the Thai segmenter's dictionary was loaded by every thread that
missed the cache at the same moment, and nlpo3 refuses a second load of the same name, so
all but one of the first concurrent Thai queries answered 500. It runs in a fresh
interpreter, since this one may have loaded the dictionary already.
"""

from __future__ import annotations

import subprocess
import sys

RACE = """
import threading
from ingest.text.segment import segment_words

start = threading.Barrier(8)
failures = []

def segment():
    start.wait()
    try:
        segment_words("การจัดการความรู้ในชุมชนนักปฏิบัติ")
    except Exception as error:
        failures.append(repr(error))

threads = [threading.Thread(target=segment) for _ in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(failures)
"""


def test_threads_segmenting_thai_at_once_in_a_fresh_process_all_succeed() -> None:
    done = subprocess.run(
        [sys.executable, "-c", RACE], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.strip() == "[]", done.stdout
