#!/usr/bin/env bash
# The explorer (TUI), driven through a private tmux server at a fixed size:
# every view, moving, search with typed Chinese, :export, resizing, quitting
# with status 0, signals restoring the terminal, colours and NO_COLOR, the
# config file, history kept between runs, and hostile article text.
# Every wait polls the screen until the text appears or a deadline passes.
. "$(dirname "$0")/lib.sh"

if ! command -v tmux >/dev/null 2>&1; then
  echo "tmux not installed: skipping (tools/deps.sh installs it)"
  exit 77
fi

SOCK="crossread-test-$$-$RANDOM"
TM() { tmux -L "$SOCK" -f /dev/null "$@"; }
trap 'TM kill-server >/dev/null 2>&1; rm -rf "$TMP" 2>/dev/null || { sleep 1; rm -rf "$TMP"; }' EXIT
mkdir -p "$TMP/config/crossread" "$TMP/state"
BASE_ENV="LANG=C.UTF-8 LC_ALL=C.UTF-8 HOME=$TMP XDG_CONFIG_HOME=$TMP/config XDG_STATE_HOME=$TMP/state CROSSREAD_DATADIR=$CROSSREAD_DATADIR"
DONE_MARK="crossread-has-exited"

# start NAME [ENV=VALUE...] -- [ARGS...]: run crossread in a new session of
# 100x30; when it ends, its status goes to $TMP/NAME.status and the pane
# prints DONE_MARK (the normal screen is back).
start() {
  local name=$1; shift
  local env="$BASE_ENV"
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do env="$env $1"; shift; done
  [ "${1:-}" = "--" ] && shift
  rm -f "$TMP/$name.status"
  TM new-session -d -s "$name" -x 100 -y 30 \
    "env $env $CROSSREAD $*; echo \$? > $TMP/$name.status; echo $DONE_MARK; sleep 600"
}
screen() { TM capture-pane -p -t "$1"; }
# wait_for NAME TEXT [SECONDS]: true once TEXT is on NAME's screen.
wait_for() {
  local name=$1 text=$2 deadline=$((SECONDS + ${3:-20}))
  while :; do
    screen "$name" > "$TMP/screen" 2>/dev/null
    grep -qF -- "$text" "$TMP/screen" && return 0
    [ "$SECONDS" -ge "$deadline" ] && return 1
    sleep 0.05
  done
}
# wait_gone NAME TEXT [SECONDS]: true once TEXT is off NAME's screen (a key
# that changes the screen may not have been handled at the first look).
wait_gone() {
  local name=$1 text=$2 deadline=$((SECONDS + ${3:-20}))
  while :; do
    screen "$name" > "$TMP/screen" 2>/dev/null
    grep -qF -- "$text" "$TMP/screen" || return 0
    [ "$SECONDS" -ge "$deadline" ] && return 1
    sleep 0.05
  done
}
# see NAME TEXT DESCRIPTION: a check that waits for TEXT.
see() {
  if wait_for "$1" "$2" "${4:-20}"; then ok; else
    bad "$3: '$2' never appeared"; sed 's/^/  screen: /' "$TMP/screen" >&2; fi
}
keys() { local name=$1; shift; TM send-keys -t "$name" "$@"; }
text() { TM send-keys -t "$1" -l -- "$2"; }
# The status line (last row) of NAME.
status_line() { screen "$1" | tail -n 1; }
# fits NAME WHAT: no line of the screen is wider than the window (wc -L
# counts display columns: CJK characters take two).
fits() {
  local w; w=$(TM display -p -t "$1" '#{window_width}')
  local got; got=$(TM capture-pane -p -t "$1" | LC_ALL=C.UTF-8 wc -L)
  if [ "$got" -le "$w" ]; then ok; else bad "$2: a line $got columns wide in $w"; fi
}
# wait_status NAME: wait until crossread has exited; prints its status.
wait_status() {
  local deadline=$((SECONDS + 20))
  while [ ! -s "$TMP/$1.status" ] && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.05; done
  cat "$TMP/$1.status" 2>/dev/null || echo none
}
child_pid() {   # crossread's pid: the child of the pane's shell
  local ppid; ppid=$(TM display -p -t "$1" '#{pane_pid}')
  pgrep -P "$ppid" -x crossread || pgrep -P "$ppid" | head -n 1
}

# ---- no terminal, dumb terminal, missing files --------------------------------
expect_status 2 "no terminal" "$CROSSREAD"
check "no terminal: points to the subcommands" contains "$TMP/err" "subcommands"
start dumb TERM=dumb --
see dumb "$DONE_MARK" "TERM=dumb ends"
check "TERM=dumb: status 2" test "$(wait_status dumb)" = 2
see dumb "crossread clean|tokens|entities" "TERM=dumb: points to the subcommands"
start missing -- "$TMP/no-such-file.txt"
see missing "$DONE_MARK" "missing file ends"
check "missing file: status 2" test "$(wait_status missing)" = 2
see missing "no-such-file.txt: cannot open" "missing file named"

printf 'title\n\nok \377\376 bad\n' > "$TMP/bad.txt"
start bad -- "$TMP/bad.txt"
see bad "$DONE_MARK" "a file that is not UTF-8 ends the explorer"
check "not UTF-8: status 2" test "$(wait_status bad)" = 2
see bad "bad.txt:3: byte 10: invalid UTF-8" "not UTF-8: file, line and byte named"
check "not UTF-8: normal screen back" test "$(TM display -p -t bad '#{alternate_on}')" = 0
start lenient -- --lenient "$TMP/bad.txt"
see lenient "Articles (1)" "--lenient opens it"
keys lenient Enter
see lenient "ok �� bad" "--lenient: replacement characters shown"
keys lenient Q
see lenient "$DONE_MARK" "lenient run quits"

# ---- the first screen: Articles ---------------------------------------------------
start main
see main "Articles (2)" "articles view"
see main "VC熄火撤退,ChatGPT們遠赴中東募資" "first title"
see main "claims" "counts once the corpus is analysed"
see main "Articles | jiemian-000" "status bar names view and document"
check "status bar names the help key" bash -c "tmux -L $SOCK capture-pane -p -t main | tail -n 1 | grep -q '? help'"
fits main "articles"

keys main j
see main "Articles | ithome-003" "j selects the next article"
keys main k
see main "Articles | jiemian-000" "k goes back"
keys main G
see main "Articles | ithome-003" "G: last"
keys main g
see main "Articles | jiemian-000" "g: first"

# ---- Reader --------------------------------------------------------------------------
keys main Enter
see main "Reader | jiemian-000" "Enter opens the reader"
see main "line 1/" "reader starts at the top"
see main "cleaned text (r: raw file)" "reader shows the cleaned text"
keys main Space
if wait_gone main "line 1/" 10 && grep -q "line [1-9][0-9]*/" "$TMP/screen"; then ok; else
  bad "Space pages down"; fi
keys main g
see main "line 1/" "g goes to the top"
keys main j j
see main "line 3/" "j scrolls one line"
keys main r
see main "raw file (r: cleaned text)" "r shows the raw file"
keys main r
see main "cleaned text (r: raw file)" "r again: cleaned"
keys main ']'
see main "Cross-references of claim [" "] selects a claim; its cross-references show"
fits main "reader"
keys main q
see main "Articles | jiemian-000" "q goes back to the articles"

# ---- Entities and mentions --------------------------------------------------------------
keys main 2
see main "Entities (" "2: entities view"
see main "People (" "entities grouped by type"
see main "mentions in" "mention counts per article"
see main "also:" "aliases"
fits main "entities"
keys main Enter
see main "Mentions of " "Enter lists the mentions"
see main "Mentions |" "status bar: Mentions"
keys main Enter
see main "Reader |" "Enter on a mention opens the reader"
keys main q
see main "Mentions |" "q back to the mentions"
keys main q
see main "Entities |" "q back to the entities"
keys main Tab
see main "Companies (" "Tab: the next type"

# ---- Claims ----------------------------------------------------------------------------------
keys main 3
see main "Claims (" "3: claims view"
see main "[1] headline" "headline claim"
see main "figures:" "claims with figures"
see main "source:" "claims with attribution"
fits main "claims"
keys main Tab
see main "Claims | ithome-003" "Tab: the next article"
keys main Enter
see main "Reader | ithome-003" "Enter on a claim opens the reader"
keys main q
see main "Claims |" "back to claims"

# ---- Cross-references ------------------------------------------------------------------------
keys main 4
see main "Cross-references (" "4: cross-references view"
see main "jiemian-000 ⇔ ithome-003" "document pair heading"
see main "why:" "reasons shown"
see main "│" "two columns"
fits main "cross-references"
keys main r
see main "showing same" "r: only same links"
keys main r
see main "showing differs" "r: only differs links"
keys main r r r
see main "showing all" "r cycles back to all"
keys main f
text main "only-in"
keys main Enter
see main 'filter “only-in”' "f with a relation name filters"
see main "Only in " "only-in links"
keys main f BSpace
keys main Escape
keys main f
keys main C-u Enter
see main "Cross-references (" "filter cleared"
keys main g l Enter
see main "Reader | ithome-003" "Enter on the right column opens its article"
keys main q
see main "Cross-references |" "back to cross-references"

# ---- search with typed Chinese -------------------------------------------------------------------
keys main 1
see main "Articles |" "back to articles"
keys main /
see main "Search:" "/ opens the search prompt"
text main "微软"
see main "Search: 微软" "Chinese typed into the prompt"
see main "hits in 2 articles" "incremental search (Simplified finds Traditional)"
keys main Enter
see main "hit 1/" "Enter goes to the first hit"
see main "Reader | jiemian-000" "hit shown in the reader"
keys main n
see main "hit 2/" "n: next hit"
keys main N
see main "hit 1/" "N: previous hit"
keys main /
text main "阿爾特曼"
see main "Search: 阿爾特曼" "four characters typed"
keys main BSpace BSpace
if wait_gone main "Search: 阿爾特" 10 && grep -qF "Search: 阿爾" "$TMP/screen"; then ok; else
  bad "Backspace removes whole characters"; fi
keys main Escape
keys main :
text main "search re:OpenAI\\s+CEO"
keys main Enter
see main "hit 1/" ":search with a regex"

# ---- :export ---------------------------------------------------------------------------------------
"$CROSSREAD" entities -f tsv > "$TMP/cli-entities.tsv"
"$CROSSREAD" claims -f jsonl > "$TMP/cli-claims.jsonl"
"$CROSSREAD" xref -f text > "$TMP/cli-xref.txt"
keys main :
text main "export entities tsv $TMP/ent.tsv"
keys main Enter
see main "wrote entities (tsv)" ":export entities"
check ":export entities = crossread entities -f tsv" cmp -s "$TMP/ent.tsv" "$TMP/cli-entities.tsv"
keys main :
text main "export claims jsonl $TMP/claims.jsonl"
keys main Enter
see main "wrote claims (jsonl)" ":export claims"
check ":export claims = crossread claims -f jsonl" cmp -s "$TMP/claims.jsonl" "$TMP/cli-claims.jsonl"
echo "keep me" > "$TMP/old.txt"
keys main :
text main "export xref text $TMP/old.txt"
keys main Enter
see main "exists: not replaced" "an existing file is refused"
check "refused file intact" test "$(cat "$TMP/old.txt")" = "keep me"
keys main :
text main "export! xref text $TMP/old.txt"
keys main Enter
see main "wrote xref (text)" ":export! replaces"
check ":export! xref = crossread xref" cmp -s "$TMP/old.txt" "$TMP/cli-xref.txt"
check "no temporary files left" test -z "$(ls -A "$TMP" | grep crossread- || true)"
keys main :
text main "export xref tsv $TMP/交叉引用.tsv"
keys main Enter
see main "wrote xref (tsv)" ":export to a file named in Chinese"
check "Chinese file name written" test -s "$TMP/交叉引用.tsv"
keys main :
text main "export nonsense tsv $TMP/x"
keys main Enter
see main "usage: :export" "bad :export explained"

# ---- help ----------------------------------------------------------------------------------------
keys main '?'
see main "Help |" "? opens help"
see main "this help" "help lists the keys"
see main "next line or item" "help lists the moving keys"
keys main q
see main "Reader |" "q closes help"

# ---- resize ------------------------------------------------------------------------------------------
TM resize-window -t main -x 30 -y 8
see main "too small" "small terminal: a short message"
TM resize-window -t main -x 120 -y 40
see main "Reader |" "large again: the view comes back"
fits main "reader at 120 columns"
check "status bar on the last line after resize" bash -c \
  "tmux -L $SOCK capture-pane -p -t main | sed -n 40p | grep -q 'Reader |'"
TM resize-window -t main -x 100 -y 30

# ---- quitting ------------------------------------------------------------------------------------------
keys main q
see main "Articles |" "q from the reader"
keys main q
see main "$DONE_MARK" "q at the top level quits"
check "quit: status 0" test "$(wait_status main)" = 0
check "quit: normal screen back" test "$(TM display -p -t main '#{alternate_on}')" = 0

# ---- history between runs -----------------------------------------------------------------------------
hist="$TMP/state/crossread/history"
check "history file written" test -f "$hist"
check "history has the search" grep -qxF "/微软" "$hist"
check "a cancelled search is not kept" bash -c "! grep -qxF /阿爾特曼 $hist"
check "history has the command" grep -qF ":export! xref text" "$hist"
start again
see again "Articles |" "second run"
keys again /
keys again Up
see again "Search: 微软" "Up recalls the last search of the previous run"
keys again Escape
keys again Q
see again "$DONE_MARK" "Q quits from anywhere"
check "Q: status 0" test "$(wait_status again)" = 0

# ---- signals restore the terminal ----------------------------------------------------------------------
for sig in TERM HUP; do
  start "sig$sig"
  see "sig$sig" "Articles |" "start for SIG$sig"
  pid=$(child_pid "sig$sig")
  if [ -n "$pid" ]; then kill -s "$sig" "$pid"; ok; else bad "no pid for SIG$sig"; fi
  see "sig$sig" "$DONE_MARK" "SIG$sig ends the explorer"
  want=$((128 + $(kill -l "$sig")))
  check "SIG$sig: dies of the signal ($want)" test "$(wait_status "sig$sig")" = "$want"
  check "SIG$sig: normal screen back" test "$(TM display -p -t "sig$sig" '#{alternate_on}')" = 0
  check "SIG$sig: process gone" bash -c "! kill -0 $pid 2>/dev/null"
done

# ---- colours and NO_COLOR --------------------------------------------------------------------------------
colour_codes() { TM capture-pane -p -e -t "$1" | grep -cE $'\e\\[([0-9;]*;)?3[0-7](;[0-9;]*)?m' || true; }
start colour
see colour "claims" "colour run"
check "colours by default" test "$(colour_codes colour)" -gt 0
keys colour Q
start nocolour NO_COLOR=1 --
see nocolour "claims" "NO_COLOR run"
check "NO_COLOR: no colours" test "$(colour_codes nocolour)" -eq 0
keys nocolour Q

# ---- config file: ambiguous width, keys, a bad line ---------------------------------------------------------
cat > "$TMP/config/crossread/config" <<'EOF'
# test configuration
ambiguous-wide = yes
key.down = J      # J moves down instead of j
color.person = bright-green on default
nonsense = 1
EOF
start conf
see conf "Articles |" "run with a config file"
see conf "jiemian-000 ・ 界面新聞" "ambiguous-wide: · drawn as a wide stand-in"
see conf "~/config/crossread/config:5: unknown setting 'nonsense'" "bad config line reported with its line"
keys conf J
see conf "Articles | ithome-003" "key.down = J"
keys conf Q
rm -f "$TMP/config/crossread/config"

# ---- article text never drives the terminal --------------------------------------------------------------------
printf 'Hostile title\n\nbody \033]2;PWNED\007 and \033[2J and \342\200\256reversed\n' > "$TMP/hostile.txt"
start hostile -- "$TMP/hostile.txt"
see hostile "Articles (1)" "hostile file listed"
keys hostile Enter r
see hostile "^[" "escape shown as a placeholder"
see hostile "<U+202E>" "bidi override shown as a placeholder"
check "title not changed by the article" bash -c "! tmux -L $SOCK display -p -t hostile '#{pane_title}' | grep -q PWNED"
check "screen not cleared by the article" grep -qF "Reader |" "$TMP/screen"
keys hostile Q

# ---- --no-tagger: the explorer says so, and finds fewer people ---------------------------------------------
printf '消息\n\n董事长陈之远在会上说，公司明年将扩大生产。\n' > "$TMP/names.txt"
start notag -- --no-tagger "$TMP/names.txt"
see notag "no tagger" "--no-tagger shown in the status bar"
keys notag 2
see notag "Entities (" "entities view (no tagger)"
check "no tagger: no 陈之远" bash -c "! grep -qF 陈之远 '$TMP/screen'"
keys notag Q
start tagged -- "$TMP/names.txt"
keys tagged 2
see tagged "陈之远" "the tagger's 陈之远 listed"
check "no 'no tagger' in the status bar by default" bash -c "! grep -qF 'no tagger' '$TMP/screen'"
keys tagged Q

finish
