#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Score isthmus entities against gold spans: exact-span precision, recall
and F1 per class.

Runs `isthmus tag --format jsonl` over a JSON Lines file of
{"id", "text", "gold": [{"start", "end", "label"}]} (offsets in code
points, labels PER/LOC/ORG/MISC, as ../shared/tools/conll2jsonl.py
writes), maps isthmus labels to the gold classes (PERSON -> PER; GPE,
LOC, FAC -> LOC; ORG -> ORG; NORP -> MISC) and counts a prediction as
correct only when start, end and class all equal a gold span.  The
numbers are those of ../shared/tools/score.py, the reference scorer
(tests/cli/run.py checks that the two agree).

--names-only scores name mentions only, for corpora such as re3d that
also annotate nominal and pronoun mentions ("the army", "they",
"Iraqi security forces").  A gold span is a name mention when, after a
leading part that ends in an article, a lower-case word, a title or role
("President", "Secretary of State") or a comma, and before a trailing
part that is a kind word ("province", "group") or an apposition after a
comma, what remains is one run of capitalized words (its core; "al",
"bin", "of", "the", "-" may join them; a leading Arabic article "Al -"
and trailing kind words, "Diyala Province", are not part of it): "Iraqi President Fuad Masum"
(core "Fuad Masum"), "Mosul district" ("Mosul"), "the IS group" ("IS"),
"Syrian news agency Sana" ("Sana").  Not when the leading part holds a
preposition ("The Members of the Security Council": its head is
"Members"; "Minister for the Middle East" is a role), is a demonym
("Iraqis") or is one word that the dictionary has only in lower case
("Refugees").  A prediction is correct when it lies inside such a
span and covers its core, with its class; a country (kind "country")
counts for a gold ORG span too (re3d marks a country acting as ORG).  A
prediction that lies inside gold spans that are not name mentions, or
inside a name mention's leading or trailing part (the nested "US" of
"the US Defense Secretary Ash Carter", which re3d does not annotate),
is not scored; any other is a false positive (it overlaps no gold
span, crosses a span's edge, has the wrong class, or cuts the core).  Classes
PER, LOC and ORG.

Standard library only.  Examples:

    tools/eval_ner.py ../shared/data/eval/conll_dev.jsonl
    tools/eval_ner.py --pred out.jsonl gold.jsonl      # score a file
    tools/eval_ner.py --errors 20 gold.jsonl            # show mistakes
    tools/eval_ner.py --names-only ../shared/data/eval/re3d_dev.jsonl
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys

LABEL_MAP = {
    "PERSON": "PER", "PER": "PER",
    "ORG": "ORG", "ORGANIZATION": "ORG",
    "GPE": "LOC", "LOC": "LOC", "LOCATION": "LOC", "FAC": "LOC",
    "COUNTRY": "LOC", "PLACE": "LOC",
    "NORP": "MISC",
}
CLASSES = ["PER", "LOC", "ORG", "MISC"]


def load(lines, key):
    out = {}
    for n, line in enumerate(lines, 1):
        line = line.strip()
        if not line:
            continue
        d = json.loads(line)
        out[str(d.get("id"))] = d.get(key) or []
    return out


def score(gold, pred, classes):
    """Counters tp, fp, fn per class, and the mistakes as (doc, span)."""
    tp, fp, fn = (collections.Counter() for _ in range(3))
    wrong = {"fp": [], "fn": []}
    for doc, gspans in gold.items():
        g = {(s["start"], s["end"], s["label"]) for s in gspans
             if s["label"] in classes}
        p = set()
        for e in pred.get(doc, []):
            lab = LABEL_MAP.get(str(e.get("label", "")).upper())
            if lab in classes:
                p.add((e["start"], e["end"], lab))
        for s in p & g:
            tp[s[2]] += 1
        for s in p - g:
            fp[s[2]] += 1
            wrong["fp"].append((doc, s))
        for s in g - p:
            fn[s[2]] += 1
            wrong["fn"].append((doc, s))
    return tp, fp, fn, wrong


# --names-only: which gold spans are name mentions, and their cores.
ARTICLES = {"the", "a", "an", "this", "that", "these", "those", "its",
            "his", "her", "their", "our", "my", "your", "all", "some",
            "both", "each", "every", "any", "several", "many", "most"}
PRONOUNS = {"I", "We", "He", "She", "It", "They", "You", "Me", "Us", "Him",
            "Them"}
# Titles and roles (one word each; "Secretary of State" is a role of
# three words, ROLE_PHRASES).
ROLES = {"President", "Vice", "Prime", "Minister", "Ministers", "Secretary",
         "Deputy", "Acting",
         "General", "Gen", "Gen.", "Lt", "Lt.", "Col", "Col.", "Colonel",
         "Major", "Maj", "Maj.", "Captain", "Capt", "Capt.", "Admiral",
         "Adm", "Adm.", "Commander", "Chief", "Sergeant", "Sgt", "Sgt.",
         "King", "Queen", "Prince", "Princess", "Sheikh", "Emir",
         "Sultan", "Ambassador", "Envoy", "Special", "Representative",
         "Spokesman", "Spokeswoman", "Governor", "Mayor", "Senator",
         "Chancellor", "Premier", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.",
         "Dr", "Dr.", "Sir", "Lord", "Lady", "Imam", "Ayatollah", "Pope",
         "Bishop", "Archbishop", "Judge", "Justice", "Director", "Leader",
         "Chairman", "Chairwoman", "Head", "Officer", "Private",
         "Corporal", "Marine", "Staff", "Pte", "Cpl", "Member", "Members",
         "Delegation", "Delegates", "Officials", "Leaders"}
ROLE_PHRASES = [("Secretary", "of", "State"), ("Secretary", "of",
                                                 "Defense"),
                ("Secretary", "of", "Defence"), ("Secretary", "General"),
                ("Secretary", "-", "General")]
KINDS = {"province", "district", "governorate", "city", "town", "village",
         "region", "area", "county", "state", "group", "organisation",
         "organization", "movement", "camp", "base", "airport", "river",
         "mountains", "mountain", "valley", "desert", "neighbourhood",
         "neighborhood", "suburb", "dam", "lake", "island", "islands"}
ARABIC_ARTICLES = {"al", "el"}
# A run after one of these is a complement, not the head: "The Members
# of the Security Council", "Minister for the Middle East", "Islamic
# State in Iraq".
PREPOSITIONS = {"of", "for", "in", "at", "on", "to", "from", "by", "with",
                "near", "into", "across", "against", "over", "under",
                "between", "outside", "inside", "around", "who", "which",
                "use"}
JOINERS = {"al", "el", "ad", "as", "ash", "bin", "ibn", "bint", "abu", "de",
           "del", "da", "di", "du", "von", "van", "der", "of", "the",
           "and", "-", "'", "’", "for", "&"}
TOKEN = re.compile(r"\w[\w.'’-]*|[^\w\s]")
_demonyms = None


def demonyms(root):
    """Folded names and aliases of gazetteers/nationalities.yaml."""
    global _demonyms
    if _demonyms is None:
        _demonyms = set()
        path = os.path.join(root, "gazetteers", "nationalities.yaml")
        pat = re.compile(r'^\s*(?:name:\s*|-\s+)"([^"]+)"\s*$')
        with open(path, encoding="utf-8") as f:
            for line in f:
                m = pat.match(line)
                if m:
                    _demonyms.add(m.group(1).casefold())
    return _demonyms


WORDS = "/usr/share/dict/american-english"
_common = None


def common_only(w):
    """Is w, capitalized, only a common word of the dictionary (lower
    case there, never capitalized: "Refugees", "Witnesses")?  Without
    the dictionary (Debian wamerican), nothing is."""
    global _common
    if _common is None:
        low, cap = set(), set()
        try:
            with open(WORDS, encoding="utf-8") as f:
                for x in f:
                    x = x.strip()
                    (cap if x[:1].isupper() else low).add(x)
        except OSError:
            pass
        _common = (low, cap)
    low, cap = _common
    return w.lower() in low and w not in cap and not w.isupper()


def is_name_word(w):
    return (w[:1].isupper() or w[:1].isdigit()) and w not in ROLES and \
        w not in PRONOUNS and w.lower() not in ARTICLES


def name_core(text, start, end, root):
    """The core (start, end) of the gold span text[start:end] when it is
    a name mention, else None (see the module's doc)."""
    toks = [(start + m.start(), start + m.end(), m.group())
            for m in TOKEN.finditer(text[start:end])]
    n = len(toks)
    role = [False] * n
    for i in range(n):
        for ph in ROLE_PHRASES:
            if tuple(t[2] for t in toks[i:i + len(ph)]) == ph:
                for j in range(i, i + len(ph)):
                    role[j] = True
    name = [is_name_word(t[2]) and not role[i] for i, t in enumerate(toks)]
    i = 0
    while i < n:
        if not name[i]:
            i += 1
            continue
        j = i + 1          # the run: name words, joiners between them
        while j < n:
            if name[j]:
                j += 1
                continue
            k = j
            while k < n and toks[k][2].lower() in JOINERS and not name[k]:
                k += 1
            if k > j and k < n and name[k]:
                j = k
                continue
            break
        lead, trail = toks[:i], toks[j:]
        if any(t[2].lower() in PREPOSITIONS and not role[k]
               for k, t in enumerate(lead)):
            return None    # the head is before: "the area of Mosul"
        ok_lead = not lead or (
            lead[-1][2].lower() in ARTICLES or lead[-1][2] in ROLES or
            role[i - 1] or lead[-1][2][:1].islower() or
            lead[-1][2] in (",", "-", ":"))
        ok_trail = not trail or trail[0][2] in (",", "(") or all(
            t[2].lower() in KINDS for t in trail)
        if ok_lead and ok_trail:
            a, b = i, j    # less a leading "Al -" and trailing kind words
            if b - a > 2 and toks[a][2].lower() in ARABIC_ARTICLES and \
                    toks[a + 1][2] == "-":
                a += 2
            while b - a > 1 and toks[b - 1][2].lower() in KINDS:
                b -= 1
            if b == a + 1 and common_only(toks[a][2]):
                return None
            a, b = toks[a][0], toks[b - 1][1]
            if text[a:b].casefold() in demonyms(root):
                return None
            return (a, b)
        i = j
    return None


def score_names(gold, pred, texts, classes, root):
    """As score(), on name mentions only (--names-only)."""
    tp, fp, fn = (collections.Counter() for _ in range(3))
    wrong = {"fp": [], "fn": []}
    for doc, gspans in gold.items():
        text = texts[doc]
        g = []
        for sp in gspans:
            if sp["label"] not in classes:
                continue
            core = name_core(text, sp["start"], sp["end"], root)
            g.append((sp["start"], sp["end"], sp["label"], core))
        hit = set()
        for e in pred.get(doc, []):
            lab = LABEL_MAP.get(str(e.get("label", "")).upper())
            if lab not in classes:
                continue
            a, b = e["start"], e["end"]
            over = [x for x in g if x[0] < b and a < x[1]]
            match = None
            for x in over:
                if x[3] is None or not (x[0] <= a and b <= x[1] and
                                        a <= x[3][0] and x[3][1] <= b):
                    continue
                if x[2] == lab or (x[2] == "ORG" and lab == "LOC" and
                                   e.get("kind") == "country"):
                    match = x
                    break
            if match is not None:
                if match not in hit:
                    hit.add(match)
                    tp[match[2]] += 1
            elif over and all(x[3] is None or (
                    x[0] <= a and b <= x[1] and
                    (b <= x[3][0] or x[3][1] <= a)) for x in over):
                continue   # inside spans that are no name, or a modifier
            else:
                fp[lab] += 1
                wrong["fp"].append((doc, (a, b, lab)))
        for x in g:
            if x[3] is not None and x not in hit:
                fn[x[2]] += 1
                wrong["fn"].append((doc, (x[0], x[1], x[2])))
    return tp, fp, fn, wrong


def prf(t, f_p, f_n):
    p = t / (t + f_p) if t + f_p else 0.0
    r = t / (t + f_n) if t + f_n else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 4), round(r, 4), round(f, 4)


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", help="gold JSONL")
    ap.add_argument("--pred", help="score this isthmus output instead of "
                    "running isthmus")
    ap.add_argument("--isthmus", default=os.path.join(
        here, "..", "build", "isthmus"))
    ap.add_argument("--classes", default=",".join(CLASSES))
    ap.add_argument("--json", action="store_true",
                    help="one JSON object, as score.py --json")
    ap.add_argument("--errors", type=int, default=0, metavar="N",
                    help="list the N most frequent false positives and "
                         "negatives per class (span texts)")
    ap.add_argument("--names-only", action="store_true",
                    help="score name mentions only (PER, LOC, ORG; see "
                         "above)")
    ap.add_argument("extra", nargs="*", help="more isthmus tag arguments "
                    "(after --)")
    a = ap.parse_args(argv)
    classes = a.classes.split(",")
    if a.names_only and a.classes == ",".join(CLASSES):
        classes = ["PER", "LOC", "ORG"]
    with open(a.gold, encoding="utf-8") as f:
        gold_lines = f.read().splitlines()
    gold = load(gold_lines, "gold")
    texts = {str(json.loads(x)["id"]): json.loads(x)["text"]
             for x in gold_lines if x.strip()}
    if a.pred:
        with open(a.pred, encoding="utf-8") as f:
            pred = load(f.read().splitlines(), "entities")
    else:
        cmd = [a.isthmus, "tag", "--format", "jsonl"] + a.extra
        with open(a.gold, "rb") as f:
            p = subprocess.run(cmd, stdin=f, stdout=subprocess.PIPE)
        if p.returncode not in (0, 1):
            sys.exit("eval_ner: %s exited with %d" % (cmd[0], p.returncode))
        pred = load(p.stdout.decode("utf-8").splitlines(), "entities")
    if a.names_only:
        tp, fp, fn, wrong = score_names(gold, pred, texts, classes,
                                        os.path.join(here, ".."))
    else:
        tp, fp, fn, wrong = score(gold, pred, classes)
    res = {c: dict(zip(("p", "r", "f1"), prf(tp[c], fp[c], fn[c])),
                   tp=tp[c], fp=fp[c], fn=fn[c]) for c in classes}
    T, P, N = sum(tp.values()), sum(fp.values()), sum(fn.values())
    res["micro"] = dict(zip(("p", "r", "f1"), prf(T, P, N)), tp=T, fp=P,
                        fn=N)
    if a.json:
        print(json.dumps(res, sort_keys=True))
        return 0
    print("%-7s %6s %6s %6s %6s %6s %6s" % ("class", "P", "R", "F1", "tp",
                                           "fp", "fn"))
    for c in classes + ["micro"]:
        r = res[c]
        print("%-7s %6.3f %6.3f %6.3f %6d %6d %6d" % (
            c, r["p"], r["r"], r["f1"], r["tp"], r["fp"], r["fn"]))
    if a.errors:
        for kind in ("fp", "fn"):
            for c in classes:
                cnt = collections.Counter(
                    texts[d][s[0]:s[1]] for d, s in wrong[kind] if s[2] == c)
                if cnt:
                    print("%s %s: %s" % (c, kind, ", ".join(
                        "%s (%d)" % kv for kv in cnt.most_common(a.errors))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
