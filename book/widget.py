"""The live quiz: ipywidgets on a kernel, for trainers presenting in JupyterLab.

State is kept in traitlets so it can be read (and tests can drive it) without a browser:
QuestionWidget.selection / state / correct / feedback, QuizWidget.score / answered / total.
"""
from __future__ import annotations

from html import escape

import ipywidgets as widgets
import traitlets

from book.bank import Question
from book.grading import CORRECT, UNANSWERED, feedback_lines, grade
from book.i18n import t


class QuestionWidget(widgets.VBox):
    selection = traitlets.Unicode(None, allow_none=True, help="the chosen option key")
    state = traitlets.Unicode(UNANSWERED, help="unanswered | correct | incorrect")
    correct = traitlets.Bool(None, allow_none=True, help="None until an answer is checked")
    feedback = traitlets.Unicode("", help="the feedback shown, as plain text")

    def __init__(self, question: Question, lang: str, number: int, total: int):
        self.question, self.lang = question, lang
        self.prompt = widgets.HTML(
            f"<p><strong>{escape(t(lang, 'question_n', n=number, total=total))}</strong><br>"
            f"{escape(question.text[lang])}</p>")
        self.choices = widgets.RadioButtons(
            options=[(o.text[lang], o.key) for o in question.options], value=None,
            layout=widgets.Layout(width="auto"))
        self.check_button = widgets.Button(description=t(lang, "check"), button_style="primary",
                                           layout=widgets.Layout(width="auto"))
        self.feedback_view = widgets.HTML("")
        super().__init__([self.prompt, self.choices, self.check_button, self.feedback_view])
        self.add_class("mq-live-question")
        self.choices.observe(self._on_choice, names="value")
        self.check_button.on_click(lambda _button: self.check())

    def _on_choice(self, change) -> None:
        self.selection = change["new"]

    def select(self, key: str | None) -> None:
        self.choices.value = key

    def check(self) -> None:
        result = grade(self.question, self.selection)
        lines = feedback_lines(self.question, result, self.lang)
        self.feedback = "\n".join(lines)
        self.feedback_view.value = "".join(f"<p>{escape(line)}</p>" for line in lines)
        self.correct = result.correct
        self.state = result.state

    def reset(self) -> None:
        self.choices.value = None
        self.feedback = ""
        self.feedback_view.value = ""
        self.correct = None
        self.state = UNANSWERED


class QuizWidget(widgets.VBox):
    score = traitlets.Int(0, help="questions answered correctly")
    answered = traitlets.Int(0, help="questions checked at least once")
    total = traitlets.Int(0)

    def __init__(self, quiz_id: str, questions: tuple[Question, ...], lang: str):
        self.quiz_id, self.lang = quiz_id, lang
        self.questions = [QuestionWidget(q, lang, i, len(questions)) for i, q in enumerate(questions, 1)]
        self.score_view = widgets.HTML("")
        self.reset_button = widgets.Button(description=t(lang, "reset"), layout=widgets.Layout(width="auto"))
        self.reset_button.on_click(lambda _button: self.reset())
        super().__init__([*self.questions, widgets.HBox([self.score_view, self.reset_button])])
        self.add_class("mq-live-quiz")
        self.total = len(self.questions)
        for q in self.questions:
            q.observe(self._update_score, names="state")
        self._update_score()

    def _update_score(self, _change=None) -> None:
        self.score = sum(q.state == CORRECT for q in self.questions)
        self.answered = sum(q.state != UNANSWERED for q in self.questions)
        self.score_view.value = f"<p>{escape(t(self.lang, 'score', score=self.score, total=self.total))}</p>"

    def reset(self) -> None:
        for q in self.questions:
            q.reset()
