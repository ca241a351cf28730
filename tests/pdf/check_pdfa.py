#!/usr/bin/env python3
"""Validates one sample's PDF as PDF/A-1b with Apache PDFBox Preflight
(Debian libpdfbox2-java's preflight.jar, the validator the issue names).

usage: check_pdfa.py OCTAVO SAMPLE WORKDIR JAVA CLASSPATH

Writes `octavo SAMPLE -o WORKDIR/NAME.pdfa.pdf` and runs Preflight's
Validator_A1b on it: exit 0 when Preflight says the file is valid PDF/A-1b,
else its errors and exit 1.
"""
import os
import subprocess
import sys


def main():
    octavo, sample, work, java, classpath = sys.argv[1:6]
    os.makedirs(work, exist_ok=True)
    name = os.path.splitext(os.path.basename(sample))[0]
    pdf = os.path.join(work, name + ".pdfa.pdf")
    r = subprocess.run([octavo, "-q", sample, "-o", pdf], capture_output=True)
    if r.returncode != 0:
        print("FAIL: octavo exited %d: %s" % (r.returncode, r.stderr.decode(errors="replace")))
        return 1
    r = subprocess.run([java, "-cp", classpath, "org.apache.pdfbox.preflight.Validator_A1b", pdf],
                       capture_output=True)
    out = (r.stdout + r.stderr).decode(errors="replace").strip()
    if r.returncode != 0 or "is a valid PDF/A-1b file" not in out:
        print("FAIL: Preflight: " + out)
        return 1
    print("%s: %s" % (name, out.splitlines()[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
