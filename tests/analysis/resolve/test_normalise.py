"""Normalisation: one canonical form for queries and gazetteer names."""

from hypothesis import given
from hypothesis import strategies as st

from intercity.analysis.resolve import normalise_name
from intercity.analysis.resolve.normalise import loose_key


def test_diacritics_are_removed_and_case_folded():
    assert normalise_name("ŚWIĘTOCHŁOWICE") == "swietochlowice"
    assert normalise_name("Ørsta") == "orsta"
    assert normalise_name("Großraming") == "grossraming"


def test_hyphens_apostrophes_and_punctuation_become_single_spaces():
    assert normalise_name("Châlons-en-Champagne") == "chalons en champagne"
    assert normalise_name("Sant'Agata de' Goti") == "sant agata de goti"
    assert normalise_name("  L’Ènova\u00a0 ") == "l enova"


def test_german_abbreviations_am_im_bei_an_der_are_expanded():
    assert normalise_name("Frankfurt a. Main") == "frankfurt am main"
    assert normalise_name("Allerheiligen i. Mühlkreis") == "allerheiligen im muhlkreis"
    assert normalise_name("Pfarrkirchen b. Bad Hall") == "pfarrkirchen bei bad hall"
    assert normalise_name("Drosendorf a/d Thaya") == "drosendorf an der thaya"
    assert normalise_name("Neustadt a.d. Aisch") == "neustadt an der aisch"


def test_soft_hyphen_and_empty_input():
    assert normalise_name("Trois\u00adRivieres") == "trois rivieres"
    assert normalise_name("") == ""
    assert normalise_name(" -- ") == ""


def test_saint_words_share_a_loose_key():
    assert loose_key(normalise_name("St. Veit")) == loose_key(normalise_name("Sankt Veit"))
    assert loose_key(normalise_name("Saint-Étienne")) == loose_key(normalise_name("St Etienne"))
    assert loose_key("vitoria gasteiz") == "vitoriagasteiz"


@given(st.text())
def test_normalise_name_is_idempotent(text):
    once = normalise_name(text)
    assert normalise_name(once) == once


@given(st.text(alphabet=st.characters(codec="latin-1"), max_size=40))
def test_normalised_names_are_plain_lowercase_ascii_words(text):
    out = normalise_name(text)
    assert out == out.strip()
    assert "  " not in out
    assert all(ch.isascii() and (ch.isalnum() or ch == " ") for ch in out)
    assert out == out.lower()
