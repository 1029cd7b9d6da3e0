#!/bin/sh
# Score nqx on the sixth held-out set (never tuned against): tests/heldout6/README.md.
# usage: tests/heldout6/run.sh [--show-misses] [--keep]
exec sh "$(dirname "$0")/../heldout-run.sh" "$(dirname "$0")" "$@"
