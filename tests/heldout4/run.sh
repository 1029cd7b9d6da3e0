#!/bin/sh
# Score nqx on the fourth held-out set (never tuned against): tests/heldout4/README.md.
# usage: tests/heldout4/run.sh [--show-misses] [--keep]
exec sh "$(dirname "$0")/../heldout-run.sh" "$(dirname "$0")" "$@"
