#!/usr/bin/env bash
# test_entities_tagger.sh — how `crossread entities` uses the statistical
# tagger's spans (src/core/entities.c: on_span, repair_edges). Made-up
# sentences; each check names the rule it guards. Run with the shipped
# data/ner.model; CROSSREAD_NO_TAGGER=1 shows the rules alone miss them.
. "$(dirname "$0")/lib.sh"
cat >"$TMP/a.txt" <<'TXT'
校友会的消息

据校友会介绍，他早年求学华东理工大学，后来加入星海动力集团公司担任工程师。
董事长陈之远在会上说，公司明年将扩大生产。
国际能源署本周发布报告，据悉宁德时代公司也有参与。
会后，总统马里奥派代表出席。
分析师约翰—卡特莱特表示，需求仍然强劲。
据悉，联合国开发计划署与清华大学出版社本周签署协议。
TXT
has() { grep -q "^[^	]*	$1	$2	" "$TMP/out"; }
lacks() { ! grep -q "	$2	" "$TMP/out"; }
expect_status 0 "entities" "$CROSSREAD" entities -f tsv "$TMP/a.txt"
# repair_edges, suffix rule: it walks back over 求学; the tagger's start wins
check "suffix span takes the tagger's start" has company 华东理工大学
check "no verb glued to the university" lacks company 求学华东理工大学
# repair_edges, a designator added to a suffix or lexicon name
check "suffix name + 公司 from the tagger" has company 星海动力集团公司
check "lexicon name + 公司 keeps the lexicon id" grep -q "	company	宁德时代公司	[0-9]*	[0-9]*	catl	" "$TMP/out"
# repair_edges, title rule: it read one character too far (派 is a verb)
check "title rule span cut at the tagger's end" has person 马里奥
check "no verb in the name" lacks person 马里奥派
# on_span: a sure span may hold a function character (之) ...
check "sure PER span with 之" has person 陈之远
# ... and start with a generic word (国际)
check "sure ORG span starting with 国际" has company 国际能源署
# ... and be joined by a dash between Han characters
check "sure PER span joined by a dash" has person 约翰—卡特莱特
# repair_edges: a sure company span holding a lexicon company is that other one
check "lexicon name inside a sure span gives way" has company 联合国开发计划署
check "... also with an ending the lists do not know" has company 清华大学出版社
check "... and keeps no lexicon id" grep -q "	company	清华大学出版社	[0-9]*	[0-9]*	清华大学出版社	" "$TMP/out"
# repair_edges: a longer tagger name from a title rule's start (the rule
# stopped at 新, a context word); select_typed: a rule name that is one
# dictionary word (商量) needs the tagger's agreement
cat >"$TMP/b.txt" <<'TXT'
县里的消息

县委书记汪明新经常到基层调研。村委会主任商量过此事。
TXT
expect_status 0 "entities b" "$CROSSREAD" entities -f tsv "$TMP/b.txt"
check "same start, longer tagger name" has person 汪明新
check "a dictionary word after a title is no name" lacks person 商量
CROSSREAD_NO_TAGGER=1 expect_status 0 "entities b, no tagger" "$CROSSREAD" entities -f tsv "$TMP/b.txt"
check "without the tagger: the rule's short name" has person 汪明
# the same text without the tagger: the rules alone do not find them
CROSSREAD_NO_TAGGER=1 expect_status 0 "entities, no tagger" "$CROSSREAD" entities -f tsv "$TMP/a.txt"
check "without the tagger: no 陈之远" lacks person 陈之远
check "without the tagger: the suffix rule's long span" has company 求学华东理工大学
# --no-tagger is the same switch on the command line, for every command
# that extracts (and the TUI: corpus.no_tagger, set by cmd_tui)
cp "$TMP/out" "$TMP/env_out"
expect_status 0 "entities --no-tagger" "$CROSSREAD" entities --no-tagger -f tsv "$TMP/a.txt"
check "--no-tagger: output as with CROSSREAD_NO_TAGGER" cmp -s "$TMP/out" "$TMP/env_out"
check "--no-tagger: no 陈之远" lacks person 陈之远
expect_status 0 "claims --no-tagger" "$CROSSREAD" claims --no-tagger -f tsv "$TMP/a.txt"
check "claims --no-tagger: no 陈之远" eval '! grep -q 陈之远 "$TMP/out"'
expect_status 0 "claims" "$CROSSREAD" claims -f tsv "$TMP/a.txt"
check "claims with the tagger: 陈之远 says it" grep -q "	陈之远	董事长陈之远	" "$TMP/out"
expect_status 1 "search --entity --no-tagger" "$CROSSREAD" search --no-tagger --entity 陈之远 "$TMP/a.txt"
expect_status 0 "search --entity" "$CROSSREAD" search --entity 陈之远 "$TMP/a.txt"
finish
