#!/bin/sh
# Install the Debian packages nqx builds and tests with, when pkg-config
# cannot find them. Debian packages only; nothing else is downloaded.
set -e
need=""
pkg-config --exists libpcre2-8 || need="$need libpcre2-dev"
pkg-config --exists libutf8proc || need="$need libutf8proc-dev"
pkg-config --exists sqlite3 || need="$need libsqlite3-dev"
pkg-config --exists libxml-2.0 || need="$need libxml2-dev"
pkg-config --exists criterion || need="$need libcriterion-dev"
command -v pkg-config >/dev/null 2>&1 || need="$need pkg-config"
[ -z "$need" ] && exit 0
echo "nqx: installing missing packages:$need"
if [ "$(id -u)" != 0 ]; then
    echo "nqx: run as root (or: sudo apt-get install$need)" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq pkg-config $need
