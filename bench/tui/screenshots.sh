#!/usr/bin/env bash
# Screenshots of every view of the explorer as text, captured with tmux
# capture-pane at 100x30 on the bundled corpus, into docs/screenshots.md.
#
#   bench/tui/screenshots.sh [BUILD_DIR]      (default: build)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin="$root/${1:-build}/crossread"
out="$root/docs/screenshots.md"
[ -x "$bin" ] || { echo "no $bin: build first" >&2; exit 2; }
command -v tmux >/dev/null || { echo "needs tmux" >&2; exit 2; }
tmp=$(mktemp -d)
sock="crossread-shots-$$"
TM() { tmux -L "$sock" -f /dev/null "$@"; }
trap 'TM kill-server >/dev/null 2>&1; rm -rf "$tmp"' EXIT

TM new-session -d -s s -x 100 -y 30 "env LANG=C.UTF-8 HOME=$tmp XDG_CONFIG_HOME=$tmp/c \
  XDG_STATE_HOME=$tmp/s CROSSREAD_DATADIR=$root NO_COLOR= $bin; sleep 600"
wait_for() {   # wait_for TEXT: poll the screen until TEXT shows (20 s at most)
  local deadline=$((SECONDS + 20))
  until TM capture-pane -p -t s | grep -qF -- "$1"; do
    [ "$SECONDS" -lt "$deadline" ] || { echo "timed out waiting for: $1" >&2; exit 1; }
    sleep 0.05
  done
}
shot() {       # shot TITLE NOTE: append the screen as a text block
  { echo "## $1"; echo; [ -n "$2" ] && { echo "$2"; echo; }
    echo '```text'; TM capture-pane -p -t s; echo '```'; echo; } >> "$tmp/md"
}
keys() { TM send-keys -t s "$@"; }

: > "$tmp/md"
wait_for "people,"
shot "Articles (key 1)" "The first screen: every document with its metadata and counts."
keys Enter; wait_for "Reader |"
shot "Reader" "The cleaned text wrapped to the window; | in the margin marks the current claim, whose cross-references are in the pane below (colours do not show here: entities are coloured by type, figures highlighted, claims underlined)."
keys ']' ']'; wait_for "claim [3]"
shot "Reader: a claim and its cross-references" "] moves to the next claim; Tab enters the pane, Enter follows a link."
keys r; wait_for "raw file (r:"
shot "Reader: the raw file (key r)" "The file as captured, with its pinyin, duplicates and mojibake; control characters would show as ^[ placeholders."
keys r q 2; wait_for "Entities ("
shot "Entities (key 2)" "Grouped by type, most mentioned first, with mentions per article and aliases."
keys Enter; wait_for "Mentions of"
shot "Mentions (Enter on an entity)" "Every mention in its context; Enter shows it in the reader."
keys 3; wait_for "Claims ("
shot "Claims (key 3)" "Per article: each claim, its figures with their values, and its attribution."
keys 4; wait_for "Cross-references ("
shot "Cross-references (key 4)" "Two columns: a claim and the claim it is linked to, the relation, score, figures and reason."
keys r r; wait_for "showing differs"
shot "Cross-references: differs only (key r)" "r cycles the relation filter; differs links show both figures."
keys 1 /; wait_for "Search:"; keys -l 微软; wait_for "hits in"
shot "Search while typing (key /)" "Typed in Simplified, found in the Traditional text; the count updates at each keystroke."
keys Enter; wait_for "hit 1/"
shot "A search hit in the reader (Enter, then n/N)" ""
keys '?'; wait_for "this help"
shot "Help (key ?)" "Every key (as configured), the colours, prompts, commands and files."
TM resize-window -t s -x 36 -y 8; wait_for "too small"
shot "A terminal too small" ""

{ echo "# Screenshots"
  echo
  echo "Text captures of the explorer (\`crossread\` on the bundled corpus) in a"
  echo "100x30 terminal, made by \`bench/tui/screenshots.sh\` with tmux"
  echo "capture-pane. Colours and underlines are not captured."
  echo
  cat "$tmp/md"; } > "$out"
echo "wrote $out"
