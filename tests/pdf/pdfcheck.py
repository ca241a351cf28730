"""What every PDF checker in tests/pdf shares: the failure list, running a
tool, and a tree node's plain text (the tree as `octavo -t json` dumps it)."""
import re
import subprocess
import sys

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, **kw)


def plain(node):
    parts = []

    def walk(n):
        if n.get("type") in ("text", "code") and n.get("text"):
            parts.append(n["text"])
        if n.get("type") == "line_break":
            parts.append(" ")
        for c in n.get("children", []):
            walk(c)

    walk(node)
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def finish():
    """Exits 0 when nothing failed, else 1."""
    sys.exit(1 if failures else 0)
