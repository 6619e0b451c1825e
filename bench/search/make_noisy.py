#!/usr/bin/env python3
"""Build web-capture-like test documents for the cleaner's equivalence check.

Takes real sentences from the raw SIGHAN 2005 test inputs
(../shared/eval/segmentation/*_test.utf8) and wraps them in what captured
pages carry: HTML tags, comments, scripts and entities, inline pinyin
annotations, encoding damage (stray '?', private-use and box characters,
invalid bytes), repeated paragraphs (exact and damaged copies), URL lines,
bullet lists, bylines, CRLF and odd line breaks, full-width and
Traditional/Simplified mixes. Random but seeded: the same arguments make the
same files. Output goes outside git (bench/out/).

usage: make_noisy.py EVAL_DIR OUT_DIR [N_FILES] [SEED]
"""
import os
import random
import sys


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    src, out = sys.argv[1], sys.argv[2]
    n_files = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 1)
    lines = []
    for name in sorted(f for f in os.listdir(src) if f.endswith("_test.utf8")):
        with open(os.path.join(src, name), encoding="utf-8-sig") as f:
            lines += [l.strip() for l in f if l.strip()]
    os.makedirs(out, exist_ok=True)
    for old in os.listdir(out):
        if old.endswith(".txt"):
            os.remove(os.path.join(out, old))

    pinyin = ["jīng", "jì", "zhōng", "guó", "rén", "mín", "fā", "zhǎn", "nǚ", "lǜ",
              "xué", "shēng", "de", "le", "ma", "hǎo", "Běi jīng", "shàng'hǎi"]
    signs = ["\ue000", "\ue7c7", "\u2500", "\u2554", "\u0416", "\u03b1", "\u20ac",
             "\u3105", "\u30a2", "\uff71", "^", "_", "`", "\\", "|", "~", "{", "}",
             "\ufffd", "?", "!", "?!?", "\u00e5\u00a4", "\u00e9\u0161"]
    tags = ["<p>", "</p>", "<br/>", "<br>", "<div class=\"x\">", "</div>", "<b>", "</b>",
            "<a href=\"http://example.com/a?b=1\">", "</a>", "<span>", "</span>",
            "<!-- comment -->", "<script>var a = '<p>';</script>", "<style>p{}</style>",
            "<li>", "</li>", "<h1>", "</h1>", "<!DOCTYPE html>"]
    ents = ["&amp;", "&nbsp;", "&lt;", "&gt;", "&quot;", "&shy;", "&mdash;", "&#8220;",
            "&#x4E2D;", "&hellip;", "&copy;", "&bogus;", "&amp", "&#12345678;", "&"]
    furniture = ["相关阅读", "责任编辑：王某", "返回首页", "分享到：", "2024-01-02 10:30",
                 "------", "http://www.example.com/news/123.html www.example.org",
                 "• 新闻一", "• 新闻二", "* 链接", "- 条目 一", "記者 王小明",
                 "文|某某财经", "评论", "評論", "点击进入", "上一篇 下一篇", "ＷＴＯ",
                 "Ｂｅｉｊｉｎｇ　２００８", "（完）", "【编辑：张三】"]
    breaks = ["\n", "\n", "\n", "\r\n", "\r", "\n\n", "\u2028", "\f", "\n  \u3000"]

    def noisy(s):
        out = []
        for ch in s:
            out.append(ch)
            r = rng.random()
            if r < 0.01 and "\u4e00" <= ch <= "\u9fff":
                out.append(rng.choice(["(", "（"]) + rng.choice(pinyin) +
                           rng.choice([")", "）"]))
            elif r < 0.015:
                out.append(rng.choice(signs))
            elif r < 0.02:
                out.append(rng.choice(tags))
            elif r < 0.023:
                out.append(rng.choice(ents))
            elif r < 0.025:
                out.append(rng.choice([" ", "\u3000", "\u00a0", "\u200b", "\t"]))
        return "".join(out)

    made = 0
    i = rng.randrange(len(lines))
    while made < n_files:
        paras = []
        if rng.random() < 0.5:
            paras += rng.sample(furniture, rng.randint(1, 4))
        title = lines[i % len(lines)][: rng.randint(8, 40)]
        paras.append(title)
        i += 1
        body = []
        for _ in range(rng.randint(1, 25)):
            body.append(lines[i % len(lines)])
            i += 1
        paras += body
        for _ in range(rng.randint(0, 3)):   # repeats, some damaged
            p = rng.choice(paras)
            paras.insert(rng.randint(0, len(paras)), noisy(p) if rng.random() < 0.5 else p)
        if rng.random() < 0.5:
            paras.insert(rng.randint(0, len(paras)), title)
        if rng.random() < 0.6:
            paras += rng.sample(furniture, rng.randint(1, 6))
        text = ""
        for p in paras:
            text += (noisy(p) if rng.random() < 0.6 else p) + rng.choice(breaks)
        data = text.encode("utf-8")
        if rng.random() < 0.1:          # invalid bytes (cleaned with --lenient)
            k = rng.randrange(len(data) + 1)
            data = data[:k] + rng.choice([b"\xff", b"\xc3", b"\xe4\xb8", b"\x00"]) + data[k:]
        if rng.random() < 0.05:
            data = b"\xef\xbb\xbf" + data
        with open(os.path.join(out, f"{made:05d}.txt"), "wb") as f:
            f.write(data)
        made += 1
    print(f"{made} files in {out}")


main()
