#!/usr/bin/python3
"""Check one JSON result line of jingle_peer.py (used by selftest.sh).

usage: check_result.py FILE [--freq HZ] [--min-level DBFS] [--reason R] [--events E1,E2,...]
                       [--features F1,F2,...] [--caps]

--events must appear in this order (other events may come in between).
Exit status 0 if every check holds; the reasons for a failure go to stderr.
"""

import argparse
import json
import sys


def subsequence(wanted, events):
    """The first element of WANTED not found in order in EVENTS, or None."""
    it = iter(events)
    for w in wanted:
        if not any(e == w for e in it):
            return w
    return None


def main():
    p = argparse.ArgumentParser()
    p.add_argument("file")
    p.add_argument("--freq", type=float)
    p.add_argument("--tolerance", type=float, default=20.0)
    p.add_argument("--min-level", type=float, default=-40.0)
    p.add_argument("--reason")
    p.add_argument("--events", default="")
    p.add_argument("--features", default="", help="comma-separated disco features that must be present")
    p.add_argument("--rx-dtmf", help="RFC 4733 digits that must have been received")
    p.add_argument("--codec", help="negotiated codec, e.g. PCMU/8000")
    p.add_argument("--caps", action="store_true", help="a caps (XEP-0115) ver must have been seen")
    a = p.parse_args()
    lines = [l for l in open(a.file).read().splitlines() if l.strip()]
    if len(lines) != 1:
        print("%s: expected one JSON line, got %d" % (a.file, len(lines)), file=sys.stderr)
        return 1
    r = json.loads(lines[0])
    problems = []
    if r.get("result") != "ok":
        problems.append("result %r (error %r)" % (r.get("result"), r.get("error")))
    if a.freq is not None:
        f, lvl = r.get("rx_freq"), r.get("rx_level_db")
        if f is None or abs(f - a.freq) > a.tolerance:
            problems.append("rx_freq %r, want %g +- %g" % (f, a.freq, a.tolerance))
        if lvl is None or lvl < a.min_level:
            problems.append("rx_level_db %r, want >= %g" % (lvl, a.min_level))
    if a.reason is not None and r.get("terminate_reason") != a.reason:
        problems.append("terminate_reason %r, want %r" % (r.get("terminate_reason"), a.reason))
    missing = subsequence([e for e in a.events.split(",") if e], r.get("events", []))
    if missing:
        problems.append("event %r missing or out of order in %r" % (missing, r.get("events")))
    for f in [f for f in a.features.split(",") if f]:
        if f not in r.get("features", []):
            problems.append("feature %r missing from %r" % (f, r.get("features")))
    if a.caps and not (r.get("caps") or {}).get("ver"):
        problems.append("no caps seen: %r" % r.get("caps"))
    if a.rx_dtmf is not None and r.get("rx_dtmf") != a.rx_dtmf:
        problems.append("rx_dtmf %r, want %r" % (r.get("rx_dtmf"), a.rx_dtmf))
    if a.codec is not None and r.get("codec") != a.codec:
        problems.append("codec %r, want %r" % (r.get("codec"), a.codec))
    for pr in problems:
        print("%s: %s" % (a.file, pr), file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
