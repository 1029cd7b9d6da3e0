#!/bin/sh
# Score nqx on the tenth held-out set (never tuned against): tests/heldout10/README.md.
# usage: tests/heldout10/run.sh [--show-misses] [--keep]
exec sh "$(dirname "$0")/../heldout-run.sh" "$(dirname "$0")" "$@"
