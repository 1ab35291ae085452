"""Figures as Vietnamese offices write them: thousands ".", decimal ",", no trailing zeros (1.500,5)."""

from decimal import Decimal, InvalidOperation


def vn_number(value, places=2):
    """1500.50 -> "1.500,5"; 100.00 -> "100"; -0.5 -> "-0,5"; None/"" -> "". Rounded to `places` decimals."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    if not number.is_finite():
        return str(value)
    number = number.quantize(Decimal(1).scaleb(-places)) if places is not None else number
    sign = "-" if number < 0 else ""
    whole, _, fraction = f"{abs(number):f}".partition(".")
    fraction = fraction.rstrip("0")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = ".".join(groups) + ("," + fraction if fraction else "")
    return "0" if text == "0" else sign + text
