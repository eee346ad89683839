"""The kernel probe against a real ipykernel, through jupyter_client.

    python bench/kernel_probe.py PROBE_REQUEST.json OUT.json

PROBE_REQUEST.json is what bench/probe-request.js exported: the exact
`execute_request` content `probeRequest(query)` builds for a notebook. It
is sent unchanged, as one shell message per refresh, and timed from send to
the matching `execute_reply`:

- `first`: the first probe in a fresh kernel, which fills the probe's
  cache (`packages_distributions()`); one per fresh kernel;
- `roundtrip`: later probes in a kernel where one cell has run.

It also checks what the probe promises: the reply carries the environment
(base64 JSON under the probe's key), no `execute_input` is broadcast, and
the user's execution count is untouched (a cell run before the probes gets
count 1, a cell run after them count 2).
"""

import base64
import json
import statistics
import subprocess
import sys
import time

from jupyter_client.manager import start_new_kernel

ROUNDTRIPS = 30
FRESH_KERNELS = 3


def summarize(samples):
    xs = sorted(samples)

    def q(p):
        pos = (len(xs) - 1) * p
        lo, hi = int(pos), min(int(pos) + 1, len(xs) - 1)
        return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)

    return {
        "n": len(xs),
        "median": statistics.median(xs),
        "q1": q(0.25),
        "q3": q(0.75),
        "min": xs[0],
        "max": xs[-1],
        "samples": samples,
    }


def drain_iopub(client, seen):
    while True:
        try:
            msg = client.get_iopub_msg(timeout=0.05)
        except Exception:
            return
        seen.append(msg["msg_type"])


def send(client, content, sent):
    """Send one execute_request with exactly this content; wait for its reply."""
    msg = client.session.msg("execute_request", content)
    start = time.perf_counter()
    client.shell_channel.send(msg)
    sent.append(msg["header"]["msg_id"])
    while True:
        reply = client.get_shell_msg(timeout=60)
        if reply["parent_header"].get("msg_id") == msg["header"]["msg_id"]:
            return (time.perf_counter() - start) * 1000, reply


def run_cell(client, code):
    reply = client.execute_interactive(code, timeout=60, output_hook=lambda msg: None)
    return reply["content"].get("execution_count")


def decode(reply, key):
    content = reply["content"]
    assert content["status"] == "ok", content
    result = content["user_expressions"][key]
    assert result["status"] == "ok", result
    text = result["data"]["text/plain"]
    return json.loads(base64.b64decode(text[1:-1]))


def main():
    request_file, out = sys.argv[1:3]
    with open(request_file) as f:
        exported = json.load(f)
    key, content = exported["key"], exported["content"]

    first, sent, iopub = [], [], []
    environment = None
    for _ in range(FRESH_KERNELS):
        km, client = start_new_kernel(kernel_name="python3", stderr=subprocess.DEVNULL)
        try:
            drain_iopub(client, [])
            ms, reply = send(client, content, sent)
            first.append(ms)
            environment = decode(reply, key)
        finally:
            client.stop_channels()
            km.shutdown_kernel(now=True)

    km, client = start_new_kernel(kernel_name="python3", stderr=subprocess.DEVNULL)
    try:
        count_before = run_cell(client, "x = 1")
        drain_iopub(client, [])
        samples = []
        sent_here = []
        for _ in range(ROUNDTRIPS + 1):
            ms, reply = send(client, content, sent_here)
            decode(reply, key)
            samples.append(ms)
            drain_iopub(client, iopub)
        # The first probe in this kernel fills the cache: not a round trip.
        samples = samples[1:]
        count_after = run_cell(client, "y = 2")
    finally:
        client.stop_channels()
        km.shutdown_kernel(now=True)

    result = {
        "first": summarize(first),
        "roundtrip": summarize(samples),
        "requestsPerRefresh": 1,
        "probes": len(sent_here),
        "executeInputBroadcasts": iopub.count("execute_input"),
        "executionCounts": [count_before, count_after],
        "countsUntouched": count_before == 1 and count_after == 2,
        "requestBytes": len(json.dumps(content)),
        "distributions": environment["distributions"] if environment else None,
    }
    with open(out, "w") as f:
        json.dump(result, f, indent=1)
    print(
        f"  kernel probe: round trip {result['roundtrip']['median']:.1f} ms "
        f"[{result['roundtrip']['min']:.1f}-{result['roundtrip']['max']:.1f}], "
        f"first {result['first']['median']:.1f} ms, execute_input broadcasts "
        f"{result['executeInputBroadcasts']}, counts {result['executionCounts']}"
    )


if __name__ == "__main__":
    main()
