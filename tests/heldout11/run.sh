#!/bin/sh
# Score nqx on the eleventh held-out set (never tuned against): tests/heldout11/README.md.
# usage: tests/heldout11/run.sh [--show-misses] [--keep]
exec sh "$(dirname "$0")/../heldout-run.sh" "$(dirname "$0")" "$@"
