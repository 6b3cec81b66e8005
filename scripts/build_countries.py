"""Regenerate models/countries.jsonl: every sovereign state with its French names (babel/CLDR)
plus the variants French news uses. Run: python scripts/build_countries.py"""

from __future__ import annotations

import json
from pathlib import Path

from babel import Locale

# UN member states, the two observer states, and Kosovo.
SOVEREIGN = """AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF BI CV KH
CM CA CF TD CL CN CO KM CG CD CR CI HR CU CY CZ DK DJ DM DO EC EG SV GQ ER EE SZ ET FJ FI FR GA GM GE
DE GH GR GD GT GN GW GY HT HN HU IS IN ID IR IQ IE IL IT JM JP JO KZ KE KI KP KR KW KG LA LV LB LS LR LY
LI LT LU MG MW MY MV ML MT MH MR MU MX FM MD MC MN ME MA MZ MM NA NR NP NL NZ NI NE NG MK NO OM PK PW PA
PG PY PE PH PL PT QA RO RU RW KN LC VC WS SM ST SA SN RS SC SL SG SK SI SB SO ZA SS ES LK SD SR SE CH SY
TJ TZ TH TL TG TO TT TN TR TM TV UG UA AE GB US UY UZ VU VE VN YE ZM ZW PS VA XK""".split()

# Canonical names where the press (and the gold data) prefer another form than CLDR's.
CANONICAL = {
    "US": "Etats-Unis", "CF": "République centrafricaine", "CD": "République démocratique du Congo", "CG": "Congo",
    "SS": "Soudan du Sud", "MK": "Macédoine du Nord", "XK": "Kosovo", "PS": "Palestine",
    "VA": "Vatican", "SZ": "Eswatini", "MM": "Myanmar", "CI": "Côte d'Ivoire",
    "GB": "Royaume-Uni", "CZ": "Tchéquie", "KR": "Corée du Sud", "KP": "Corée du Nord",
}
VARIANTS = {
    "US": ["États-Unis", "Etats Unis", "États Unis", "Etat-Unis", "Etats-Unis d'Amérique",
           "États-Unis d'Amérique", "Etats Unis d'Amérique", "USA", "U.S.A.", "U.S.", "US",
           "Amérique", "United States", "United States of America"],
    "MA": ["Royaume du Maroc", "Royaume chérifien", "Royaume"],
    "GB": ["Grande-Bretagne", "Royaume Uni", "Angleterre"],
    "RU": ["Fédération de Russie"],
    "DE": ["République fédérale d'Allemagne"],
    "SS": ["Sud Soudan", "Sud-Soudan"],
    "CF": ["République Centre-Africaine", "Centrafrique"],
    "CD": ["RDC", "RD Congo", "Congo-Kinshasa"],
    "CG": ["Congo-Brazzaville", "République du Congo", "Congo"],   # "la RDC" names the other Congo
    "IL": ["Etat d'Israël", "État d'Israël", "Israel"],
    "ZA": ["République d'Afrique du Sud", "République de l'Afrique du Sud"],
    "DZ": ["République algérienne"],
    "FR": ["République française"],
    "TN": ["République tunisienne"],
    "ES": ["Royaume d'Espagne"],
    "SA": ["Royaume d'Arabie saoudite"],
    "CN": ["République populaire de Chine"],
    "AE": ["EAU", "Emirats arabes unis", "Émirats"],
    "SZ": ["Swaziland", "Royaume d'Eswatini"],
    "NL": ["Hollande"],
    "IR": ["République islamique d'Iran"],
    "MR": ["République islamique de Mauritanie"],
    "NG": ["Nigéria"],
    "BW": ["République du Botswana"],
    "MW": ["République du Malawi"],
    "PS": ["État de Palestine", "Etat de Palestine"],
    "VA": ["Saint-Siège"],
    "CI": ["Côte-d'Ivoire"],
    "TR": ["Turquie", "Türkiye"],
}
# Capitals, recognised only when they act as the state ("Rabat et Washington ont ...").
# Left out: capitals spelt like their state (Koweït, Djibouti, Luxembourg, Singapour, Panama,
# Guatemala, Saint-Marin, Monaco), and names that are also common first names or words
# (Victoria, Kingston, Male, Roseau, Praia, Lima, Sofia, Colombo, Moroni), and seats of
# international bodies (Vienne, La Haye, Addis-Abeba).
CAPITALS = {
    "MA": ["Rabat"], "US": ["Washington"], "FR": ["Paris"], "ES": ["Madrid"], "DZ": ["Alger"],
    "GB": ["Londres"], "RU": ["Moscou"], "CN": ["Pékin", "Beijing"],
    "IL": ["Tel-Aviv", "Tel Aviv"],
    "DE": ["Berlin"], "MR": ["Nouakchott"], "TN": ["Tunis"], "LY": ["Tripoli"], "EG": ["Le Caire"],
    "SA": ["Riyad"], "AE": ["Abou Dhabi", "Abu Dhabi"], "QA": ["Doha"], "IR": ["Téhéran"],
    "IT": ["Rome"], "PT": ["Lisbonne"], "BE": ["Bruxelles"], "JP": ["Tokyo"], "TR": ["Ankara"],
    "SN": ["Dakar"], "NG": ["Abuja"], "ZA": ["Pretoria"], "CA": ["Ottawa"], "IN": ["New Delhi"],
    "JO": ["Amman"], "UA": ["Kiev", "Kyiv"], "MX": ["Mexico"],
    "AF": ["Kaboul"], "AL": ["Tirana"], "AO": ["Luanda"], "AR": ["Buenos Aires"],
    "AM": ["Erevan"], "AU": ["Canberra"], "AZ": ["Bakou"], "BH": ["Manama"],
    "BD": ["Dacca", "Dhaka"], "BY": ["Minsk"], "BJ": ["Porto-Novo", "Cotonou"], "BO": ["La Paz"],
    "BA": ["Sarajevo"], "BW": ["Gaborone"], "BR": ["Brasilia", "Brasília"], "BG": [],
    "BF": ["Ouagadougou"], "BI": ["Gitega"], "KH": ["Phnom Penh"], "CM": ["Yaoundé"],
    "CF": ["Bangui"], "TD": ["N'Djamena", "N’Djamena"], "CO": ["Bogota", "Bogotá"],
    "CG": ["Brazzaville"], "CD": ["Kinshasa"], "HR": ["Zagreb"], "CU": ["La Havane"],
    "CY": ["Nicosie"], "CZ": ["Prague"], "DK": ["Copenhague"], "EC": ["Quito"],
    "ER": ["Asmara"], "EE": ["Tallinn"], "FI": ["Helsinki"],
    "GA": ["Libreville"], "GM": ["Banjul"], "GE": ["Tbilissi"], "GH": ["Accra"], "GR": ["Athènes"],
    "GN": ["Conakry"], "GW": ["Bissau"], "HT": ["Port-au-Prince"], "HU": ["Budapest"],
    "IS": ["Reykjavik"], "ID": ["Jakarta"], "IQ": ["Bagdad"], "IE": ["Dublin"], "CI": ["Abidjan"],
    "KZ": ["Astana"], "KE": ["Nairobi"], "KP": ["Pyongyang"], "KR": ["Séoul"], "KG": ["Bichkek"],
    "LA": ["Vientiane"], "LV": ["Riga"], "LB": ["Beyrouth"], "LR": ["Monrovia"], "LT": ["Vilnius"],
    "MG": ["Antananarivo"], "MW": ["Lilongwe"], "MY": ["Kuala Lumpur"], "ML": ["Bamako"],
    "MT": ["La Valette"], "MD": ["Chisinau"], "MN": ["Oulan-Bator"], "ME": ["Podgorica"],
    "MZ": ["Maputo"], "NA": ["Windhoek"], "NP": ["Katmandou"],
    "NZ": ["Wellington"], "NI": ["Managua"], "NE": ["Niamey"], "MK": ["Skopje"], "NO": ["Oslo"],
    "OM": ["Mascate"], "PK": ["Islamabad"], "PY": ["Asuncion", "Asunción"], "PH": ["Manille"],
    "PL": ["Varsovie"], "RO": ["Bucarest"], "RW": ["Kigali"], "RS": ["Belgrade"],
    "SL": ["Freetown"], "SK": ["Bratislava"], "SI": ["Ljubljana"], "SO": ["Mogadiscio"],
    "SS": ["Djouba"], "SD": ["Khartoum"], "SE": ["Stockholm"],
    "CH": ["Berne"], "SY": ["Damas"], "TJ": ["Douchanbé"], "TZ": ["Dodoma"], "TH": ["Bangkok"],
    "TG": ["Lomé"], "TM": ["Achgabat"], "UG": ["Kampala"], "UY": ["Montevideo"],
    "UZ": ["Tachkent"], "VE": ["Caracas"], "VN": ["Hanoï"], "YE": ["Sanaa"], "ZM": ["Lusaka"],
    "ZW": ["Harare"], "CL": ["Santiago du Chili"], "GQ": ["Malabo"],
    "SZ": ["Mbabane"], "LS": ["Maseru"], "ST": ["São Tomé"], "SC": [],
    "CV": [], "TL": ["Dili"], "MM": ["Naypyidaw"], "PS": ["Ramallah"], "VA": [], "XK": ["Pristina"],
}
# States that no longer exist: history articles name them ("le roi Hassan II a visité
# l'Union soviétique"); each keeps its own canonical name, not its successor's.
FORMER_STATES = [
    {"code": "SU", "canonical": "Union soviétique",
     "names": ["Union soviétique", "URSS", "Union des républiques socialistes soviétiques"],
     "capitals": []},
    {"code": "YU", "canonical": "Yougoslavie", "names": ["Yougoslavie"], "capitals": []},
    {"code": "CS", "canonical": "Tchécoslovaquie", "names": ["Tchécoslovaquie"], "capitals": []},
    {"code": "DD", "canonical": "République démocratique allemande",
     "names": ["République démocratique allemande", "RDA", "Allemagne de l'Est"], "capitals": []},
]


def main() -> None:
    fr = Locale("fr").territories
    out = Path(__file__).resolve().parent.parent / "models" / "countries.jsonl"
    lines = ["# Sovereign states. Format: {\"code\": ISO2, \"canonical\": name, \"names\": [...],"
             " \"capitals\": [...]}; built by scripts/build_countries.py from CLDR (babel)"]
    for code in SOVEREIGN:
        cldr = fr.get(code, CANONICAL.get(code, code))
        canonical = CANONICAL.get(code, cldr)
        names = list(dict.fromkeys([canonical, cldr, *VARIANTS.get(code, [])]))
        lines.append(json.dumps({"code": code, "canonical": canonical, "names": names,
                                 "capitals": CAPITALS.get(code, [])}, ensure_ascii=False))
    lines += [json.dumps(state, ensure_ascii=False) for state in FORMER_STATES]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
