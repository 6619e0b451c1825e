# eval.awk — score `crossread xref --format tsv` against a gold list.
#   awk -F'\t' -f eval.awk GOLD.tsv LINKS.tsv
# Prints one line per gold row (found with an accepted relation, found with
# another relation, or missing), one line per same/differs link no row
# accepts, then a summary line:
#   recall F/G relation R/G precision P/S
# F: gold rows linked at all; R: linked with an accepted relation;
# S: same/differs links produced; P: those a gold or ok row accepts.
function has_rel(allowed, rel,   n, parts, i) {
    n = split(allowed, parts, "|")
    for (i = 1; i <= n; i++) if (parts[i] == rel) return 1
    return 0
}
# does link k match gold row g (either orientation)?
function match_row(g, k) {
    if (ldoc[k] == gl[g] && rdoc[k] == gr[g] &&
        index(ltext[k], gla[g]) && index(rtext[k], gra[g])) return 1
    if (ldoc[k] == gr[g] && rdoc[k] == gl[g] &&
        index(ltext[k], gra[g]) && index(rtext[k], gla[g])) return 1
    return 0
}
FNR == NR {
    if ($0 ~ /^#/ || $1 == "need" || NF < 6) next
    ng++
    need[ng] = $1; gl[ng] = $2; gla[ng] = $3; gr[ng] = $4; gra[ng] = $5
    grel[ng] = $6; topic[ng] = $7
    next
}
FNR == 1 { next }    # header of the links file
$1 != "only-in" {
    nk++
    rel[nk] = $1; ldoc[nk] = $3; ltext[nk] = $5; rdoc[nk] = $6; rtext[nk] = $8
}
END {
    G = 0; F = 0; R = 0
    for (g = 1; g <= ng; g++) {
        if (need[g] != "gold") continue
        G++
        found = 0; good = 0; got = ""
        for (k = 1; k <= nk; k++) if (match_row(g, k)) {
            found = 1; got = got (got ? "," : "") rel[k]
            if (has_rel(grel[g], rel[k])) good = 1
        }
        F += found; R += good
        printf "%-8s %-16s %s (want %s)\n", good ? "ok" : found ? "RELATION" : "MISSING",
               got ? got : "-", topic[g], grel[g]
    }
    S = 0; P = 0
    for (k = 1; k <= nk; k++) {
        if (rel[k] != "same" && rel[k] != "differs") continue
        S++
        ok = 0
        for (g = 1; g <= ng && !ok; g++)
            if (match_row(g, k) && has_rel(grel[g], rel[k])) ok = 1
        P += ok
        if (!ok) printf "EXTRA    %-8s %s | %s\n", rel[k], ltext[k], rtext[k]
    }
    printf "recall %d/%d relation %d/%d precision %d/%d\n", F, G, R, G, P, S
}
