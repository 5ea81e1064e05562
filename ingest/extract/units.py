"""Currencies, percent words and units of measure that follow or precede a number."""

from __future__ import annotations

CURRENCY_SYMBOLS = {
    "$": "USD", "us$": "USD", "a$": "AUD", "au$": "AUD", "c$": "CAD", "ca$": "CAD", "nz$": "NZD",
    "hk$": "HKD", "s$": "SGD", "r$": "BRL", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR",
    "₩": "KRW", "₽": "RUB", "₺": "TRY", "₦": "NGN", "₱": "PHP", "rs": "INR", "rs.": "INR", "dlrs": "USD", "dlr": "USD",
}
PREFIX_CURRENCIES = {"US": "USD", "RM": "MYR", "Rs": "INR", "Rp": "IDR"}
"""Currency letters glued to the digits (`RM79`, `$US113`)."""
CURRENCY_CODES = {
    "usd", "eur", "gbp", "jpy", "chf", "cny", "rmb", "aud", "cad", "nzd", "hkd", "sgd", "inr",
    "krw", "rub", "try", "brl", "mxn", "zar", "sek", "nok", "dkk", "pln", "czk", "huf", "ngn",
    "kes", "egp", "sar", "aed", "xpf", "php", "idr", "thb", "myr", "pkr", "ils", "uah",
}
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
    "pounds": "GBP", "sterling": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
    "rupee": "INR", "rupees": "INR", "franc": "CHF", "francs": "CHF", "krona": "SEK",
    "kronor": "SEK", "krone": "NOK", "kroner": "NOK", "rouble": "RUB", "roubles": "RUB",
    "ruble": "RUB", "rubles": "RUB", "won": "KRW", "peso": "MXN", "pesos": "MXN",
    "rand": "ZAR", "real": "BRL", "reais": "BRL", "lira": "TRY", "naira": "NGN",
    "shilling": "KES", "shillings": "KES",
}
DOLLAR_COUNTRIES = {
    "us": "USD", "u.s.": "USD", "american": "USD", "australian": "AUD", "canadian": "CAD",
    "new zealand": "NZD", "zealand": "NZD", "hong kong": "HKD", "kong": "HKD",
    "singapore": "SGD", "singaporean": "SGD", "taiwan": "TWD", "jamaican": "JMD",
}
SUBUNITS = {"cent": "cents", "cents": "cents", "pence": "pence", "p": "pence", "penny": "pence"}

PERCENT_WORDS = {"%", "percent", "pct", "pc", "per-cent", "percentage"}
POINT_WORDS = {"point", "points"}

MEASURES = {
    # speed, distance, size
    "mph": "mph", "km/h": "km/h", "kph": "km/h", "kmh": "km/h", "knots": "knots",
    "km": "km", "kms": "km", "kilometres": "km", "kilometers": "km", "kilometre": "km",
    "kilometer": "km", "mi": "miles", "mile": "miles", "miles": "miles", "m": "m",
    "metres": "m", "meters": "m", "metre": "m", "meter": "m", "cm": "cm", "mm": "mm",
    "centimetres": "cm", "centimeters": "cm", "millimetres": "mm", "millimeters": "mm",
    "ft": "feet", "feet": "feet", "foot": "feet", "in": "inches", "inches": "inches",
    "inch": "inches", "yard": "yards", "yards": "yards", "yd": "yards",
    "acres": "acres", "acre": "acres", "hectares": "hectares", "hectare": "hectares", "ha": "hectares",
    "sq": "square", "square": "square",
    # mass, volume
    "kg": "kg", "kgs": "kg", "kilograms": "kg", "kilogram": "kg", "kilos": "kg", "g": "g",
    "grams": "g", "gram": "g", "mg": "mg", "lb": "pounds", "lbs": "pounds", "oz": "ounces",
    "ounces": "ounces", "ounce": "ounces", "tonnes": "tonnes", "tonne": "tonnes",
    "tons": "tons", "ton": "tons", "t": "tonnes", "l": "litres", "litres": "litres",
    "liters": "litres", "litre": "litres", "liter": "litres", "ml": "ml", "gallons": "gallons",
    "gallon": "gallons", "barrels": "barrels", "barrel": "barrels", "bpd": "barrels per day",
    # energy, power, data
    "hp": "horsepower", "bhp": "horsepower", "horsepower": "horsepower", "ps": "horsepower",
    "kw": "kW", "mw": "MW", "gw": "GW", "kwh": "kWh", "mwh": "MWh", "gwh": "GWh", "twh": "TWh",
    "w": "W", "watts": "W", "volts": "V", "v": "V", "rpm": "rpm", "nm": "Nm", "lb-ft": "lb-ft",
    "kb": "KB", "mb": "MB", "gb": "GB", "tb": "TB", "mbps": "Mbps", "gbps": "Gbps",
    "mp": "megapixels", "ghz": "GHz", "mhz": "MHz", "mah": "mAh",
    # temperature, time
    "bps": "basis points", "bp": "basis points",
    "°": "degrees", "°c": "degrees Celsius", "°f": "degrees Fahrenheit", "c": "degrees Celsius",
    "f": "degrees Fahrenheit", "degrees": "degrees", "degree": "degrees",
    "celsius": "degrees Celsius", "fahrenheit": "degrees Fahrenheit",
    "ms": "milliseconds", "sec": "seconds", "secs": "seconds", "min": "minutes", "mins": "minutes",
    "hrs": "hours", "hr": "hours", "h": "hours",
}
"""Abbreviations and unit nouns, by lower-cased surface form."""

GLUED_MEASURES = {k for k in MEASURES if k not in {"in", "c", "f", "m", "t", "g", "l", "v", "h", "w"}} | {
    "c", "f", "g", "l", "t", "w", "h"}
"""Suffixes read as a unit when glued to digits (`256GB`, `640bhp`, `5km`); `m` is left to scales."""

TIME_UNITS = {
    "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks",
    "month", "months", "year", "years", "decade", "decades", "century", "centuries",
    "fortnight", "fortnights", "night", "nights", "season", "seasons", "term", "terms",
}
MEASURE_NOUNS = TIME_UNITS | {"mile", "miles", "foot", "feet", "inch", "inches", "yard", "yards",
                              "metre", "metres", "meter", "meters", "kilometre", "kilometres",
                              "kilometer", "kilometers", "degree", "degrees", "pound", "pounds",
                              "ton", "tons", "tonne", "tonnes", "acre", "acres", "gallon",
                              "gallons", "litre", "litres", "liter", "liters"}
"""Measures after which a number written in words is a figure, not a small count (GUIDELINES)."""


def currency_symbol(text: str) -> str | None:
    """`US$` -> USD; `€` -> EUR; None for anything else."""
    t = text.lower()
    if t in CURRENCY_SYMBOLS:
        return CURRENCY_SYMBOLS[t]
    if t.upper() == t.lower() or len(t) > 4:
        return None
    return None


def currency_code(text: str) -> str | None:
    """`EUR` -> EUR when written in capitals (so `try` the verb is not the lira)."""
    if text.isupper() and text.lower() in CURRENCY_CODES:
        return text.upper()
    return None


def currency_word(word: str, before: str = "") -> str | None:
    """`euros` -> EUR; `Australian dollars` -> AUD (`before` is the word preceding)."""
    w = word.lower()
    code = CURRENCY_WORDS.get(w)
    if code and w.startswith("dollar"):
        code = DOLLAR_COUNTRIES.get(before.lower(), code)
    return code


AMBIGUOUS_MEASURES = {"in", "m", "t", "g", "l", "h", "w", "c", "f", "v", "min", "mi", "ha", "sq",
                      "square", "sec", "°"}
"""Unit spellings that are also common words or letters: only units when glued to digits."""


def measure_word(text: str) -> str | None:
    """A unit written as its own word after a number (`140 mph`), leaving out `in`, `m` etc."""
    if text.lower() in AMBIGUOUS_MEASURES:
        return None
    return MEASURES.get(text.lower())


def measure(text: str) -> str | None:
    """Normalised unit for an abbreviation or unit noun (`km/h`, `mph`, `GB`)."""
    return MEASURES.get(text.lower())
