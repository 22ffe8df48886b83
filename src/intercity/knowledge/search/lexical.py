"""Full-text search of the search documents, in the database: SQLite FTS5 or PostgreSQL full-text.

Both rank by how well a document's title and text match the query's terms, a title counting more than
the text, and both ignore case and diacritics ("adaptacion" finds "adaptación"):

- **SQLite**: an FTS5 index (``unicode61 remove_diacritics 2``) over ``title`` and ``body`` of
  ``knowledge_searchdocument``, kept in step by triggers on that table, ranked by BM25.
- **PostgreSQL**: a GIN index on the ``simple`` text-search vectors of ``title_terms`` and ``body_terms``
  (the same text, lower-cased and without diacritics by :func:`~intercity.analysis.search.normalise_terms`),
  ranked by ``ts_rank``.

:func:`install` creates what is missing (after every ``migrate``, and before the first search): a
migration that rebuilds the table on SQLite drops its triggers, and the index is then filled again from
the table. Queries are OR's of the query's terms (:func:`~intercity.analysis.search.query_terms`), each
quoted, so nothing a user types is an operator.
"""

import contextlib

from django.db import connection

from intercity.analysis.search.lexical import query_terms

TABLE = "knowledge_searchdocument"
FTS = "knowledge_search_fts"
VOCABULARY = "knowledge_search_vocab"
TRIGGERS = ("knowledge_search_fts_ai", "knowledge_search_fts_ad", "knowledge_search_fts_au")
PG_INDEX = "knowledge_searchdoc_fulltext"
#: BM25 weights of the title and the text (SQLite); PostgreSQL weighs them A (1.0) and B (0.4).
TITLE_WEIGHT, BODY_WEIGHT = 2.0, 1.0
PG_VECTOR = (
    "(setweight(to_tsvector('simple'::regconfig, title_terms), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, body_terms), 'B'))"
)

#: A one-row table holding a random token that every write to the search documents changes (triggers,
#: on both databases): the vector cache of each process compares it before a search. A random token rather
#: than a counter, so that a rolled-back transaction cannot bring back a value a cache already saw.
STATE = "knowledge_search_state"
STATE_TRIGGERS = ("knowledge_search_state_ai", "knowledge_search_state_ad", "knowledge_search_state_au")
#: The columns whose change changes search results (not ``opened``, the popularity counter).
WATCHED_COLUMNS = (
    "title, body, language, theme_keys, region, country, visibility, workspace_id, embedding, updated_at"
)

_installed = set()

SQLITE_SCHEMA = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5(title, body, content='{TABLE}', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {VOCABULARY} USING fts5vocab({FTS}, 'row')",
    f"CREATE TRIGGER IF NOT EXISTS {TRIGGERS[0]} AFTER INSERT ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}(rowid, title, body) VALUES (new.id, new.title, new.body); END",
    f"CREATE TRIGGER IF NOT EXISTS {TRIGGERS[1]} AFTER DELETE ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, title, body) VALUES ('delete', old.id, old.title, old.body); END",
    f"CREATE TRIGGER IF NOT EXISTS {TRIGGERS[2]} AFTER UPDATE OF title, body ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, title, body) VALUES ('delete', old.id, old.title, old.body); "
    f"INSERT INTO {FTS}(rowid, title, body) VALUES (new.id, new.title, new.body); END",
]
_SQLITE_STATE_SCHEMA = [
    f"CREATE TABLE IF NOT EXISTS {STATE} (id INTEGER PRIMARY KEY CHECK (id = 1), token INTEGER NOT NULL)",
    f"INSERT OR IGNORE INTO {STATE} (id, token) VALUES (1, random())",
    *(
        f"CREATE TRIGGER IF NOT EXISTS {name} AFTER {event} ON {TABLE} BEGIN "
        f"UPDATE {STATE} SET token = random() WHERE id = 1; END"
        for name, event in zip(
            STATE_TRIGGERS, ("INSERT", "DELETE", f"UPDATE OF {WATCHED_COLUMNS}"), strict=True
        )
    ),
]
_PG_STATE_SCHEMA = [
    f"CREATE TABLE IF NOT EXISTS {STATE} (id integer PRIMARY KEY CHECK (id = 1), token uuid NOT NULL)",
    f"INSERT INTO {STATE} (id, token) VALUES (1, gen_random_uuid()) ON CONFLICT (id) DO NOTHING",
    f"CREATE OR REPLACE FUNCTION {STATE}_touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    f"UPDATE {STATE} SET token = gen_random_uuid() WHERE id = 1; RETURN NULL; END $$",
    f"DROP TRIGGER IF EXISTS {STATE_TRIGGERS[0]} ON {TABLE}",
    f"CREATE TRIGGER {STATE_TRIGGERS[0]} AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF {WATCHED_COLUMNS} "
    f"ON {TABLE} FOR EACH STATEMENT EXECUTE FUNCTION {STATE}_touch()",
]


def _alias(using):
    return using or connection.alias


def _connection(using=None):
    from django.db import connections

    return connections[_alias(using)]


def install(using=None, *, force=False):
    """Create the full-text index and what keeps it in step, when missing; fill it from the table.

    Safe to call any number of times; returns True when something was created.
    """
    db = _connection(using)
    key = (db.alias, db.settings_dict.get("NAME"))
    if key in _installed and not force:
        return False
    with db.cursor() as cursor:
        if db.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE name IN ({})".format(", ".join(["%s"] * 5)),
                [FTS, VOCABULARY, *TRIGGERS],
            )
            present = {row[0] for row in cursor.fetchall()}
            missing = {FTS, VOCABULARY, *TRIGGERS} - present
            if missing:
                for statement in SQLITE_SCHEMA:
                    cursor.execute(statement)
                cursor.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')")
            for statement in _SQLITE_STATE_SCHEMA:
                cursor.execute(statement)
        elif db.vendor == "postgresql":
            cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [PG_INDEX])
            missing = cursor.fetchone() is None
            if missing:
                cursor.execute(f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON {TABLE} USING GIN ({PG_VECTOR})")
            cursor.execute("SELECT 1 FROM pg_trigger WHERE tgname = %s", [STATE_TRIGGERS[0]])
            if cursor.fetchone() is None:
                for statement in _PG_STATE_SCHEMA:
                    cursor.execute(statement)
        else:  # pragma: no cover - only SQLite and PostgreSQL are supported
            raise NotImplementedError(f"full-text search is not available on {db.vendor}")
    _installed.add(key)
    return bool(missing)


def installed_after_migrate(sender, using=None, **kwargs):
    """``post_migrate`` handler: the index exists (and is full) once the database is migrated."""
    from django.db.utils import OperationalError, ProgrammingError

    # The table does not exist when migrating backwards.
    with contextlib.suppress(OperationalError, ProgrammingError):
        install(using, force=True)


def state_token(using=None):
    """The token that changes with every write to the search documents (``None`` before install)."""
    install(using)
    with _connection(using).cursor() as cursor:
        cursor.execute(f"SELECT token FROM {STATE} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else None


def _pg_query(terms, prefix):
    return " | ".join(f"'{term}':*" if prefix and len(term) >= 4 else f"'{term}'" for term in terms)


#: With a ``keep`` predicate, SQLite reads this many times ``limit`` from the index alone before filtering.
OVERFETCH = 2


def search(text, *, visibility_sql="", visibility_params=(), limit=200, prefix=False, keep=None, using=None):
    """The documents whose title or text contains any term of ``text``, best first.

    ``visibility_sql`` is a condition on the columns of ``knowledge_searchdocument`` aliased ``d`` (who
    may see what), with its parameters. Returns ``[(document id, score)]``, at most ``limit``, the score
    higher for a better match (comparable within one query only); ties go to the lower id.

    ``keep`` (optional) is a predicate on a document id saying the same as ``visibility_sql``, from
    memory. On SQLite the index is then read alone, ``OVERFETCH`` times ``limit`` rows, and filtered with
    it: joining every match to its wide row of the table is what made queries with common words slow
    (p95 34 ms against 14 ms at 100,000 documents). When too few rows pass, the joined query runs.
    """
    terms = query_terms(text)
    if not terms or limit <= 0:
        return []
    install(using)
    db = _connection(using)
    condition = f" AND ({visibility_sql})" if visibility_sql else ""
    with db.cursor() as cursor:
        if db.vendor == "sqlite":
            from intercity.analysis.search.lexical import fts5_query

            if keep is not None:
                cursor.execute(
                    f"SELECT rowid, -bm25({FTS}, %s, %s) AS score FROM {FTS} WHERE {FTS} MATCH %s "
                    "ORDER BY score DESC, rowid LIMIT %s",
                    [TITLE_WEIGHT, BODY_WEIGHT, fts5_query(text, prefix=prefix), limit * OVERFETCH],
                )
                rows = cursor.fetchall()
                kept = [(row[0], float(row[1])) for row in rows if keep(row[0])][:limit]
                if len(kept) == limit or len(rows) < limit * OVERFETCH:
                    return kept
            cursor.execute(
                f"SELECT d.id, -bm25({FTS}, %s, %s) AS score FROM {FTS} "
                f"JOIN {TABLE} AS d ON d.id = {FTS}.rowid WHERE {FTS} MATCH %s{condition} "
                "ORDER BY score DESC, d.id LIMIT %s",
                [TITLE_WEIGHT, BODY_WEIGHT, fts5_query(text, prefix=prefix), *visibility_params, limit],
            )
        else:
            cursor.execute(
                f"SELECT d.id, ts_rank({PG_VECTOR}, q) AS score "
                f"FROM {TABLE} AS d, to_tsquery('simple', %s) AS q WHERE {PG_VECTOR} @@ q{condition} "
                "ORDER BY score DESC, d.id LIMIT %s",
                [_pg_query(terms, prefix), *visibility_params, limit],
            )
        return [(row[0], float(row[1])) for row in cursor.fetchall()]


def known_terms(terms, using=None):
    """The terms, among ``terms``, that occur in at least one document (of any visibility)."""
    terms = list(dict.fromkeys(terms))
    if not terms:
        return set()
    install(using)
    db = _connection(using)
    with db.cursor() as cursor:
        if db.vendor == "sqlite":
            cursor.execute(
                f"SELECT term FROM {VOCABULARY} WHERE term IN ({', '.join(['%s'] * len(terms))})", terms
            )
            return {row[0] for row in cursor.fetchall()}
        found = set()
        for term in terms:
            cursor.execute(
                f"SELECT 1 FROM {TABLE} WHERE {PG_VECTOR} @@ to_tsquery('simple', %s) LIMIT 1",
                [f"'{term}'"],
            )
            if cursor.fetchone() is not None:
                found.add(term)
        return found
