"""The `?` screen: every key, read from the bindings themselves, plus how to read the colours."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from tui.relations import MANY_CLAIMS_HINT, ROLE_LOOKS

HelpSection = tuple[str, Sequence[BindingType]]

MOUSE = (
    "Click a sentence to jump to its claim; click a pair to make it current; click a cell of the "
    "overview strip to jump there; click a column title of the claim list to sort."
)


def as_bindings(bindings: Iterable[BindingType]) -> list[Binding]:
    """`bindings` as Binding objects (a BINDINGS list may also hold `(key, action[, description])`)."""
    return [binding if isinstance(binding, Binding) else Binding(*binding) for binding in bindings]


def explanation(binding: Binding) -> str:
    """What a key does, in words: its tooltip, or its description when it has none."""
    return binding.tooltip or binding.description


def key_names(app: App, binding: Binding) -> list[str]:
    """How the app shows each of a binding's keys (`j,down` gives `j` and `↓`)."""
    if binding.key_display:
        return [binding.key_display]
    return [app.get_key_display(Binding(key, binding.action)) for key in binding.key.split(",")]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark", "dismiss(None)", "Close help")]

    def __init__(self, sections: Sequence[HelpSection], *, many_claims: bool = False) -> None:
        super().__init__()
        self.sections = sections
        # Like the legend, the help explains the several-claims mark only when the alignment
        # has a sentence that carries it.
        self.many_claims = many_claims

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-dialog", classes="dialog"):
            yield Label(Content.styled("compare — keys", "bold"), classes="dialog-title")
            for title, bindings in self.sections:
                yield Static(Content.styled(title, "bold underline"), classes="help-section")
                yield Static(self._rows(bindings), classes="help-keys")
            yield Static(Content.styled("Mouse", "bold underline"), classes="help-section")
            yield Static(Content(MOUSE), classes="help-keys")
            yield Static(Content.styled("Colours and symbols", "bold underline"), classes="help-section")
            yield Static(self._legend(), classes="help-keys")
            yield Label(Content.styled("escape or ? closes this help", "dim"))

    def _rows(self, bindings: Sequence[BindingType]) -> Content:
        # Bindings that share an explanation (the digit keys) are listed on one row.
        rows: dict[str, list[str]] = {}
        for binding in as_bindings(bindings):
            rows.setdefault(explanation(binding), []).extend(key_names(self.app, binding))
        lines = []
        for text, keys in rows.items():
            shown = f"{keys[0]}…{keys[-1]}" if len(keys) > 3 else " ".join(keys)
            lines.append(Content.assemble((shown.ljust(16), "bold $text-accent"), text))
        return Content("\n").join(lines)

    def _legend(self) -> Content:
        rows = [
            Content.assemble((f"{look.symbol} {look.name}".ljust(16), f"bold {look.style}"), look.meaning)
            for look in ROLE_LOOKS.values()
        ]
        rows.append(
            Content.assemble(
                ("[-word-] {+word+}".ljust(16), "bold"), "in a pair's diff: words only in A, words only in B"
            )
        )
        rows.append(Content.assemble(("● ◐ ○".ljust(16), "bold"), "selected: the whole claim, some of its pairs, none"))
        rows.append(
            Content.assemble(
                ("▌ ▶".ljust(16), "bold"), "in a pane: the current claim's sentences; ▶ the current pair's"
            )
        )
        if self.many_claims:
            marks, meaning = MANY_CLAIMS_HINT
            rows.append(
                Content.assemble(
                    (marks.ljust(16), "bold"), f"beside a symbol: the sentence is {meaning}; a click walks them"
                )
            )
        return Content("\n").join(rows)
