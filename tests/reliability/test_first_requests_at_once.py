"""Concurrent first use of what a process loads lazily: a fresh server's first requests come
together, from several threadpool threads, and none of them may fail.

Both found by the soak test, each answering 500 to the first concurrent Thai queries of a
fresh server: two threads importing PyThaiNLP at once got partly initialised modules
(its modules import each other), and the Thai segmenter's dictionary was loaded by every
thread that missed the cache at the same moment, which nlpo3 refuses for all but one. It
runs in a fresh interpreter, since this one may have loaded both already.
"""

from __future__ import annotations

import subprocess
import sys

RACE = """
import threading
from graph_service.text.normalize import normalize_text
from graph_service.text.segment import query_terms, segment_words

start = threading.Barrier(9)
failures = []

def first_use(step):
    start.wait()
    try:
        step("การจัดการความรู้ในชุมชนนักปฏิบัติ")
    except Exception as error:
        failures.append(repr(error))

steps = [normalize_text, segment_words, query_terms] * 3
threads = [threading.Thread(target=first_use, args=(step,)) for step in steps]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(failures)
"""


def test_threads_using_thai_text_tools_at_once_in_a_fresh_process_all_succeed() -> None:
    done = subprocess.run(
        [sys.executable, "-c", RACE], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.strip() == "[]", done.stdout
