#!/bin/sh
# Score nqx on the seventh held-out set (never tuned against): tests/heldout7/README.md.
# usage: tests/heldout7/run.sh [--show-misses] [--keep]
exec sh "$(dirname "$0")/../heldout-run.sh" "$(dirname "$0")" "$@"
