#!/bin/sh
# Score nqx on the fifth held-out set (never tuned against): tests/heldout5/README.md.
# usage: tests/heldout5/run.sh [--show-misses] [--keep]
exec sh "$(dirname "$0")/../heldout-run.sh" "$(dirname "$0")" "$@"
