#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Generate the shipped gazetteers from the public sources in
../shared/data/gazetteer-sources (see gazetteers/SOURCES.md).

Only public-domain, CC-BY and MIT sources are read: the CIA World Factbook
(CC0), i18n-iso-countries (MIT), GeoNames (CC BY 4.0) and Natural Earth
(public domain).  Hand-curated entries (US national-security leadership,
combatant commands, canals, chokepoints, regions) live in
tools/curated.py, written for this project from the public record.

Usage: tools/build_gazetteers.py [SOURCES_DIR] [OUT_DIR]
Standard library only; output is deterministic (sorted, no timestamps).
"""
import csv
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
SRC = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    HERE, "..", "..", "shared", "data", "gazetteer-sources")
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "..",
                                                         "gazetteers")


def q(s):
    """A YAML double-quoted scalar (JSON escapes are valid YAML)."""
    return json.dumps(s, ensure_ascii=False)


def norm_key(s):
    """Approximation of isthmus's normalization, to find collisions."""
    if isinstance(s, dict):
        s = s["text"]
    s = unicodedata.normalize("NFKD", s).casefold()
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(s.replace("\u2019", "'").split())


def tsv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def write(name, header, entries):
    """Writes one gazetteer file; entries are dicts in output order."""
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
                        f.write("      - {text: %s, case: %s}\n"
                                % (q(a["text"]), a["case"]))
                    else:
                        f.write("      - %s\n" % q(a))
            if e.get("context"):
                # JSON is YAML flow style: one line, keys in a fixed order.
                f.write("    context: %s\n" % json.dumps(
                    e["context"], ensure_ascii=False))
            attrs = {k: v for k, v in e.get("attributes", {}).items() if v}
            if attrs:
                f.write("    attributes:\n")
                for k in attrs:
                    f.write("      %s: %s\n" % (k, q(attrs[k])))
    print("wrote %s (%d entries)" % (path, len(entries)))


def dedupe(name, aliases):
    seen, out = {name}, []
    for a in aliases:
        t = a["text"] if isinstance(a, dict) else a
        if t and t not in seen:
            seen.add(t)
            out.append(a)
    return out


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
            for col in ("conventional_short", "conventional_long"):
                v = r[col].split(";")[0].strip()
                if v and v.lower() != "none":
                    aliases.append(reorder(v))
            for a in split_names(r["abbreviation"]):
                if 2 <= len(a) <= 6:
                    aliases.append(a)
            for a in split_names(r["former"]):
                if a and not re.search(r"\d", a):
                    aliases.append(a)
        aliases = [a for a in aliases if a not in cur.get("drop", [])]
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
        names = [n for n in adj + nouns
                 if n and norm_key(n) not in country_names]
        if not names:
            continue
        out.append({"id": "norp:" + r["iso2"], "name": names[0],
                    "aliases": names[1:],
                    "attributes": {"country": r["iso2"]}})
    return out


def capitals(country_names):
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
        out.append({"id": "geonames:" + c[0], "name": names[0],
                    "aliases": names[1:],
                    "attributes": {"country": cc, "population": c[14]}})
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
    if given:
        aliases.append(" ".join([given[0]] + caps))
    sur = " ".join(caps)
    if len(sur) >= 4 and sur.lower() not in curated.COMMON_WORDS:
        aliases.append(sur)
    for t in toks[ci:k]:
        parts = t.split("-")
        if len(parts) > 1:
            for p in parts:
                if re.fullmatch(r"[A-ZÀ-Þ]{4,}", p):
                    aliases.append(title_caps(p))
    return role, full, aliases, since


def slug(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def people():
    out, seen = [], {}
    for p in curated.PEOPLE:
        e = dict(p)
        e["id"] = "person:" + slug(p["name"])
        seen[e["id"]] = e
        out.append(e)
    curated_keys = {norm_key(a) for p in curated.PEOPLE
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
                seen[pid] = e
                out.append(e)
    return out


def places():
    out = list(curated.PLACES)
    for e in out:
        e.setdefault("id", "loc:" + slug(e["name"]))
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
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    hdr = ("# GENERATED by tools/build_gazetteers.py from %s; edit the "
           "sources or\n# tools/curated.py, then regenerate.  See "
           "SOURCES.md.\n")
    cs = countries()
    write("countries.yaml", hdr % "the CIA World Factbook (CC0), "
          "i18n-iso-countries (MIT)" + "label: GPE\nkind: country\ncase: title\n"
          "description: Countries and territories of ISO 3166-1\n", cs)
    cnames = {norm_key(a) for e in cs for a in [e["name"]] + [
        x if isinstance(x, str) else x["text"] for x in e["aliases"]]}
    write("nationalities.yaml", hdr % "the CIA World Factbook (CC0)" +
          "label: NORP\nkind: nationality\ncase: title\ndescription: Nationalities and "
          "demonyms, linked to their country\n", nationalities(cnames))
    write("capitals.yaml", hdr % "GeoNames (CC BY 4.0) and the CIA World "
          "Factbook (CC0)" + "label: GPE\nkind: capital\ncase: title\ndescription: "
          "National capitals\n", capitals(cnames))
    write("people.yaml", hdr % "the CIA World Factbook (CC0) and "
          "tools/curated.py" + "label: PERSON\ncase: title\ndescription: Heads of state "
          "and government; US national-security leadership\n", people())
    write("organizations.yaml", hdr % "tools/curated.py" + "label: ORG\ncase: title\n"
          "description: Government, military and international "
          "organizations\n", curated.ORGS)
    write("places.yaml", hdr % "Natural Earth (public domain) and "
          "tools/curated.py" + "label: LOC\ncase: title\ndescription: Canals, straits, "
          "chokepoints, seas and regions\n", places())


if __name__ == "__main__":
    main()
