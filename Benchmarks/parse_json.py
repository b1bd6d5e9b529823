#!/usr/bin/python3
"""The Python baseline of the replay row: parses every line of a log with the standard json module."""
import json, sys

count = 0
with open(sys.argv[1], "rb") as f:
    for line in f:
        json.loads(line)
        count += 1
print(count)
