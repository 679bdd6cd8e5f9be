# Sourced by the benches over the NTREX dev documents (align_repeat.sh, check_scale.sh),
# from the repository's root: sets `bin` (POLYALIGN_BIN, another build to measure, e.g.
# the main branch's; else this one, built), `dev` (NTREX_DEV, exported for
# make_repeat.py) and `tmp`, a temporary directory removed on exit.
if [ -z "${POLYALIGN_BIN:-}" ]; then cargo build --release --quiet; fi
bin=${POLYALIGN_BIN:-target/release/polyalign}
dev=${NTREX_DEV:-../shared/eval/align/ntrex-dev.jsonl}
[ -f "$dev" ] || dev=/work/shared/eval/align/ntrex-dev.jsonl
export NTREX_DEV=$dev
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
