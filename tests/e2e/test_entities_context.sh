#!/usr/bin/env bash
# test_entities_context.sh — names found from what stands around them
# (src/core/entities.c): a surname before a word of address (柏老), a
# dotted name before an organisation suffix (rule_dot_names), a name before
# a title that closes the phrase (rule_verbs, title_closes), the other
# members of a list with a person in it (list_names), and the veto on names
# that are a country or city (ICU's place names, src/core/places.c). Made-up sentences; run without the
# tagger, so that only the rules can find these names.
. "$(dirname "$0")/lib.sh"
cat >"$TMP/a.txt" <<'TXT'
第一篇

昨天，斯瓦托尼总统访问了本市。据报道，卢伯顿外长昨天抵达。
伊拉克总统会见了代表团。瑞士总统表示欢迎，俄罗斯总统叶明远也在场。
出席会议的有教授汪志明、柯达莉和苏林等人。
他提到了东京、巴黎和伦敦的工厂。
他曾在喬治·梅爾頓大學任教。会上，柏老说，年轻人要多读书。
TXT
export CROSSREAD_NO_TAGGER=1
expect_status 0 "entities" "$CROSSREAD" entities -f tsv "$TMP/a.txt"
person() { grep -q "^[^	]*	person	$1	" "$TMP/out"; }
lacks() { ! grep -q "	person	$1	" "$TMP/out"; }
check "a transliterated name before 总统 that closes the phrase" person 斯瓦托尼
check "a transliterated name before 外长" person 卢伯顿
check "the title's own name after it" person 叶明远
check "a place before a title is no person (伊拉克, a country ICU names)" lacks 伊拉克
check "... nor 俄罗斯 before a title with a name after it" lacks 俄罗斯
check "a title-led name in a list (教授汪志明)" person 汪志明
check "the list's next member (、)" person 柯达莉
check "and the one after 和" person 苏林
check "a list of places is no list of people" lacks 巴黎
check "... nor its first member" lacks 东京
check "a dotted name before 大學 is an organisation" grep -q "	company	喬治·梅爾頓大學	" "$TMP/out"
check "... and no person" lacks 喬治·梅爾頓
check "a surname before 老 (data/titles.tsv address) is a person" person 柏
finish
