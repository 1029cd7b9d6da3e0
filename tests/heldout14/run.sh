#!/bin/sh
# Score nqx on the fourteenth held-out set (never tuned against): tests/heldout14/README.md.
# usage: tests/heldout14/run.sh [--show-misses] [--keep]
exec sh "$(dirname "$0")/../heldout-run.sh" "$(dirname "$0")" "$@"
