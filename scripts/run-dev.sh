#!/usr/bin/env bash
# Start the site and the background worker together; one Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
mkdir -p var

# The worker's task-by-task log goes to a file so the URLs and logins stay readable here.
$PY manage.py run_worker --verbosity 1 >> var/worker.log 2>&1 &
worker=$!
trap 'kill -INT "$worker" 2>/dev/null; wait "$worker" 2>/dev/null || true' EXIT INT TERM

$PY manage.py demo_banner
echo "Background worker running (pid $worker), log: var/worker.log. Ctrl-C stops site and worker."
$PY manage.py runserver 127.0.0.1:8000
