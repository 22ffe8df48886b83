"""Fictional practices and lessons of the demo workspace (``intercity demo-workspace``).

Written through :mod:`intercity.knowledge.actions` like any user's records. Every text is invented for
the demo (the ``source_url`` is empty and ``cost_note`` says so); the practices are the demo government's
own, in the four languages of the interface, some public and some private to the workspace, so that the
search, its filters and the visibility rules can be tried at once.
"""

from django.utils.translation import gettext_noop

from intercity.knowledge import actions
from intercity.knowledge.choices import Visibility
from intercity.knowledge.models import Lesson, Practice
from intercity.networks.models import Network, Theme

DEMO_NOTE = gettext_noop("Fictional demo record.")

PRACTICES = [
    {
        "title": "Centros juveniles nocturnos en los barrios del sur",
        "language": "es",
        "visibility": Visibility.PUBLIC,
        "problem": "La violencia entre jóvenes se concentraba de noche en los barrios periféricos del sur, "
        "lejos de clubes, bibliotecas y escuelas abiertas.",
        "solution": "Se abrieron seis centros juveniles de 19 a 1 h con deporte, música y tutorías, "
        "gestionados con las organizaciones del barrio y con mentores formados en mediación.",
        "results": "Menos peleas y denuncias nocturnas en los barrios con centro; los jóvenes piden más "
        "horarios de fin de semana.",
        "key_figures": "Homicidios de jóvenes −28 % en tres años\n2.400 jóvenes inscritos",
        "themes": ["citizen-security", "youth"],
        "sdgs": [16, 10],
        "started_year": 2021,
    },
    {
        "title": "Climate-proof squares that store stormwater",
        "language": "en",
        "visibility": Visibility.PUBLIC,
        "problem": "Heavy summer rain flooded low-lying streets and the drains could not cope.",
        "solution": "Four squares were lowered and planted so that they hold rainwater for a few hours and "
        "release it slowly; a sensor network warns the emergency service.",
        "results": "No flooding in the four catchments during the two wettest months since.",
        "key_figures": "12,000 m³ of water held during storms",
        "themes": ["climate", "resilience-risk", "water-sanitation"],
        "sdgs": [11, 13],
        "started_year": 2019,
        "ended_year": 2022,
    },
    {
        "title": "Hortas escolares com merenda local",
        "language": "pt",
        "visibility": Visibility.PUBLIC,
        "problem": "As escolas públicas compravam legumes de longe e as crianças comiam poucas verduras.",
        "solution": "Cada escola recebeu uma horta cuidada por alunos e famílias, e a merenda passou a "
        "comprar de agricultores familiares da região metropolitana.",
        "results": "Mais verduras consumidas e renda estável para 90 agricultores.",
        "key_figures": "35 escolas\n40 % da merenda comprada localmente",
        "themes": ["food"],
        "sdgs": [2, 4],
        "started_year": 2020,
    },
    {
        "title": "Rénovation énergétique des logements sociaux",
        "language": "fr",
        "visibility": Visibility.WORKSPACE,
        "problem": "Les locataires des logements sociaux payaient des factures de chauffage trop lourdes.",
        "solution": "Isolation des façades, fenêtres neuves et chaudières collectives à haut rendement, "
        "financées avec une banque de développement.",
        "results": "Des factures plus basses et moins de plaintes pour humidité.",
        "key_figures": "−35 % de consommation d'énergie",
        "themes": ["energy", "urban-development-housing"],
        "sdgs": [7, 11],
        "started_year": 2022,
    },
    {
        "title": "Bicisendas protegidas y bicicletas públicas",
        "language": "es",
        "visibility": Visibility.PUBLIC,
        "problem": "El tránsito congestionaba el centro y la calidad del aire empeoraba.",
        "solution": "Una red de bicisendas separadas del tránsito y un sistema de bicicletas compartidas "
        "gratuito durante la primera hora.",
        "results": "Los viajes en bicicleta se multiplicaron y bajó la congestión en el microcentro.",
        "key_figures": "260 km de bicisendas\n4 % de los viajes en bicicleta",
        "themes": ["mobility", "environment"],
        "sdgs": [11, 3],
        "started_year": 2015,
    },
]

LESSONS = [
    {
        "title": "Bring the neighbourhood organisations in from the first meeting",
        "learned": "The youth centres worked where the neighbourhood organisations co-designed the "
        "opening hours; where the city designed them alone, attendance stayed low.",
        "event": "Peer-learning visit on urban security",
        "language": "en",
        "visibility": Visibility.PUBLIC,
        "tags": ["security", "participation"],
    },
    {
        "title": "Medir antes de inaugurar",
        "learned": "Sin una línea de base de inundaciones por cuadra no pudimos mostrar el efecto de las "
        "plazas; la próxima obra empieza por los sensores.",
        "project": "Plazas inundables",
        "language": "es",
        "visibility": Visibility.WORKSPACE,
        "tags": ["clima", "evaluación"],
    },
    {
        "title": "Les financements européens demandent des partenaires prêts tôt",
        "learned": "La candidature a échoué faute de partenaires engagés six mois avant l'appel : il faut "
        "préparer le consortium lors des sommets du réseau.",
        "event": "Sommet annuel du réseau",
        "language": "fr",
        "visibility": Visibility.WORKSPACE,
        "tags": ["financement"],
    },
]


def fill_demo_knowledge(workspace):
    """Add the demo practices and lessons to ``workspace`` unless it has some; returns how many of each
    were added as ``{"practices": n, "lessons": m}``."""
    added = {"practices": 0, "lessons": 0}
    if (
        Practice.objects.filter(workspace=workspace).exists()
        or Lesson.objects.filter(workspace=workspace).exists()
    ):
        return added
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    networks = list(Network.objects.filter(acronym__in=["UCCI", "Mercociudades", "C40", "ICLEI"]))
    for number, entry in enumerate(PRACTICES):
        values = {key: value for key, value in entry.items() if key != "themes"}
        values.update(government=workspace.government, cost_note=DEMO_NOTE)
        actions.save_practice(
            workspace,
            values,
            themes=[themes[slug] for slug in entry["themes"] if slug in themes],
            networks=networks[number % len(networks) : number % len(networks) + 1] if networks else [],
        )
        added["practices"] += 1
    for entry in LESSONS:
        actions.save_lesson(workspace, dict(entry))
        added["lessons"] += 1
    return added
