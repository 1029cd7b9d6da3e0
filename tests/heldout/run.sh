#!/bin/sh
# Score nqx on the first held-out set: tests/heldout/README.md.
# usage: tests/heldout/run.sh [--show-misses] [--keep]
exec sh "$(dirname "$0")/../heldout-run.sh" "$(dirname "$0")" "$@"
