#!/usr/bin/env bash
# Start the site and the background worker together; one Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python

$PY manage.py run_worker --verbosity 1 &
worker=$!
trap 'kill "$worker" 2>/dev/null; wait "$worker" 2>/dev/null' EXIT INT TERM

$PY manage.py demo_banner
exec_status=0
$PY manage.py runserver 127.0.0.1:8000 || exec_status=$?
exit "$exec_status"
