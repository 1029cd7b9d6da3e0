#!/bin/sh
# Score nqx on the second held-out set: tests/heldout2/README.md.
# usage: tests/heldout2/run.sh [--show-misses] [--keep]
exec sh "$(dirname "$0")/../heldout-run.sh" "$(dirname "$0")" "$@"
