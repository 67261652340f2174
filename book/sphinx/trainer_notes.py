"""Trainer notes: shown in the trainer edition (manual_edition = "trainer") and in the live
notebook; left out of the learners' site, e-books and PDFs."""
from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from book.i18n import t


def setup_trainer_notes(app: Sphinx) -> None:
    app.add_directive("trainer-note", TrainerNote)


class TrainerNote(SphinxDirective):
    """:::{trainer-note}: notes for whoever runs the session."""

    has_content = True

    def run(self):
        if self.config.manual_edition != "trainer":
            return []
        note = nodes.admonition(classes=["trainer-note"])
        note += nodes.title(text=t(self.config.language, "trainer_note"))
        self.state.nested_parse(self.content, self.content_offset, note)
        return [note]
