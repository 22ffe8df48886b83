"""Lexical search with SQLite FTS5: BM25 ranking, diacritics removed, queries that users cannot break.

The index lives in the SQLite connection it is given (a file or ``:memory:``): an FTS5 table of titles
and bodies tokenised by ``unicode61 remove_diacritics 2`` (so "violência", "violencia" and "VIOLENCIA"
are one term), and a companion table mapping each document id (an int or a string such as
``"practice:12"``) to the FTS5 rowid. Nothing here commits: the caller owns the transaction.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Hashable, Iterable

from .errors import SearchError

# Function words of English, Spanish, Portuguese and French: they match nearly every passage, so they
# only add noise (and time) to an OR query. Written plainly; normalised like the index's terms below.
_STOP_WORDS_TEXT = {
    "en": """a about after all also an and any are as at be been but by can could do does for from had
        has have how i if in into is it its may more most my no not of on or our should so some such than
        that the their them then there these they this those to was we were what when where which while
        who why will with would you your""",
    "es": """a al algo algunas algunos ante antes como con contra cual cuando de del desde donde durante
        e el ella ellas ellos en entre era es esa ese eso esta este esto estos estas fue ha han hay la las
        le les lo los mas me mi muy nos o otra otro para pero por que quien se ser si sin sobre su sus tambien
        te tiene todo todos tu un una uno unos y ya""",
    "pt": """a ao aos as com como da das de dele do dos e ela ele eles em entre era essa esse esta este
        foi ha isso mais mas muito na nas no nos o os ou para pela pelo por qual quando que se sem ser seu
        sua seus suas so tambem tem um uma umas uns""",
    "fr": """a au aux avec ce ces cette comme dans de des du elle elles en est et etre il ils je la le
        les leur leurs mais ne nous on ou par pas pour plus qu que qui sa se ses son sont sur ta te tes un
        une vos votre vous y""",
    # Words every document of a knowledge base about city networks uses: they match everything and
    # select nothing ("ciudades" would rank first any network with a Spanish name).
    "domain": """city cities ciudad ciudades cidade cidades ville villes town towns municipality
        municipalities municipio municipios municipalidad municipalidades commune communes network networks
        red redes rede reseau reseaux local locales locais locaux government governments gobierno gobiernos
        governo governos gouvernement gouvernements comment""",
}

# unicode61 keeps letters, digits and private-use characters together and splits on everything else,
# underscore included (Python's \w would keep it).
_SEPARATORS = re.compile(r"[\W_]+")
_TABLE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}")
# An OR query of a pasted paragraph stays fast and meaningful with its first few dozen distinct terms.
MAX_QUERY_TERMS = 32
_IN_LIST_LIMIT = 500  # bound parameters; beyond, allowed ids are filtered in Python


def normalise_terms(text: str) -> list[str]:
    """Split ``text`` into terms as FTS5's ``unicode61 remove_diacritics 2`` tokenizer does.

    Examples
    --------
    >>> normalise_terms("Violência juvenil: ¿cómo REDUCIRLA? (bairros_periféricos)")
    ['violencia', 'juvenil', 'como', 'reducirla', 'bairros', 'perifericos']
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return [term for term in _SEPARATORS.split(stripped.lower()) if term]


STOP_WORDS: frozenset[str] = frozenset(
    term for words in _STOP_WORDS_TEXT.values() for term in normalise_terms(words)
)


def query_terms(text: str) -> list[str]:
    """The distinct search terms of ``text``: normalised, stop-words and one-letter words dropped.

    Examples
    --------
    >>> query_terms("The adaptation of cities to climate change, la adaptación de las ciudades")
    ['adaptation', 'climate', 'change', 'adaptacion']
    """
    seen: dict[str, None] = {}
    for term in normalise_terms(text):
        if term in STOP_WORDS or (len(term) < 2 and not term.isdigit()):
            continue
        seen.setdefault(term)
        if len(seen) == MAX_QUERY_TERMS:
            break
    return list(seen)


def fts5_query(text: str, *, prefix: bool = False) -> str:
    """A safe FTS5 ``MATCH`` expression for what a user typed: its terms quoted and OR'ed.

    Every term is a double-quoted string, so operators (AND, OR, NOT, NEAR), column filters, ``*``,
    ``^``, parentheses and stray quotes in the input are just text. Returns ``""`` when nothing is left
    to search for (only stop-words or punctuation): callers should then skip the query.

    Parameters
    ----------
    text : str
        The user's query, in any language.
    prefix : bool, default False
        Match terms of 4 letters or more as prefixes too ("violencia" finds "violencias"): a crude
        stemming across languages, at some cost in precision and speed.

    Examples
    --------
    >>> fts5_query('climate "adaptation" OR NOT title:x* ^(')
    '"climate" OR "adaptation" OR "title"'
    >>> fts5_query("la violencia juvenil", prefix=True)
    '"violencia"* OR "juvenil"*'
    >>> fts5_query("de la ?")
    ''
    """
    terms = query_terms(text)
    return " OR ".join(f'"{term}"*' if prefix and len(term) >= 4 else f'"{term}"' for term in terms)


class LexicalIndex:
    """An FTS5 index of (id, title, body, lang) documents in a SQLite connection.

    Parameters
    ----------
    connection : sqlite3.Connection
        Where the index lives; its SQLite must have FTS5 (every supported Python build does).
    table : str, default "search_fts"
        Name of the FTS5 table; the id map is ``<table>_docs``.
    title_weight, body_weight : float
        BM25 column weights: a term in the title counts ``title_weight`` times one in the body.

    Examples
    --------
    >>> import sqlite3
    >>> index = LexicalIndex(sqlite3.connect(":memory:"))
    >>> index.create()
    >>> index.upsert([
    ...     ("p1", "Adaptación al cambio climático", "Parques inundables en barrios.", "es"),
    ...     ("p2", "School meals", "Local procurement of food for schools.", "en"),
    ... ])
    2
    >>> [(doc, terms) for doc, score, terms in index.search("adaptacion climatico")]
    [('p1', ('adaptacion', 'climatico'))]
    """

    def __init__(
        self,
        connection: sqlite3.Connection,
        table: str = "search_fts",
        *,
        title_weight: float = 2.0,
        body_weight: float = 1.0,
    ) -> None:
        if not isinstance(table, str) or not _TABLE_NAME.fullmatch(table):
            raise SearchError(f"table must be a plain SQL identifier, not {table!r}")
        self.connection = connection
        self.table = table
        self.docs_table = f"{table}_docs"
        self.weights = (float(title_weight), float(body_weight))

    def create(self) -> None:
        """Create the tables if they do not exist yet."""
        try:
            self.connection.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {self.table} USING fts5("
                "title, body, tokenize = 'unicode61 remove_diacritics 2')"
            )
        except sqlite3.OperationalError as error:
            raise SearchError(f"this SQLite has no FTS5: {error}") from error
        # no declared type: ids keep their Python type (12 and "12" are different documents)
        self.connection.execute(
            f"CREATE TABLE IF NOT EXISTS {self.docs_table} ("
            "rowid INTEGER PRIMARY KEY, doc_id UNIQUE NOT NULL, lang TEXT NOT NULL DEFAULT '')"
        )

    def __len__(self) -> int:
        return self.connection.execute(f"SELECT count(*) FROM {self.docs_table}").fetchone()[0]

    def upsert(self, rows: Iterable[tuple[Hashable, str, str, str]]) -> int:
        """Index documents given as ``(id, title, body, lang)``, replacing those already indexed.

        Returns the number of rows written.
        """
        connection, table, docs = self.connection, self.table, self.docs_table
        written = 0
        for doc_id, title, body, lang in rows:
            if not isinstance(doc_id, int | str) or isinstance(doc_id, bool):
                raise SearchError(f"document ids must be ints or strings, not {doc_id!r}")
            found = connection.execute(f"SELECT rowid FROM {docs} WHERE doc_id = ?", (doc_id,)).fetchone()
            if found is None:
                rowid = connection.execute(
                    f"INSERT INTO {docs} (doc_id, lang) VALUES (?, ?)", (doc_id, lang or "")
                ).lastrowid
            else:
                rowid = found[0]
                connection.execute(f"DELETE FROM {table} WHERE rowid = ?", (rowid,))
                connection.execute(f"UPDATE {docs} SET lang = ? WHERE rowid = ?", (lang or "", rowid))
            connection.execute(
                f"INSERT INTO {table} (rowid, title, body) VALUES (?, ?, ?)", (rowid, title or "", body or "")
            )
            written += 1
        return written

    def delete(self, ids: Iterable[Hashable]) -> int:
        """Remove documents by id (unknown ids are ignored); returns how many were removed."""
        removed = 0
        for doc_id in ids:
            found = self.connection.execute(
                f"SELECT rowid FROM {self.docs_table} WHERE doc_id = ?", (doc_id,)
            ).fetchone()
            if found is None:
                continue
            self.connection.execute(f"DELETE FROM {self.table} WHERE rowid = ?", found)
            self.connection.execute(f"DELETE FROM {self.docs_table} WHERE rowid = ?", found)
            removed += 1
        return removed

    def search(
        self, text: str, k: int = 50, allowed: Iterable[Hashable] | None = None, *, prefix: bool = False
    ) -> list[tuple[Hashable, float, tuple[str, ...]]]:
        """The ``k`` best documents for ``text`` by BM25, as ``(id, score, matched_terms)``, best first.

        Parameters
        ----------
        text : str
            What the user typed; see :func:`fts5_query`.
        k : int, default 50
            How many results at most.
        allowed : iterable of ids, optional
            Only these documents may be returned; ``None`` allows all.
        prefix : bool, default False
            Prefix matching of longer terms (see :func:`fts5_query`).

        Returns
        -------
        list of (id, float, tuple of str)
            ``score`` is the BM25 score made positive (higher is better; comparable only within one
            query); ``matched_terms`` are the query's normalised terms found in the title or body.
        """
        if isinstance(k, bool) or not isinstance(k, int) or k < 0:
            raise SearchError(f"k must be a whole number >= 0, not {k!r}")
        terms = query_terms(text)
        expression = fts5_query(text, prefix=prefix)
        if not expression or k == 0:
            return []
        table, docs = self.table, self.docs_table
        # ids and scores only: the texts of the k best are read afterwards, not carried through the sort
        sql = (
            f"SELECT d.doc_id, -bm25({table}, ?, ?) AS score, {table}.rowid "
            f"FROM {table} JOIN {docs} AS d ON d.rowid = {table}.rowid WHERE {table} MATCH ?"
        )
        parameters: list = [*self.weights, expression]
        keep = None
        if allowed is not None:
            if isinstance(allowed, str | bytes):
                raise SearchError("allowed must be a collection of ids, not one string")
            allowed = set(allowed)
            if not allowed:
                return []
            if len(allowed) <= _IN_LIST_LIMIT:
                sql += f" AND d.doc_id IN ({', '.join('?' * len(allowed))})"
                parameters += list(allowed)
            else:
                # too many to bind: read the ranked matches and keep the allowed ones until k are found
                keep = allowed
        sql += " ORDER BY score DESC, d.rowid"
        if keep is None:
            sql += " LIMIT ?"
            parameters.append(k)
        try:
            cursor = self.connection.execute(sql, parameters)
            if keep is None:
                found = cursor.fetchall()
            else:
                found = []
                for row in cursor:
                    if row[0] in keep:
                        found.append(row)
                        if len(found) == k:
                            break
                cursor.close()
            texts = dict(
                self.connection.execute(
                    f"SELECT rowid, title || ' ' || body FROM {table} "
                    f"WHERE rowid IN ({', '.join('?' * len(found))})",
                    [rowid for _, _, rowid in found],
                ).fetchall()
            )
        except sqlite3.OperationalError as error:
            raise SearchError(f"lexical search failed: {error}") from error
        return [
            (doc_id, float(score), _matched(terms, texts.get(rowid, ""), prefix))
            for doc_id, score, rowid in found
        ]


def _matched(terms, text, prefix):
    """The query terms that occur in a document (as whole terms, or as prefixes when ``prefix``)."""
    document = set(normalise_terms(text))
    if not prefix:
        return tuple(term for term in terms if term in document)
    return tuple(
        term
        for term in terms
        if term in document or (len(term) >= 4 and any(word.startswith(term) for word in document))
    )
