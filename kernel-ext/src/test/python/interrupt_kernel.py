"""Starts the eg3d kernel from a kernelspec folder, interrupts a busy cell with a real
interrupt_request, and prints one JSON line with what came back. Used by KernelInterruptIT."""
import json
import sys

import jupyter_client
from jupyter_client.kernelspec import KernelSpecManager

spec_dir = sys.argv[1]
ksm = KernelSpecManager(kernel_dirs=[spec_dir + "/kernels"])
km = jupyter_client.KernelManager(kernel_name="eg3d-java", kernel_spec_manager=ksm)
km.start_kernel()
kc = km.client()
kc.start_channels()
result = {}
try:
    kc.wait_for_ready(timeout=120)
    msg_id = kc.execute("long spins = 0;\nwhile (!Thread.currentThread().isInterrupted()) spins++;")
    # Wait until the cell is really running before interrupting it.
    while True:
        msg = kc.get_iopub_msg(timeout=60)
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "execute_input":
            break
    km.interrupt_kernel()
    while True:
        reply = kc.get_shell_msg(timeout=60)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    result["status"] = reply["content"]["status"]
    result["ename"] = reply["content"].get("ename")
    after = kc.execute_interactive("6 * 7", timeout=60, output_hook=lambda m: result.setdefault(
        "after", m["content"]["data"]["text/plain"]) if m["msg_type"] == "execute_result" else None)
    result["after_status"] = after["content"]["status"]
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)
print(json.dumps(result))
