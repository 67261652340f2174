"""The live quiz: ipywidgets on a kernel, for trainers presenting in JupyterLab.

State is kept in traitlets so it can be read (and tests can drive it) without a browser:
QuestionWidget.answer / state / correct / feedback, QuizWidget.score / answered / total.
Grading and feedback text come from book.grading, as in the static site.
"""
from __future__ import annotations

from html import escape
from typing import Any

import ipywidgets as widgets
import traitlets

from book.grading import CORRECT, UNANSWERED, feedback_lines, grade
from book.i18n import t
from book.labels import lettered, option_label, part_choices
from book.model import SCENARIO_PARTS, Question

AUTO = widgets.Layout(width="auto")

# Readable on a projector: labels wrap instead of overprinting the next option (ipywidgets gives
# each option one fixed-height line), nothing is cut off with "…", the text follows the
# notebook's content font size (which Presentation Mode and the slides enlarge), and right and
# wrong feedback differ by a sign and a word as well as by colour.
STYLE = r"""<style>
.mq-live-quiz { --jp-widgets-font-size: var(--jp-content-font-size1, 14px);
  --jp-widgets-inline-height: auto; font-size: var(--jp-content-font-size1, 14px); max-width: 100%; }
.mq-live-quiz .widget-radio, .mq-live-quiz .widget-radio-box, .mq-live-quiz .widget-checkbox,
.mq-live-quiz .widget-dropdown, .mq-live-quiz .widget-inline-hbox, .mq-live-quiz .widget-html,
.mq-live-quiz .widget-button, .mq-live-quiz .widget-label { height: auto; min-height: 0; max-width: 100%; }
.mq-live-quiz .widget-radio, .mq-live-quiz .widget-checkbox { width: 100%; }
.mq-live-quiz label, .mq-live-quiz .widget-label, .mq-live-quiz .widget-html-content,
.mq-live-quiz .widget-button, .mq-live-quiz select { white-space: normal; overflow: visible;
  text-overflow: clip; line-height: 1.4; height: auto; font-size: inherit; }
.mq-live-quiz .widget-radio-box label { display: flex; align-items: flex-start; gap: .5em; margin: .35em 0; }
.mq-live-quiz .widget-radio-box input, .mq-live-quiz .widget-checkbox input { flex: none; margin-top: .3em; }
.mq-live-quiz .widget-checkbox label { display: flex; align-items: flex-start; gap: .5em; }
.mq-live-quiz .widget-dropdown { flex-wrap: wrap; }
.mq-live-quiz .widget-dropdown > select { flex: 1 1 20em; min-width: 0; }
.mq-live-quiz .mq-correct { border-left: .3em solid #1a7f37; padding-left: .6em; }
.mq-live-quiz .mq-incorrect { border-left: .3em dashed #b42318; padding-left: .6em; }
.mq-live-quiz .mq-correct p:first-child::before { content: "\2714\FE0E  "; color: #1a7f37; font-weight: bold; }
.mq-live-quiz .mq-letters { list-style: none; padding-left: 0; }
.mq-live-quiz .mq-incorrect p:first-child::before { content: "\2718\FE0E  "; color: #b42318; font-weight: bold; }
</style>"""


def _html(text: str, strong: str | None = None) -> widgets.HTML:
    head = f"<strong>{escape(strong)}</strong><br>" if strong else ""
    return widgets.HTML(f"<p>{head}{escape(text)}</p>")


class QuestionWidget(widgets.VBox):
    """One question. Subclasses build the inputs and read the answer from them."""

    answer = traitlets.Any(None, allow_none=True, help="the learner's answer, as book.grading takes it")
    state = traitlets.Unicode(UNANSWERED, help="unanswered | correct | incorrect")
    correct = traitlets.Bool(None, allow_none=True, help="None until an answer is checked")
    feedback = traitlets.Unicode("", help="the feedback shown, as plain text")

    def __init__(self, question: Question, lang: str, number: int, total: int):
        self.question, self.lang = question, lang
        self.prompt = _html(question.text[lang], t(lang, "question_n", n=number, total=total))
        self.inputs = self.build_inputs()
        self.check_button = widgets.Button(description=t(lang, "check"), button_style="primary", layout=AUTO)
        self.feedback_view = widgets.HTML("")
        self.feedback_view.add_class("mq-feedback")
        super().__init__([self.prompt, *self.inputs, self.check_button, self.feedback_view, *self.count_room()])
        self.add_class("mq-live-question")
        self.check_button.on_click(lambda _button: self.check())

    def count_room(self) -> list[widgets.Widget]:
        """A "count the room" button: one counter per letter and the tally's chart, no typing of
        Python (book.tally). Only for the question types the tally takes."""
        from book.tally import TALLY_TYPES, lettered_choices
        if self.question.type not in TALLY_TYPES:
            return []
        lang = self.lang
        self.counters = {letter: widgets.IntText(value=0, description=f"{letter}.", layout=widgets.Layout(width="8em"),
                                                 style={"description_width": "2em"})
                         for letter, _, _, _ in lettered_choices(self.question, lang)}
        names = "".join(f"<li>{escape(letter)}. {escape(label)}</li>"
                        for letter, _, label, _ in lettered_choices(self.question, lang))
        self.draw_button = widgets.Button(description=t(lang, "draw_chart"), layout=AUTO)
        self.tally_view = widgets.HTML("")
        self.count_panel = widgets.VBox([
            widgets.HTML(f"<p>{escape(t(lang, 'tally_question_id', qid=self.question.id))}</p>"
                         f"<ol class='mq-letters'>{names}</ol>"),
            widgets.HBox(list(self.counters.values()), layout=widgets.Layout(flex_flow="row wrap")),
            self.draw_button, self.tally_view], layout=widgets.Layout(display="none"))
        self.count_button = widgets.Button(description=t(lang, "count_room"), layout=AUTO)
        self.count_button.on_click(lambda _button: self.toggle_count())
        self.draw_button.on_click(lambda _button: self.draw_tally())
        return [self.count_button, self.count_panel]

    def toggle_count(self) -> None:
        shown = self.count_panel.layout.display != "none"
        self.count_panel.layout.display = "none" if shown else None

    def draw_tally(self):
        from book.tally import Tally
        counts = {letter: box.value for letter, box in self.counters.items()}
        tally = Tally(self.question.id, counts, self.lang, question=self.question)
        self.tally_view.value = tally._repr_html_()
        return tally

    def build_inputs(self) -> list[widgets.Widget]:
        raise NotImplementedError

    def read_answer(self) -> Any:
        raise NotImplementedError

    def clear_inputs(self) -> None:
        raise NotImplementedError

    def _sync(self, _change=None) -> None:
        self.answer = self.read_answer()

    def check(self) -> None:
        result = grade(self.question, self.read_answer())
        lines = feedback_lines(self.question, result, self.lang)
        self.feedback = "\n".join(lines)
        self.feedback_view.value = "".join(f"<p>{escape(line)}</p>" for line in lines) + self.right_answer(result)
        for name in ("mq-correct", "mq-incorrect"):
            self.feedback_view.remove_class(name)
        if result.state in ("correct", "incorrect"):
            self.feedback_view.add_class(f"mq-{result.state}")
        self.correct = result.correct
        self.state = result.state

    def right_answer(self, result) -> str:
        """After a wrong single or true/false answer, the right one by letter and label (the
        other types' feedback already names it, part by part or option by option)."""
        q = self.question
        if result.state != "incorrect" or q.type not in ("single", "truefalse"):
            return ""
        shown = q.display_options()
        labels = lettered([option_label(q, o, self.lang) for o in shown], self.lang)
        right = next(label for label, o in zip(labels, shown) if o.correct)
        return f"<p><strong>{escape(t(self.lang, 'correct_option'))}: {escape(right)}</strong></p>"

    def reset(self) -> None:
        self.clear_inputs()
        self.feedback = self.feedback_view.value = ""
        for name in ("mq-correct", "mq-incorrect"):
            self.feedback_view.remove_class(name)
        self.correct = None
        self.state = UNANSWERED


class ChoiceWidget(QuestionWidget):
    """single, truefalse: radio buttons."""

    def build_inputs(self):
        q, lang = self.question, self.lang
        shown = q.display_options()
        labels = list(zip(lettered([option_label(q, o, lang) for o in shown], lang), [o.key for o in shown]))
        self.choices = widgets.RadioButtons(options=labels, value=None, layout=AUTO)
        self.choices.observe(self._sync, names="value")
        return [self.choices]

    def read_answer(self):
        return self.choices.value

    def select(self, key: str | None) -> None:
        self.choices.value = key

    def clear_inputs(self):
        self.choices.value = None


class MultipleWidget(QuestionWidget):
    def build_inputs(self):
        shown = self.question.display_options()
        self.boxes = {o.key: widgets.Checkbox(value=False, description=label, indent=False, layout=AUTO)
                      for label, o in zip(lettered([o.text[self.lang] for o in shown], self.lang), shown)}
        for box in self.boxes.values():
            box.observe(self._sync, names="value")
        return [_html(t(self.lang, "select_all")), *self.boxes.values()]

    def read_answer(self):
        return [k for k, box in self.boxes.items() if box.value]

    def select(self, keys) -> None:
        for k, box in self.boxes.items():
            box.value = k in keys

    def clear_inputs(self):
        self.select([])


class ScenarioWidget(QuestionWidget):
    def build_inputs(self):
        lang, self.parts = self.lang, {}
        rows = []
        for part in SCENARIO_PARTS:
            choices = part_choices(part, lang)
            values = list(zip(lettered([label for _, label in choices], lang), [value for value, _ in choices]))
            choice = widgets.RadioButtons(options=values, value=None, layout=AUTO)
            choice.observe(self._sync, names="value")
            self.parts[part] = choice
            rows += [_html(t(lang, f"element_{part}")), choice]
        return rows

    def read_answer(self):
        return {part: choice.value for part, choice in self.parts.items()}

    def select(self, answer: dict) -> None:
        for part, choice in self.parts.items():
            choice.value = answer.get(part)

    def clear_inputs(self):
        self.select({})


class MatchingWidget(QuestionWidget):
    def build_inputs(self):
        lang = self.lang
        shown = self.question.display_meanings()
        meanings = [(t(lang, "choose_meaning"), "")] + list(
            zip(lettered([m.match[lang] for m in shown], lang), [m.key for m in shown]))
        self.pairs = {o.key: widgets.Dropdown(options=meanings, value="", description=o.text[lang],
                                              style={"description_width": "initial"}, layout=AUTO)
                      for o in self.question.terms()}
        for d in self.pairs.values():
            d.observe(self._sync, names="value")
        return list(self.pairs.values())

    def read_answer(self):
        return {k: d.value or None for k, d in self.pairs.items()}

    def select(self, answer: dict) -> None:
        for k, d in self.pairs.items():
            d.value = answer.get(k) or ""

    def clear_inputs(self):
        self.select({})


class FreeWidget(widgets.VBox):
    """Free response: write, then reveal the model answer and a self-check list. Never graded."""

    revealed = traitlets.Bool(False)

    def __init__(self, question: Question, lang: str, number: int, total: int):
        self.question, self.lang = question, lang
        self.text = widgets.Textarea(placeholder=t(lang, "your_answer"),
                                     layout=widgets.Layout(width="100%", height="8em"))
        self.reveal_button = widgets.Button(description=t(lang, "show_model"), layout=AUTO)
        self.model = widgets.VBox([
            _html(question.feedback[lang]), _html(t(lang, "self_check")),
            *[widgets.Checkbox(value=False, description=o.text[lang], indent=False, layout=AUTO)
              for o in question.options]])
        self.model.layout.display = "none"
        super().__init__([_html(question.text[lang], t(lang, "question_n", n=number, total=total)),
                          self.text, self.reveal_button, self.model])
        self.reveal_button.on_click(lambda _button: self.reveal())

    def reveal(self) -> None:
        self.model.layout.display = None
        self.revealed = True

    def reset(self) -> None:
        self.text.value = ""
        self.model.layout.display = "none"
        self.revealed = False
        for box in self.model.children[2:]:
            box.value = False


WIDGETS: dict[str, type[QuestionWidget] | type[FreeWidget]] = {
    "single": ChoiceWidget, "truefalse": ChoiceWidget, "multiple": MultipleWidget,
    "scenario": ScenarioWidget, "matching": MatchingWidget, "free": FreeWidget}


class QuizWidget(widgets.VBox):
    score = traitlets.Int(0, help="questions answered correctly")
    answered = traitlets.Int(0, help="graded questions checked at least once")
    total = traitlets.Int(0, help="graded questions (free responses are not graded)")

    def __init__(self, quiz_id: str, questions: tuple[Question, ...], lang: str):
        self.quiz_id, self.lang = quiz_id, lang
        self.questions = [WIDGETS[q.type](q, lang, i, len(questions)) for i, q in enumerate(questions, 1)]
        self.score_view = widgets.HTML("")
        self.reset_button = widgets.Button(description=t(lang, "reset"), layout=AUTO)
        self.reset_button.on_click(lambda _button: self.reset())
        super().__init__([widgets.HTML(STYLE), *self.questions,
                          widgets.HBox([self.score_view, self.reset_button])])
        self.add_class("mq-live-quiz")
        self.graded = [q for q in self.questions if isinstance(q, QuestionWidget)]
        self.total = len(self.graded)
        for q in self.graded:
            q.observe(self._update_score, names="state")
        self._update_score()

    def _update_score(self, _change=None) -> None:
        self.score = sum(q.state == CORRECT for q in self.graded)
        self.answered = sum(q.state != UNANSWERED for q in self.graded)
        text = t(self.lang, "score", score=self.score, total=self.total) if self.total else ""
        self.score_view.value = f"<p>{escape(text)}</p>"

    def reset(self) -> None:
        for q in self.questions:
            q.reset()
