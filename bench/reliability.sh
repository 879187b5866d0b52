#!/bin/sh
# The reliability suite at full strength: 300 kill -9 trials through the Store,
# every broken-file variant, parallel CLI writers, reads under a held lock.
#   bench/reliability.sh [TRIALS]        (default 300; DVK_CRASH_SEED=... replays a run)
set -u
cd "$(dirname "$0")/.." || exit 2
PY="${PYTHON:-/work/venv/bin/python}"
[ -x "$PY" ] || PY=python3
TRIALS="${1:-300}"
echo "reliability: DVK_CRASH_TRIALS=$TRIALS DVK_RELIABILITY_FULL=1 ($PY)"
start=$(date +%s)
DVK_CRASH_TRIALS="$TRIALS" DVK_RELIABILITY_FULL=1 "$PY" -m pytest tests/test_reliability.py -q -s -p no:cacheprovider -rxXf
rc=$?
echo "reliability: $TRIALS kill -9 trials; pytest exit $rc ($( [ $rc -eq 0 ] && echo PASS || echo FAIL )) in $(( $(date +%s) - start )) s"
exit $rc
