#!/bin/sh
# Score nqx on the eighth held-out set (never tuned against): tests/heldout8/README.md.
# usage: tests/heldout8/run.sh [--show-misses] [--keep]
exec sh "$(dirname "$0")/../heldout-run.sh" "$(dirname "$0")" "$@"
