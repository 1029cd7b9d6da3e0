#!/bin/sh
# Score nqx on the ninth held-out set (never tuned against): tests/heldout9/README.md.
# usage: tests/heldout9/run.sh [--show-misses] [--keep]
exec sh "$(dirname "$0")/../heldout-run.sh" "$(dirname "$0")" "$@"
