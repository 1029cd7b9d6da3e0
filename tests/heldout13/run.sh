#!/bin/sh
# Score nqx on the thirteenth held-out set (never tuned against): tests/heldout13/README.md.
# usage: tests/heldout13/run.sh [--show-misses] [--keep]
exec sh "$(dirname "$0")/../heldout-run.sh" "$(dirname "$0")" "$@"
