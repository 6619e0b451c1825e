#!/usr/bin/env bash
# The explorer gives the terminal back on every way out (test_tui.sh covers
# q, Q, SIGTERM and SIGHUP): SIGINT as a signal and as Ctrl-C typed,
# SIGQUIT, a fault (SIGSEGV) and abort (SIGABRT), an input error found while the corpus loads in the background
# (a file with a bad byte among good ones, and a file that is not UTF-8 at
# all), and an unreadable file. After each: the normal screen is back
# (tmux's alternate_on is 0), the cursor is visible, the terminal is in
# canonical mode with echo (stty), the exit status is the documented one,
# and an error names the file and byte offset.
. "$(dirname "$0")/lib.sh"

if ! command -v tmux >/dev/null 2>&1; then
  echo "tmux not installed: skipping (tools/deps.sh installs it)"
  exit 77
fi
here=$(cd "$(dirname "$0")/.." && pwd)
SOCK="crossread-exit-$$-$RANDOM"
TM() { tmux -L "$SOCK" -f /dev/null "$@"; }
trap 'TM kill-server >/dev/null 2>&1; rm -rf "$TMP" 2>/dev/null || { sleep 1; rm -rf "$TMP"; }' EXIT
ENVS="LANG=C.UTF-8 LC_ALL=C.UTF-8 HOME=$TMP XDG_CONFIG_HOME=$TMP/config XDG_STATE_HOME=$TMP/state CROSSREAD_DATADIR=$CROSSREAD_DATADIR"
DONE="crossread-has-exited"

# start NAME ARGS...: crossread in a 100x30 session; afterwards the pane
# records the status, the terminal modes (stty -a) and prints DONE.
# The pane's shell traps SIGINT (trap : INT — reset to the default in
# crossread by exec) so that a typed Ctrl-C, which goes to the whole
# foreground group, ends crossread but not the shell that records.
start() {
  local name=$1; shift
  rm -f "$TMP/$name.status" "$TMP/$name.stty"
  TM new-session -d -s "$name" -x 100 -y 30 \
    "trap : INT; env $ENVS $CROSSREAD $*; echo \$? > $TMP/$name.status; stty -a > $TMP/$name.stty; echo $DONE; sleep 600"
}
wait_for() {   # wait_for NAME TEXT: true once TEXT is on the screen (20 s)
  local deadline=$((SECONDS + 20))
  while :; do
    TM capture-pane -p -t "$1" > "$TMP/screen" 2>/dev/null
    grep -qF -- "$2" "$TMP/screen" && return 0
    [ "$SECONDS" -ge "$deadline" ] && return 1
    sleep 0.05
  done
}
see() { if wait_for "$1" "$2"; then ok; else bad "$3: '$2' never appeared"; sed 's/^/  screen: /' "$TMP/screen" >&2; fi; }
wait_status() {
  local deadline=$((SECONDS + 20))
  while [ ! -s "$TMP/$1.status" ] && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.05; done
  cat "$TMP/$1.status" 2>/dev/null || echo none
}
child_pid() {
  local ppid; ppid=$(TM display -p -t "$1" '#{pane_pid}')
  pgrep -P "$ppid" -x crossread || pgrep -P "$ppid" | head -n 1
}
# restored NAME WHAT: the terminal is as the shell left it.
restored() {
  check "$2: normal screen back" test "$(TM display -p -t "$1" '#{alternate_on}')" = 0
  check "$2: cursor visible" test "$(TM display -p -t "$1" '#{cursor_flag}')" = 1
  check "$2: canonical mode back (icanon)" grep -qE '(^| )icanon( |;|$)' "$TMP/$1.stty"
  check "$2: echo back" grep -qE '(^| )echo( |;|$)' "$TMP/$1.stty"
}

# ---- signals ---------------------------------------------------------------------
# INT and QUIT go through the main loop; a fault or abort() cannot wait for
# it: tty_guard.c restores the terminal in the handler and the process
# still dies of the signal. (kill stands in for a real fault; sanitizers'
# own handlers are turned off so the status is the signal's in sanitized
# builds too.)
ENVS_PLAIN=$ENVS
ENVS="$ENVS ASAN_OPTIONS=handle_segv=0:handle_abort=0:detect_leaks=0"
for sig in INT QUIT SEGV ABRT; do
  start "sig$sig" "$here/../corpus"
  see "sig$sig" "Articles |" "SIG$sig: explorer up"
  pid=$(child_pid "sig$sig")
  if [ -n "$pid" ]; then kill -s "$sig" "$pid"; ok; else bad "no pid for SIG$sig"; fi
  see "sig$sig" "$DONE" "SIG$sig ends the explorer"
  check "SIG$sig: dies of the signal" test "$(wait_status "sig$sig")" = $((128 + $(kill -l "$sig")))
  restored "sig$sig" "SIG$sig"
done
ENVS=$ENVS_PLAIN
# Ctrl-C typed: the explorer is in cbreak mode, so the terminal sends SIGINT.
start ctrlc "$here/../corpus"
see ctrlc "Articles |" "Ctrl-C: explorer up"
TM send-keys -t ctrlc C-c
see ctrlc "$DONE" "Ctrl-C ends the explorer"
check "Ctrl-C: status 130" test "$(wait_status ctrlc)" = 130
restored ctrlc "Ctrl-C"

# ---- input errors while loading in the background --------------------------------
mkdir -p "$TMP/mixed"
for i in $(seq 1 40); do printf '標題%d\n\n微軟投資%d億美元。\n' "$i" "$i" > "$TMP/mixed/$(printf %03d "$i").txt"; done
printf '標題\n\n壞\xff字節\n' > "$TMP/mixed/041.txt"
start badbyte "$TMP/mixed"
see badbyte "$DONE" "bad byte ends the explorer"
check "bad byte: status 2" test "$(wait_status badbyte)" = 2
restored badbyte "bad byte"
see badbyte "041.txt:3: byte 11:" "bad byte: file, line and byte named after the screen is restored"

head -c 4000 /dev/urandom > "$TMP/binary.txt"
printf '\xff' >> "$TMP/binary.txt"
start binary "$TMP/binary.txt"
see binary "$DONE" "binary file ends the explorer"
check "binary: status 2" test "$(wait_status binary)" = 2
restored binary "binary"
see binary "binary.txt" "binary: file named"
check "binary: byte offset named" grep -q "byte [0-9]" "$TMP/screen"

start unreadable /proc/self/mem
see unreadable "$DONE" "unreadable file ends the explorer"
check "unreadable: status 2" test "$(wait_status unreadable)" = 2
restored unreadable "unreadable"
see unreadable "/proc/self/mem" "unreadable: file named"

finish
