"""Search documents follow their records: saved, edited, published, deleted."""

from unittest import mock

import numpy as np
import pytest
from django.db import transaction

from intercity.knowledge import indexing
from intercity.knowledge.actions import delete_practice, publish, save_lesson, save_practice
from intercity.knowledge.choices import DocumentKind, Visibility
from intercity.knowledge.models import SearchDocument
from tests.factories import (
    CountryFactory,
    GovernmentFactory,
    NetworkFactory,
    ThemeFactory,
    WorkingGroupFactory,
    WorkspaceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Runs the on-commit callbacks (the indexing) of what the block does, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def encode_spy():
    with mock.patch.object(indexing, "encode", wraps=indexing.encode) as spy:
        yield spy


def practice_values(**changes):
    return {
        "title": "Youth centres in the hillside neighbourhoods",
        "government": GovernmentFactory(
            name="Medellín", country=CountryFactory(code="CO", region="South America")
        ),
        "problem": "Homicides of young men in the outer neighbourhoods.",
        "solution": "Libraries, sports grounds and night schools run with the neighbours.",
        "language": "en",
        **changes,
    }


def document_of(record):
    return SearchDocument.objects.get(kind=indexing.kind_of(record), object_id=record.pk)


def embedded_texts(spy):
    return [text for call in spy.call_args_list for text in call.args[0]]


def test_saving_a_practice_indexes_its_text_filters_and_a_unit_embedding(commit):
    workspace, theme = WorkspaceFactory(), ThemeFactory(name="Safety")
    with commit():
        practice = save_practice(workspace, practice_values(), themes=[theme])
    document = document_of(practice)
    assert document.kind == DocumentKind.PRACTICE
    assert document.title == practice.title
    assert "night schools" in document.body and "Medellín" in document.body
    assert (document.language, document.themes) == ("en", ["safety"])
    assert (document.country, document.region) == ("CO", "South America")
    vector = np.frombuffer(document.embedding, dtype=np.float32)
    assert vector.shape == (512,)
    assert abs(float(np.linalg.norm(vector)) - 1) < 1e-5
    assert document.text_hash == indexing.text_hash(indexing.document_for(practice))


def test_private_practice_document_carries_its_workspace(commit):
    workspace = WorkspaceFactory()
    with commit():
        practice = save_practice(workspace, practice_values(visibility=Visibility.WORKSPACE))
    document = document_of(practice)
    assert (document.visibility, document.workspace) == (Visibility.WORKSPACE, workspace)


def test_publishing_updates_the_visibility_without_embedding_again(commit, encode_spy):
    workspace = WorkspaceFactory()
    with commit():
        practice = save_practice(workspace, practice_values())
    before = document_of(practice)
    encode_spy.reset_mock()
    with commit():
        publish(practice, workspace)
    after = document_of(practice)
    assert after.visibility == Visibility.PUBLIC
    assert embedded_texts(encode_spy) == []
    assert bytes(after.embedding) == bytes(before.embedding)


def test_an_edit_is_embedded_again_only_when_the_text_changed(commit, encode_spy):
    workspace = WorkspaceFactory()
    with commit():
        practice = save_practice(workspace, practice_values())
    old_hash = document_of(practice).text_hash
    encode_spy.reset_mock()

    with commit():
        save_practice(workspace, {"cost": 1000, "currency": "EUR"}, instance=practice)
    assert embedded_texts(encode_spy) == []
    assert document_of(practice).text_hash == old_hash

    with commit():
        save_practice(workspace, {"solution": "Cable cars up to the hillside."}, instance=practice)
    texts = embedded_texts(encode_spy)
    assert len(texts) == 1 and "Cable cars" in texts[0]
    document = document_of(practice)
    assert document.text_hash != old_hash and "Cable cars" in document.body


def test_themes_set_after_the_save_are_in_the_document(commit):
    workspace = WorkspaceFactory()
    with commit():
        practice = save_practice(workspace, practice_values())
    with commit():
        practice.themes.add(ThemeFactory(name="Youth"))
    assert document_of(practice).themes == ["youth"]


def test_deleting_a_practice_removes_its_document(commit):
    workspace = WorkspaceFactory()
    with commit():
        practice = save_practice(workspace, practice_values())
    pk = practice.pk
    delete_practice(practice, workspace)
    assert not SearchDocument.objects.filter(kind=DocumentKind.PRACTICE, object_id=pk).exists()


def test_nothing_is_indexed_for_a_transaction_that_rolls_back(commit):
    workspace = WorkspaceFactory()
    with commit():
        with pytest.raises(RuntimeError), transaction.atomic():
            save_practice(workspace, practice_values())
            raise RuntimeError
        lesson = save_lesson(workspace, {"title": "Bring the mayor", "learned": "Peers listen."})
    assert list(SearchDocument.objects.values_list("kind", "object_id")) == [(DocumentKind.LESSON, lesson.pk)]


def test_one_transaction_is_embedded_in_one_batch(commit, encode_spy):
    workspace = WorkspaceFactory()
    with commit(), transaction.atomic():
        for number in range(3):
            save_lesson(workspace, {"title": f"Lesson {number}", "learned": "Something learned."})
    assert encode_spy.call_count == 1
    assert len(embedded_texts(encode_spy)) == 3
    assert SearchDocument.objects.filter(kind=DocumentKind.LESSON).count() == 3


def test_network_and_working_group_are_indexed_and_removed(commit):
    with commit():
        network = NetworkFactory(name="Strong Cities", description="Preventing violent extremism.")
        group = WorkingGroupFactory(network=network, name="Youth task force")
    network_document, group_document = document_of(network), document_of(group)
    assert network_document.visibility == Visibility.PUBLIC and network_document.workspace is None
    assert "violent extremism" in network_document.body
    assert group_document.workspace_id == group.workspace_id and "Strong Cities" in group_document.body
    group.delete()
    assert not SearchDocument.objects.filter(kind=DocumentKind.WORKING_GROUP).exists()


def test_reindex_embeds_nothing_for_unchanged_records_and_drops_orphans(commit, encode_spy):
    with commit():
        network = NetworkFactory()
    SearchDocument.objects.create(
        kind=DocumentKind.NETWORK,
        object_id=network.pk + 1000,
        title="Gone",
        visibility="public",
        text_hash="x",
    )
    encode_spy.reset_mock()
    report = indexing.reindex(labels=["networks.network"])
    assert (report.embedded, report.unchanged) == (0, 1)
    assert list(SearchDocument.objects.values_list("object_id", flat=True)) == [network.pk]


def test_document_for_refuses_a_record_that_is_not_searched():
    with pytest.raises(ValueError):
        indexing.document_for(ThemeFactory())


def test_vector_index_of_the_documents_finds_a_practice_from_a_query_in_another_language(commit):
    workspace = WorkspaceFactory()
    with commit():
        practice = save_practice(workspace, practice_values())
        save_lesson(workspace, {"title": "School meals", "learned": "Buy food from local farmers."})
    index = indexing.vector_index()
    assert len(index) == 2
    query = indexing.encode(["cómo reducir la violencia juvenil en los barrios"])[0]
    best, _score = index.search(query, k=1)[0]
    assert best == document_of(practice).pk
