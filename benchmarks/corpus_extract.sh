#!/usr/bin/env bash
# Score `blogarchive extract` on the shared corpus of real saved pages (labels and scorer live
# with the corpus, not in this repository).
#   bash benchmarks/corpus_extract.sh [CORPUS_DIR] [extra score.py options, e.g. --blog-only]
# CORPUS_DIR defaults to ../shared/corpus next to the repository.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
corpus="${1:-$root/../shared/corpus}"
shift || true
[ -f "$corpus/score.py" ] || { echo "no corpus scorer at $corpus/score.py" >&2; exit 2; }
exec python3 "$corpus/score.py" \
  --batch-cmd "$root/.venv/bin/blogarchive extract --manifest {manifest} --json" "$@"
