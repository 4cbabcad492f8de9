#!/usr/bin/python3
"""Executes a Jupyter notebook headless with the Deno kernel and reports every cell's outcome.

Why not nbclient: Deno's kernel sometimes sends `status: idle` before a cell's outputs (a
display is queued to iopub asynchronously), and nbclient then drops them, or the kernel is shut
down before they are flushed. This runner waits for the cell's `execute_reply` AND its idle
status, then sends a barrier (a silent execute request that outputs nothing) and keeps every
output until the barrier's own idle status arrives: the kernel handles requests in order, so the
barrier's idle comes after everything the cell queued. A late output may carry the barrier's
parent header (the kernel stamps it with the request current when it is flushed); it is still
the cell's, since the barrier itself shows nothing. Only then does the next cell run, and the
kernel is shut down only after the last cell's barrier.

Usage: run-notebook.py NOTEBOOK OUT_NOTEBOOK [--kernel deno] [--timeout 120]
  The kernel starts in the notebook's folder (as in JupyterLab), so cells import "../src/index.ts".
  Writes the executed notebook to OUT_NOTEBOOK, and prints one JSON line to stdout:
  {"ok": bool, "seconds": s, "cells": [{"index", "status", "error"?, "mime": [...], "outputs": [...]}]}
  Exit codes: 0 ran (see "ok"), 3 jupyter_client / nbformat missing, 4 kernelspec missing.
"""
import argparse
import json
import os
import queue
import sys
import time

BARRIER_TIMEOUT_S = 30.0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("notebook")
    parser.add_argument("out")
    parser.add_argument("--kernel", default="deno")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per cell")
    args = parser.parse_args()
    try:
        import nbformat
        from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
        from jupyter_client.manager import start_new_kernel
    except ImportError as e:
        print(f"SKIP: jupyter_client or nbformat is not installed ({e}); install the Debian packages jupyter-client and python3-nbformat", file=sys.stderr)
        return 3
    try:
        KernelSpecManager().get_kernel_spec(args.kernel)
    except NoSuchKernel:
        print(f"SKIP: no Jupyter kernelspec named {args.kernel!r}; run `npx deno jupyter --install`", file=sys.stderr)
        return 4

    nb = nbformat.read(args.notebook, as_version=4)
    cwd = os.path.dirname(os.path.abspath(args.notebook))
    started = time.time()
    km, kc = start_new_kernel(kernel_name=args.kernel, cwd=cwd, startup_timeout=120)
    cells = []
    try:
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            outputs, status, error = run_cell(km, kc, cell.source, args.timeout)
            cell.outputs = [nbformat.v4.output_from_msg(m) for m in outputs]
            cell.execution_count = len(cells) + 1
            mime = sorted({k for m in outputs if m["msg_type"] in ("display_data", "execute_result") for k in m["content"]["data"]})
            summary = {"index": index, "status": status, "mime": mime, "outputs": [summarize(m) for m in outputs]}
            if error:
                summary["error"] = error
            cells.append(summary)
            if status != "ok":
                break  # later cells depend on this one
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    nbformat.write(nb, args.out)
    ok = all(c["status"] == "ok" for c in cells) and len(cells) == sum(1 for c in nb.cells if c.cell_type == "code")
    print(json.dumps({"ok": ok, "seconds": round(time.time() - started, 2), "cells": cells}))
    return 0


def run_cell(km, kc, source, timeout):
    """Runs one cell; returns (iopub output messages, reply status, error or None)."""
    msg_id = kc.execute(source, store_history=True, allow_stdin=False)
    deadline = time.time() + timeout
    outputs = []
    reply = None
    idle = False
    error = None
    while reply is None or not idle:
        left = deadline - time.time()
        if left <= 0:
            return outputs, "timeout", {"ename": "Timeout", "evalue": f"cell ran past {timeout} s"}
        if not km.is_alive():
            return outputs, "dead", {"ename": "KernelDied", "evalue": "the kernel exited while the cell ran"}
        if reply is None:
            try:
                msg = kc.get_shell_msg(timeout=0.05)
                if msg["parent_header"].get("msg_id") == msg_id:
                    reply = msg["content"]
            except queue.Empty:
                pass
        try:
            msg = kc.get_iopub_msg(timeout=0.05)
        except queue.Empty:
            continue
        idle = idle or keep(msg, msg_id, outputs)
    if not drain_until_barrier(kc, msg_id, outputs):
        return outputs, "timeout", {"ename": "Timeout", "evalue": f"the kernel did not answer a barrier request within {BARRIER_TIMEOUT_S} s after the cell"}
    for m in outputs:
        if m["msg_type"] == "error":
            error = {"ename": m["content"].get("ename", ""), "evalue": m["content"].get("evalue", "")}
    status = reply.get("status", "error")
    if status == "error" and error is None:
        error = {"ename": reply.get("ename", ""), "evalue": reply.get("evalue", "")}
    if error is not None and status == "ok":
        status = "error"
    return outputs, status, error


def drain_until_barrier(kc, msg_id, outputs):
    """Keeps the cell's late outputs until a silent barrier request has gone idle; False on timeout."""
    barrier = kc.execute("void 0", silent=True, store_history=False, allow_stdin=False)
    deadline = time.time() + BARRIER_TIMEOUT_S
    while time.time() < deadline:
        try:
            msg = kc.get_iopub_msg(timeout=0.05)
        except queue.Empty:
            continue
        if msg["parent_header"].get("msg_id") == barrier:
            if msg["msg_type"] == "status":
                if msg["content"].get("execution_state") == "idle":
                    return True
                continue
            msg["parent_header"]["msg_id"] = msg_id  # a late output of the cell, stamped with the barrier's header
        keep(msg, msg_id, outputs)
    return False


def keep(msg, msg_id, outputs):
    """Keeps the cell's output messages; returns True on its idle status."""
    if msg["parent_header"].get("msg_id") != msg_id:
        return False
    kind = msg["msg_type"]
    if kind == "status":
        return msg["content"].get("execution_state") == "idle"
    if kind in ("stream", "display_data", "execute_result", "error"):
        outputs.append(msg)
    return False


def summarize(msg):
    """What the test checks of an output: its kind, MIME types, and the Vega-Lite spec's schema and title."""
    kind = msg["msg_type"]
    content = msg["content"]
    out = {"type": kind}
    if kind == "stream":
        out["text"] = content.get("text", "")[:2000]
    elif kind in ("display_data", "execute_result"):
        data = content.get("data", {})
        out["mime"] = sorted(data)
        spec = data.get("application/vnd.vegalite.v5+json")
        if isinstance(spec, dict):
            title = spec.get("title")
            out["vegalite"] = {"schema": spec.get("$schema"), "title": title.get("text") if isinstance(title, dict) else title}
        if "text/plain" in data:
            out["text"] = str(data["text/plain"])[:2000]
    elif kind == "error":
        out["ename"] = content.get("ename", "")
        out["evalue"] = content.get("evalue", "")
    return out


if __name__ == "__main__":
    sys.exit(main())
