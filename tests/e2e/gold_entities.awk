# gold_entities.awk — score `crossread entities -f tsv` against a gold list
# (format: tests/data/gold/entities_bundled.tsv). Usage:
#   awk -F'\t' -f gold_entities.awk GOLD OUTPUT.tsv
# Prints every miss, split alias group, wrong type or wrong money value, then
# recall and precision; exits 1 on any miss or when precision < MINPREC.
BEGIN { if (MINPREC == "") MINPREC = 0.90 }
FNR == NR {
    if ($0 ~ /^#/ || NF < 3) next
    if ($1 == "entity") {
        n = split($5, sf, "|")
        for (i = 1; i <= n; i++) {
            ng++; gdoc[ng] = $2; gtype[ng] = $3; ggroup[ng] = $4; gsurf[ng] = sf[i]
            known[$2 SUBSEP sf[i]] = 1
        }
    } else if ($1 == "optional") {
        known[$2 SUBSEP $3] = 1
    } else if ($1 == "money") {
        nm++; mdoc[nm] = $2; msurf[nm] = $3; mval[nm] = $4; mcur[nm] = $5
    }
    next
}
FNR == 1 { next }   # header
{
    doc = $1; type = $2; text = $3; ent = $6
    if (type == "person" || type == "company" || type == "product") {
        rows++
        k = doc SUBSEP text
        seen[k] = 1
        types[k] = types[k] " " type " "
        if (!((k SUBSEP ent) in idseen)) { idseen[k SUBSEP ent] = 1; ids[k] = ids[k] (ids[k] == "" ? "" : ",") ent }
        if (!(k in known)) { noise++; noisy[text " (" doc ", " type ")"] = 1 }
    } else if (type == "money") {
        money++
        nmo++; odoc[nmo] = doc; otext[nmo] = text; oval[nmo] = $8; ocur[nmo] = $10
    }
}
END {
    bad = 0
    for (i = 1; i <= ng; i++) {
        k = gdoc[i] SUBSEP gsurf[i]
        if (!(k in seen)) { print "MISS " gtype[i] " " gsurf[i] " in " gdoc[i]; bad++; continue }
        nt = split(gtype[i], tt, "/"); okt = 0
        for (t = 1; t <= nt; t++) if (index(types[k], " " tt[t] " ")) okt = 1
        if (!okt) { print "TYPE " gsurf[i] " in " gdoc[i] ": got" types[k] "want " gtype[i]; bad++ }
        found++
        if (ids[k] ~ /,/) { print "SPLIT " gsurf[i] " in " gdoc[i] " has several ids: " ids[k]; bad++ }
        g = ggroup[i]
        if (!(g in gid)) { gid[g] = ids[k]; gfirst[g] = gsurf[i] }
        else if (gid[g] != ids[k]) { print "SPLIT group " g ": " gfirst[g] " is " gid[g] ", " gsurf[i] " is " ids[k]; bad++ }
    }
    if (money == 0 && nm > 0) {
        print "SKIP money: the output has no money rows (figures not available)"
    } else {
        for (i = 1; i <= nm; i++) {
            hit = 0
            for (j = 1; j <= nmo && !hit; j++)
                if (odoc[j] == mdoc[i] && (index(otext[j], msurf[i]) || index(msurf[i], otext[j])) &&
                    oval[j] == mval[i] && ocur[j] == mcur[i]) hit = 1
            if (!hit) { print "MISS money " msurf[i] " = " mval[i] " " mcur[i] " in " mdoc[i]; bad++ }
            else mfound++
        }
    }
    for (t in noisy) print "NOISE " t
    prec = rows ? 1 - noise / rows : 1
    printf "gold entities: %d/%d surfaces found; money: %d/%d; entity rows: %d, noise rows: %d, precision %.3f\n", found, ng, mfound, (money ? nm : 0), rows, noise, prec
    if (prec < MINPREC) { print "precision below " MINPREC; bad++ }
    exit bad ? 1 : 0
}
