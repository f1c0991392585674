"""Benchmark cases, one module per area; bench/run.py runs every module in this folder.

A module here defines ``cases(ctx: harness.Context) -> list[harness.Case]`` (it may write the
data it needs under ``ctx.work``) and may define ``BUDGETS: list[harness.Budget]``, ratios of
medians that the run checks. Adding a module adds its rows; nothing else needs editing.
"""
