#!/bin/sh
# Score nqx on the twelfth held-out set (never tuned against): tests/heldout12/README.md.
# usage: tests/heldout12/run.sh [--show-misses] [--keep]
exec sh "$(dirname "$0")/../heldout-run.sh" "$(dirname "$0")" "$@"
