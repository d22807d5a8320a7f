# Progress lines with timings, one grammar for the scripts that build and start things:
#   [<tag>   12.3s] message
# Source with PROGRESS_TAG set (and PROGRESS_TIMINGS=FILE to append each step's time there too).
# t0_script is when the script started; a value already set by a calling script is kept.
#   since START        seconds since START (an $EPOCHREALTIME value), one decimal
#   log MSG...         a progress line
#   die MSG...         an error line on stderr, exit 1
#   step NAME CMD...   runs CMD and logs how long it took
t0_script=${t0_script:-$EPOCHREALTIME}
since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }
log() { printf '[%s %6ss] %s\n' "$PROGRESS_TAG" "$(since "$t0_script")" "$*"; }
die() { printf '[%s] ERROR: %s\n' "$PROGRESS_TAG" "$*" >&2; exit 1; }
step() {
  local name=$1 s=$EPOCHREALTIME took
  shift
  "$@"
  took=$(since "$s")
  log "$name: ${took}s"
  if [ -n "${PROGRESS_TIMINGS:-}" ]; then
    printf '%s %-40s %8ss\n' "$(date -u +%FT%TZ)" "$name" "$took" >>"$PROGRESS_TIMINGS"
  fi
}
