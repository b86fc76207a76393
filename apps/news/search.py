import re

MAX_QUERY_LENGTH = 200
WORD = re.compile(r"\w+")


def search_terms(text):
    """The words of a reader's query, as the search backends can take them.

    Quotes, operators and control characters are query syntax to SQLite's FTS5 and
    PostgreSQL's tsquery, not something readers mean; passed through, a lone quote is a
    syntax error. Only words go on, and only the first MAX_QUERY_LENGTH characters.
    """
    return " ".join(WORD.findall(text[:MAX_QUERY_LENGTH]))
