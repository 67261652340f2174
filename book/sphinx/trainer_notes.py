"""Trainer notes: admonitions of class trainer-note, written so that JupyterLab (jupyterlab-myst)
shows them folded to the trainer, each in a cell of its own that RISE keeps for the speaker notes:

    :::{admonition} Trainer note
    :class: dropdown trainer-note
    ...
    :::

(`Заметка для ведущего` on Russian pages). The trainer edition (manual_edition = "trainer") shows
them open; everything learners get (site, e-books, PDFs) leaves them out."""
from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from book.i18n import t

logger = logging.getLogger(__name__)


def setup_trainer_notes(app: Sphinx) -> None:
    app.add_transform(TrainerNotes)


class TrainerNotes(SphinxTransform):
    """Keep the trainer notes (open) in the trainer edition, remove them from the learners'; a note
    with the title but not the class (learners would see it), or with the other language's title,
    stops the build."""

    default_priority = 100  # before anything reads the page's text

    def apply(self, **kwargs) -> None:
        title = t(self.config.language, "trainer_note")
        for note in list(self.document.findall(nodes.admonition)):
            heading = note.next_node(nodes.title)
            is_note = "trainer-note" in note["classes"]
            if is_note != (heading is not None and heading.astext() == title):
                logger.error("a trainer note is an admonition titled %r with ':class: dropdown trainer-note' "
                             "(this one has %s)", title, "the class but another title" if is_note else
                             "the title but not the class, so learners would see it", location=note)
            if not is_note:
                continue
            if self.config.manual_edition == "trainer":
                note["classes"] = [c for c in note["classes"] if c != "dropdown"]
            else:
                note.parent.remove(note)
