#!/bin/sh
# Score nqx on the third held-out set (never tuned against): tests/heldout3/README.md.
# usage: tests/heldout3/run.sh [--show-misses] [--keep]
exec sh "$(dirname "$0")/../heldout-run.sh" "$(dirname "$0")" "$@"
