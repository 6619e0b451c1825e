# Shared helpers for end-to-end tests. Source it; use check/expect_status.
set -u
: "${CROSSREAD:?CROSSREAD must point to the binary}"
pass=0
fail=0
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export XDG_CACHE_HOME="$TMP/cache"   # search's cache of cleaned documents: per test

ok()   { pass=$((pass + 1)); }
bad()  { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
check() { # check DESCRIPTION COMMAND...: passes when the command succeeds
  local what=$1; shift
  if "$@"; then ok; else bad "$what"; fi
}
# expect_status WANT DESCRIPTION COMMAND...: runs the command, stdout to
# $TMP/out, stderr to $TMP/err, and checks its exit status.
expect_status() {
  local want=$1 what=$2; shift 2
  "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
  local got=$?
  if [ "$got" -eq "$want" ]; then ok; else bad "$what: status $got, want $want"; sed 's/^/  stderr: /' "$TMP/err" | head -5 >&2; fi
}
contains() { grep -qF -- "$2" "$1"; }
finish() {
  echo "$pass passed, $fail failed"
  [ "$fail" -eq 0 ]
}
