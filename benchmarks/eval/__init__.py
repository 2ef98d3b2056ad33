"""The expert-finding evaluation harness: collections, baselines, metrics, the runner.

`python -m benchmarks.eval_experts --collection NAME` is its command.
"""
