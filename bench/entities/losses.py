#!/usr/bin/env python3
"""losses.py — where the full extractor loses People's Daily entities.

usage: losses.py BIO_FILE DUMP.tsv GATE.log
DUMP.tsv: `ner_full --dump` output; GATE.log: the stderr of the same run
from a build with -DCR_GATE_TUNING (every tagger span and the check that
dropped it). See losses.sh. Prints, for PER and ORG, every gold entity the
extractor did not get exactly, by cause; the extractor's false positives by
source; and for each tagger check, how often the spans it dropped were
right, by score. Reads eval data; writes nothing."""
import collections
import sys

SRC = ['other', 'lexicon', 'dot', 'context', 'latin', 'frame', 'suffix', 'tagger', 'paren', 'repeat']
NT = ['PER', 'ORG', 'LOC']


def read_bio(path):
    sents, cur = [], []
    for line in open(path, encoding='utf-8'):
        p = line.split()
        if not p:
            if cur:
                sents.append(cur)
            cur = []
            continue
        cur.append((p[0], p[1] if len(p) > 1 else 'O'))
    if cur:
        sents.append(cur)
    return sents


def spans(tags):
    out, t, s = [], None, 0
    for i, tg in enumerate(tags + ['O']):
        ty = tg[2:] if tg != 'O' else None
        if t and (ty != t or tg[0] in 'BS'):
            out.append((t, s, i))
            t = None
        if ty and not t:
            t, s = ty, i
    return out


def main(bio, dump, log):
    sents = read_bio(bio)
    text = [''.join(c for c, _ in s) for s in sents]
    gold = [[g for g in spans([t for _, t in s]) if g[0] != 'LOC'] for s in sents]
    loc = [set((s, e) for t, s, e in spans([t for _, t in x]) if t == 'LOC') for x in sents]
    pred, shift = collections.defaultdict(dict), {}
    for line in open(dump):
        f = line.rstrip('\n').split('\t')
        if f[1] == 'shift':
            shift[int(f[0])] = int(f[2])
        else:
            pred[int(f[0])][(f[1], int(f[2]), int(f[3]))] = SRC[int(f[4])]
    tag = collections.defaultdict(dict)      # sentence -> (s, e) -> [type, check, score]
    for line in open(log, encoding='utf-8'):
        f = line.rstrip('\n').split('\t')
        if f[0] != 'GATE':
            continue
        i = int(f[1][1:])
        s, e = int(f[3]) - shift.get(i, 0), int(f[4]) - shift.get(i, 0)
        d = tag[i].setdefault((s, e), [NT[int(f[2])], 'kept', float(f[6])])
        if f[5] != 'span':
            d[1] = f[5]
    cause, ex, fp = collections.Counter(), collections.defaultdict(list), collections.Counter()
    for i in range(len(sents)):
        P, G = pred[i], set(gold[i])
        for (t, s, e), src in P.items():
            if (t, s, e) not in G:
                fp[(t, src, 'a gold LOC span' if (s, e) in loc[i] else '')] += 1
        for (t, s, e) in gold[i]:
            if (t, s, e) in P:
                c = 'found'
            else:
                other = sorted(set(src for (pt, ps, pe), src in P.items() if ps < e and s < pe))
                tg = tag[i].get((s, e))
                if any(ps == s and pe == e for (pt, ps, pe) in P):
                    c = 'extractor: exact span, other type'
                elif tg and tg[0] == t:
                    c = ('gate: ' + tg[1] if tg[1] != 'kept' else
                         'tagger span lost to ' + '+'.join(other) if other else 'tagger span kept, not emitted')
                elif tg:
                    c = 'tagger: exact span typed ' + tg[0]
                else:
                    c = 'tagger: no exact span' + (' (extractor overlaps: ' + '+'.join(other) + ')' if other else '')
            cause[(t, c)] += 1
            ex[(t, c)].append(text[i][s:e])
    for t in ('PER', 'ORG'):
        print(f'## {t}: {sum(v for (tt, _), v in cause.items() if tt == t)} gold')
        for (tt, c), v in sorted(cause.items(), key=lambda kv: -kv[1]):
            if tt == t:
                print(f'{v:5d}  {c}' + ('' if c == 'found' else '   e.g. ' + ' '.join(ex[(tt, c)][:5])))
    print('## false positives by source')
    for (t, src, why), v in sorted(fp.items(), key=lambda kv: -kv[1]):
        print(f'{v:5d}  {t} {src} {why}')
    print('## tagger spans by check: right / all, score < 1 | 1-2 | 2-4 | >= 4')
    tab = collections.defaultdict(lambda: [0] * 8)
    for i in range(len(sents)):
        for (s, e), (ty, why, sc) in tag[i].items():
            if ty != 'LOC':
                b = 0 if sc < 1 else 1 if sc < 2 else 2 if sc < 4 else 3
                tab[(ty, why)][2 * b] += (ty, s, e) in set(gold[i])
                tab[(ty, why)][2 * b + 1] += 1
    for (ty, why), v in sorted(tab.items()):
        print(f'{ty} {why:13s}', ' | '.join(f'{v[2 * b]}/{v[2 * b + 1]}' for b in range(4)))


if __name__ == '__main__':
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
