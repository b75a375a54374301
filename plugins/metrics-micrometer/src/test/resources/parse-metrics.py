#!/usr/bin/env python3
"""Parses Prometheus text exposition (format 0.0.4), read on stdin, with the Prometheus project's own
Python parser (prometheus_client.parser; Debian: python3-prometheus-client), and prints one JSON object
per sample on stdout: {"name": ..., "labels": {...}, "value": "..."}, the value as Java's
Double.parseDouble reads it ("NaN", "Infinity", "-Infinity" or a decimal).

The library's parser is laxer than Prometheus' own (it says so), so this script also refuses what it
lets through: text that does not end in a line feed, a sample outside the family its # TYPE line
announced (the library makes it a family of unknown type), a label name that is not a legal name, and
the same series twice. Any of these, and any error the library raises, exits 1 with the reason on
stderr and nothing on stdout.
"""

import json
import math
import sys

from prometheus_client.metrics_core import METRIC_LABEL_NAME_RE
from prometheus_client.parser import text_string_to_metric_families


def java_double(value):
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return repr(float(value))


def samples(text):
    if text and not text.endswith("\n"):
        raise ValueError("the last line does not end in a line feed")
    seen = set()
    for family in text_string_to_metric_families(text):
        if family.type == "unknown":
            raise ValueError("sample outside the family its # TYPE announced: %s" % family.samples[0].name)
        for sample in family.samples:
            for label in sample.labels:
                if not METRIC_LABEL_NAME_RE.match(label):
                    raise ValueError("invalid label name %r in %s" % (label, sample.name))
            series = (sample.name, tuple(sorted(sample.labels.items())))
            if series in seen:
                raise ValueError("duplicate series %s%s" % series)
            seen.add(series)
            yield {"name": sample.name, "labels": sample.labels, "value": java_double(sample.value)}


def main():
    text = sys.stdin.read()
    try:
        lines = [json.dumps(sample, sort_keys=True) for sample in samples(text)]
    except Exception as error:  # the library raises ValueError, IndexError and others on bad input
        print("parse error: %s: %s" % (type(error).__name__, error), file=sys.stderr)
        return 1
    for line in lines:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
