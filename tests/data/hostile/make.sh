#!/usr/bin/env bash
# Generate the hostile-input collection into DIR (default: ./out).
# Large cases are generated rather than committed; all are deterministic.
set -euo pipefail
out=${1:-out}
mkdir -p "$out"
cd "$out"
py() { python3 -c "$1"; }

# Encoding errors
printf 'OpenAI的虧損\xff高達5.4億美元\n' > bad_byte.txt
printf '第一行\n第二行\xc0\x80overlong\n' > overlong2.txt
printf '三字節\xe0\x80\x80overlong\n' > overlong3.txt
printf 'surrogate \xed\xa0\x80 here\n' > surrogate.txt
printf '截斷的字\xe5\xad' > truncated_end.txt
printf 'nul\x00byte\n' > nul.txt
printf '\xef\xbb\xbf微軟投資100億美元。\r\n\r\nOpenAI表示。\r\n' > bom_crlf.txt
: > empty.txt
printf '  \n\t\n\r\n   \n' > whitespace.txt
# Size and shape
py 'import sys; sys.stdout.write("中文字符" * (5*1024*1024//12))' > long_line.txt
py 'import sys; sys.stdout.write("(" * 50000 + "微軟" + ")" * 50000 + "\n")' > nested_parens.txt
py 'import sys; sys.stdout.write("遠(yuǎn)" * 200000 + "\n")' > pinyin_flood.txt
py 'import sys; sys.stdout.write("(yuǎn)" * 200000 + "\n")' > pinyin_orphans.txt
py 'import sys; sys.stdout.write("損失" + "億" * 20000 + "美元。\n")' > numeral_yi.txt
py 'import sys; sys.stdout.write("虧損" + "9" * 5000 + "美元。\n")' > numeral_digits.txt
py 'import sys; sys.stdout.write("投資1.2.3萬美元,約" + "3-4-5-6" * 1000 + "萬元。\n")' > numeral_dots.txt
py 'import sys; sys.stdout.write("一二三四五六七八九十百千萬億兆" * 3000 + "元\n")' > numeral_han.txt
printf '損失5億億億億美元,虧損9223372036854775808元,1.2.3萬人。\n' > numeral_overflow.txt
py 'import sys; sys.stdout.write(("<p>" * 1000 + "&nbsp;&#x4e00;&#99999999;&amp" ) * 200 + "\n")' > html_flood.txt
py 'import sys; sys.stdout.write("微軟表示," * 100000 + "\n")' > repeated_clause.txt
py 'import sys; sys.stdout.write("微軟表示" + "公司投資100億美元" * 30000 + "\n")' > long_claim.txt
py 'import sys; sys.stdout.write(("段落重複。\n\n") * 20000)' > repeated_paras.txt
py 'import sys; sys.stdout.write("·" * 100000 + "阿爾特曼\n")' > dots.txt
# Random binary (deterministic)
py 'import random,sys; r=random.Random(7); sys.stdout.buffer.write(bytes(r.randrange(256) for _ in range(200000)))' > random.txt
# Terminal attacks: CSI, OSC title change, BEL, C1 CSI, bidi overrides
printf '標題\x1b[2J\x1b[31m紅色\x1b]0;pwned\x07\n\n正文\xc2\x9b31m微軟\xe2\x80\xae投資100億美元\xe2\x80\xac。\x08\x7f\n' > escapes.txt
printf 'Tab\there\n\n微軟\t表示\t“引號”…—\n' > tabs_ambiguous.txt
# Many tiny files
mkdir -p many
for i in $(seq 1 3000); do printf '微軟%d\n' "$i" > "many/$i.txt"; done
# Symbolic links: a loop back to the directory twice over, and a chain of
# 40 directories each linking twice to the next (2^40 paths, 40 directories)
mkdir -p links/chain/d0
printf '微軟表示。\n' > links/top.txt
ln -sfn . links/self
ln -sfn . links/self2
for i in $(seq 1 40); do
  mkdir -p "links/chain/d$i"
  ln -sfn "../d$i" "links/chain/d$((i-1))/a"
  ln -sfn "../d$i" "links/chain/d$((i-1))/b"
  printf '第%d段。\n' "$i" > "links/chain/d$i/x.txt"
done
