#!/usr/bin/env bash
# test_entities_context.sh — names found from what stands around them
# (src/core/entities.c): a surname before a word of address (柏老), a
# dotted name before an organisation suffix (rule_dot_names), a name before
# a title that closes the phrase (rule_verbs, title_closes), the other
# members of a list with a person in it (list_names), and the veto on names
# that are a country or city (ICU's place names, src/core/places.c) and
# what overrides it (a title before, an honorific after), a title prefix
# (大|队长: title_prefix in data/titles.tsv) that no name ends with, photo
# credits (（记者罗悦摄）: credit in data/titles.tsv). Made-up
# sentences; run without the tagger, so that only the rules can find these
# names; the last parts run with it (a transliterated name it types LOC,
# dictionary words it reads as persons, a character glued to a name, a
# currency after a number).
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

# session 5: title prefixes and the place veto's overrides
cat >"$TMP/b.txt" <<'TXT'
第三篇

会上，罗大队长宣布了新的规定。据报道，邓前总统昨天抵达。
著名科学家达尔文认为，物种会慢慢演化。
巴格达表示，谈判不会中断。
TXT
cat >"$TMP/c.txt" <<'TXT'
第四篇

会议结束后，达尔文先生回到了伦敦。
TXT
expect_status 0 "entities, title prefixes and places" "$CROSSREAD" entities -f tsv "$TMP/b.txt" "$TMP/c.txt"
check "a name does not end with 大 before 队长 (大队长 is the title)" lacks 罗大
check "... the surname is named by the title (罗 of 罗大队长)" grep -q "	person	罗	[0-9]*	[0-9]*	罗大队长	" "$TMP/out"
check "a surname before 前 and a word of address (邓前总统)" grep -q "	person	邓	[0-9]*	[0-9]*	邓前总统	" "$TMP/out"
check "a title before a name that is also a city: a person (科学家达尔文)" grep -q "^[^	]*b.txt	person	达尔文	" "$TMP/out"
check "an honorific after it: a person (达尔文先生)" grep -q "^[^	]*c.txt	person	达尔文	" "$TMP/out"
check "a city before a reporting verb stays a place (巴格达表示)" lacks 巴格达

# photo credits (credit in data/titles.tsv): 摄 before the closing parenthesis
cat >"$TMP/e.txt" <<'TXT'
第六篇

游客在湖边拍照。（本报记者罗悦摄）
新的大桥已经通车。（方明远摄）
TXT
expect_status 0 "entities, credits" "$CROSSREAD" entities -f tsv "$TMP/e.txt"
check "a credit's 摄 is not part of the name after 记者" person 罗悦
check "... nor read into it" lacks 罗悦摄
check "a three-character name before a credit's 摄 is a person" person 方明远

# 姓 as a word of address (data/titles.tsv): 一名岑姓男子 names a person 岑
printf '第七篇\n\n昨晚一名岑姓男子在路口报警。\n' >"$TMP/f.txt"
expect_status 0 "entities, 姓" "$CROSSREAD" entities -f tsv "$TMP/f.txt"
check "a surname before 姓 is a person named by it" grep -q "	person	岑	[0-9]*	[0-9]*	岑姓	" "$TMP/out"

# with the tagger: a transliterated name it types LOC, before a reporting verb
unset CROSSREAD_NO_TAGGER
cat >"$TMP/d.txt" <<'TXT'
第五篇

因为毕卡索认为这幅画还没有完成，所以展览推迟了。
TXT
expect_status 0 "entities with the tagger" "$CROSSREAD" entities -f tsv "$TMP/d.txt"
check "a tagger LOC span of transliterating characters before 认为 is a person" person 毕卡索

# with the tagger: a person it reads that is one dictionary word and nothing
# marks as a name (dict_word_person) is that word; a Japanese surname,
# which the tagger's learned surname class marks, stays a person
cat >"$TMP/g.txt" <<'TXT'
第八篇

他的表演事業終於達到藝術生涯頂峰
小河縣的企業家帶領工廠走出虧損泥沼
据报道，桥本昨天会见了代表团，双方谈得很好。
TXT
expect_status 0 "entities with the tagger, dictionary words" "$CROSSREAD" entities -f tsv "$TMP/g.txt"
check "a dictionary word the tagger reads as a person is no person (頂峰)" lacks 頂峰
check "... nor 泥沼" lacks 泥沼
check "a dictionary word with a learned surname first stays a person (桥本)" person 桥本

# with the tagger: a character glued to a name the document repeats
# (glued_names): 寇德叨念 is 寇德 and 叨念
cat >"$TMP/h.txt" <<'TXT'
第九篇

記者問寇德，寇德笑了笑。寇德說，明天再談。
寇德叨念著舊事。寇德沒有回答。
TXT
expect_status 0 "entities with the tagger, glued names" "$CROSSREAD" entities -f tsv "$TMP/h.txt"
check "no character glued to a name the document repeats" lacks 寇德叨
check "... the name itself instead" grep -q "	person	寇德	7[0-9]	" "$TMP/out"

# with the tagger: right after a number and its magnitude (亿), a currency
printf '第十篇\n\n预算显示，这个王国去年的盈余为380亿里亚尔，今年的赤字为90亿里亚尔。\n' >"$TMP/i.txt"
expect_status 0 "entities with the tagger, units" "$CROSSREAD" entities -f tsv "$TMP/i.txt"
check "no person right after a number and its magnitude (380亿里亚尔)" lacks 里亚尔
finish
