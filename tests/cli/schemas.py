#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The JSON Schemas match what isthmus reads and writes: every shipped
gazetteer and rule file and the worked example validate against
gazetteers/schema.json and rules/schema.json; real 'isthmus tag' output
(--explain, --attributes, jsonl with error records, a record that failed
after its first part, --count, a label of one's own) validates against docs/output.schema.json; and each schema
refuses what the loader refuses (so a test that passes is not a schema
that accepts anything).  Needs python3-jsonschema and python3-yaml
(Debian packages; tools/install-deps.sh --test).

Usage: schemas.py ISTHMUS_BINARY PROJECT_ROOT"""
import glob
import json
import os
import subprocess
import sys

from cases import run_cases

try:
    import jsonschema
    import yaml
except ImportError as e:  # reported as a failure, not a skip
    jsonschema = yaml = None
    IMPORT_ERROR = str(e)


def load_yaml(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def validator(root, rel):
    with open(os.path.join(root, rel), encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def errors_of(v, doc, name):
    return ["%s: %s at %s" % (name, e.message[:200], "/".join(
        str(p) for p in e.absolute_path)) for e in v.iter_errors(doc)][:3]


def need_libs():
    if jsonschema is None:
        return ["python3-jsonschema and python3-yaml are needed (%s): "
                "tools/install-deps.sh --test" % IMPORT_ERROR]
    return []


def case_data_files_validate(binary, root, tmp):
    problems = need_libs()
    if problems:
        return problems
    gaz = validator(root, "gazetteers/schema.json")
    rules = validator(root, "rules/schema.json")
    gaz_files = (glob.glob(os.path.join(root, "gazetteers", "*.yaml")) +
                 glob.glob(os.path.join(root, "examples", "*", "gazetteers",
                                        "*.yaml")) +
                 glob.glob(os.path.join(root, "tests", "fixtures", "layers",
                                        "*.yaml")))
    rule_files = (glob.glob(os.path.join(root, "rules", "*.yaml")) +
                  glob.glob(os.path.join(root, "examples", "*", "rules",
                                         "*.yaml")) +
                  glob.glob(os.path.join(root, "tests", "fixtures", "layers",
                                         "*rules*.yaml")))
    gaz_files = [p for p in gaz_files if "rules" not in os.path.basename(p)
                 and os.path.basename(p) not in ("errors.yaml",
                                                 "errors2.yaml")]
    for path in sorted(gaz_files):
        problems += errors_of(gaz, load_yaml(path), os.path.relpath(path,
                                                                    root))
    for path in sorted(rule_files):
        problems += errors_of(rules, load_yaml(path), os.path.relpath(path,
                                                                      root))
    if len(gaz_files) < 15 or len(rule_files) < 3:
        problems.append("only %d gazetteer and %d rule files found" % (
            len(gaz_files), len(rule_files)))
    # What the loader refuses, the schemas refuse.
    bad_gaz = [
        {"label": "gpe", "entries": []},                     # bad label
        {"entries": [{"id": "x"}]},                          # no name
        {"entries": [{"id": "x", "name": "X", "alaises": []}]},
        {"entries": [{"id": "x", "name": "X",
                      "valid": {"since": "2020-01-01"}}]},
        {"disable": {"entry": ["x"]}},
        {"label": "GPE"},                                    # nothing
    ]
    for doc in bad_gaz:
        if gaz.is_valid(doc):
            problems.append("gazetteer schema accepts %s" % doc)
    bad_rules = [
        {"rules": [{"id": "r", "label": "PERSON"}]},         # no pattern
        {"topics": [{"label": "Ships", "description": "d", "cues": []}]},
        {"topics": [{"extends": "ships", "label": "ships"}]},
        {"description": "nothing"},
    ]
    for doc in bad_rules:
        if rules.is_valid(doc):
            problems.append("rule schema accepts %s" % doc)
    for doc in ({"label": "VESSEL", "entries": [{"id": "v", "name": "V"}]},
                {"disable": {"aliases": [{"id": "US", "text": "US"}]}}):
        if not gaz.is_valid(doc):
            problems.append("gazetteer schema refuses %s" % doc)
    return problems


def tag_lines(binary, root, args, stdin=b""):
    p = subprocess.run([binary, "tag"] + args, input=stdin,
                       capture_output=True, cwd=root, timeout=120)
    return p.returncode, [json.loads(x) for x in
                          p.stdout.decode().splitlines() if x.strip()]


def case_output_validates(binary, root, tmp):
    problems = need_libs()
    if problems:
        return problems
    out = validator(root, "docs/output.schema.json")
    samples = sorted(glob.glob(os.path.join(root, "data", "samples",
                                            "*.txt")))
    records, reasons = [], set()
    for args, stdin in [
            (["--explain", "--attributes"] + samples, b""),
            (["--explain", "--format", "lines", "--overlaps", "all"],
             b"Georgia and Atlanta. Michael Jordan. Tbilisi, Georgia.\n"
             b"Chad beat Niger; nato and NATO.\n"),
            (["--format", "jsonl", "--max-doc-bytes", "60"],
             b'{"id": 1, "text": "Panama", "extra": [1, 2]}\n'
             b'not json\n'
             b'{"id": 3, "text": "' + b"Panama " * 20 + b'"}\n'
             b'{"id": 4}\n'),
            (["--count"] + samples, b""),
            (["-g", "tests/fixtures/layers/user.yaml", "--explain",
              "--format", "lines"],
             b"The Ever Given sailed from the Republic of Panama.\n"),
            (["--no-default-data", "-g", "tests/fixtures/rules/gaz.yaml",
              "-r", "tests/fixtures/rules/rules.yaml", "-r",
              "tests/fixtures/rules/topics.yaml", "-r",
              "tests/fixtures/rules/relabel.yaml", "--explain", "--format",
              "lines"],
             b"Defense Secretary Pete Hegseth saw the Panama Canal.\n")]:
        rc, recs = tag_lines(binary, root, args, stdin)
        if rc not in (0, 1) or not recs:
            problems.append("tag %s: exit %d, %d records" % (args[:3], rc,
                                                             len(recs)))
        records += recs
    for rec in records:
        for r in rec.get("explain", {}).get("rejected", []):
            reasons.add(r["reason"])
    # A jsonl record over 1 MiB whose second part uses up the regex
    # budget: its passed-through members, the first part's entities and
    # "error" (a record of its own kind in the schema).
    with open(os.path.join(tmp, "slow.yaml"), "w") as f:
        f.write("rules:\n  - id: slowish\n    label: EVENT\n"
                "    pattern: '(?:a|aa)+(?:c|\\s)d'\n")
    big = ("Panama and Beijing.\n" * 55000 + ("a" * 26 + " ") * 3000 +
           " d")
    rc, recs = tag_lines(binary, root, [
        "--no-default-data", "-g", "tests/fixtures/good/basic.yaml", "-r",
        os.path.join(tmp, "slow.yaml"), "--format", "jsonl",
        "--max-doc-bytes", "2M"],
        (json.dumps({"id": "big", "text": big, "source": "x"}) + "\n" +
         json.dumps({"id": "small", "text": "Panama"}) + "\n").encode())
    if rc != 1 or len(recs) != 2 or not recs[0].get("entities") or \
            "error" not in recs[0] or recs[0].get("source") != "x":
        problems.append("partial record: exit %d, %r" % (
            rc, [{k: v for k, v in r.items() if k not in ("entities",
                                                          "text")}
                 for r in recs]))
    records += recs
    for i, rec in enumerate(records):
        problems += errors_of(out, rec, "record %d" % i)
    kinds = {("error" in r, "documents" in r, "explain" in r,
              "entities" in r and "topics" not in r)
             for r in records}
    if len(kinds) < 5:
        problems.append("not every kind of record was seen: %s" % kinds)
    for want in ("overlap", "context", "case", "tie"):
        if want not in reasons:
            problems.append("no rejection with reason %s was checked" % want)
    # The schema refuses a record the tool never writes.
    if out.is_valid({"entities": [{"start": 0}], "topics": []}):
        problems.append("output schema accepts an entity without fields")
    return problems


if __name__ == "__main__":
    sys.exit(run_cases([case_data_files_validate, case_output_validates]))
