#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes the small source fixture that tests/gazgen/run.py feeds to
tools/build_gazetteers.py: a few rows of each source, in each source's
own format, in the layout of ../shared/data/gazetteer-sources.

The rows are facts (names, codes, populations) written for this test;
the organization list is invented.  Archives are written with fixed
timestamps so that the fixture itself is reproducible.
Usage: tests/gazgen/make_sources.py (writes tests/gazgen/sources/)
"""
import gzip
import io
import json
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "sources")


def put(rel, text):
    path = os.path.join(OUT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def tsv(header, rows):
    return "\n".join("\t".join(r) for r in [header] + rows) + "\n"


def main():
    put("countries/i18n-iso-countries/en.json", json.dumps(
        {"locale": "en", "countries": {
            "FK": "Falkland Islands (Malvinas)", "GE": "Georgia",
            "PA": "Panama", "SY": "Syrian Arab Republic", "TR": "Turkey",
            "US": ["United States of America", "United States"]}},
        indent=2, ensure_ascii=False) + "\n")
    put("countries/i18n-iso-countries/codes.json", json.dumps(
        [["FK", "FLK", "238", "ISO 3166-2:FK"],
         ["GE", "GEO", "268", "ISO 3166-2:GE"],
         ["PA", "PAN", "591", "ISO 3166-2:PA"],
         ["SY", "SYR", "760", "ISO 3166-2:SY"],
         ["TR", "TUR", "792", "ISO 3166-2:TR"],
         ["US", "USA", "840", "ISO 3166-2:US"]], indent=2) + "\n")
    put("factbook/derived/factbook_countries.tsv", tsv(
        ["gec", "iso2", "region_dir", "conventional_short",
         "conventional_long", "local_short", "local_long", "former",
         "abbreviation", "nationality_noun", "nationality_adjective",
         "capital"],
        [["gg", "GE", "middle-east", "Georgia", "none", "Sak'art'velo", "",
          "Georgian Soviet Socialist Republic", "", "Georgian(s)",
          "Georgian", "Tbilisi"],
         ["pm", "PA", "central-america", "Panama", "Republic of Panama",
          "Panama", "Republica de Panama", "", "", "Panamanian(s)",
          "Panamanian", "Panama City"],
         ["sy", "SY", "middle-east", "Syria", "Syrian Arab Republic",
          "Suriyah", "", "United Arab Republic (with Egypt)", "",
          "Syrian(s)", "Syrian", "Damascus"],
         ["us", "US", "north-america", "United States",
          "United States of America", "", "", "", "US or USA",
          "American(s)", "American", "Washington, D.C."]]))
    put("factbook/derived/factbook_leaders.tsv", tsv(
        ["gec", "iso2", "country", "chief_of_state", "head_of_government",
         "cabinet"],
        [["pm", "PA", "Panama",
          "President José Raúl MULINO Quintero (since 1 July 2024)",
          "President José Raúl MULINO Quintero (since 1 July 2024)",
          "Cabinet appointed by the president"],
         ["vc", "VC", "Saint Vincent",
          "King CHARLES III (since 8 September 2022)",
          "Prime Minister Godwin FRIDAY (since 28 November 2025)", ""]]))
    put("factbook/derived/factbook_military.tsv", tsv(
        ["gec", "iso2", "country", "military_and_security_forces",
         "military_note"],
        [["pm", "PA", "Panama",
          "no regular military forces | | Ministry of Public Security: "
          "National Police (Policía Nacional, PN), National Aeronaval "
          "Service (Servicio Nacional Aeronaval, SENAN); Panama Frontier "
          "Service (PFS); Civil Guard (AND) (2025)", ""],
         ["gg", "GE", "Georgia",
          "Georgian Defense Forces (GDF): Land Forces, Air Force, Navy "
          "(2025)", ""]]))
    put("factbook/derived/factbook_terror.tsv", tsv(
        ["gec", "iso2", "country", "terrorist_groups"],
        [["iz", "IQ", "Iraq",
          "Islamic State of Iraq and ash-Sham (ISIS); Kata'ib Hizballah"],
         ["sy", "SY", "Syria",
          "Hizballah; Islamic State of Iraq and ash-Sham (ISIS) – Syria"]]))
    put("factbook/derived/factbook_oceans_chokepoints.tsv",
        tsv(["gec", "ocean", "field", "text"],
            [["xo", "Indian Ocean", "Geography/Geography - note",
              "major chokepoints include Bab el Mandeb, Strait of Hormuz, "
              "Strait of Malacca, southern access to the Suez Canal, and "
              "the Lombok Strait"],
             ["zn", "Pacific Ocean", "Introduction/Background",
              "Strategically important access waterways include the La "
              "Perouse, Tsugaru, Tsushima, Taiwan, Singapore, and Torres "
              "Straits. The International Hydrographic Organization "
              "decision in 2000 to delimit a fifth world ocean basin."]]))
    put("geonames/regionInfo_admin1.tsv", tsv(
        ["#region_code", "name", "name_ascii", "geoname_id"],
        [["US.GA", "Georgia", "Georgia", "4197000"],
         ["PA.8", "Panamá", "Panama", "3703430"],
         ["PA.02", "Chiriquí Province", "Chiriqui Province", "3712410"],
         ["SY.04", "Ar-Raqqah", "Ar-Raqqah", "172957"],
         ["TR.73", "Niğde Province", "Nigde Province", "303826"],
         ["TR.65", "Van", "Van", "298113"]]))
    cities = [
        ["3703443", "Panamá", "Panama", "Ciudad de Panama,Panama City,"
         "PTY", "8.9936", "-79.51973", "P", "PPLC", "PA", "", "8", "", "",
         "", "408168", "", "7", "America/Panama", "2024-01-01"],
        ["4180439", "Atlanta", "Atlanta", "ATL,Atlanta,Hotlanta",
         "33.749", "-84.38798", "P", "PPLA", "US", "", "GA", "121", "",
         "", "498715", "320", "322", "America/New_York", "2024-01-01"],
        ["298117", "Van", "Van", "Van,Wan", "38.49457", "43.38323", "P",
         "PPLA", "TR", "", "65", "", "", "", "371713", "", "1725",
         "Europe/Istanbul", "2024-01-01"],
        ["4167147", "Orlando", "Orlando", "Orlando", "28.53834",
         "-81.37924", "P", "PPLA2", "US", "", "FL", "095", "", "",
         "307573", "34", "35", "America/New_York", "2024-01-01"],
        # Many alternate names: the first eight (alphabetical) and every
        # spelling of the name itself ("Nizhny Novgorod") are kept.
        ["520555", "Nizhniy Novgorod", "Nizhniy Novgorod",
         "GOJ,Gor'kij,Gor'kiy,Gorkey,Gorki,Gorkii,Gorkij,Gorky,Nijni "
         "Novgorod,Nijnii Novgorod,Nischni Nowgorod,Nishni-Nowgorod,"
         "Nishnii Nowgorod,Nishnij Nowgorod,Nizhni Novgorod,Nizhnii "
         "Novgorod,Nizhnij Novgorod,Nizhniy Novgorod,Nizhny Novgorod,"
         "Nizjnij Novgorod,Nizni Novgorod,Niznij Nowgorod,Nyizsnyij "
         "Novgorod", "56.32867", "44.00205", "P", "PPLA", "RU", "", "51",
         "", "", "", "1259013", "", "141", "Europe/Moscow", "2025-05-08"],
        ["9999999", "Smallville", "Smallville", "", "0", "0", "P", "PPL",
         "US", "", "KS", "", "", "", "20000", "", "1", "America/Chicago",
         "2024-01-01"]]
    body = "".join("\t".join(c) + "\n" for c in cities).encode("utf-8")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        info = zipfile.ZipInfo("cities15000.txt", (2024, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, body)
    os.makedirs(os.path.join(OUT, "geonames"), exist_ok=True)
    with open(os.path.join(OUT, "geonames/cities15000.zip"), "wb") as f:
        f.write(buf.getvalue())
    put("naturalearth/ne_10m_geography_marine_polys_attributes.tsv", tsv(
        ["featurecla", "name", "namealt", "name_en", "name_fr", "name_es",
         "name_de", "name_ar", "name_ru", "name_zh", "scalerank",
         "min_label", "wikidataid", "ne_id", "note", "changed"],
        [["sea", "Caribbean Sea", "", "Caribbean Sea", "", "", "", "", "",
          "", "2", "2", "Q1247", "1", "", ""],
         ["gulf", "Gulf of Panama", "", "Gulf of Panama", "", "", "", "",
          "", "", "5", "5", "Q1503931", "2", "", ""]]))
    wpi = ("\ufeffOID_,World Port Index Number,Region Name,Main Port Name,"
           "Alternate Port Name,UN/LOCODE,Country Code,World Water Body,"
           "Harbor Size\n"
           "1,15410.0,Panama,Balboa,,PA BLB,Panama,Gulf of Panama,Medium\n"
           "2,15420.0,Panama,Cristobal,,PA CTB,Panama,Caribbean Sea,Large\n"
           "3,15430.0,Panama,Tiny Cove,,PA TNY,Panama,Caribbean Sea,Small\n")
    with open(os.path.join(OUT, "ports/WPI_Pub150.csv.gz") if os.path.isdir(
            os.path.join(OUT, "ports")) else _mk(OUT, "ports/WPI_Pub150.csv.gz"),
            "wb") as f:
        with gzip.GzipFile(fileobj=f, mode="wb", mtime=0,
                           filename="") as g:
            g.write(wpi.encode("utf-8"))
    put("intl_orgs/supraverden_general_list.yaml",
        "Example Canal Organisation:\n"
        "  SPRVD_id: SPRVD0000001\n"
        "  Wikidata_code: Q99999991\n"
        "  Name_en: Example Canal Organisation\n"
        "  Abbreviation_en: ECO\n"
        "  Year_established: 1999\n"
        "  Headquarters: Panama City, Panama\n"
        "Invented Trade Council:\n"
        "  SPRVD_id: SPRVD0000002\n"
        "  Wikidata_code: '[No code found.]'\n"
        "  Name_en: Invented Trade Council\n"
        "  Name_other_en: Trade Council of Nowhere\n"
        "  Abbreviation_en: ITC\n")
    put("words.txt", "mobile\nreading\nvan\nfriday\nFriday\nPanama\nand\n")
    put("names.txt", "David\nVictoria\n")


def _mk(out, rel):
    os.makedirs(os.path.dirname(os.path.join(out, rel)), exist_ok=True)
    return os.path.join(out, rel)


if __name__ == "__main__":
    main()
