# SPDX-License-Identifier: MIT
"""Hand-curated gazetteer data, written for isthmus from the public record
(official titles and names as published by the US government and the
organizations themselves).  Read by tools/build_gazetteers.py.

Ids of curated entries are slugs of the canonical name ("person:...",
"org:...", "loc:...").  Attributes give roles without dates where the
date would go stale; check and update roles when regenerating.
"""

# Country overlays by ISO alpha-2: the name news uses, extra aliases, and
# generated aliases to drop (too ambiguous as plain words).
COUNTRY = {
    "US": {"name": "United States",
           "aliases": ["U.S.", "USA", "U.S.A.", "United States of America",
                       "America", "US"]},
    "GB": {"name": "United Kingdom",
           "aliases": ["UK", "U.K.", "Britain", "Great Britain"]},
    "RU": {"name": "Russia", "aliases": ["Russian Federation"]},
    "CN": {"name": "China", "aliases": ["PRC", "People's Republic of China",
                                        "Mainland China"]},
    "TW": {"name": "Taiwan", "aliases": ["Republic of China"]},
    "KR": {"name": "South Korea", "aliases": ["Republic of Korea", "ROK",
                                              "S. Korea"]},
    "KP": {"name": "North Korea",
           "aliases": ["DPRK", "Democratic People's Republic of Korea",
                       "N. Korea"]},
    "IR": {"name": "Iran", "aliases": ["Islamic Republic of Iran"]},
    "SY": {"name": "Syria"},
    "VN": {"name": "Vietnam", "aliases": ["Viet Nam"]},
    "LA": {"name": "Laos"},
    "BO": {"name": "Bolivia"},
    "VE": {"name": "Venezuela"},
    "TZ": {"name": "Tanzania"},
    "MD": {"name": "Moldova"},
    "FK": {"name": "Falkland Islands",
           "aliases": ["Falklands", "Malvinas", "Islas Malvinas"]},
    "CZ": {"name": "Czech Republic", "aliases": ["Czechia"]},
    "TR": {"name": "Turkey", "aliases": ["Türkiye", "Turkiye"],
           "context": {"excludes_any": ["Thanksgiving", "roast", "roasted",
                                        "poultry", "stuffing", "recipe",
                                        "gravy", "drumstick*"]}},
    # Names shared with a US state and with people: require signs of the
    # country, or refuse signs of the other reading (docs/rules.md).
    "GE": {"context": {"requires_any": [
               "Tbilisi", "Caucasus", "Caucasian", "Georgian*", "Abkhaz*",
               "South Ossetia*", "Ossetia*", "Kremlin", "Moscow", "Russia",
               "Russian*", "Black Sea", "Armenia*", "Azerbaijan*", "Ukrain*",
               "European Union", "EU", "NATO", "Batumi", "Kutaisi",
               "Saakashvili", "Ivanishvili", "Kobakhidze", "Zourabichvili",
               "Georgian Dream"],
           "excludes_any": ["Atlanta", "Savannah", "Gov.", "Kemp",
                            "Peach State", "Fulton County", "Macon",
                            "Augusta", "Georgia Tech", "Bulldogs",
                            "Braves", "Alabama", "Florida",
                            "South Carolina", "Tennessee"]}},
    "JO": {"context": {"excludes_any": ["Michael", "basketball", "NBA",
                                        "Bulls", "sneaker*", "Air Jordan",
                                        "Jordans"]}},
    "TD": {"context": {"requires_any": [
               "N'Djamena", "Ndjamena", "Chadian*", "Sahel", "Africa",
               "African", "Sudan*", "Niger", "Nigeria*", "Libya*",
               "Cameroon*", "Lake Chad", "Deby", "Déby", "Boko Haram",
               "France", "French"]}},
    "CI": {"name": "Côte d'Ivoire", "aliases": ["Ivory Coast"]},
    "CD": {"name": "Democratic Republic of the Congo",
           "aliases": ["DR Congo", "DRC", "Congo-Kinshasa"]},
    "CG": {"name": "Republic of the Congo", "aliases": ["Congo-Brazzaville"]},
    # "Neths": Reuters' abbreviation in tables and headlines.
    "NL": {"name": "Netherlands",
           "aliases": ["Holland", {"text": "Neths", "case": "exact"}]},
    "HK": {"name": "Hong Kong", "aliases": [{"text": "H.K.",
                                             "case": "exact"}]},
    "AE": {"name": "United Arab Emirates", "aliases": ["UAE", "U.A.E."]},
    "PA": {"name": "Panama", "aliases": ["Republic of Panama"]},
    "VA": {"name": "Vatican City", "aliases": ["Holy See", "Vatican"]},
    "PS": {"name": "Palestine", "aliases": ["State of Palestine"]},
    "MM": {"name": "Myanmar", "aliases": ["Burma"]},
    # Former name until 2019, and the reference name before it.
    "MK": {"name": "North Macedonia",
           "aliases": ["Macedonia", "FYR Macedonia",
                       "Former Yugoslav Republic of Macedonia"]},
    # The short forms news uses for the whole country.
    "BA": {"name": "Bosnia and Herzegovina",
           "aliases": ["Bosnia", "Bosnia-Herzegovina", "Bosnia Herzegovina"]},
    # Former names and older spellings (Factbook "former" lists neither).
    "SR": {"name": "Suriname", "aliases": ["Surinam"]},
    "BY": {"name": "Belarus", "aliases": ["Byelorussia", "Belorussia"]},
    "KG": {"name": "Kyrgyzstan", "aliases": ["Kirghizia", "Kyrgyz Republic"]},
    "FM": {"name": "Micronesia"},
    "BN": {"name": "Brunei"},
    "SZ": {"name": "Eswatini", "aliases": ["Swaziland"]},
    "CV": {"name": "Cabo Verde", "aliases": ["Cape Verde"]},
    # News and sports results name the country by its larger island.
    "TT": {"name": "Trinidad and Tobago", "aliases": ["Trinidad"]},
    "TL": {"name": "Timor-Leste", "aliases": ["East Timor"]},
}

# Extra capital names (English forms news uses).
CAPITAL_ALIASES = {
    "US": ["Washington", "Washington D.C."],
    "PA": ["Panama City"],
    "CN": ["Peking"],
    "UA": ["Kiev"],
}

# English and former names of major cities that English text uses on
# their own but GeoNames spells far from the main name, by GeoNames id:
# they need no country in the document.
CITY_ALIASES = {
    "1566083": ["Saigon"],              # Ho Chi Minh City
    "1275339": ["Bombay"],              # Mumbai
    "1275004": ["Calcutta"],            # Kolkata
    "1264527": ["Madras"],              # Chennai
    "745044": ["Constantinople"],       # Istanbul
    "498817": ["Leningrad", "St. Petersburg", "St Petersburg"],  # Saint Petersburg (the Florida city is the smaller)
    "472757": ["Stalingrad"],           # Volgograd
    "1298824": ["Rangoon"],             # Yangon
    "104515": ["Mecca"],                # Makkah
    "1526384": ["Alma-Ata", "Alma Ata"],  # Almaty
    "3099434": ["Danzig"],              # Gdansk
    "554234": ["Konigsberg"],           # Kaliningrad
    "702550": ["Lvov", "Lemberg"],      # Lviv
}

# Words that start a title in Factbook leader fields, not a given name.
TITLE_WORDS = {
    "President", "Vice", "Prime", "Minister", "King", "Queen", "Sultan",
    "Emir", "Amir", "Prince", "Crown", "Chairman", "Chairwoman", "Governor",
    "General", "Premier", "Chancellor", "Supreme", "Leader", "Chief",
    "Executive", "Head", "State", "Acting", "Interim", "Transitional",
    "Council", "Federal", "Grand", "Duke", "Co-Prince", "Captain", "Regent",
    "Lieutenant", "Colonel", "Brigadier", "Field", "Marshal", "Gen", "Lt",
    "Col", "Maj", "Pope", "Mayor", "Secretary", "Administrator",
    "Commissioner", "Taoiseach", "Chairperson", "First", "Deputy", "Senior",
    "Sovereign", "Presiding", "Speaker", "Sheikh", "Shaykh", "Lord",
    "Premier", "Director", "Representative", "High", "Vice-President",
    "Co-Chief", "Governor-General", "Mullah", "Ayatollah", "Cardinal",
    "Archbishop", "Bishop", "Commander", "Major", "Admiral", "Dr", "Sir",
    "Dame", "Emperor", "Empress", "Monarch", "Royal", "His", "Her",
    "Highness", "Majesty", "Caretaker", "Provisional", "Military",
}

# Surnames that are also common English words: not matched on their own.
COMMON_WORDS = {"may", "will", "long", "young", "king", "rich", "white",
                "black", "brown", "green", "bush", "rice", "gates", "hope",
                "love", "price", "grace", "rose", "faith", "page", "cook",
                "bond", "hill", "wood", "ward", "hall", "best", "dear",
                "said", "sall", "bio"}

# Official lists the dates of office below come from.
SRC_SECDEF = "https://history.defense.gov/Multimedia/Biographies/"
SRC_SECSTATE = ("https://history.state.gov/departmenthistory/people/"
                "principalofficers/secretary")
SRC_PRES = "https://www.whitehouse.gov/about-the-white-house/presidents/"
SRC_CJCS = "https://www.jcs.mil/About/The-Joint-Staff/Chairman/"
SRC_WH = "https://www.whitehouse.gov/administration/"
SRC_DOD = "https://www.defense.gov/About/Biographies/"


def role(titles, frm, to=None):
    """Role aliases ("Defense Secretary", matched in any case) valid from
    frm to to: with `isthmus tag --as-of DATE` they name whoever held the
    office that day; without a date they do not load."""
    valid = {"from": frm}
    if to:
        valid["to"] = to
    return [{"text": t, "case": "fold", "valid": valid} for t in titles]


PRESIDENT = ["U.S. President", "US President",
             "President of the United States"]
SECDEF = ["Defense Secretary", "Secretary of Defense", "Defence Secretary",
          "U.S. Defense Secretary"]
SECWAR = ["Secretary of War", "War Secretary"]
SECSTATE = ["Secretary of State", "U.S. Secretary of State"]
CJCS = ["Chairman of the Joint Chiefs of Staff", "Joint Chiefs Chairman",
        "Chairman of the Joint Chiefs"]

# US national-security leadership and combatant commanders, past and
# present, from the public record (defense.gov, whitehouse.gov biographies).
PEOPLE = [
    {"name": "Donald Trump",
     "aliases": ["Donald J. Trump", "President Trump", "Trump"] +
     role(PRESIDENT, "2017-01-20", "2021-01-20") +
     role(PRESIDENT, "2025-01-20"),
     "attributes": {"role": "President of the United States",
                    "country": "US", "source": SRC_PRES}},
    {"name": "Joe Biden",
     "aliases": ["Joseph R. Biden", "Joseph R. Biden Jr.", "Biden"] +
     role(PRESIDENT, "2021-01-20", "2025-01-20"),
     "attributes": {"role": "former President of the United States",
                    "country": "US", "source": SRC_PRES}},
    {"name": "JD Vance", "aliases": ["J.D. Vance", "James David Vance",
                                     "Vance"],
     "attributes": {"role": "Vice President of the United States",
                    "country": "US", "source": SRC_WH}},
    {"name": "Pete Hegseth",
     "aliases": ["Hegseth", "Peter Hegseth", "Peter Brian Hegseth",
                 {"text": "SecDef", "case": "exact"}] +
     role(SECDEF, "2025-01-25") + role(SECWAR, "2025-09-05"),
     "attributes": {"role": "United States Secretary of Defense",
                    "country": "US", "source": SRC_SECDEF}},
    {"name": "Marco Rubio", "aliases": ["Rubio"] +
     role(SECSTATE, "2025-01-21"),
     "attributes": {"role": "United States Secretary of State",
                    "country": "US", "source": SRC_SECSTATE}},
    {"name": "Antony Blinken", "aliases": ["Antony J. Blinken", "Blinken"] +
     role(SECSTATE, "2021-01-26", "2025-01-20"),
     "attributes": {"role": "former United States Secretary of State",
                    "country": "US", "source": SRC_SECSTATE}},
    {"name": "Scott Bessent", "aliases": ["Bessent"],
     "attributes": {"role": "United States Secretary of the Treasury",
                    "country": "US", "source": SRC_WH}},
    {"name": "Pam Bondi", "aliases": ["Bondi", "Pamela Bondi"],
     "attributes": {"role": "United States Attorney General",
                    "country": "US", "source": SRC_WH}},
    {"name": "Kristi Noem", "aliases": ["Noem"],
     "attributes": {"role": "United States Secretary of Homeland Security",
                    "country": "US", "source": SRC_WH}},
    {"name": "Tulsi Gabbard", "aliases": ["Gabbard"],
     "attributes": {"role": "Director of National Intelligence",
                    "country": "US", "source": SRC_WH}},
    {"name": "John Ratcliffe", "aliases": ["Ratcliffe"],
     "attributes": {"role": "Director of the Central Intelligence Agency",
                    "country": "US", "source": SRC_WH}},
    {"name": "Dan Caine", "aliases": ["John Daniel Caine", "Caine"] +
     role(CJCS, "2025-04-11"),
     "attributes": {"role": "Chairman of the Joint Chiefs of Staff",
                    "country": "US", "source": SRC_CJCS}},
    {"name": "Steve Feinberg", "aliases": ["Stephen Feinberg", "Feinberg"],
     "attributes": {"role": "United States Deputy Secretary of Defense",
                    "country": "US"}},
    {"name": "Sean Parnell", "aliases": ["Parnell"],
     "attributes": {"role": "Pentagon chief spokesman", "country": "US"}},
    {"name": "Kingsley Wilson",
     "attributes": {"role": "Pentagon press secretary", "country": "US"}},
    {"name": "Howard Lutnick", "aliases": ["Lutnick"],
     "attributes": {"role": "United States Secretary of Commerce",
                    "country": "US", "source": SRC_WH}},
    {"name": "Mike Waltz", "aliases": ["Michael Waltz", "Waltz"],
     "attributes": {"role": "United States Ambassador to the United Nations",
                    "country": "US", "source": SRC_WH}},
    {"name": "Dan Driscoll", "aliases": ["Daniel Driscoll", "Driscoll"],
     "attributes": {"role": "United States Secretary of the Army",
                    "country": "US"}},
    {"name": "John Phelan", "aliases": ["Phelan"],
     "attributes": {"role": "United States Secretary of the Navy",
                    "country": "US"}},
    {"name": "Troy Meink", "aliases": ["Meink"],
     "attributes": {"role": "United States Secretary of the Air Force",
                    "country": "US"}},
    {"name": "Lloyd Austin",
     "aliases": ["Lloyd J. Austin", "Lloyd J. Austin III"] +
     role(SECDEF, "2021-01-22", "2025-01-20"),
     "attributes": {"role": "former United States Secretary of Defense",
                    "country": "US", "source": SRC_SECDEF}},
    # Combatant commanders, past and present.
    {"name": "Alvin Holsey", "aliases": ["Holsey"],
     "attributes": {"role": "Commander, U.S. Southern Command",
                    "country": "US"}},
    {"name": "Laura Richardson", "aliases": ["Laura J. Richardson"],
     "attributes": {"role": "former Commander, U.S. Southern Command",
                    "country": "US"}},
    {"name": "Craig Faller", "aliases": ["Craig S. Faller"],
     "attributes": {"role": "former Commander, U.S. Southern Command",
                    "country": "US"}},
    {"name": "Brad Cooper", "aliases": ["Charles Bradford Cooper"],
     "attributes": {"role": "Commander, U.S. Central Command",
                    "country": "US"}},
    {"name": "Michael Kurilla", "aliases": ["Michael Erik Kurilla",
                                            "Kurilla"],
     "attributes": {"role": "former Commander, U.S. Central Command",
                    "country": "US"}},
    {"name": "Kenneth McKenzie", "aliases": ["Kenneth F. McKenzie Jr.",
                                             "Frank McKenzie"],
     "attributes": {"role": "former Commander, U.S. Central Command",
                    "country": "US"}},
    {"name": "Samuel Paparo", "aliases": ["Samuel J. Paparo", "Paparo"],
     "attributes": {"role": "Commander, U.S. Indo-Pacific Command",
                    "country": "US"}},
    {"name": "John Aquilino", "aliases": ["John C. Aquilino", "Aquilino"],
     "attributes": {"role": "former Commander, U.S. Indo-Pacific Command",
                    "country": "US"}},
    {"name": "Alexus Grynkewich", "aliases": ["Grynkewich"],
     "attributes": {"role": "Commander, U.S. European Command",
                    "country": "US"}},
    {"name": "Christopher Cavoli", "aliases": ["Christopher G. Cavoli",
                                               "Cavoli"],
     "attributes": {"role": "former Commander, U.S. European Command",
                    "country": "US"}},
    {"name": "Gregory Guillot", "aliases": ["Gregory M. Guillot", "Guillot"],
     "attributes": {"role": "Commander, U.S. Northern Command",
                    "country": "US"}},
    {"name": "Glen VanHerck", "aliases": ["Glen D. VanHerck", "VanHerck"],
     "attributes": {"role": "former Commander, U.S. Northern Command",
                    "country": "US"}},
    {"name": "Dagvin Anderson", "aliases": ["Dagvin R. M. Anderson"],
     "attributes": {"role": "Commander, U.S. Africa Command",
                    "country": "US"}},
    {"name": "Michael Langley", "aliases": ["Michael E. Langley"],
     "attributes": {"role": "former Commander, U.S. Africa Command",
                    "country": "US"}},
    {"name": "Stephen Whiting", "aliases": ["Stephen N. Whiting"],
     "attributes": {"role": "Commander, U.S. Space Command",
                    "country": "US"}},
    {"name": "Timothy Haugh", "aliases": ["Timothy D. Haugh"],
     "attributes": {"role": "former Commander, U.S. Cyber Command",
                    "country": "US"}},
    {"name": "Paul Nakasone", "aliases": ["Paul M. Nakasone", "Nakasone"],
     "attributes": {"role": "former Commander, U.S. Cyber Command",
                    "country": "US"}},
    {"name": "Bryan Fenton", "aliases": ["Bryan P. Fenton"],
     "attributes": {"role": "former Commander, U.S. Special Operations "
                    "Command", "country": "US"}},
    {"name": "Frank Bradley", "aliases": ["Frank M. Bradley"],
     "attributes": {"role": "Commander, U.S. Special Operations Command",
                    "country": "US"}},
    {"name": "Anthony Cotton", "aliases": ["Anthony J. Cotton"],
     "attributes": {"role": "former Commander, U.S. Strategic Command",
                    "country": "US"}},
    {"name": "Randall Reed", "aliases": ["Randall Reed"],
     "attributes": {"role": "Commander, U.S. Transportation Command",
                    "country": "US"}},
    {"name": "Mark Milley", "aliases": ["Mark A. Milley", "Milley"] +
     role(CJCS, "2019-10-01", "2023-09-29"),
     "attributes": {"role": "former Chairman of the Joint Chiefs of Staff",
                    "country": "US", "source": SRC_CJCS}},
    {"name": "Charles Q. Brown Jr.", "aliases": ["CQ Brown",
                                                 "Charles Q. Brown"] +
     role(CJCS, "2023-10-01", "2025-02-21"),
     "attributes": {"role": "former Chairman of the Joint Chiefs of Staff",
                    "country": "US", "source": SRC_CJCS}},
]


WIKI = "https://en.wikipedia.org/wiki/"
# The rest of the list above are Defense Department officials and
# commanders, whose official biographies are at defense.gov.
for _p in PEOPLE:
    _p["attributes"].setdefault("source", SRC_DOD)


def _official(title, name, aliases, role_, country, roles=()):
    """A national-security official of another power (or of NATO or the
    EU), citing the English Wikipedia article on them (title) or, where
    given as a full address, on their office."""
    src = title if title.startswith("https://") else WIKI + title
    attrs = {"role": role_, "source": src}
    if country:
        attrs["country"] = country
    return {"name": name, "aliases": list(aliases) + list(roles),
            "attributes": attrs}


# National-security officials of the other major powers, NATO and the
# EU: foreign and defence ministers, security advisers, intelligence and
# military chiefs, past (since 2019) and present (November 2025).  A
# surname alone is an alias only when it names no one else news often
# names (not "Medvedev", the tennis player; not "Stoltenberg", also
# Gerhard, West Germany's finance minister; not "Barrot", also Jacques;
# not "Kallas", also Siim; not "Singh", "Cooper", "Katz", "Pistorius").  Role aliases carry the dates of office, as the
# US ones above do.
RU_FM = ["Russian Foreign Minister"]
RU_DM = ["Russian Defence Minister", "Russian Defense Minister"]
CN_FM = ["Chinese Foreign Minister"]
CN_DM = ["Chinese Defence Minister", "Chinese Defense Minister"]
GB_FS = ["British Foreign Secretary", "UK Foreign Secretary"]
GB_DS = ["British Defence Secretary", "UK Defence Secretary"]
NATO_SG = ["NATO Secretary General", "NATO Secretary-General"]
OFFICIALS = [
    # Russia
    _official("Sergey_Lavrov", "Sergey Lavrov", ["Sergei Lavrov", "Lavrov"],
              "Minister of Foreign Affairs of Russia (since 2004)", "RU",
              role(RU_FM, "2004-03-09")),
    _official("Andrey_Belousov", "Andrey Belousov",
              ["Andrei Belousov", "Belousov"],
              "Minister of Defence of Russia (since May 2024)", "RU",
              role(RU_DM, "2024-05-14")),
    _official("Sergei_Shoigu", "Sergei Shoigu", ["Sergey Shoigu", "Shoigu"],
              "Secretary of the Security Council of Russia (since May 2024); "
              "Minister of Defence 2012-2024", "RU",
              role(RU_DM, "2012-11-06", "2024-05-14")),
    _official("Valery_Gerasimov", "Valery Gerasimov",
              ["Valeriy Gerasimov"],
              "Chief of the General Staff of the Russian Armed Forces "
              "(since 2012)", "RU"),
    _official("Nikolai_Patrushev", "Nikolai Patrushev",
              ["Nikolay Patrushev"],
              "Secretary of the Security Council of Russia 2008-2024", "RU"),
    _official("Alexander_Bortnikov", "Alexander Bortnikov",
              ["Aleksandr Bortnikov", "Bortnikov"],
              "Director of the Federal Security Service (FSB) (since 2008)",
              "RU"),
    _official("Sergey_Naryshkin", "Sergey Naryshkin",
              ["Sergei Naryshkin", "Naryshkin"],
              "Director of the Foreign Intelligence Service (SVR) "
              "(since 2016)", "RU"),
    _official("Dmitry_Peskov", "Dmitry Peskov", ["Dmitri Peskov", "Peskov"],
              "Press secretary of the President of Russia (since 2012)",
              "RU"),
    _official("Maria_Zakharova", "Maria Zakharova", [],
              "Spokeswoman of the Ministry of Foreign Affairs of Russia "
              "(since 2015)", "RU"),
    _official("Dmitry_Medvedev", "Dmitry Medvedev", ["Dmitri Medvedev"],
              "Deputy Chairman of the Security Council of Russia "
              "(since 2020); President 2008-2012", "RU"),
    # China
    _official("Wang_Yi", "Wang Yi", [],
              "Minister of Foreign Affairs of China (2013-2022, since July "
              "2023); Director of the Office of the Central Foreign Affairs "
              "Commission", "CN",
              role(CN_FM, "2013-03-16", "2022-12-30") +
              role(CN_FM, "2023-07-25")),
    _official("Qin_Gang", "Qin Gang", [],
              "Minister of Foreign Affairs of China 2022-2023", "CN",
              role(CN_FM, "2022-12-30", "2023-07-25")),
    _official("Dong_Jun", "Dong Jun", [],
              "Minister of National Defense of China (since December 2023)",
              "CN", role(CN_DM, "2023-12-29")),
    _official("Li_Shangfu", "Li Shangfu", [],
              "Minister of National Defense of China March-October 2023",
              "CN", role(CN_DM, "2023-03-12", "2023-10-24")),
    _official("Wei_Fenghe", "Wei Fenghe", [],
              "Minister of National Defense of China 2018-2023", "CN",
              role(CN_DM, "2018-03-19", "2023-03-12")),
    # United Kingdom
    _official("Yvette_Cooper", "Yvette Cooper", [],
              "Foreign Secretary of the United Kingdom (since September "
              "2025)", "GB", role(GB_FS, "2025-09-05")),
    _official("David_Lammy", "David Lammy", ["Lammy"],
              "Deputy Prime Minister of the United Kingdom (since September "
              "2025); Foreign Secretary 2024-2025", "GB",
              role(GB_FS, "2024-07-05", "2025-09-05")),
    _official("John_Healey", "John Healey", [],
              "Secretary of State for Defence of the United Kingdom (since "
              "July 2024)", "GB", role(GB_DS, "2024-07-05")),
    _official("Grant_Shapps", "Grant Shapps", ["Shapps"],
              "Secretary of State for Defence 2023-2024", "GB",
              role(GB_DS, "2023-08-31", "2024-07-05")),
    _official("Ben_Wallace_(politician)", "Ben Wallace", [],
              "Secretary of State for Defence 2019-2023", "GB",
              role(GB_DS, "2019-07-24", "2023-08-31")),
    _official(WIKI + "National_Security_Adviser_(United_Kingdom)",
              "Jonathan Powell", [],
              "National Security Adviser of the United Kingdom (since "
              "November 2024)", "GB"),
    _official("Ken_McCallum", "Ken McCallum", [],
              "Director General of MI5 (since 2020)", "GB"),
    _official(WIKI + "Chief_of_the_Secret_Intelligence_Service",
              "Blaise Metreweli", ["Metreweli"],
              "Chief of the Secret Intelligence Service (MI6) (since "
              "October 2025)", "GB"),
    _official(WIKI + "Chief_of_the_Secret_Intelligence_Service",
              "Richard Moore", [],
              "Chief of the Secret Intelligence Service (MI6) 2020-2025",
              "GB"),
    _official("Tony_Radakin", "Tony Radakin", ["Radakin"],
              "Chief of the Defence Staff 2021-2025", "GB"),
    # France
    _official("Jean-Noël_Barrot", "Jean-Noël Barrot",
              ["Jean-Noel Barrot"],
              "Minister for Europe and Foreign Affairs of France (since "
              "September 2024)", "FR",
              role(["French Foreign Minister"], "2024-09-21")),
    _official("Sébastien_Lecornu", "Sébastien Lecornu",
              ["Sebastien Lecornu", "Lecornu"],
              "Prime Minister of France (since September 2025); Minister of "
              "the Armed Forces 2022-2025", "FR"),
    # Germany
    _official("Boris_Pistorius", "Boris Pistorius", [],
              "Federal Minister of Defence of Germany (since January 2023)",
              "DE", role(["German Defence Minister",
                          "German Defense Minister"], "2023-01-19")),
    _official("Johann_Wadephul", "Johann Wadephul", ["Wadephul"],
              "Federal Foreign Minister of Germany (since May 2025)", "DE",
              role(["German Foreign Minister"], "2025-05-06")),
    _official("Annalena_Baerbock", "Annalena Baerbock", ["Baerbock"],
              "Federal Foreign Minister of Germany 2021-2025", "DE",
              role(["German Foreign Minister"], "2021-12-08", "2025-05-06")),
    # India
    _official("Rajnath_Singh", "Rajnath Singh", [],
              "Minister of Defence of India (since 2019)", "IN",
              role(["Indian Defence Minister", "Indian Defense Minister"],
                   "2019-05-31")),
    _official("S._Jaishankar", "S. Jaishankar",
              ["Subrahmanyam Jaishankar", "Jaishankar"],
              "Minister of External Affairs of India (since 2019)", "IN",
              role(["Indian Foreign Minister",
                    "Indian External Affairs Minister"], "2019-05-30")),
    _official("Ajit_Doval", "Ajit Doval", ["Doval"],
              "National Security Advisor of India (since 2014)", "IN"),
    # Japan
    _official("Shinjirō_Koizumi", "Shinjiro Koizumi", ["Shinjirō Koizumi"],
              "Minister of Defense of Japan (since October 2025)", "JP",
              role(["Japanese Defence Minister", "Japanese Defense Minister"],
                   "2025-10-21")),
    _official("Toshimitsu_Motegi", "Toshimitsu Motegi", [],
              "Minister for Foreign Affairs of Japan (since October 2025; "
              "also 2019-2021)", "JP",
              role(["Japanese Foreign Minister"], "2025-10-21")),
    _official("Gen_Nakatani", "Gen Nakatani", [],
              "Minister of Defense of Japan 2024-2025", "JP",
              role(["Japanese Defence Minister", "Japanese Defense Minister"],
                   "2024-10-01", "2025-10-21")),
    # Israel
    _official("Israel_Katz", "Israel Katz", [],
              "Minister of Defense of Israel (since November 2024)", "IL",
              role(["Israeli Defence Minister", "Israeli Defense Minister"],
                   "2024-11-05")),
    _official("Gideon_Sa'ar", "Gideon Sa'ar", ["Gideon Saar", "Sa'ar"],
              "Minister of Foreign Affairs of Israel (since November 2024)",
              "IL", role(["Israeli Foreign Minister"], "2024-11-05")),
    _official("Yoav_Gallant", "Yoav Gallant", [],
              "Minister of Defense of Israel 2022-2024", "IL",
              role(["Israeli Defence Minister", "Israeli Defense Minister"],
                   "2022-12-29", "2024-11-05")),
    _official("Eyal_Zamir", "Eyal Zamir", [],
              "Chief of the General Staff of the Israel Defense Forces "
              "(since March 2025)", "IL"),
    _official("Herzi_Halevi", "Herzi Halevi", [],
              "Chief of the General Staff of the Israel Defense Forces "
              "2023-2025", "IL"),
    _official("David_Barnea", "David Barnea", [],
              "Director of the Mossad (since 2021)", "IL"),
    # Iran
    _official("Abbas_Araghchi", "Abbas Araghchi", ["Araghchi"],
              "Minister of Foreign Affairs of Iran (since August 2024)", "IR",
              role(["Iranian Foreign Minister"], "2024-08-21")),
    _official("Aziz_Nasirzadeh", "Aziz Nasirzadeh", ["Nasirzadeh"],
              "Minister of Defence of Iran (since August 2024)", "IR"),
    _official("Ali_Larijani", "Ali Larijani", [],
              "Secretary of the Supreme National Security Council of Iran "
              "(since August 2025)", "IR"),
    # Ukraine
    _official("Andrii_Sybiha", "Andrii Sybiha", ["Andriy Sybiha", "Sybiha"],
              "Minister of Foreign Affairs of Ukraine (since September 2024)",
              "UA", role(["Ukrainian Foreign Minister"], "2024-09-05")),
    _official("Oleksandr_Syrskyi", "Oleksandr Syrskyi",
              ["Oleksandr Syrsky", "Syrskyi", "Syrsky"],
              "Commander-in-Chief of the Armed Forces of Ukraine (since "
              "February 2024)", "UA"),
    _official("Rustem_Umerov", "Rustem Umerov", ["Umerov"],
              "Secretary of the National Security and Defense Council of "
              "Ukraine (since July 2025); Minister of Defence 2023-2025",
              "UA", role(["Ukrainian Defence Minister",
                          "Ukrainian Defense Minister"],
                         "2023-09-06", "2025-07-17")),
    _official("Denys_Shmyhal", "Denys Shmyhal", ["Shmyhal"],
              "Minister of Defence of Ukraine (since July 2025); Prime "
              "Minister 2020-2025", "UA",
              role(["Ukrainian Defence Minister",
                    "Ukrainian Defense Minister"], "2025-07-17")),
    _official("Valerii_Zaluzhnyi", "Valerii Zaluzhnyi",
              ["Valery Zaluzhny", "Zaluzhnyi", "Zaluzhny"],
              "Commander-in-Chief of the Armed Forces of Ukraine 2021-2024",
              "UA"),
    # Turkey
    _official("Hakan_Fidan", "Hakan Fidan", [],
              "Minister of Foreign Affairs of Turkey (since June 2023)", "TR",
              role(["Turkish Foreign Minister"], "2023-06-04")),
    _official("Yaşar_Güler", "Yaşar Güler", ["Yasar Guler"],
              "Minister of National Defence of Turkey (since June 2023)",
              "TR"),
    # NATO and the European Union
    _official("Mark_Rutte", "Mark Rutte", ["Rutte"],
              "Secretary General of NATO (since October 2024)", "",
              role(NATO_SG, "2024-10-01")),
    _official("Jens_Stoltenberg", "Jens Stoltenberg", [],
              "Secretary General of NATO 2014-2024", "",
              role(NATO_SG, "2014-10-01", "2024-10-01")),
    _official("Kaja_Kallas", "Kaja Kallas", [],
              "High Representative of the European Union for Foreign "
              "Affairs and Security Policy (since December 2024)", "",
              role(["EU foreign policy chief"], "2024-12-01")),
]


def _command(name, short, acr, since_role):
    return {"id": "org:us-" + short.lower().replace(" ", "-"),
            "name": "U.S. " + name,
            "kind": "military",
            "aliases": ["United States " + name, "US " + name, name,
                        acr, "US" + acr],
            "attributes": {"type": "unified combatant command",
                           "country": "US", "role": since_role}}


ORGS = [
    _command("Africa Command", "Africa Command", "AFRICOM", "geographic"),
    _command("Central Command", "Central Command", "CENTCOM", "geographic"),
    _command("European Command", "European Command", "EUCOM", "geographic"),
    _command("Indo-Pacific Command", "Indo-Pacific Command", "INDOPACOM",
             "geographic"),
    _command("Northern Command", "Northern Command", "NORTHCOM",
             "geographic"),
    _command("Southern Command", "Southern Command", "SOUTHCOM",
             "geographic"),
    _command("Space Command", "Space Command", "SPACECOM", "geographic"),
    _command("Cyber Command", "Cyber Command", "CYBERCOM", "functional"),
    _command("Special Operations Command", "Special Operations Command",
             "SOCOM", "functional"),
    _command("Strategic Command", "Strategic Command", "STRATCOM",
             "functional"),
    _command("Transportation Command", "Transportation Command",
             "TRANSCOM", "functional"),
    {"id": "org:us-department-of-defense", "name": "Department of Defense",
     "kind": "government",
     "aliases": ["U.S. Department of Defense", "Defense Department",
                 "Department of War", "War Department", "DoD",
                 {"text": "Pentagon", "case": "title"}],
     "attributes": {"country": "US"}},
    # Seats of government are buildings (FAC, scored as LOC): every
    # annotated corpus here labels "White House" and "Kremlin" as places,
    # 25 times of 25, even where they act ("the White House said").  The
    # attribute 'body' names the government they stand for.
    {"id": "org:white-house", "name": "White House", "label": "FAC",
     "kind": "seat of government",
     "attributes": {"country": "US",
                    "body": "Executive Office of the President"}},
    {"id": "org:us-department-of-state", "name": "State Department",
     "kind": "government",
     "aliases": ["Department of State", "U.S. State Department"],
     "attributes": {"country": "US"}},
    {"id": "org:us-national-security-council",
     "name": "National Security Council", "kind": "government",
     "aliases": ["NSC"], "attributes": {"country": "US"}},
    {"id": "org:joint-chiefs-of-staff", "name": "Joint Chiefs of Staff",
     "kind": "military", "aliases": ["JCS"], "attributes": {"country": "US"}},
    {"id": "org:cia", "name": "Central Intelligence Agency",
     "kind": "government", "aliases": ["CIA"],
     "attributes": {"country": "US"}},
    {"id": "org:us-army", "name": "U.S. Army", "kind": "military",
     "aliases": ["US Army", "United States Army"],
     "attributes": {"country": "US"}},
    {"id": "org:us-navy", "name": "U.S. Navy", "kind": "military",
     "aliases": ["US Navy", "United States Navy"],
     "attributes": {"country": "US"}},
    {"id": "org:us-marine-corps", "name": "U.S. Marine Corps",
     "kind": "military",
     "aliases": ["US Marine Corps", "United States Marine Corps", "USMC"],
     "attributes": {"country": "US"}},
    {"id": "org:us-air-force", "name": "U.S. Air Force", "kind": "military",
     "aliases": ["US Air Force", "United States Air Force", "USAF"],
     "attributes": {"country": "US"}},
    {"id": "org:us-coast-guard", "name": "U.S. Coast Guard",
     "kind": "military", "aliases": ["US Coast Guard",
                                     "United States Coast Guard"],
     "attributes": {"country": "US"}},
    {"id": "org:panama-canal-authority", "name": "Panama Canal Authority",
     "kind": "government",
     "aliases": ["Autoridad del Canal de Panamá", "ACP"],
     "attributes": {"country": "PA"}},
    {"id": "org:peoples-liberation-army", "name": "People's Liberation Army",
     "kind": "military", "aliases": ["PLA", "Chinese military"],
     "attributes": {"country": "CN"}},
    {"id": "org:chinese-communist-party", "name": "Chinese Communist Party",
     "kind": "political party",
     "aliases": ["Communist Party of China", "CCP", "CPC"],
     "attributes": {"country": "CN"}},
    # Companies whose names read as a person's ("Morgan Stanley", "Philip
    # Morris"): the person rule would take them.
    {"id": "org:morgan-stanley", "name": "Morgan Stanley",
     "kind": "company", "attributes": {"country": "US"}},
    {"id": "org:philip-morris", "name": "Philip Morris", "kind": "company",
     "aliases": ["Philip Morris International", "Philip Morris Cos"],
     "attributes": {"country": "US"}},
    {"id": "org:merrill-lynch", "name": "Merrill Lynch", "kind": "company",
     "attributes": {"country": "US"}},
    {"id": "org:goldman-sachs", "name": "Goldman Sachs", "kind": "company",
     "attributes": {"country": "US"}},
    {"id": "org:salomon-brothers", "name": "Salomon Brothers",
     "kind": "company", "attributes": {"country": "US"}},
    {"id": "org:lehman-brothers", "name": "Lehman Brothers",
     "kind": "company", "attributes": {"country": "US"}},
    {"id": "org:dean-witter", "name": "Dean Witter", "kind": "company",
     "aliases": ["Dean Witter Reynolds"], "attributes": {"country": "US"}},
    {"id": "org:ck-hutchison", "name": "CK Hutchison",
     "kind": "company", "aliases": ["CK Hutchison Holdings"],
     "attributes": {"country": "HK"}},
    {"id": "org:un", "name": "United Nations", "kind": "international",
     "aliases": ["UN", "U.N."]},
    {"id": "org:un-security-council", "name": "UN Security Council",
     "kind": "international",
     "aliases": ["U.N. Security Council", "United Nations Security Council",
                 "Security Council"]},
    {"id": "org:nato", "name": "NATO", "kind": "international",
     "aliases": ["North Atlantic Treaty Organization"]},
    {"id": "org:eu", "name": "European Union", "kind": "international",
     "aliases": ["EU", "E.U."]},
    {"id": "org:oas", "name": "Organization of American States",
     "kind": "international", "aliases": ["OAS"]},
    {"id": "org:wto", "name": "World Trade Organization",
     "kind": "international", "aliases": ["WTO"]},
    {"id": "org:imf", "name": "International Monetary Fund",
     "kind": "international", "aliases": ["IMF"]},
    {"id": "org:world-bank", "name": "World Bank", "kind": "international"},
    {"id": "org:asean", "name": "Association of Southeast Asian Nations",
     "kind": "international", "aliases": ["ASEAN"]},
    {"id": "org:african-union", "name": "African Union",
     "kind": "international", "aliases": ["AU"]},
    {"id": "org:opec", "name": "OPEC", "kind": "international",
     "aliases": ["Organization of the Petroleum Exporting Countries"]},
    {"id": "org:iaea", "name": "International Atomic Energy Agency",
     "kind": "international", "aliases": ["IAEA"]},
    # Seats and bodies of government that news names by themselves.
    {"id": "org:kremlin", "name": "Kremlin", "label": "FAC",
     "kind": "seat of government",
     "attributes": {"country": "RU",
                    "body": "Presidential Administration of Russia"}},
    {"id": "org:downing-street", "name": "Downing Street", "label": "FAC",
     "kind": "seat of government", "aliases": ["10 Downing Street"],
     "attributes": {"country": "GB", "body": "Prime Minister's Office"}},
    {"id": "org:elysee", "name": "Elysee Palace", "label": "FAC",
     "kind": "seat of government",
     "aliases": ["Élysée Palace", "Elysee", "Élysée"],
     "attributes": {"country": "FR", "body": "Presidency of France"}},
    {"id": "org:zhongnanhai", "name": "Zhongnanhai", "label": "FAC",
     "kind": "seat of government",
     "attributes": {"country": "CN",
                    "body": "Chinese Communist Party and State Council"}},
    {"id": "org:us-congress", "name": "U.S. Congress", "kind": "government",
     "aliases": ["US Congress", "United States Congress", "Congress"],
     "attributes": {"country": "US"}},
    {"id": "org:us-senate", "name": "U.S. Senate", "kind": "government",
     "aliases": ["US Senate", "United States Senate"],
     "attributes": {"country": "US"}},
    {"id": "org:us-house", "name": "U.S. House of Representatives",
     "kind": "government",
     "aliases": ["US House of Representatives", "House of Representatives"],
     "attributes": {"country": "US"}},
    {"id": "org:federal-reserve", "name": "Federal Reserve",
     "kind": "government",
     "aliases": ["U.S. Federal Reserve", "Federal Reserve Board",
                 {"text": "Fed", "case": "exact"}],
     "attributes": {"country": "US"}},
    {"id": "org:us-treasury", "name": "U.S. Treasury", "kind": "government",
     "aliases": ["US Treasury", "Treasury Department",
                 "Department of the Treasury"],
     "attributes": {"country": "US"}},
    {"id": "org:usda", "name": "U.S. Department of Agriculture",
     "kind": "government",
     "aliases": ["US Department of Agriculture", "Agriculture Department",
                 "Department of Agriculture",
                 {"text": "USDA", "case": "exact"}],
     "attributes": {"country": "US"}},
    {"id": "org:us-sec", "name": "Securities and Exchange Commission",
     "kind": "government",
     "aliases": ["U.S. Securities and Exchange Commission",
                 {"text": "SEC", "case": "exact"}],
     "attributes": {"country": "US"}},
    {"id": "org:nasa", "name": "NASA", "kind": "government",
     "aliases": ["National Aeronautics and Space Administration"],
     "attributes": {"country": "US"}},
    # Central banks that news names by themselves or by initials.
    {"id": "org:bundesbank", "name": "Bundesbank", "kind": "central bank",
     "aliases": ["Deutsche Bundesbank"],
     "attributes": {"country": "DE"}},
    {"id": "org:bank-of-japan", "name": "Bank of Japan",
     "kind": "central bank", "aliases": [{"text": "BOJ", "case": "exact"}],
     "attributes": {"country": "JP"}},
    {"id": "org:bank-of-england", "name": "Bank of England",
     "kind": "central bank",
     "aliases": [{"text": "BOE", "case": "exact"},
                 {"text": "BoE", "case": "exact"}],
     "attributes": {"country": "GB"}},
    {"id": "org:peoples-bank-of-china", "name": "People's Bank of China",
     "kind": "central bank", "aliases": [{"text": "PBOC", "case": "exact"}],
     "attributes": {"country": "CN"}},
    {"id": "org:fbi", "name": "Federal Bureau of Investigation",
     "kind": "government", "aliases": ["FBI"],
     "attributes": {"country": "US"}},
    {"id": "org:nsa", "name": "National Security Agency",
     "kind": "government", "aliases": [{"text": "NSA", "case": "exact"}],
     "attributes": {"country": "US"}},
    {"id": "org:bundestag", "name": "Bundestag", "kind": "government",
     "attributes": {"country": "DE"}},
    {"id": "org:state-duma", "name": "State Duma", "kind": "government",
     "aliases": ["Duma"], "attributes": {"country": "RU"}},
    {"id": "org:knesset", "name": "Knesset", "kind": "government",
     "attributes": {"country": "IL"}},
    {"id": "org:european-commission", "name": "European Commission",
     "kind": "international", "aliases": ["EU Commission"]},
    {"id": "org:european-parliament", "name": "European Parliament",
     "kind": "international"},
    {"id": "org:un-general-assembly", "name": "UN General Assembly",
     "kind": "international",
     "aliases": ["U.N. General Assembly", "United Nations General Assembly"]},
    {"id": "org:mi6", "name": "Secret Intelligence Service",
     "kind": "government", "aliases": [{"text": "MI6", "case": "exact"}],
     "attributes": {"country": "GB"}},
    {"id": "org:mossad", "name": "Mossad", "kind": "government",
     "attributes": {"country": "IL"}},
] + [
    # News agencies, broadcasters and newspapers that news cites as
    # sources ("Interfax news agency said", "told Reuters", "the weekly
    # Der Spiegel").  Rows: (id, name, type, country, aliases).  A name
    # that is also a word or another name in news goes only in its long
    # form ("Bloomberg News", not "Bloomberg"; "Anadolu Agency", not the
    # region's Turkish name; "AFP" stays the Armed Forces of the
    # Philippines where the document names the Philippines, "PTI" the
    # Pakistani party).  "The" is
    # part of a few newspapers' names ("The New York Times").
    {"id": "org:" + i, "name": n, "kind": "media",
     "aliases": al, "attributes": dict({"type": t}, **({"country": c}
                                                         if c else {}))}
    for i, n, t, c, al in [
        ("reuters", "Reuters", "news agency", "GB", []),
        ("associated-press", "Associated Press", "news agency", "US",
         [{"text": "AP", "case": "exact"}]),
        ("afp", "Agence France-Presse", "news agency", "FR",
         ["Agence France Presse"]),
        ("interfax", "Interfax", "news agency", "RU", []),
        ("tass", "TASS", "news agency", "RU",
         ["ITAR-TASS", "Itar-Tass", "Tass"]),
        ("ria-novosti", "RIA Novosti", "news agency", "RU", []),
        ("xinhua", "Xinhua News Agency", "news agency", "CN",
         ["Xinhua", "New China News Agency"]),
        ("kyodo", "Kyodo News", "news agency", "JP", ["Kyodo"]),
        ("yonhap", "Yonhap News Agency", "news agency", "KR", ["Yonhap"]),
        ("kcna", "Korean Central News Agency", "news agency", "KP",
         [{"text": "KCNA", "case": "exact"}]),
        ("dpa", "Deutsche Presse-Agentur", "news agency", "DE",
         [{"text": "dpa", "case": "exact"}, {"text": "DPA", "case": "exact"}]),
        ("ansa", "ANSA", "news agency", "IT", []),
        ("efe", "EFE", "news agency", "ES", []),
        ("pti", "Press Trust of India", "news agency", "IN", []),
        ("irna", "Islamic Republic News Agency", "news agency", "IR",
         [{"text": "IRNA", "case": "exact"}]),
        ("mena", "Middle East News Agency", "news agency", "EG", []),
        ("anadolu-agency", "Anadolu Agency", "news agency", "TR", []),
        ("tanjug", "Tanjug", "news agency", "RS", []),
        ("antara", "Antara", "news agency", "ID", []),
        ("bernama", "Bernama", "news agency", "MY", []),
        ("bloomberg-news", "Bloomberg News", "news agency", "US", []),
        ("dow-jones-newswires", "Dow Jones Newswires", "news agency", "US",
         []),
        ("bbc", "BBC", "broadcaster", "GB",
         ["British Broadcasting Corporation"]),
        ("cnn", "CNN", "broadcaster", "US", []),
        ("al-jazeera", "Al Jazeera", "broadcaster", "QA", ["Al-Jazeera"]),
        ("new-york-times", "New York Times", "newspaper", "US",
         [{"text": "The New York Times", "case": "exact"}]),
        ("washington-post", "Washington Post", "newspaper", "US",
         [{"text": "The Washington Post", "case": "exact"}]),
        ("wall-street-journal", "Wall Street Journal", "newspaper", "US",
         [{"text": "The Wall Street Journal", "case": "exact"}]),
        ("financial-times", "Financial Times", "newspaper", "GB", []),
        ("der-spiegel", "Der Spiegel", "magazine", "DE", ["Spiegel"]),
        ("le-monde", "Le Monde", "newspaper", "FR", []),
        ("le-figaro", "Le Figaro", "newspaper", "FR", []),
        ("el-pais", "El País", "newspaper", "ES", ["El Pais"]),
        ("al-ahram", "Al-Ahram", "newspaper", "EG", ["Al Ahram"]),
        ("granma", "Granma", "newspaper", "CU", []),
        ("pravda", "Pravda", "newspaper", "RU", []),
        ("izvestia", "Izvestia", "newspaper", "RU", []),
        ("peoples-daily", "People's Daily", "newspaper", "CN", []),
        ("asahi-shimbun", "Asahi Shimbun", "newspaper", "JP", []),
        ("yomiuri-shimbun", "Yomiuri Shimbun", "newspaper", "JP", []),
        ("haaretz", "Haaretz", "newspaper", "IL", []),
        ("frankfurter-allgemeine", "Frankfurter Allgemeine Zeitung",
         "newspaper", "DE", []),
    ]]

# Canals, straits, chokepoints, seas and regions.  Each cites its English
# Wikipedia article in the attribute 'source' (the title is the name, or
# 'wiki'); the generator adds the Factbook's ocean entry where the
# Factbook names it a chokepoint or strategic waterway.
PLACES = [
    {"name": "Panama Canal", "kind": "canal",
     "aliases": ["Canal de Panamá"],
     "attributes": {"country": "PA"}},
    {"name": "Suez Canal", "kind": "canal", "attributes": {"country": "EG"}},
    {"name": "Kiel Canal", "kind": "canal", "attributes": {"country": "DE"}},
    {"name": "Corinth Canal", "kind": "canal",
     "attributes": {"country": "GR"}},
    {"name": "Strait of Hormuz", "kind": "strait",
     "aliases": ["Hormuz Strait", "Straits of Hormuz"],
     "attributes": {"chokepoint": "yes"}},
    {"name": "Strait of Malacca", "kind": "strait",
     "aliases": ["Malacca Strait", "Straits of Malacca"],
     "attributes": {"chokepoint": "yes"}},
    {"name": "Bab el-Mandeb", "kind": "strait", "wiki": "Bab-el-Mandeb",
     "aliases": ["Bab el Mandeb", "Bab-el-Mandeb", "Bab al-Mandab"],
     "attributes": {"chokepoint": "yes"}},
    {"name": "Taiwan Strait", "kind": "strait",
     "aliases": ["Strait of Taiwan", "Formosa Strait"],
     "attributes": {"chokepoint": "yes"}},
    {"name": "Strait of Gibraltar", "kind": "strait",
     "aliases": ["Gibraltar Strait"], "attributes": {"chokepoint": "yes"}},
    {"name": "Bosporus", "kind": "strait",
     "aliases": ["Bosphorus", "Bosporus Strait", "Istanbul Strait"],
     "attributes": {"chokepoint": "yes"}},
    {"name": "Dardanelles", "kind": "strait",
     "attributes": {"chokepoint": "yes"}},
    {"name": "Turkish Straits", "kind": "strait",
     "attributes": {"chokepoint": "yes"}},
    {"name": "Danish Straits", "kind": "strait", "wiki": "Danish_straits",
     "attributes": {"chokepoint": "yes"}},
    {"name": "Lombok Strait", "kind": "strait",
     "attributes": {"chokepoint": "yes"}},
    {"name": "Sunda Strait", "kind": "strait",
     "attributes": {"chokepoint": "yes"}},
    {"name": "Luzon Strait", "kind": "strait",
     "attributes": {"chokepoint": "yes"}},
    {"name": "Singapore Strait", "kind": "strait",
     "aliases": ["Strait of Singapore"],
     "attributes": {"chokepoint": "yes"}},
    {"name": "Drake Passage", "kind": "strait",
     "attributes": {"chokepoint": "yes"}},
    {"name": "Strait of Magellan", "kind": "strait",
     "aliases": ["Straits of Magellan"], "attributes": {"chokepoint": "yes"}},
    {"name": "Cape of Good Hope", "kind": "cape",
     "attributes": {"chokepoint": "no"}},
    {"name": "Northern Sea Route", "kind": "shipping route"},
    {"name": "Northwest Passage", "kind": "shipping route"},
    {"name": "Western Hemisphere", "kind": "region"},
    {"name": "Eastern Hemisphere", "kind": "region"},
    {"name": "Latin America", "kind": "region"},
    {"name": "Central America", "kind": "region"},
    {"name": "South America", "kind": "region"},
    {"name": "North America", "kind": "region"},
    {"name": "Caribbean", "kind": "region"},
    {"name": "Middle East", "kind": "region", "aliases": ["Mideast"]},
    {"name": "Indo-Pacific", "kind": "region"},
    {"name": "Asia-Pacific", "kind": "region"},
    {"name": "Horn of Africa", "kind": "region"},
    {"name": "Sahel", "kind": "region"},
    {"name": "Balkans", "kind": "region"},
    {"name": "West Indies", "kind": "region"},
    {"name": "British Isles", "kind": "region"},
    {"name": "Anatolia", "kind": "region", "aliases": ["Asia Minor"]},
    {"name": "Caucasus", "kind": "region"},
    {"name": "Arctic", "kind": "region"},
    {"name": "South China Sea", "kind": "sea"},
    {"name": "East China Sea", "kind": "sea"},
    {"name": "Red Sea", "kind": "sea"},
    {"name": "Black Sea", "kind": "sea"},
    {"name": "Persian Gulf", "kind": "gulf", "aliases": ["Arabian Gulf"]},
    {"name": "Gulf of Aden", "kind": "gulf"},
    {"name": "Gulf of Oman", "kind": "gulf"},
    {"name": "Gulf of Mexico", "kind": "gulf", "aliases": ["Gulf of America"]},
    # Continents and the broad regions news names (geographic facts).
    {"name": "Europe", "kind": "continent"},
    {"name": "Asia", "kind": "continent"},
    {"name": "Africa", "kind": "continent"},
    {"name": "Antarctica", "kind": "continent"},
    {"name": "Oceania", "kind": "continent"},
    {"name": "Eurasia", "kind": "region"},
    {"name": "Western Europe", "kind": "region"},
    {"name": "Eastern Europe", "kind": "region"},
    {"name": "Central Europe", "kind": "region"},
    {"name": "Northern Europe", "kind": "region"},
    {"name": "Southern Europe", "kind": "region"},
    {"name": "Scandinavia", "kind": "region"},
    {"name": "Central Asia", "kind": "region"},
    {"name": "South Asia", "kind": "region"},
    {"name": "Southeast Asia", "kind": "region",
     "aliases": ["South-East Asia", "South-east Asia", "South East Asia"]},
    {"name": "East Asia", "kind": "region"},
    {"name": "Far East", "kind": "region"},
    {"name": "Near East", "kind": "region"},
    {"name": "North Africa", "kind": "region"},
    {"name": "West Africa", "kind": "region"},
    {"name": "East Africa", "kind": "region"},
    {"name": "Southern Africa", "kind": "region"},
    {"name": "Sub-Saharan Africa", "kind": "region"},
    {"name": "Maghreb", "kind": "region"},
    {"name": "Levant", "kind": "region"},
    # The disputed region as a whole (India's Jammu and Kashmir is a
    # subdivision; Pakistan's Azad Kashmir and Gilgit-Baltistan are too).
    {"name": "Kashmir", "kind": "region",
     "attributes": {"note": "the region disputed by India, Pakistan and "
                            "China"}},
    {"name": "Gulf", "kind": "region", "case": "exact",
     "wiki": "Arab_states_of_the_Persian_Gulf",
     "aliases": ["Gulf region"],
     "attributes": {"note": "the Persian Gulf region, as news uses it"}},
    {"name": "Midwest", "kind": "region", "aliases": ["Mid-West"],
     "wiki": "Midwestern_United_States"},
    {"name": "Pacific Northwest", "kind": "region"},
    {"name": "New England", "kind": "region"},
    {"name": "Pacific", "kind": "ocean", "aliases": ["Pacific Ocean"],
     "wiki": "Pacific_Ocean"},
    {"name": "Atlantic", "kind": "ocean", "aliases": ["Atlantic Ocean"],
     "wiki": "Atlantic_Ocean"},
    {"name": "Indian Ocean", "kind": "ocean"},
    {"name": "Arctic Ocean", "kind": "ocean"},
    {"name": "Mediterranean", "kind": "sea", "aliases": ["Mediterranean Sea"],
     "wiki": "Mediterranean_Sea"},
    {"name": "Baltic", "kind": "sea", "aliases": ["Baltic Sea"],
     "wiki": "Baltic_Sea"},
    {"name": "Wall Street", "kind": "street",
     "attributes": {"note": "the street in New York"}},
]

# Disputed, breakaway and conflict regions news names on their own, as
# GPE.  Each id names the English Wikipedia article that documents it
# (https://en.wikipedia.org/wiki/<title>): (title, name, kind, aliases,
# country where one holds it uncontested, else "").
CONTESTED_REGIONS = [
    ("Golan_Heights", "Golan Heights", "disputed region", ["Golan"], ""),
    ("Nagorno-Karabakh", "Nagorno-Karabakh", "disputed region",
     ["Nagorno Karabakh", "Karabakh", "Artsakh"], ""),
    ("Transnistria", "Transnistria", "breakaway region",
     ["Transdniestria", "Transdniester", "Trans-Dniester",
      "Trans-Dniestr", "Pridnestrovie"], ""),
    ("South_Ossetia", "South Ossetia", "breakaway region", [], ""),
    ("Somaliland", "Somaliland", "breakaway region", [], ""),
    ("Puntland", "Puntland", "autonomous region", [], "SO"),
    ("Donbas", "Donbas", "region", ["Donbass"], ""),
    ("Kurdistan", "Kurdistan", "region", [], ""),
    ("Kurdistan_Region", "Kurdistan Region", "autonomous region",
     ["Iraqi Kurdistan", "Kurdistan Region of Iraq"], "IQ"),
    ("Darfur", "Darfur", "region", [], "SD"),
    ("Ogaden", "Ogaden", "region", [], "ET"),
    ("Azawad", "Azawad", "region", [], "ML"),
    ("Waziristan", "Waziristan", "region", [], "PK"),
    ("Aksai_Chin", "Aksai Chin", "disputed region", [], ""),
    ("Ghouta", "Ghouta", "region", ["Eastern Ghouta"], "SY"),
]

# Peninsulas, islands and island groups at the centre of disputes and
# conflicts, as LOC (ids as above).
LAND_REGIONS = [
    # "Sinai" alone is also a surname (the economist Allen Sinai).
    ("Sinai_Peninsula", "Sinai Peninsula", "peninsula",
     [{"text": "Sinai", "case": "title",
       "context": {"requires_any": ["Egypt", "Egyptian", "Egyptians",
                                    "Israel", "Israeli", "Israelis",
                                    "Gaza"]}}], "EG"),
    ("Korean_Peninsula", "Korean Peninsula", "peninsula", [], ""),
    ("Kuril_Islands", "Kuril Islands", "islands",
     ["Kurile Islands", "Kurils", "Kuriles"], ""),
    ("Spratly_Islands", "Spratly Islands", "islands", ["Spratlys"], ""),
    ("Paracel_Islands", "Paracel Islands", "islands", ["Paracels"], ""),
    ("Senkaku_Islands", "Senkaku Islands", "islands",
     ["Senkakus", "Diaoyu Islands", "Diaoyutai Islands"], ""),
    ("Mindanao", "Mindanao", "island", [], "PH"),
    ("North_Caucasus", "North Caucasus", "region", [], "RU"),
    ("Siachen_Glacier", "Siachen Glacier", "glacier", ["Siachen"], ""),
]

# Names of first-level units without their kind (build_gazetteers.py,
# short_names) that news uses for something else first, each with the
# article that says so.
NOT_SHORT_NAMES = {
    "Granma": "https://en.wikipedia.org/wiki/Granma_(newspaper)",
    "Shan": "https://en.wikipedia.org/wiki/Shan_people",
    "Kachin": "https://en.wikipedia.org/wiki/Kachin_people",
    "Kayin": "https://en.wikipedia.org/wiki/Karen_people",
    "Kayah": "https://en.wikipedia.org/wiki/Karenni_people",
    "Chuvash": "https://en.wikipedia.org/wiki/Chuvash_people",
    "Sidama": "https://en.wikipedia.org/wiki/Sidama_people",
    "Samburu": "https://en.wikipedia.org/wiki/Samburu_people",
    "Turkana": "https://en.wikipedia.org/wiki/Turkana_people",
    "Amhara": "https://en.wikipedia.org/wiki/Amhara_people",
    "Amur": "https://en.wikipedia.org/wiki/Amur_River",
}

# Constituent countries and former states, as GPE.  Ids are Wikidata
# items (https://www.wikidata.org/wiki/Q...), cited there.
POLITICAL_REGIONS = [
    {"id": "Q21", "name": "England", "kind": "constituent country",
     "attributes": {"country": "GB"}},
    {"id": "Q22", "name": "Scotland", "kind": "constituent country",
     "attributes": {"country": "GB"}},
    {"id": "Q25", "name": "Wales", "kind": "constituent country",
     "attributes": {"country": "GB"}},
    {"id": "Q26", "name": "Northern Ireland", "kind": "constituent country",
     "attributes": {"country": "GB"}},
    {"id": "Q15180", "name": "Soviet Union", "kind": "former country",
     "aliases": ["USSR", "U.S.S.R.", "Union of Soviet Socialist Republics"]},
    {"id": "Q83286", "name": "Yugoslavia", "kind": "former country",
     "aliases": ["Socialist Federal Republic of Yugoslavia"]},
    {"id": "Q33946", "name": "Czechoslovakia", "kind": "former country"},
    {"id": "Q16957", "name": "East Germany", "kind": "former country",
     "aliases": ["German Democratic Republic", "GDR"]},
    {"id": "Q12560", "name": "Ottoman Empire", "kind": "former country"},
    {"id": "Q8680", "name": "British Empire", "kind": "former country"},
    {"id": "Q34266", "name": "Russian Empire", "kind": "former country"},
    {"id": "Q28513", "name": "Austria-Hungary", "kind": "former country",
     "aliases": ["Austro-Hungarian Empire"]},
    {"id": "Q2277", "name": "Roman Empire", "kind": "former country"},
    {"id": "Q713750", "name": "West Germany", "kind": "former country",
     "attributes": {"note": "the Federal Republic before 1990"}},
]

# Former states and regimes that no current country's former names
# cover (countries.yaml already has Burma, Ceylon, Persia, Siam, Zaire,
# Rhodesia, Dahomey, ...).  Each id names the English Wikipedia article
# that documents the state (https://en.wikipedia.org/wiki/<title>).
FORMER_STATES = [
    ("German_Empire", "German Empire", ["Imperial Germany"]),
    ("Kingdom_of_Prussia", "Kingdom of Prussia", ["Prussia"]),
    ("Weimar_Republic", "Weimar Republic", []),
    ("Nazi_Germany", "Nazi Germany", ["Third Reich"]),
    ("Austrian_Empire", "Austrian Empire", []),
    ("Holy_Roman_Empire", "Holy Roman Empire", []),
    ("Byzantine_Empire", "Byzantine Empire", []),
    ("Mughal_Empire", "Mughal Empire", []),
    ("Empire_of_Japan", "Empire of Japan", ["Imperial Japan"]),
    ("Kingdom_of_Italy", "Kingdom of Italy", []),
    ("Kingdom_of_Yugoslavia", "Kingdom of Yugoslavia", []),
    ("Serbia_and_Montenegro", "Serbia and Montenegro",
     ["Federal Republic of Yugoslavia"]),
    ("Polish–Lithuanian_Commonwealth", "Polish-Lithuanian Commonwealth",
     ["Polish–Lithuanian Commonwealth"]),
    ("Grand_Duchy_of_Lithuania", "Grand Duchy of Lithuania", []),
    ("First_Hellenic_Republic", "First Hellenic Republic", []),
    ("Kingdom_of_Greece", "Kingdom of Greece", []),
    ("French_Third_Republic", "French Third Republic", []),
    ("French_Fourth_Republic", "French Fourth Republic", []),
    ("French_Fifth_Republic", "French Fifth Republic", []),
    ("Vichy_France", "Vichy France", []),
    ("Irish_Free_State", "Irish Free State", []),
    ("Kingdom_of_Hawaii", "Kingdom of Hawaii", []),
    ("Republic_of_Texas", "Republic of Texas", []),
    ("Confederate_States_of_America", "Confederate States of America",
     ["Confederate States"]),
    ("Cape_Colony", "Cape Colony", []),
    ("Colony_of_Natal", "Colony of Natal", []),
    ("South_African_Republic", "South African Republic", [
        "Transvaal Republic"]),
    ("Orange_Free_State", "Orange Free State", []),
    ("Union_of_South_Africa", "Union of South Africa", []),
    ("Southern_Rhodesia", "Southern Rhodesia", []),
    ("Northern_Rhodesia", "Northern Rhodesia", []),
    ("Bophuthatswana", "Bophuthatswana", []),
    ("Transkei", "Transkei", []),
    ("Ciskei", "Ciskei", []),
    ("State_of_Katanga", "State of Katanga", []),
    ("Republic_of_Biafra", "Biafra", ["Republic of Biafra"]),
    ("Belgian_Congo", "Belgian Congo", []),
    ("German_South_West_Africa", "German South West Africa", [
        "German South-West Africa"]),
    ("German_East_Africa", "German East Africa", []),
    ("Federation_of_Malaya", "Federation of Malaya", ["Malaya"]),
    ("North_Borneo", "North Borneo", ["British North Borneo"]),
    ("Straits_Settlements", "Straits Settlements", []),
    ("French_Indochina", "French Indochina", []),
    ("Dutch_East_Indies", "Dutch East Indies", []),
    ("British_Raj", "British Raj", ["British India"]),
    ("Mandatory_Palestine", "Mandatory Palestine", [
        "British Mandate of Palestine", "Mandate Palestine"]),
    ("Trucial_States", "Trucial States", []),
    ("South_Vietnam", "South Vietnam", []),
    ("North_Vietnam", "North Vietnam", []),
    ("South_Yemen", "South Yemen", []),
    ("North_Yemen", "North Yemen", []),
    ("United_Arab_Republic", "United Arab Republic", []),
]


# International organizations that no longer exist or have no
# secretariat, so the supraverden list lacks them, though news names them
# ("the OAU summit", "G7 finance ministers").  Each id names the English
# Wikipedia article (https://en.wikipedia.org/wiki/<title>).  Rows:
# (title, name, aliases, abbreviations in exact case).
FORMER_ORGS = [
    ("Organisation_of_African_Unity", "Organisation of African Unity", [],
     ["OAU"]),
    ("General_Agreement_on_Tariffs_and_Trade",
     "General Agreement on Tariffs and Trade", [], ["GATT"]),
    ("Warsaw_Pact", "Warsaw Pact", ["Warsaw Treaty Organization"], []),
    ("Comecon", "Comecon", ["Council for Mutual Economic Assistance"],
     ["CMEA", "COMECON"]),
    ("European_Economic_Community", "European Economic Community", [],
     ["EEC"]),
    ("European_Communities", "European Community", ["European Communities"],
     []),
    ("League_of_Nations", "League of Nations", [], []),
    ("Conference_on_Security_and_Co-operation_in_Europe",
     "Conference on Security and Co-operation in Europe", [], ["CSCE"]),
    ("Southeast_Asia_Treaty_Organization",
     "Southeast Asia Treaty Organization", [], ["SEATO"]),
    ("Western_European_Union", "Western European Union", [], ["WEU"]),
    ("Group_of_Seven", "Group of Seven", [], ["G7", "G-7"]),
    ("Group_of_Eight", "Group of Eight", [], ["G8", "G-8"]),
    ("G20", "Group of Twenty", [], ["G20", "G-20"]),
    ("Non-Aligned_Movement", "Non-Aligned Movement",
     ["Nonaligned Movement"], ["NAM"]),
    ("Commonwealth_of_Nations", "Commonwealth of Nations", [], []),
]

# Former names of organizations the supraverden list holds, by its
# English name (Wikipedia's article on each gives the former name).
INTL_FORMER_NAMES = {
    "Organisation of Islamic Cooperation": [
        "Organisation of the Islamic Conference"],
}


# Major political parties, with distinctive names only: a name many
# countries' parties share ("Democratic Party", "Socialist Party",
# "Labour Party") is left to the rule party-by-shape, which tags it
# without claiming which party it is.  Abbreviations match in exact case.
# Each id names the English Wikipedia article on the party
# (https://en.wikipedia.org/wiki/<title>).  Rows: (title, name, country,
# aliases, abbreviations).
PARTIES = [
    # United States, United Kingdom, Ireland
    ("Scottish_National_Party", "Scottish National Party", "GB", [],
     ["SNP"]),
    ("Democratic_Unionist_Party", "Democratic Unionist Party", "GB", [],
     ["DUP"]),
    ("Ulster_Unionist_Party", "Ulster Unionist Party", "GB", [], ["UUP"]),
    ("Social_Democratic_and_Labour_Party",
     "Social Democratic and Labour Party", "GB", [], ["SDLP"]),
    ("Alliance_Party_of_Northern_Ireland",
     "Alliance Party of Northern Ireland", "GB", [], []),
    ("Sinn_Féin", "Sinn Féin", "IE", ["Sinn Fein"], []),
    ("Plaid_Cymru", "Plaid Cymru", "GB", [], []),
    ("UK_Independence_Party", "UK Independence Party", "GB", [], ["UKIP"]),
    ("Reform_UK", "Reform UK", "GB", [], []),
    ("Fianna_Fáil", "Fianna Fáil", "IE", ["Fianna Fail"], []),
    ("Fine_Gael", "Fine Gael", "IE", [], []),
    # Germany, Austria, Switzerland
    ("Christian_Democratic_Union_of_Germany",
     "Christian Democratic Union of Germany", "DE",
     ["Christian Democratic Union"], ["CDU"]),
    ("Christian_Social_Union_in_Bavaria", "Christian Social Union in Bavaria",
     "DE", ["Christian Social Union"], ["CSU"]),
    ("Social_Democratic_Party_of_Germany",
     "Social Democratic Party of Germany", "DE", [], ["SPD"]),
    ("Alliance_90/The_Greens", "Alliance 90/The Greens", "DE",
     ["Alliance 90 / The Greens"], []),
    ("Alternative_for_Germany", "Alternative for Germany", "DE", [], ["AfD"]),
    ("Austrian_People's_Party", "Austrian People's Party", "AT", [], ["ÖVP"]),
    ("Freedom_Party_of_Austria", "Freedom Party of Austria", "AT", [],
     ["FPÖ"]),
    ("Swiss_People's_Party", "Swiss People's Party", "CH", [], []),
    # France, Italy, Spain, Portugal, Benelux, Nordics
    ("National_Rally", "National Rally", "FR",
     ["Rassemblement National", "National Front (France)"], []),
    ("La_France_Insoumise", "La France Insoumise", "FR",
     ["France Unbowed"], []),
    ("Forza_Italia", "Forza Italia", "IT", [], []),
    ("Brothers_of_Italy", "Brothers of Italy", "IT", ["Fratelli d'Italia"],
     []),
    ("Lega_Nord", "Lega Nord", "IT", ["Northern League"], []),
    ("Five_Star_Movement", "Five Star Movement", "IT", [], []),
    ("Spanish_Socialist_Workers'_Party", "Spanish Socialist Workers' Party",
     "ES", [], ["PSOE"]),
    ("Podemos_(Spanish_political_party)", "Podemos", "ES", [], []),
    ("People's_Party_for_Freedom_and_Democracy",
     "People's Party for Freedom and Democracy", "NL", [], ["VVD"]),
    ("Party_for_Freedom", "Party for Freedom", "NL", [], ["PVV"]),
    ("Sweden_Democrats", "Sweden Democrats", "SE", [], []),
    # Central and Eastern Europe, Russia, Turkey
    ("Fidesz", "Fidesz", "HU", [], []),
    ("Law_and_Justice", "Law and Justice", "PL", [], ["PiS"]),
    ("Civic_Platform", "Civic Platform", "PL", [], []),
    ("New_Democracy_(Greece)", "New Democracy", "GR", [], []),
    ("Syriza", "Syriza", "GR", ["SYRIZA"], []),
    ("PASOK", "PASOK", "GR", ["Panhellenic Socialist Movement"], []),
    ("United_Russia", "United Russia", "RU", [], []),
    ("A_Just_Russia", "A Just Russia", "RU", ["Fair Russia"], []),
    ("Liberal_Democratic_Party_of_Russia",
     "Liberal Democratic Party of Russia", "RU", [], ["LDPR"]),
    ("Communist_Party_of_the_Russian_Federation",
     "Communist Party of the Russian Federation", "RU", [], ["KPRF"]),
    ("Yabloko", "Yabloko", "RU", [], []),
    ("Servant_of_the_People_(political_party)", "Servant of the People",
     "UA", [], []),
    ("Justice_and_Development_Party_(Turkey)",
     "Justice and Development Party", "TR", [], ["AKP"]),
    ("Republican_People's_Party", "Republican People's Party", "TR", [],
     ["CHP"]),
    # Americas
    ("Liberal_Party_of_Canada", "Liberal Party of Canada", "CA", [], []),
    ("Conservative_Party_of_Canada", "Conservative Party of Canada", "CA",
     [], []),
    ("New_Democratic_Party", "New Democratic Party", "CA", [], ["NDP"]),
    ("Bloc_Québécois", "Bloc Québécois", "CA", ["Bloc Quebecois"], []),
    ("Institutional_Revolutionary_Party", "Institutional Revolutionary Party",
     "MX", [], ["PRI"]),
    ("Morena_(political_party)", "Morena", "MX",
     ["National Regeneration Movement"], []),
    ("United_Socialist_Party_of_Venezuela",
     "United Socialist Party of Venezuela", "VE", [], ["PSUV"]),
    ("Peronism", "Justicialist Party", "AR", [], []),
    # Asia, Oceania, Middle East, Africa
    ("Chinese_Communist_Party", "Chinese Communist Party", "CN",
     ["Communist Party of China"], ["CCP"]),
    ("Kuomintang", "Kuomintang", "TW", ["KMT"], []),
    ("Democratic_Progressive_Party", "Democratic Progressive Party", "TW",
     [], ["DPP"]),
    ("Bharatiya_Janata_Party", "Bharatiya Janata Party", "IN", [], ["BJP"]),
    ("Indian_National_Congress", "Indian National Congress", "IN",
     ["Congress Party"], []),
    ("Pakistan_Tehreek-e-Insaf", "Pakistan Tehreek-e-Insaf", "PK", [],
     ["PTI"]),
    ("Pakistan_Muslim_League_(N)", "Pakistan Muslim League (N)", "PK", [],
     ["PML-N"]),
    ("Awami_League", "Awami League", "BD", [], []),
    ("Liberal_Democratic_Party_(Japan)", "Liberal Democratic Party of Japan",
     "JP", [], []),
    ("Komeito", "Komeito", "JP", [], []),
    ("United_Malays_National_Organisation",
     "United Malays National Organisation", "MY", [], ["UMNO"]),
    ("Barisan_Nasional", "Barisan Nasional", "MY", [], []),
    ("Australian_Labor_Party", "Australian Labor Party", "AU", [], []),
    ("Liberal_Party_of_Australia", "Liberal Party of Australia", "AU", [],
     []),
    ("National_Party_of_Australia", "National Party of Australia", "AU", [],
     []),
    ("Australian_Greens", "Australian Greens", "AU", [], []),
    ("New_Zealand_National_Party", "New Zealand National Party", "NZ", [],
     []),
    ("New_Zealand_Labour_Party", "New Zealand Labour Party", "NZ", [], []),
    ("ACT_New_Zealand", "ACT New Zealand", "NZ", [], []),
    ("New_Zealand_First", "New Zealand First", "NZ", [], []),
    ("Likud", "Likud", "IL", [], []),
    ("Fatah", "Fatah", "PS", [], []),
    ("African_National_Congress", "African National Congress", "ZA", [],
     ["ANC"]),
    ("Economic_Freedom_Fighters", "Economic Freedom Fighters", "ZA", [],
     ["EFF"]),
    ("ZANU–PF", "ZANU-PF", "ZW", ["ZANU–PF"], []),
]


# Airports and sports grounds that news names alone ("flights from
# Heathrow", "the third Test at Headingley").  Rows: (English Wikipedia
# article title, name, kind, country, aliases, context words or None).
# A name that is also a word or a phrase of other uses ("Oval", "Lord's")
# needs a word of its sport in the document.
_CRICKET = ["cricket", "Test", "Tests", "wicket*", "innings", "batting",
            "bowling", "MCC", "Surrey", "Middlesex", "county championship"]
FACILITIES = [
    ("Heathrow_Airport", "Heathrow Airport", "airport", "GB",
     ["Heathrow", "London Heathrow"], None),
    ("Gatwick_Airport", "Gatwick Airport", "airport", "GB",
     ["Gatwick", "London Gatwick"], None),
    ("London_Stansted_Airport", "Stansted Airport", "airport", "GB",
     ["Stansted", "London Stansted"], None),
    ("John_F._Kennedy_International_Airport",
     "John F. Kennedy International Airport", "airport", "US",
     ["JFK Airport", "Kennedy Airport"], None),
    ("LaGuardia_Airport", "LaGuardia Airport", "airport", "US",
     ["LaGuardia"], None),
    ("O'Hare_International_Airport", "O'Hare International Airport",
     "airport", "US", ["O'Hare Airport"], None),
    ("Washington_Dulles_International_Airport",
     "Washington Dulles International Airport", "airport", "US",
     ["Dulles Airport", "Dulles International Airport"], None),
    ("Charles_de_Gaulle_Airport", "Charles de Gaulle Airport", "airport",
     "FR", ["Roissy-Charles de Gaulle"], None),
    ("Orly_Airport", "Orly Airport", "airport", "FR", ["Paris-Orly"], None),
    ("Amsterdam_Airport_Schiphol", "Schiphol Airport", "airport", "NL",
     ["Schiphol", "Amsterdam Airport Schiphol"], None),
    ("Frankfurt_Airport", "Frankfurt Airport", "airport", "DE", [], None),
    ("Narita_International_Airport", "Narita International Airport",
     "airport", "JP", ["Narita Airport"], None),
    ("Haneda_Airport", "Haneda Airport", "airport", "JP", [], None),
    ("Singapore_Changi_Airport", "Changi Airport", "airport", "SG",
     ["Singapore Changi Airport"], None),
    ("Kai_Tak_Airport", "Kai Tak Airport", "airport", "HK", ["Kai Tak"],
     None),
    ("Hong_Kong_International_Airport", "Hong Kong International Airport",
     "airport", "HK", ["Chek Lap Kok"], None),
    ("Sheremetyevo_International_Airport", "Sheremetyevo Airport", "airport",
     "RU", ["Sheremetyevo"], None),
    ("Ben_Gurion_Airport", "Ben Gurion Airport", "airport", "IL",
     ["Ben Gurion International Airport"], None),
    ("The_Oval", "The Oval", "sports ground", "GB", ["Oval", "Kennington Oval"],
     _CRICKET),
    ("Lord's", "Lord's", "sports ground", "GB", ["Lord's Cricket Ground"],
     _CRICKET),
    ("Headingley_Stadium", "Headingley", "sports ground", "GB", [], None),
    ("Trent_Bridge", "Trent Bridge", "sports ground", "GB", [], None),
    ("Edgbaston_Cricket_Ground", "Edgbaston", "sports ground", "GB", [],
     None),
    ("Old_Trafford", "Old Trafford", "sports ground", "GB", [], None),
    ("Wembley_Stadium", "Wembley Stadium", "sports ground", "GB",
     ["Wembley"], None),
    ("Anfield", "Anfield", "sports ground", "GB", [], None),
    ("Santiago_Bernabéu_Stadium", "Santiago Bernabeu", "sports ground", "ES",
     ["Santiago Bernabéu", "Bernabeu"], None),
    ("Camp_Nou", "Camp Nou", "sports ground", "ES", ["Nou Camp"], None),
    ("San_Siro", "San Siro", "sports ground", "IT", [], None),
    ("Maracanã_Stadium", "Maracana", "sports ground", "BR", ["Maracanã"],
     None),
    ("USTA_Billie_Jean_King_National_Tennis_Center", "Flushing Meadows",
     "sports ground", "US", ["National Tennis Center",
                             "National Tennis Centre"], None),
]


# US states: the AP Stylebook abbreviations of news datelines
# ("FARMINGTON HILLS, Mich."), matched in exact case with their period
# (https://en.wikipedia.org/wiki/List_of_U.S._state_and_territory_abbreviations,
# "AP" column).  "Miss." and "Ind." are left out: a title and a party.
US_STATE_AP = {
    "Alabama": "Ala.", "Arizona": "Ariz.", "Arkansas": "Ark.",
    "California": "Calif.", "Colorado": "Colo.", "Connecticut": "Conn.",
    "Delaware": "Del.", "Florida": "Fla.", "Georgia": "Ga.",
    "Illinois": "Ill.", "Kansas": "Kan.", "Kentucky": "Ky.",
    "Louisiana": "La.", "Maryland": "Md.", "Massachusetts": "Mass.",
    "Michigan": "Mich.", "Minnesota": "Minn.", "Missouri": "Mo.",
    "Montana": "Mont.", "Nebraska": "Neb.", "Nevada": "Nev.",
    "New Hampshire": "N.H.", "New Jersey": "N.J.", "New Mexico": "N.M.",
    "New York": "N.Y.", "North Carolina": "N.C.", "North Dakota": "N.D.",
    "Oklahoma": "Okla.", "Oregon": "Ore.", "Pennsylvania": "Pa.",
    "Rhode Island": "R.I.", "South Carolina": "S.C.", "South Dakota": "S.D.",
    "Tennessee": "Tenn.", "Vermont": "Vt.", "Virginia": "Va.",
    "Washington": "Wash.", "West Virginia": "W.Va.", "Wisconsin": "Wis.",
    "Wyoming": "Wyo.",
}


# Spellings news uses for armed groups the Factbook names otherwise
# (keys: the Factbook's name).  Common English transliterations.
GROUP_ALIASES = {
    "Hizballah": ["Hezbollah", "Hizbollah", "Hizbullah"],
    # The Factbook writes the acronym (Harakat al-Muqawama al-Islamiya);
    # news writes it as a word.
    "HAMAS": ["Hamas", "Harakat al-Muqawama al-Islamiya"],
    "al-Qa’ida": ["al-Qaeda", "al Qaeda", "Al-Qaeda", "al-Qaida"],
    "Islamic State of Iraq and ash-Sham": [
        "Islamic State", "Islamic State of Iraq and Syria",
        "Islamic State of Iraq and the Levant",
        {"text": "ISIS", "case": "exact"}, {"text": "ISIL", "case": "exact"},
        "Daesh", "Da'esh", "Da’esh", {"text": "DAESH", "case": "exact"},
        {"text": "IS", "case": "exact",
         "context": {"requires_any": ["Islamic State", "jihadist*",
                                      "militant*", "Syria", "Iraq"]}}],
    "al-Shabaab": ["al-Shabab", "Al-Shabaab", "Al Shabaab"],
    "Ansarallah": ["Houthis", "Houthi", "Ansar Allah"],
    "Kurdistan Workers' Party": [{"text": "PKK", "case": "exact"}],
    "Revolutionary Armed Forces of Colombia": [
        {"text": "FARC", "case": "exact"}],
    "National Liberation Army": [{"text": "ELN", "case": "exact"}],
    "Liberation Tigers of Tamil Eelam": ["Tamil Tigers",
                                         {"text": "LTTE", "case": "exact"}],
}


def _group(name, kind, *aliases, **attrs):
    return {"id": "norp:" + name.lower().replace(" ", "-").replace("'", ""),
            "name": name, "kind": kind, "aliases": list(aliases),
            "attributes": attrs}


# Peoples, religious and political groups and regional identities (NORP
# in OntoNotes) that no country's demonym covers.  Common English names.
GROUPS = [
    _group("European", "regional", "Europeans"),
    _group("African", "regional", "Africans"),
    _group("Asian", "regional", "Asians"),
    _group("Latin American", "regional", "Latin Americans"),
    _group("North American", "regional", "North Americans"),
    _group("South American", "regional", "South Americans"),
    _group("West Indian", "regional", "West Indians"),
    _group("Arab", "ethnic", "Arabs"),
    _group("Palestinian", "ethnic", "Palestinians"),
    _group("Kurdish", "ethnic", "Kurd", "Kurds"),
    _group("Chechen", "ethnic", "Chechens"),
    _group("Basque", "ethnic", "Basques"),
    _group("Catalan", "ethnic", "Catalans"),
    _group("Tamil", "ethnic", "Tamils"),
    _group("Pashtun", "ethnic", "Pashtuns"),
    _group("Tibetan", "ethnic", "Tibetans"),
    _group("Uyghur", "ethnic", "Uyghurs", "Uighur", "Uighurs"),
    _group("Hutu", "ethnic", "Hutus"),
    _group("Tutsi", "ethnic", "Tutsis"),
    _group("Bosnian Serb", "ethnic", "Bosnian Serbs"),
    _group("Bosnian Croat", "ethnic", "Bosnian Croats"),
    _group("Bosniak", "ethnic", "Bosniaks"),
    _group("Croat", "ethnic", "Croats"),
    _group("Serb", "ethnic", "Serbs"),
    _group("Muslim", "religious", "Muslims", "Moslem", "Moslems"),
    _group("Islamic", "religious"),
    _group("Christian", "religious", "Christians"),
    _group("Catholic", "religious", "Catholics", "Roman Catholic",
           "Roman Catholics"),
    _group("Protestant", "religious", "Protestants"),
    _group("Jewish", "religious", "Jew", "Jews"),
    _group("Hindu", "religious", "Hindus"),
    _group("Buddhist", "religious", "Buddhists"),
    _group("Sikh", "religious", "Sikhs"),
    _group("Sunni", "religious", "Sunnis"),
    _group("Shi'ite", "religious", "Shi'ites", "Shiite", "Shiites", "Shia"),
    _group("Democrat", "political", "Democrats", country="US"),
    _group("Republican", "political", "Republicans", country="US"),
    _group("Islamist", "political", "Islamists"),
    # The peoples of the constituent countries (regions.yaml) and of
    # former states, which no Factbook country's demonym covers.
    _group("English", "nationality", "Englishman", "Englishmen",
           "Englishwoman", "Englishwomen", region="England"),
    _group("Scottish", "nationality", "Scotsman", "Scotsmen",
           "Scotswoman", "Scotswomen", region="Scotland"),
    _group("Welsh", "nationality", "Welshman", "Welshmen", "Welshwoman",
           "Welshwomen", region="Wales"),
    _group("Northern Irish", "nationality", region="Northern Ireland"),
    _group("Soviet", "nationality", "Soviets", former="Soviet Union"),
    _group("Yugoslav", "nationality", "Yugoslavs", "Yugoslavian",
           former="Yugoslavia"),
]
