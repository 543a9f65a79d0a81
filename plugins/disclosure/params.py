"""Numbers from a query string, read so that no value a visitor types reaches the database as an error.

PostgreSQL refuses an integer beyond its column's range with an error (a 500), where SQLite would just find
nothing; a malformed or out-of-range number is treated as absent instead.
"""

MAX_INT = 2**31 - 1  # the smallest integer column the filters compare against (year, month, pk of int columns)


def int_param(value, maximum=MAX_INT):
    """`value` as a non-negative int no larger than `maximum`, else None."""
    text = str(value or "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > 10:
        return None
    number = int(text)
    return number if number <= maximum else None
