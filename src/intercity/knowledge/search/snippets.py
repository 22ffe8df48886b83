"""Highlighted extracts of a document: the passage where the query's terms are, with the terms marked."""

import functools
import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from intercity.analysis.search.lexical import normalise_terms

#: Words shown around the matched terms.
SNIPPET_WORDS = 36
_WORD = re.compile(r"\S+")


@functools.lru_cache(maxsize=65536)
def _word_terms(token):
    return tuple(normalise_terms(token))


def _matches(token, terms, prefix):
    words = _word_terms(token)
    if not words:
        return False
    return any(
        word in terms or (prefix and any(len(term) >= 4 and word.startswith(term) for term in terms))
        for word in words
    )


def best_window(words, marked, size=SNIPPET_WORDS):
    """The start of the ``size``-word window holding the most marked words (the first such window)."""
    if len(words) <= size or not any(marked):
        return 0
    best, best_count = 0, -1
    count = sum(marked[:size])
    for start in range(0, len(words) - size + 1):
        if start:
            count += marked[start + size - 1] - marked[start - 1]
        if count > best_count:
            best, best_count = start, count
    return best


def highlight(text, terms, *, size=SNIPPET_WORDS, prefix=True):
    """An HTML extract of ``text`` (escaped) around ``terms``, each occurrence inside ``<mark>``.

    ``terms`` are normalised search terms (:func:`~intercity.analysis.search.query_terms`); with
    ``prefix``, a word that starts with a term of four letters or more is marked too ("violencias" for
    "violencia"). Without any term in the text the extract is its beginning. "…" marks a cut.

    Examples
    --------
    >>> str(highlight("Parques inundables contra las inundaciones.", ["inundaciones"]))
    'Parques inundables contra las <mark>inundaciones.</mark>'
    """
    terms = set(terms)
    words = _WORD.findall(text or "")
    if not words:
        return mark_safe("")
    marked = [1 if terms and _matches(word, terms, prefix) else 0 for word in words]
    start = best_window(words, marked, size)
    # Start the extract a few words before the first match, so that it reads as a phrase.
    if start and marked[start] and start > 3:
        start -= 3
    stop = min(len(words), start + size)
    parts = [
        f"<mark>{escape(word)}</mark>" if marked[i] else escape(word)
        for i, word in enumerate(words[start:stop], start=start)
    ]
    extract = " ".join(parts)
    if start:
        extract = "… " + extract
    if stop < len(words):
        extract += " …"
    return mark_safe(extract)  # every word was escaped above


def passages(text, *, size=60):
    """``text`` cut into passages of about ``size`` words, at sentence ends where possible."""
    sentences = re.split(r"(?<=[.!?;])\s+|\n+", text or "")
    chunks, current = [], []
    for sentence in sentences:
        words = sentence.split()
        if not words:
            continue
        if current and len(current) + len(words) > size:
            chunks.append(" ".join(current))
            current = []
        current.extend(words)
        while len(current) > size * 2:
            chunks.append(" ".join(current[:size]))
            current = current[size:]
    if current:
        chunks.append(" ".join(current))
    return chunks
