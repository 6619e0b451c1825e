#!/usr/bin/env bash
# test_entities_surname.sh — a bare surname with a word of address (王先生,
# 李老师, 江主席: src/core/entities.c rule_surname_address, propagate;
# entities_resolve) is a person mention of the surname alone; it is the full
# name of the same document with that surname when there is exactly one,
# otherwise a person of its own document only, named with the address word.
# Made-up sentences; run without the tagger (the rule does not need it).
. "$(dirname "$0")/lib.sh"
cat >"$TMP/a.txt" <<'TXT'
第一篇

据悉，王先生昨天到了学校。李老师看了后说很好。张明远表示会上还要发言，张先生又补充了几句。
历史老师没有来。若斯潘总理周二表示同意。王女士也来了。
TXT
cat >"$TMP/b.txt" <<'TXT'
第二篇

王先生今天也来了，他向市长汇报了情况。
TXT
export CROSSREAD_NO_TAGGER=1
expect_status 0 "entities" "$CROSSREAD" entities -f tsv "$TMP/a.txt" "$TMP/b.txt"
row() { grep -q "^[^	]*$1	person	$2	[0-9]*	[0-9]*	$3	$4	" "$TMP/out"; }
lacks() { ! grep -q "	person	$1	" "$TMP/out"; }
check "王先生: the surname is the mention, 王先生 the name" row a.txt 王 王先生 王先生
check "李老师 too" row a.txt 李 李老师 李老师
check "张先生 is the document's 张明远" row a.txt 张 张明远 张明远
check "王女士 is not 王先生" row a.txt 王 王女士 王女士
check "王先生 of another document is another person" row b.txt 王 王先生-2 王先生
check "a surname inside a word is none (历史老师)" lacks 史
check "the end of a name is none (若斯潘总理)" lacks 潘
check "a function character is none (向市长)" lacks 向
# the same in JSON: the entity list keeps the two 王先生 apart
expect_status 0 "entities text" "$CROSSREAD" entities "$TMP/a.txt" "$TMP/b.txt"
check "two 王先生 entities" test "$(grep -c '^  王先生 ' "$TMP/out")" -eq 2
# titles (src/core/entities.c rule_titles, rule_verbs; data/titles.tsv)
cat >"$TMP/c.txt" <<'TXT'
第三篇

政府总理基里延科认为应当加快改革。主教练马跃南说，队伍状态不错。厂长戚西洋说，工厂明年扩产。
TXT
expect_status 0 "entities, titles" "$CROSSREAD" entities -f tsv "$TMP/c.txt"
check "a title of public life (厂长)" row c.txt 戚西洋 戚西洋 戚西洋
check "a title inside a longer one is none (总|理)" row c.txt 基里延科 基里延科 基里延科
check "... and no name starts inside it" lacks 理基里延科
check "主教|练 is not a title before 练马跃" row c.txt 马跃南 马跃南 马跃南
finish
