#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Generate the shipped gazetteers from public sources (see
gazetteers/SOURCES.md).

Reads the source files under --sources (the layout of
../shared/data/gazetteer-sources), two English word lists that decide
which names are ambiguous (--words: SCOWL via Debian's wamerican;
--given-names: Debian miscfiles' propernames), and the hand-curated
entries in tools/curated.py.  Writes gazetteers/*.yaml deterministically:
sorted where order is not meaningful, stable ids, no timestamps, and a
header naming each file's sources, versions and licences.  Running it
twice on the same inputs gives the same bytes (tests/gazgen checks that
on a small fixture).

Only public-domain, CC0, CC BY and MIT sources go into the default
files.  The CC BY-SA organizations list (supraverden) goes only into
intl-orgs.yaml, which carries that licence.  World-countries (ODbL) and
iso-codes (LGPL) are not read.

Usage: tools/build_gazetteers.py [--sources DIR] [--out DIR]
                                 [--words FILE] [--given-names FILE]
Standard library only.
"""
import argparse
import csv
import gzip
import difflib
import io
import json
import os
import re
import sys
import unicodedata
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import curated  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = OUT = None          # set by main()
COMMON = set()            # lower-case English words (wamerican, wbritish)
CAPWORDS = set()          # capitalized English words: names, places
GIVEN = set()             # given names, lower case (propernames)
EXONYMS = set()           # alternates English text uses (read_exonyms)
FIRST_NAMES = set()       # gazetteers/given-names.txt, folded
CALENDAR = {"monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday", "sunday", "january", "february", "march", "april",
            "may", "june", "july", "august", "september", "october",
            "november", "december"}

# Versions and licences of the sources, for the file headers.
SOURCE_INFO = {
    "factbook": "CIA World Factbook (factbook/factbook.json 8662a8b, "
                "2026-05-17; public domain, CC0)",
    "i18n": "i18n-iso-countries 7.14.0 (MIT, (c) widdix GmbH)",
    "geonames": "GeoNames cities15000 2025-11-19, admin1 regions "
                "(CC BY 4.0, geonames.org)",
    "naturalearth": "Natural Earth 1:10m marine polygons (public domain)",
    "wpi": "NGA World Port Index, Pub. 150 (public domain)",
    "supraverden": "supraverden general_list.yaml 59ab4fa (CC BY-SA 4.0, "
                   "(c) Confirmordeny 2025-2026)",
    "curated": "tools/curated.py (written for isthmus from the public "
               "record, MIT)",
    "words": "ambiguity policy from SCOWL/wamerican and miscfiles "
             "propernames (word lists consulted, not copied)",
}


def ambiguous(name):
    """A name that is also an English word, a given name or a day or
    month: Mobile, Reading, Victoria, Friday."""
    k = norm_key(name)
    return k in COMMON or k in GIVEN or k in CALENDAR


def load_words(words, given):
    """Lower-case common words (entries written in lower case) and given
    names.  Either file may be missing: then nothing is ambiguous by it."""
    for path in words:
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                w = line.strip()
                if not w or "'" in w:
                    continue
                if w[0].islower():
                    COMMON.add(w)
                else:
                    CAPWORDS.add(w.lower())
    if given and os.path.exists(given):
        op = gzip.open if given.endswith(".gz") else open
        with op(given, "rt", encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.strip():
                    GIVEN.add(line.strip().lower())


def q(s):
    """A YAML double-quoted scalar (JSON escapes are valid YAML)."""
    return json.dumps(s, ensure_ascii=False)


def text_of(a):
    """An alias's text: a string, or a mapping's 'text'."""
    return a["text"] if isinstance(a, dict) else a


def names_of(e):
    """An entry's name and aliases, as texts."""
    return [e["name"]] + [text_of(a) for a in e.get("aliases", [])]


def norm_key(s):
    """Approximation of isthmus's normalization, to find collisions (of
    a text, or an alias mapping's text)."""
    s = unicodedata.normalize("NFKD", text_of(s)).casefold()
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(s.replace("\u2019", "'").split())


def tsv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


COUNTS = []  # (file, entries, aliases, with context), for README.md


def write(name, header, entries):
    """Writes one gazetteer file; entries are dicts in output order."""
    COUNTS.append((name, len(entries),
                   sum(len(dedupe(e["name"], e.get("aliases", [])))
                       for e in entries),
                   sum(1 for e in entries if e.get("context") or any(
                       isinstance(a, dict) and a.get("context")
                       for a in e.get("aliases", [])))))
    path = os.path.join(OUT, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(header)
        f.write("entries:\n")
        for e in entries:
            f.write("  - id: %s\n" % q(e["id"]))
            f.write("    name: %s\n" % q(e["name"]))
            for key in ("label", "kind", "case"):
                if e.get(key):
                    f.write("    %s: %s\n" % (key, e[key]))
            if e.get("priority"):
                f.write("    priority: %d\n" % e["priority"])
            aliases = dedupe(e["name"], e.get("aliases", []))
            if aliases:
                f.write("    aliases:\n")
                for a in aliases:
                    if isinstance(a, dict):
                        extra = ""
                        for k in ("context", "valid"):
                            if a.get(k):
                                extra += ", %s: %s" % (k, json.dumps(
                                    a[k], ensure_ascii=False))
                        f.write("      - {text: %s, case: %s%s}\n"
                                % (q(a["text"]), a.get("case", "fold"),
                                   extra))
                    else:
                        f.write("      - %s\n" % q(a))
            if e.get("valid"):
                f.write("    valid: %s\n" % json.dumps(e["valid"]))
            if e.get("context"):
                # JSON is YAML flow style: one line, keys in a fixed order.
                f.write("    context: %s\n" % json.dumps(
                    e["context"], ensure_ascii=False))
            attrs = {k: v for k, v in e.get("attributes", {}).items() if v}
            if attrs:
                f.write("    attributes:\n")
                for k in attrs:
                    f.write("      %s: %s\n" % (k, q(attrs[k])))
    print("wrote %s (%d entries)" % (os.path.relpath(path), len(entries)))


def dedupe(name, aliases):
    """Drops repeated aliases (the same text, and for date-bounded ones
    the same dates: a role held twice is two aliases)."""
    seen, out = {name}, []
    for a in aliases:
        t = text_of(a)
        key = t + json.dumps(a.get("valid"), sort_keys=True) \
            if isinstance(a, dict) and a.get("valid") else t
        if t and key not in seen:
            seen.add(key)
            out.append(a)
    return out


# British and American spellings of the words organizations' names use:
# Reuters writes "Organisation for Security and Cooperation in Europe",
# the source "Organization for Security and Co-operation in Europe".
SPELLINGS = [("Organization", "Organisation"), ("Co-operation", "Cooperation"),
             ("Co-operative", "Cooperative"), ("Defense", "Defence"),
             ("Center", "Centre"), ("Program", "Programme"),
             ("Labor", "Labour")]


def spellings(entry):
    """Adds to an organization's aliases the other spelling of each name
    (every combination of the SPELLINGS pairs it holds); acronyms and
    other exact-case aliases are left as they are."""
    names = [entry["name"]] + [a for a in entry.get("aliases", [])
                               if isinstance(a, str)]
    have = {norm_key(n) for n in names_of(entry)}
    extra = []
    for n in names:
        forms = {n}
        for a, b in SPELLINGS:
            forms |= {re.sub(r"\b%s\b" % re.escape(x), y, f)
                      for f in forms for x, y in ((a, b), (b, a))}
        for f in sorted(forms):
            if norm_key(f) not in have:
                have.add(norm_key(f))
                extra.append(f)
    if extra:
        entry = dict(entry, aliases=list(entry.get("aliases", [])) + extra)
    return entry


def split_names(s):
    """'US or USA' / 'Briton(s), British (collective plural)' -> names."""
    out = []
    s = re.sub(r"\((?!s\)|es\))[^)]*\)", "", s)
    for part in re.split(r";|,| or ", s):
        part = part.strip()
        if not part or part.lower().startswith("note") or part == "none":
            continue
        m = re.match(r"^(.*?)\((e?s)\)$", part)
        if m:
            base = m.group(1).strip()
            out += [base, base + m.group(2)]
        else:
            out.append(part)
    return out


def reorder(name):
    """Factbook 'Korea, South' -> 'South Korea'."""
    m = re.match(r"^([^,]+), (North|South|Democratic Republic of the|"
                 r"Republic of the|The|Federated States of)$", name)
    return "%s %s" % (m.group(2), m.group(1)) if m else name


# --------------------------------------------------------------------
def unbracketed(names):
    """A name with a note in brackets is written without it: "Falkland
    Islands" of "Falkland Islands (Malvinas)", "Saint Martin" of "Saint
    Martin (French part)", "Cocos Islands" of "Cocos (Keeling) Islands"
    (text never has the note)."""
    out = []
    for n in names:
        t = text_of(n)
        if "(" in t:
            bare = " ".join(re.sub(r"\([^()]*\)", " ", t).split())
            if bare and bare != t:
                out.append(bare)
    return out


def countries():
    en = json.load(open(os.path.join(
        SRC, "countries/i18n-iso-countries/en.json"), encoding="utf-8"))
    codes = json.load(open(os.path.join(
        SRC, "countries/i18n-iso-countries/codes.json"), encoding="utf-8"))
    fb = {r["iso2"]: r for r in tsv(os.path.join(
        SRC, "factbook/derived/factbook_countries.tsv")) if r["iso2"]}
    a3 = {c[0]: (c[1], c[2]) for c in codes}
    out = []
    for iso2 in sorted(en["countries"]):
        names = en["countries"][iso2]
        names = names if isinstance(names, list) else [names]
        cur = curated.COUNTRY.get(iso2, {})
        name = cur.get("name", names[0])
        aliases = list(names) + cur.get("aliases", [])
        r = fb.get(iso2)
        if r:
            # The local short name, when it is plain Latin and no
            # English word ("Espana", "Deutschland", "Nippon").
            loc = r["local_short"].split(";")[0].strip()
            if loc and loc.lower() != "none" and re.fullmatch(
                    r"[A-Za-zÀ-ÿ' -]+", loc) and not ambiguous(loc):
                aliases.append(loc)
            for col in ("conventional_short", "conventional_long"):
                v = r[col].split(";")[0].strip()
                if v and v.lower() != "none":
                    aliases.append(reorder(v))
            for a in split_names(r["abbreviation"]):
                # "AS" (American Samoa) is also "as" in a headline
                if 2 <= len(a) <= 6 and a.lower() not in COMMON:
                    aliases.append(a)
            for a in split_names(r["former"]):
                if a and not re.search(r"\d", a):
                    aliases.append(a)
        aliases = [a for a in aliases if a not in cur.get("drop", [])]
        aliases += unbracketed([name] + aliases)
        out.append({
            "id": iso2, "name": name, "aliases": aliases,
            "context": cur.get("context"),
            "attributes": {"alpha3": a3.get(iso2, ("", ""))[0],
                           "numeric": a3.get(iso2, ("", ""))[1],
                           "factbook": r["gec"] if r else ""}})
    return out


def nationalities(country_names):
    fb = tsv(os.path.join(SRC, "factbook/derived/factbook_countries.tsv"))
    out = []
    for r in sorted(fb, key=lambda r: r["iso2"]):
        if not r["iso2"] or not r["nationality_adjective"].strip():
            continue
        adj = split_names(r["nationality_adjective"])
        nouns = split_names(r["nationality_noun"])
        # "South Korea": "South Korean(s)" first, then "Korean(s)".
        m = re.match(r"^(North|South|East|West|Central) ",
                     r["conventional_short"])
        if m:
            pre = m.group(1) + " "
            adj = [pre + a for a in adj if not a.startswith(pre)] + adj
            nouns = [pre + n for n in nouns if not n.startswith(pre)] + nouns
        names = [n for n in adj + nouns
                 if n and n.upper() not in ("NA", "N/A", "NONE") and
                 norm_key(n) not in country_names]
        if not names:
            continue
        out.append({"id": "norp:" + r["iso2"], "name": names[0],
                    "aliases": names[1:],
                    "attributes": {"country": r["iso2"]}})
    return out


def capitals(country_names, cues):
    fb = {r["iso2"]: r for r in tsv(os.path.join(
        SRC, "factbook/derived/factbook_countries.tsv")) if r["iso2"]}
    rows = {}
    with zipfile.ZipFile(os.path.join(SRC, "geonames/cities15000.zip")) as z:
        with z.open("cities15000.txt") as f:
            for line in io.TextIOWrapper(f, encoding="utf-8"):
                c = line.rstrip("\n").split("\t")
                if c[7] == "PPLC" and c[8] not in rows:
                    rows[c[8]] = c
    out = []
    for cc in sorted(rows):
        c = rows[cc]
        names = []
        r = fb.get(cc)
        if r and r["capital"].strip():
            fbname = re.split(r" \(|;", r["capital"])[0].strip()
            names.append(fbname)
        names += [c[1], c[2]]
        names += curated.CAPITAL_ALIASES.get(cc, [])
        names = [n for n in names if norm_key(n) not in country_names]
        if not names:
            continue
        e = {"id": "geonames:" + c[0], "name": names[0],
             "aliases": [n for n in names[1:] if not ambiguous(n)],
             "attributes": {"country": cc, "population": c[14]}}
        # Douglas, Hamilton, Victoria: capitals named like people
        if ambiguous(names[0]):
            with_context(e, cues.get(cc, []))
        out.append(e)
    return out


ROMAN = re.compile(r"^[IVXL]+$")


def title_caps(tok):
    if ROMAN.match(tok):
        return tok
    return re.sub(r"[A-ZÀ-Þ][A-ZÀ-Þ'’]+",
                  lambda m: m.group(0)[0] + m.group(0)[1:].lower(), tok)


def is_caps(tok):
    letters = [ch for ch in tok if ch.isalpha()]
    return any(re.fullmatch(r"[A-ZÀ-Þ'’]{2,}", p) for p in re.split(r"-", tok)) \
        and len(letters) >= 2


def parse_leader(text):
    """'President José Raúl MULINO Quintero (since 1 July 2024)' ->
    (role, canonical, aliases, since)"""
    since = ""
    m = re.search(r"\(since ([^)]*)\)", text)
    if m:
        since = m.group(1)
    head = re.split(r" \(", text)[0].strip()
    toks = head.split()
    ci = next((i for i, t in enumerate(toks) if is_caps(t)), None)
    if ci is None:
        return None
    j = ci
    while j > 0 and toks[j - 1][:1].isupper() and \
            toks[j - 1].rstrip(".,") not in curated.TITLE_WORDS and ci - j < 3:
        j -= 1
    k = ci
    while k < len(toks) and is_caps(toks[k]):
        k += 1
    trail = []
    while k < len(toks) and toks[k][:1].isupper() and len(trail) < 2:
        trail.append(toks[k])
        k += 1
    role = " ".join(toks[:j]).strip(" ,")
    given = toks[j:ci]
    caps = [title_caps(t) for t in toks[ci:k - len(trail)]]
    full = " ".join(given + caps + trail)
    aliases = []
    if trail and given:
        aliases.append(" ".join(given + caps))
    if given and not (len(given) == 1 and not caps):
        aliases.append(" ".join([given[0]] + caps))
    sur = " ".join(caps)
    # A surname alone only when it is not also an English word, a given
    # name or a weekday ("Friday", "Mitchell", "Alexander" are not).
    if len(sur) >= 4 and sur.lower() not in curated.COMMON_WORDS and \
            not ambiguous(sur):
        aliases.append(sur)
    # Parts of a hyphenated surname ("LOPEZ-OBRADOR"), not of a regnal
    # name with no given names before it ("King WILLEM-ALEXANDER": "Willem"
    # is a first name).
    for t in toks[ci:k] if given else []:
        parts = t.split("-")
        if len(parts) > 1:
            for p in parts:
                if re.fullmatch(r"[A-ZÀ-Þ]{4,}", p) and \
                        not ambiguous(title_caps(p)) and \
                        norm_key(p) not in CAPWORDS:
                    aliases.append(title_caps(p))
    return role, full, aliases, since


def slug(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def people(cues):
    out, seen = [], {}
    for p in curated.PEOPLE + curated.OFFICIALS:
        e = dict(p)
        e["id"] = "person:" + slug(p["name"])
        seen[e["id"]] = e
        out.append(e)
    curated_keys = {norm_key(a) for p in curated.PEOPLE + curated.OFFICIALS
                    for a in [p["name"]] + p.get("aliases", [])}
    for r in tsv(os.path.join(SRC, "factbook/derived/factbook_leaders.tsv")):
        if not r["iso2"]:
            continue
        for col in ("chief_of_state", "head_of_government"):
            for seg in re.split(r";| \| ", r[col]):
                seg = seg.strip()
                if not seg or seg.lower().startswith(("represented", "note")):
                    continue
                parsed = parse_leader(seg)
                if not parsed:
                    continue
                role, full, aliases, since = parsed
                if norm_key(full) in curated_keys:
                    continue
                pid = "person:" + slug(full)
                if pid in seen:
                    continue
                e = {"id": pid, "name": full, "aliases": aliases,
                     "attributes": {"role": role, "country": r["iso2"],
                                    "since": since,
                                    "source": "CIA World Factbook"}}
                # A monarch known by one given name ("Philippe") needs
                # the country in the document.
                if " " not in full and ambiguous(full):
                    with_context(e, cues.get(r["iso2"], []))
                seen[pid] = e
                out.append(e)
    return out


# The kind of a waterway by the word that names it.
WATERWAY_KINDS = {"Strait": "strait", "Straits": "strait", "Canal": "canal",
                  "Passage": "strait", "Seaway": "canal", "Sea": "sea",
                  "Route": "shipping route"}


def waterway_list(text):
    """The names in a Factbook list of waterways: "the Suez Canal (Egypt),
    Bab el Mandeb (Djibouti-Yemen), and Strait of Malacca", "the La
    Perouse, Tsugaru, ... and Torres Straits" (a plural word at the end
    is every bare name's), "access to the Panama and Suez Canals"."""
    text = re.split(r"\s+between\s", re.sub(r"\([^()]*\)", "", text))[0]
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", text)
             if p.strip()]
    m = re.search(r"\s(Straits|Canals)$", parts[-1]) if parts else None
    if m:
        word = m.group(1)[:-1]
        parts[-1] = parts[-1][:-len(m.group(1))] + word
        i = len(parts) - 2
        while i >= 0 and not any(re.search(r"\b%s\b" % k, parts[i])
                                 for k in WATERWAY_KINDS):
            parts[i] += " " + word
            i -= 1
    out = []
    for p in parts:
        p = re.sub(r"^(?:(?:southern|northern|eastern|western)\s+)?"
                   r"(?:access\s+to\s+)?(?:the\s+)?"
                   r"(?:southern\s+|northern\s+)?", "", p).strip()
        # "The Sound" would be every title starting so.
        if re.fullmatch(r"[A-Z][\w'-]*(?:\s(?:of|el|[A-Z][\w'-]*))*", p) \
                and not p.startswith("The "):
            out.append(p)
    return out


def factbook_waterways():
    """Chokepoints and strategic waterways that the Factbook's ocean
    entries name ("major chokepoints include Bab el Mandeb, Strait of
    Hormuz, ..."; "Strategically important access waterways include the
    La Perouse, ... Straits"): name -> (ocean, is it called a chokepoint
    anywhere)."""
    path = os.path.join(SRC, "factbook/derived/factbook_oceans_chokepoints.tsv")
    found = {}
    for r in tsv(path):
        for clause in re.split(r"(?<=[;.])\s+", r["text"]):
            clause = clause.rstrip(";.")
            low = clause.lower()
            if not re.search(r"chokepoint|waterways|strategic straits", low):
                continue
            m = re.search(r"(?:chokepoints?|straits|waterways)\s+"
                          r"(?:include|includes|is|are)\s+(.*)", clause)
            if not m:
                m = re.match(r"(.*?)\s+(?:are|is)\s", clause)
            for name in waterway_list(m.group(1)) if m else []:
                ocean, choke = found.get(name, (r["ocean"], False))
                found[name] = (ocean, choke or "chokepoint" in low)
    return found


def places():
    out = []
    for c in curated.PLACES:
        e = {k: v for k, v in c.items() if k != "wiki"}
        e.setdefault("id", "loc:" + slug(e["name"]))
        e["attributes"] = dict(c.get("attributes", {}))
        e["attributes"]["source"] = "https://en.wikipedia.org/wiki/" + (
            c.get("wiki") or c["name"].replace(" ", "_"))
        out.append(e)
    out += [enwiki(t, n, kind, al, cc)
            for t, n, kind, al, cc in curated.LAND_REGIONS]
    known = {norm_key(a) for e in out for a in [e["name"]] + e.get(
        "aliases", [])}
    ne = tsv(os.path.join(
        SRC, "naturalearth/ne_10m_geography_marine_polys_attributes.tsv"))
    keep = {"ocean", "sea", "gulf", "bay", "strait", "channel", "sound"}
    for r in sorted(ne, key=lambda r: (int(r["scalerank"] or 9), r["name"])):
        if r["featurecla"].lower() not in keep or not r["wikidataid"]:
            continue
        if int(r["scalerank"] or 9) > 6:
            continue
        name = r["name_en"] or r["name"]
        if name.isupper():
            name = name.title()
        if norm_key(name) in known or " " not in name and \
                r["featurecla"].lower() not in ("strait", "channel"):
            continue  # one-word bays and gulfs are too often other things
        known.add(norm_key(name))
        aliases = [a for a in (r["namealt"], r["name"]) if a and
                   norm_key(a) not in known]
        out.append({"id": r["wikidataid"], "name": name, "aliases": aliases,
                    "kind": r["featurecla"].lower(),
                    "attributes": {"source": "Natural Earth"}})
    # The Factbook's chokepoints and waterways: cited on the entry that
    # has the name (curated or Natural Earth), or entries of their own.
    by_name = {norm_key(a): e for e in out for a in names_of(e)}
    for name, (ocean, choke) in sorted(factbook_waterways().items()):
        e = by_name.get(norm_key(name))
        if e is None:
            word = name.split()[-1] if " " in name else "Strait"
            e = {"id": "loc:" + slug(name), "name": name,
                 "kind": WATERWAY_KINDS.get(word, "strait"),
                 "attributes": {"chokepoint": "yes" if choke else "no"}}
            out.append(e)
            by_name[norm_key(name)] = e
        elif choke:
            e["attributes"]["chokepoint"] = "yes"
        e["attributes"]["factbook"] = ocean
    return out


def country_cues(countries_, nats):
    """iso2 -> words that show a text is about that country: its name,
    its short aliases, its demonyms; for context conditions."""
    cues = {}
    for e in countries_:
        words = [e["name"]] + [a for a in e["aliases"]
                               if isinstance(a, str) and len(a) <= 30]
        cues[e["id"]] = words
    for n in nats:
        cc = n["attributes"]["country"]
        cues.setdefault(cc, []).extend([n["name"]] + n["aliases"])
    out = {}
    for cc, words in cues.items():
        seen, keep = set(), []
        for w in words:
            # short all-capital codes ("PA", "GE") and English words
            # ("Man" for the Isle of Man) are no evidence
            if norm_key(w) in seen or (w.isupper() and len(w) <= 3) or \
                    ambiguous(w):
                continue
            seen.add(norm_key(w))
            keep.append(w)
        out[cc] = keep[:12]
    return out


# The Arabic article as GeoNames transliterates it ("Al Fallujah", "Ar
# Raqqah", "As Sulaymaniyah"); English news mostly drops it.
ARTICLE = re.compile(r"(?:Al|Ar|As|Ash|Az|Ad|At|An|Adh|Ath|Al-)[ -](?=[A-Z])")


def latin_alternates(field, limit=8, main=(), exonyms=frozenset(), cut=None):
    """English and ASCII forms among GeoNames alternate names: plain
    Latin capitalized words, no codes, no all-capitals; the first limit of
    them (the list is alphabetical), and always the short form that
    begins the main name ("Frankfurt" of "Frankfurt am Main"), the
    main name without an Arabic article ("Fallujah" of "Al Fallujah"),
    which the alphabet puts after the forms with it, and the names of
    the set exonyms ("Antwerp", "Peking", "Saigon": read_exonyms).  The
    set cut, when given, receives the forms the limit left out (those of
    exonyms taken back among them)."""
    out = []
    bare = {ARTICLE.sub("", m, count=1) for m in main if ARTICLE.match(m)}
    for a in field.split(","):
        a = a.strip()
        if not re.fullmatch(r"[A-Z][A-Za-z'.-]*(?: [A-Za-z][A-Za-z'.-]*){0,4}",
                            a) or a.isupper() or len(a) < 4:
            continue
        short = any(m != a and m.startswith(a + " ") for m in main)
        if len(out) < limit or short or a in bare or any(
                variant(a, m) for m in main):
            out.append(a)
            continue
        if cut is not None:
            cut.add(a)
        if a in exonyms:
            out.append(a)
    return out


# Cities of this many people or more are major: their alternate names
# that are proper nouns of the dictionaries need no context.
MAJOR_CITY = 500000


def similarity(a, b):
    """How alike two names are, 0 to 1 (difflib's ratio, folded)."""
    return difflib.SequenceMatcher(None, norm_key(a), norm_key(b)).ratio()


def variant(a, b):
    """Is a another transliteration of b: as many words, each within one
    edit of b's ("Nizhny Novgorod" of "Nizhniy Novgorod"), at least one
    word of six letters or more?"""
    wa, wb = a.lower().split(), b.lower().split()
    if a == b or len(wa) != len(wb) or max(map(len, wb)) < 6:
        return False
    return all(x == y or edits_within_one(x, y) for x, y in zip(wa, wb))


def edits_within_one(x, y):
    if abs(len(x) - len(y)) > 1:
        return False
    if len(x) > len(y):
        x, y = y, x
    i = 0
    while i < len(x) and x[i] == y[i]:
        i += 1
    return x[i + (len(x) == len(y)):] == y[i + 1:]


def main_names(rows):
    """The folded main and ASCII names of every GeoNames city."""
    return {norm_key(c[1]) for c in rows} | {norm_key(c[2]) for c in rows}


def read_exonyms(path, mains, min_count=20):
    """The English exonyms among the alternate names past the limit:
    those the file PATH (tools/count_english_names.py: name and count in
    English text) counts min_count times or more, less every name that is
    itself a city's main name somewhere (mains: "York", "Paris",
    "Victoria": a town's alternate, never a city's English name)."""
    if not path or not os.path.exists(path):
        return set()
    out = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or "\t" not in line:
                continue
            name, n = line.rstrip("\n").split("\t")
            if int(n) >= min_count and norm_key(name) not in mains:
                out.add(name)
    return out


def read_first_names(path):
    """The shipped given names (gazetteers/given-names.txt), folded: a
    city's other name that is one ("Quinton") is a person first."""
    if not os.path.exists(path):
        return set()
    with open(path, encoding="utf-8") as f:
        return {norm_key(x) for x in f if x.strip() and x[0] != "#"}


def read_cities():
    with zipfile.ZipFile(os.path.join(SRC, "geonames/cities15000.zip")) as z:
        with z.open("cities15000.txt") as f:
            return [line.rstrip("\n").split("\t")
                    for line in io.TextIOWrapper(f, encoding="utf-8")]


def enwiki(title, name, kind, aliases, country=""):
    """A curated entry that cites its English Wikipedia article: the id is
    "enwiki:" + the article's title, the attribute 'source' its address."""
    attrs = {"country": country} if country else {}
    attrs["source"] = "https://en.wikipedia.org/wiki/" + title
    return {"id": "enwiki:" + title, "name": name, "kind": kind,
            "aliases": aliases, "attributes": attrs}


def with_context(entry, words):
    if words:
        entry["context"] = {"requires_any": words}
    return entry


# An abbreviated Saint, Sainte, Fort or Mount with its period.
DOTTED = re.compile(r"\b(St|Ste|Ft|Mt)\. ")


def cities(rows, taken, cues, admin1, mains, min_population=100000,
           limit_alternates=8, avoid=frozenset()):
    """Cities of 100,000 people or more and first-level seats (PPLA),
    capitals excepted (capitals.yaml), largest first so that the larger
    of two same-named cities wins.  A name that is also an English word
    or a given name needs its country (or region) in the document."""
    if min_population:
        keep = [c for c in rows if c[6] == "P" and c[7] != "PPLC" and
                (c[7] == "PPLA" or int(c[14] or 0) >= min_population)]
    else:  # the optional set: everything the default set left out
        keep = [c for c in rows if c[6] == "P" and c[7] != "PPLC" and
                c[7] != "PPLA" and int(c[14] or 0) < 100000]
    keep.sort(key=lambda c: (-int(c[14] or 0), int(c[0])))
    # Names of other places: a respelling that is one ("Monterey" of
    # Monterrey, "Cancun" of Changchun, "Oklahoma" of Oklahoma City)
    # never stands alone.
    places = mains | {norm_key(v) for v in admin1.values()}
    out, seen = [], set()
    for c in keep:
        cut = set()
        names = [c[1], c[2]] + latin_alternates(c[3], limit_alternates,
                                                (c[1], c[2]), EXONYMS, cut)
        major = int(c[14] or 0) >= MAJOR_CITY
        main = [n for n in names[:2] if norm_key(n) not in taken]
        if not main:
            continue
        region = admin1.get(c[8] + "." + c[10], "")
        words = cues.get(c[8], []) + ([region] if region and
                                      not ambiguous(region) else [])
        # Alternate names that are English words or other capitalized
        # words of the dictionaries ("Cologne", "Frankfurt") need their
        # country (or region) in the document, as an ambiguous main name
        # does (its entry's context then covers them); without such words
        # they are left out, and so are given names ("Franklin",
        # "Florence"): in news they are people first.  No alternate takes
        # an armed group's or an organization's name: "Hamas" is an old
        # name of Hamm, Germany, but in news it is the group.
        # An exonym past the limit ("Antwerp", read_exonyms) must be the
        # city's name respelled (similar to its main name, more so when
        # the dictionaries know the word: "Judah" of Jeddah, "Sihanouk"
        # of Sihanoukville and "Stalin" of Donetsk are other things
        # first) and no English word or given name.  A major city's
        # alternate that is a capitalized word of the dictionaries but no
        # English word or given name stands alone when it is the main
        # name respelled ("Seville", "Marseilles", "Nuremberg", "Antwerp";
        # no other place's name): news names these cities without their
        # country.  Other alternates keep the country ("Oklahoma" of
        # Oklahoma City, "Bethlehem" of Belem, "Cancun" of a Chinese
        # city); the English names of curated.CITY_ALIASES ("Saigon",
        # "Bombay") stand alone.
        name = main[0]
        alts, got = [], set()
        for n in names[2:]:
            k = norm_key(n)
            if k in taken or k in avoid or k in seen or k in got:
                continue
            got.add(k)
            if k in GIVEN:
                continue
            like = max(similarity(n, m) for m in (c[1], c[2]))
            exo = n in cut  # taken back as an exonym
            if exo and (like < (0.8 if k in CAPWORDS else 0.75) or
                        ambiguous(n) or k in FIRST_NAMES):
                continue
            if k in CAPWORDS and not ambiguous(n) and major and \
                    like >= 0.8 and k not in places and k not in FIRST_NAMES:
                pass
            elif ambiguous(n) or k in CAPWORDS:
                if not words:
                    continue
                if not ambiguous(name):
                    n = {"text": n, "case": "title",
                         "context": {"requires_any": words}}
            alts.append(n)
        # "St Louis", "Ft Worth": an abbreviated Saint, Fort or Mount
        # without its period, as British and agency style write it
        # (GeoNames has the name with the period).
        for n in [name] + main[1:] + [a for a in alts if isinstance(a, str)]:
            v = DOTTED.sub(r"\1 ", n)
            k = norm_key(v)
            if v != n and k not in taken and k not in avoid and \
                    k not in seen and k not in got:
                got.add(k)
                alts.append(v)
        for n in curated.CITY_ALIASES.get(c[0], []):
            k = norm_key(n)
            if k not in seen and k not in taken:
                alts = [a for a in alts if norm_key(text_of(a)) != k] + [n]
                got.add(k)
        e = {"id": "geonames:" + c[0], "name": name,
             "aliases": main[1:] + alts,
             "attributes": {"country": c[8],
                            "admin1": region,
                            "population": c[14]}}
        if ambiguous(name):
            with_context(e, words)
        seen.update(norm_key(n) for n in [name] + e["aliases"])
        out.append(e)
    return out


# The kind of unit a GeoNames admin1 name ends with ("Helmand Province",
# "Tatarstan Republic", "Krasnodar Krai") or starts with ("State of
# Berlin"): news names most of these units without it.
DESIGNATED = re.compile(
    r"(?P<stem>.+?) (?:Province|County|Region|Department|District|State|"
    r"Oblast'?|oblast'?|Governorate|Republic|Krai|Kray|kraj|Prefecture|"
    r"Voivodeship|Autonomous Okrug|Autonomous Oblast|Autonomous Region|"
    r"Emirate|Canton|Division|Municipality)"
    r"|(?:State|Province|Region|Republic) of (?P<stem2>.+)")
# Words that name no unit on their own: "Northern Region" is not
# "Northern".
GENERIC = {"north", "south", "east", "west", "northern", "southern",
           "eastern", "western", "central", "upper", "lower", "middle",
           "capital", "coast", "coastal", "federal", "autonomous",
           "special", "greater", "far", "national", "the", "of", "and",
           "regional", "city", "municipal", "metropolitan", "peoples'",
           "northeastern", "northwestern", "southeastern", "southwestern",
           "free", "new"}


def short_forms(names):
    """The names of a unit without its kind: "Helmand" of "Helmand
    Province", "Tatarstan" of "Tatarstan Republic", without an Arabic
    article ("Anbar" of "Al Anbar"), and the English "-ia" of GeoNames'
    "-iya" ("Ingushetia" of "Ingushetiya Republic").  Not compass or
    generic words alone, nor what is left of a longer kind ("Abidjan
    Autonomous"), nor a name news uses for something else first
    (curated.NOT_SHORT_NAMES)."""
    out = []
    for n in names:
        m = DESIGNATED.fullmatch(n)
        stem = (m.group("stem") or m.group("stem2")) if m else n
        forms = [stem] if m else []
        if ARTICLE.match(stem):
            forms.append(ARTICLE.sub("", stem, count=1))
        forms += [f[:-3] + "ia" for f in forms + [n] if f.endswith("iya")]
        for f in forms:
            words = norm_key(f).split()
            if (len(f) < 4 or "(" in f or f in curated.NOT_SHORT_NAMES or
                    set(words) <= GENERIC or words[-1] in GENERIC):
                continue
            out.append(f)
    return out


def short_names(names, taken, cues):
    """short_forms as aliases, unless another entry has the name (the
    city "Krasnodar" of "Krasnodar Krai" is the city).  A short name is
    also a surname, a given name or a word more often than the source's
    lists know ("Herrera", "Magdalena", "Valle"), so it needs its
    country in the document, and a country without words for that gets
    none."""
    if not cues:
        return []
    return [{"text": f, "case": "title", "context": {"requires_any": cues}}
            for f in short_forms(names) if norm_key(f) not in taken]


def subdivisions(taken_country, cues, taken=frozenset()):
    """First-level subdivisions (GeoNames admin1).  A name that is also a
    country's (Georgia), an English word or a given name needs its
    country in the document.  Each also gets its name without the kind
    of unit (short_names), unless an entry in taken has it."""
    out = []
    rows = sorted(tsv_noheader(os.path.join(
        SRC, "geonames/regionInfo_admin1.tsv")), key=lambda r: r[0])
    # A short name is the unit's own only when no other unit has it,
    # as a name or as a short name ("La Libertad" is in Peru and in El
    # Salvador).
    full = {norm_key(n) for r in rows for n in r[1:3] if n}
    shorts = {}
    for r in rows:
        for a in short_forms([n for n in r[1:3] if n]):
            shorts.setdefault(norm_key(a), set()).add(r[0])
    taken = taken | taken_country | full | {
        k for k, codes in shorts.items() if len(codes) > 1}
    for r in rows:
        code, name, ascii_, gid = r[0], r[1], r[2], r[3]
        cc = code.split(".")[0]
        names = [n for n in dict.fromkeys([name, ascii_]) if n]
        names += [n for n in unbracketed(names) if n not in names]
        e = {"id": "geonames:" + gid, "name": names[0],
             "aliases": dedupe(names[0], names[1:] + short_names(
                 names, taken, cues.get(cc, []))),
             "attributes": {"country": cc, "code": code}}
        if cc == "US" and names[0] in curated.US_STATE_AP:
            e["aliases"].append({"text": curated.US_STATE_AP[names[0]],
                                 "case": "exact"})
        if any(norm_key(n) in taken_country or ambiguous(n) for n in names):
            with_context(e, cues.get(cc, []))
            if "context" not in e:
                continue
        out.append(e)
    return out


def short_exact(entries):
    """Names of three letters or fewer match only as written: in capitals
    they are mostly abbreviations ("MON" in a table of days, "SUD",
    "BAR"), and in lower case mostly words ("man", "van")."""
    def exact(a):
        a = {"text": a} if isinstance(a, str) else a
        return dict(a, case="exact") if len(a["text"]) <= 3 else a
    for e in entries:
        if len(e["name"]) <= 3:
            e.setdefault("case", "exact")
        if "aliases" in e:
            e["aliases"] = [a if isinstance(a, str) and len(a) > 3
                            else exact(a) for a in e["aliases"]]
    return entries


def tsv_noheader(path):
    with open(path, encoding="utf-8", newline="") as f:
        return [r for r in csv.reader(f, delimiter="\t",
                                      quoting=csv.QUOTE_NONE)
                if len(r) >= 4 and not r[0].startswith("#")]


def ports(taken, sizes=("Large", "Medium")):
    """Large and medium ports of the World Port Index, as FAC entries
    named "Port of X"; "X" alone only when no other entry has that name."""
    out = []
    with gzip.open(os.path.join(SRC, "ports/WPI_Pub150.csv.gz"), "rt",
                   encoding="utf-8", errors="replace") as f:
        rows = list(csv.DictReader(f))
    def wpi(r):
        return int(float(r["World Port Index Number"]))
    seen_ids = set()
    for r in sorted(rows, key=lambda r: (wpi(r), int(float(r["OID_"]
                                                        if "OID_" in r
                                                        else r["\ufeffOID_"])))):
        if wpi(r) in seen_ids:
            continue  # the index lists a few ports twice
        seen_ids.add(wpi(r))
        if r["Harbor Size"] not in sizes:
            continue
        name = r["Main Port Name"].strip()
        if not name:
            continue
        if name.isupper():
            name = name.title()
        aliases = []
        if norm_key(name) not in taken and not ambiguous(name):
            aliases.append(name)
        e = {"id": "wpi:%d" % wpi(r),
             "name": "Port of " + name, "aliases": aliases,
             "attributes": {"unlocode": r["UN/LOCODE"].replace(" ", ""),
                            "country": r["Country Code"],
                            "harbor_size": r["Harbor Size"].lower() or
                            "unknown"}}
        out.append(e)
    return out


BRANCH = re.compile(r"^(?:Army|Navy|Air Force|Air Forces|Ground Forces|"
                    r"Land Forces|Naval Forces|Coast Guard|Marines?|"
                    r"Marine Corps|National Guard|Republican Guard|"
                    r"National Police|Police|Gendarmerie|National Gendarmerie|"
                    r"Border Guard|Border Police|Special Forces|"
                    r"Special Operations Forces|Air Defense Forces|"
                    r"Aerospace Forces|Airborne Forces|Presidential Guard)$")


def split_top(text, sep=","):
    """Splits on sep outside parentheses."""
    parts, depth, cur = [], 0, ""
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        if ch == sep and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    return [p.strip() for p in parts if p.strip()]


def name_and_aliases(item):
    """'Angolan Armed Forces (Forcas Armadas Angolanas, FAA)' ->
    ('Angolan Armed Forces', ['Forcas Armadas Angolanas'], ['FAA'])."""
    m = re.match(r"^([^()]+?)\s*(?:\(([^()]*)\))?\s*$", item)
    if not m:
        return None
    name = m.group(1).strip(" ;.")
    local, abbr = [], []
    for part in (m.group(2) or "").split(","):
        part = part.strip()
        if re.fullmatch(r"[A-Z][A-Z0-9-]{2,9}", part):
            abbr.append(part)
        elif part and part[0].isupper() and not part.startswith(
                ("includes", "Includes")) and len(part) > 3:
            local.append(part)
    return name, local, abbr


def armed_forces(adjectives, cues, names, taken):
    """Every country's armed forces and security services from the
    Factbook's "Military and security forces": the named forces, their
    branches ("Russian Navy" for a branch the Factbook calls "Navy"),
    local names and abbreviations.  Abbreviations need their country in
    the document: three letters name too many things."""
    out, seen = [], set()
    rows = tsv(os.path.join(SRC, "factbook/derived/factbook_military.tsv"))
    for r in sorted(rows, key=lambda r: r["iso2"]):
        cc = r["iso2"]
        adj = adjectives.get(cc)
        if not cc or not adj:
            continue
        text = re.sub(r"\(\d{4}\)\s*$", "", r["military_and_security_forces"])
        if text.lower().startswith("no regular"):
            text = text.split("|", 1)[-1]
        for seg in re.split(r"\s*\|\s*\|\s*|;", text):
            seg = seg.strip(" |")
            if not seg or seg.lower().startswith("note"):
                continue
            head, _, rest = seg.partition(":")
            items = [head] + split_top(rest)
            for item in items:
                got = name_and_aliases(item.strip())
                if not got:
                    continue
                name, local, abbr = got
                name = re.sub(r"^(?:the|includes|including)\s+", "", name,
                              flags=re.I).strip()
                if not name or len(name) < 4 or not name[0].isupper() or \
                        len(name.split()) > 8:
                    continue
                if "/" in name:
                    first, *rest = [x.strip() for x in name.split("/")]
                    name = first
                    abbr += [x for x in rest if x.isupper() and len(x) >= 3]
                # A name that does not say whose it is ("Army", "Border
                # Troops", "Ministry of Interior") gets the country's
                # adjective: "Russian Navy".
                own = {norm_key(w) for w in cues.get(cc, []) +
                       names.get(cc, [])} | {norm_key(adj)}
                own |= {w.replace(".", "") for w in own}  # "U.S." -> "us"
                words = norm_key(name).replace("-", " ").split()
                if not any(w in own or " ".join(words[i:i + 2]) in own or
                           " ".join(words[i:i + 3]) in own
                           for i, w in enumerate(words)):
                    name = adj + " " + name
                key = norm_key(name)
                if key in seen or key in taken:
                    continue
                seen.add(key)
                # A local name of common words only that does not say
                # whose it is ("Nepalese Armed Forces (Ministry of
                # Defense)") would take every country's ministry.
                aliases = [a for a in local if norm_key(a) not in taken and
                           not all(w in COMMON for w in
                                   norm_key(a).replace("-", " ").split())]
                words = cues.get(cc, [])
                for a in abbr:
                    # "USA" is the country; "AND" (the Comoran army) and
                    # "FAR" are short words that headlines write in capitals
                    if norm_key(a) in taken or (len(a) <= 3 and
                                                a.lower() in COMMON):
                        continue
                    aliases.append({"text": a, "case": "exact",
                                    "context": {"requires_any": words}}
                                   if words else {"text": a,
                                                  "case": "exact"})
                out.append({"id": "org:" + cc.lower() + "-" + slug(name),
                            "name": name, "aliases": aliases,
                            "attributes": {"country": cc,
                                           "source": "CIA World Factbook"}})
    return out


def armed_groups(taken):
    """Terrorist and armed groups named in the Factbook, once each."""
    out, seen = [], {}
    rows = tsv(os.path.join(SRC, "factbook/derived/factbook_terror.tsv"))
    for r in sorted(rows, key=lambda r: r["iso2"] or r["gec"]):
        for item in split_top(r["terrorist_groups"], ";"):
            item = re.split(r"\s+[–-]\s+[A-Z][a-z]", item)[0]
            got = name_and_aliases(item)
            if not got:
                continue
            name, local, abbr = got
            # sentences and cross-references are notes, not names
            if len(name) < 4 or len(name.split()) > 9 or \
                    name.lower().startswith(("see ", "us-designated")) or \
                    "," in name or norm_key(name) in taken:
                continue
            if "/" in name:
                first, *rest = [x.strip() for x in name.split("/")]
                name = first
                local += [x for x in rest if len(x) > 3 and not x.isupper()]
                abbr += [x for x in rest if x.isupper() and len(x) >= 3]
            key = norm_key(name)
            if key in seen:
                if r["iso2"] and r["iso2"] not in seen[key]["attributes"][
                        "countries"].split():
                    seen[key]["attributes"]["countries"] += " " + r["iso2"]
                continue
            aliases = [a for a in local if norm_key(a) not in taken] + [
                {"text": a, "case": "exact"} for a in abbr] + \
                curated.GROUP_ALIASES.get(name, [])
            e = {"id": "org:" + slug(name), "name": name, "aliases": aliases,
                 "attributes": {"countries": r["iso2"] or "",
                                "source": "CIA World Factbook"}}
            seen[key] = e
            out.append(e)
    return out


def supraverden(taken):
    """International organizations (CC BY-SA 4.0): English name, other
    English names, English abbreviation (exact case)."""
    text = open(os.path.join(SRC, "intl_orgs/supraverden_general_list.yaml"),
                encoding="utf-8").read()
    orgs = parse_simple_yaml(text)
    out, seen, ids = [], set(), set()
    for key in sorted(orgs):
        o = orgs[key]
        name = (o.get("Name_en") or key).strip()
        if not name or norm_key(name) in taken or norm_key(name) in seen:
            continue
        aliases = list(curated.INTL_FORMER_NAMES.get(name, []))
        for other in re.split(r";\s*", o.get("Name_other_en", "") or ""):
            if other and norm_key(other) not in taken and \
                    norm_key(other) not in seen:
                aliases.append(other.strip())
        ab = (o.get("Abbreviation_en") or "").strip()
        if ab and norm_key(ab) not in taken and len(ab) >= 2 and \
                not ab.lower() in COMMON:
            aliases.append({"text": ab, "case": "exact"})
        seen.update(norm_key(a) for a in [name] + aliases)
        qid = (o.get("Wikidata_code") or "").strip()
        oid = qid if re.fullmatch(r"Q\d+", qid) else "org:" + slug(name)
        if oid in ids:
            continue  # the same organization listed twice
        ids.add(oid)
        attrs = {"founded": str(o.get("Year_established") or ""),
                 "headquarters": o.get("Headquarters") or ""}
        out.append(spellings({"id": oid, "name": name, "aliases": aliases,
                              "attributes": attrs}))
    return out


def parse_simple_yaml(text):
    """The two-level mapping supraverden uses: 'Key:' lines at column 0,
    then '  Field: value' lines.  Enough for that file, no more."""
    out, cur = {}, None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line.startswith(" ") and line.rstrip().endswith(":"):
            cur = unquote(line.rstrip()[:-1])
            out[cur] = {}
        elif cur is not None and line.startswith("  ") and ":" in line:
            k, _, v = line.strip().partition(":")
            out[cur][k.strip()] = unquote(v.strip())
    return out


def unquote(v):
    if len(v) >= 2 and v[0] == v[-1] and v[0] in "'\"":
        v = v[1:-1]
    return "" if v in ("null", "~") else v


def write_readme():
    """gazetteers/README.md: what each file holds, with its counts."""
    rows = sorted(COUNTS)
    lines = [
        "# Shipped gazetteers", "",
        "Generated by `tools/build_gazetteers.py` (this file too); sources,",
        "licences and attribution in [SOURCES.md](SOURCES.md), the format in",
        "[docs/gazetteer-format.md](../docs/gazetteer-format.md).  All of",
        "them load by default (`isthmus tag` with no `-g`).", "",
        "| file | entries | aliases | with context |",
        "|---|---|---|---|"]
    lines += ["| %s | %d | %d | %d |" % r for r in rows
              if not r[0].startswith("extra/")]
    main_rows = [r for r in rows if not r[0].startswith("extra/")]
    lines += ["| **total** | %d | %d | %d |" % tuple(
        sum(r[i] for r in main_rows) for i in (1, 2, 3)), "",
        "\"Aliases\" counts the names matched besides the canonical one;",
        "\"with context\" counts entries whose name or an alias carries a",
        "context condition (names that are also English words, given",
        "names, or another place's name).", "",
        "`given-names.txt` (a hidden helper list for the rule",
        "`person-by-given-name`, never entities themselves) is built",
        "separately, by `tools/build_given_names.py`: see SOURCES.md.", "",
        "## extra/ (optional)", "",
        "Not loaded by default: a directory named `extra` loads only when",
        "given itself (`isthmus tag -g gazetteers -g gazetteers/extra`).", "",
        "| file | entries | aliases | with context |", "|---|---|---|---|"]
    lines += ["| %s | %d | %d | %d |" % r for r in rows
              if r[0].startswith("extra/")]
    lines += [""]
    with open(os.path.join(OUT, "README.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def header(*keys):
    lines = ["# GENERATED by tools/build_gazetteers.py; do not edit.  Edit "
             "the sources or", "# tools/curated.py and regenerate (see "
             "SOURCES.md).  Built from:"]
    lines += ["#   - " + SOURCE_INFO[k] for k in keys]
    return "\n".join(lines) + "\n"


def main():
    global SRC, OUT
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sources", default=os.path.join(
        HERE, "..", "..", "shared", "data", "gazetteer-sources"),
        help="directory in the layout of ../shared/data/gazetteer-sources")
    ap.add_argument("--out", default=os.path.join(HERE, "..", "gazetteers"))
    ap.add_argument("--words", action="append",
                    help="English word list, repeatable (default: Debian "
                    "wamerican and wbritish)")
    ap.add_argument("--given-names", default="/usr/share/dict/propernames.gz",
                    help="given names (Debian miscfiles)")
    ap.add_argument("--exonyms", default=os.path.join(
        HERE, "english-city-names.tsv"), help="alternate names and their "
        "counts in English text (tools/count_english_names.py)")
    a = ap.parse_args()
    SRC, OUT = a.sources, a.out
    load_words(a.words or ["/usr/share/dict/american-english",
                           "/usr/share/dict/british-english"], a.given_names)
    os.makedirs(OUT, exist_ok=True)
    cs = countries()
    write("countries.yaml", header("i18n", "factbook", "curated") +
          "label: GPE\nkind: country\ncase: title\n"
          "description: Countries and territories of ISO 3166-1\n", cs)
    cnames = {norm_key(a) for e in cs for a in names_of(e)}
    nats = nationalities(cnames)
    write("nationalities.yaml", header("factbook") +
          "label: NORP\nkind: nationality\ncase: title\ndescription: "
          "Nationalities and demonyms, linked to their country\n", nats)
    cues = country_cues(cs, nats)
    caps = capitals(cnames, cues)
    write("capitals.yaml", header("geonames", "factbook") +
          "label: GPE\nkind: capital\ncase: title\ndescription: "
          "National capitals\n", caps)
    ppl = people(cues)
    write("people.yaml", header("factbook", "curated", "words") +
          "label: PERSON\ncase: title\ndescription: Heads of state "
          "and government; US national-security leadership\n", ppl)
    orgs = [spellings(e) for e in curated.ORGS] + [
        spellings(enwiki(t, n, "international",
                         al + [{"text": x, "case": "exact"} for x in ab]))
        for t, n, al, ab in curated.FORMER_ORGS]
    write("organizations.yaml", header("curated") +
          "label: ORG\ncase: title\n"
          "description: Government, military and international "
          "organizations\n", orgs)
    parties = [spellings(enwiki(t, n, "party",
                                al + [{"text": x, "case": "exact"}
                                      for x in ab], cc))
               for t, n, cc, al, ab in curated.PARTIES]
    write("parties.yaml", header("curated") +
          "label: ORG\nkind: party\ncase: title\ndescription: Major "
          "political parties with distinctive names\n", parties)
    facilities = [with_context(enwiki(t, n, kind, al, cc), ctx)
                  for t, n, kind, cc, al, ctx in curated.FACILITIES]
    write("facilities.yaml", header("curated") +
          "label: FAC\ncase: title\ndescription: Airports and sports "
          "grounds news names alone\n", facilities)
    pl = places()
    write("places.yaml", header("naturalearth", "factbook", "curated") +
          "label: LOC\ncase: title\ndescription: Canals, straits, "
          "chokepoints, seas and regions\n", pl)
    write("groups.yaml", header("curated") +
          "label: NORP\ncase: title\ndescription: Peoples, religious and "
          "political groups, and regional identities\n", curated.GROUPS)
    former = [enwiki(t, n, "former country",
                     [x for x in al if norm_key(x) not in cnames])
              for t, n, al in curated.FORMER_STATES
              if norm_key(n) not in cnames]
    contested = [enwiki(t, n, kind, al, cc)
                 for t, n, kind, al, cc in curated.CONTESTED_REGIONS]
    write("regions.yaml", header("curated") +
          "label: GPE\ncase: title\ndescription: Constituent countries, "
          "former countries and other political regions\n",
          curated.POLITICAL_REGIONS + former + contested)

    def keys(entries):
        return {norm_key(x) for e in entries for x in names_of(e)}
    taken = cnames | keys(nats) | keys(curated.GROUPS) | keys(caps) | keys(
        pl) | keys(
        curated.POLITICAL_REGIONS) | keys(former) | keys(contested) | keys(
        ppl) | keys(
        orgs) | keys(parties) | keys(facilities)
    admin1 = {r[0]: r[2] or r[1] for r in tsv_noheader(
        os.path.join(SRC, "geonames/regionInfo_admin1.tsv"))}
    # Names of groups and organizations, which come later: no city's
    # alternate name may take one.
    avoid = keys(armed_groups(set())) | keys(supraverden(set()))
    rows = read_cities()
    mains = main_names(rows)
    EXONYMS.update(read_exonyms(a.exonyms, mains))
    FIRST_NAMES.update(read_first_names(os.path.join(
        HERE, "..", "gazetteers", "given-names.txt")))
    cts = short_exact(cities(rows, taken, cues, admin1, mains, avoid=avoid))
    write("cities.yaml", header("geonames", "factbook", "words") +
          "label: GPE\nkind: city\ncase: title\ndescription: Cities of "
          "100,000 people or more and first-level seats\n", cts)
    subs = short_exact(subdivisions(cnames, cues, taken | keys(cts)))
    write("subdivisions.yaml", header("geonames", "factbook", "words",
                                      "curated") +
          "label: GPE\nkind: subdivision\ncase: title\ndescription: "
          "First-level subdivisions (states, provinces, regions)\n", subs)
    # A unit's short name ("Sagaing" of "Sagaing Region") needs its
    # country in the document; a place of that name in extra/ may still
    # take the name elsewhere.
    taken |= keys(cts) | {norm_key(x) for e in subs
                          for x in [e["name"]] + e.get("aliases", [])
                          if not (isinstance(x, dict) and "context" in x)}
    adjectives = {n["attributes"]["country"]: n["name"] for n in nats}
    names = {e["id"]: names_of(e) for e in cs}
    for n in nats:
        names.setdefault(n["attributes"]["country"], []).extend(names_of(n))
    af = [spellings(e)
          for e in armed_forces(adjectives, cues, names, taken)]
    write("armed-forces.yaml", header("factbook") +
          "label: ORG\nkind: military\ncase: title\ndescription: Armed "
          "forces and security services of every country\n", af)
    taken |= keys(af)
    ag = [spellings(e) for e in armed_groups(taken)]
    write("armed-groups.yaml", header("factbook") +
          "label: ORG\nkind: armed_group\ncase: title\ndescription: "
          "Terrorist and armed groups named by the Factbook\n", ag)
    taken |= keys(ag)
    pt = ports(taken)
    write("ports.yaml", header("wpi", "words") +
          "label: FAC\nkind: port\ncase: title\ndescription: Large and "
          "medium ports of the World Port Index\n", pt)
    taken |= keys(pt)
    io_ = supraverden(taken)
    extra_cities = short_exact(cities(rows, taken, cues, admin1, mains,
                                      min_population=0, limit_alternates=4,
                                      avoid=avoid))
    os.makedirs(os.path.join(OUT, "extra"), exist_ok=True)
    write("extra/cities15000.yaml", header("geonames", "factbook", "words") +
          "label: GPE\nkind: city\ncase: title\ndescription: GeoNames "
          "places of 15,000 people or more not in cities.yaml (optional; "
          "load with -g gazetteers/extra)\n", extra_cities)
    write("extra/ports-all.yaml", header("wpi", "words") +
          "label: FAC\nkind: port\ncase: title\ndescription: Small and "
          "very small ports of the World Port Index (optional)\n",
          ports(taken, sizes=("Small", "Very Small", "")))
    write("intl-orgs.yaml", "# SPDX-License-Identifier: CC-BY-SA-4.0\n"
          "# This file is licensed CC BY-SA 4.0 (share-alike), unlike the "
          "rest of isthmus.\n" + header("supraverden") +
          "label: ORG\nkind: international\ncase: title\ndescription: "
          "International organizations (supraverden, CC BY-SA 4.0)\n", io_)
    write_readme()


if __name__ == "__main__":
    main()
