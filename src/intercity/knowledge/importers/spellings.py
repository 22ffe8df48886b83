"""The words a file may use for a language and for a visibility, in English, Spanish, Portuguese and French."""

from intercity.core.importing import synonym_table
from intercity.knowledge.choices import Language, Visibility

LANGUAGE_SPELLINGS = synonym_table(
    {
        Language.EN: ["english", "ingles", "anglais", "eng"],
        Language.ES: ["spanish", "espanol", "castellano", "espanhol", "espagnol", "spa"],
        Language.PT: ["portuguese", "portugues", "portugais", "por"],
        Language.FR: ["french", "frances", "frances", "francais", "fra", "fre"],
    }
)

VISIBILITY_SPELLINGS = synonym_table(
    {
        Visibility.PUBLIC: [
            "published",
            "open",
            "open atlas",
            "atlas",
            "publico",
            "publica",
            "publicado",
            "publicada",
            "publique",
            "publie",
            "publiee",
        ],
        Visibility.WORKSPACE: [
            "private",
            "workspace only",
            "privado",
            "privada",
            "espacio de trabajo",
            "espaco de trabalho",
            "prive",
            "privee",
            "espace de travail",
            "interno",
            "interne",
        ],
    }
)
