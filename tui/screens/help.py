"""The `?` screen: every key, read from the bindings themselves, plus how to read the colours."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from tui.relations import ROLE_LOOKS

HelpSection = tuple[str, Sequence[Binding]]

MOUSE = (
    "Click a sentence to jump to its claim; click a pair to make it current; click a cell of the "
    "overview strip to jump there; click a column title of the claim list to sort."
)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark", "dismiss(None)", "Close help")]

    def __init__(self, sections: Sequence[HelpSection]) -> None:
        super().__init__()
        self.sections = sections

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

    def _rows(self, bindings: Sequence[Binding]) -> Content:
        # Bindings that share an explanation (the digit keys) are listed on one row.
        rows: dict[str, list[str]] = {}
        for binding in bindings:
            keys = [binding.key_display] if binding.key_display else [
                self.app.get_key_display(Binding(key, binding.action)) for key in binding.key.split(",")
            ]
            rows.setdefault(binding.tooltip or binding.description, []).extend(keys)
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
        rows.append(Content.assemble(("[-word-] {+word+}".ljust(16), "bold"), "in a pair's diff: words only in A, words only in B"))
        rows.append(Content.assemble(("● ◐ ○".ljust(16), "bold"), "selected: the whole claim, some of its pairs, none"))
        rows.append(Content.assemble(("▌ ▶".ljust(16), "bold"), "in a pane: the current claim's sentences; ▶ the current pair's"))
        return Content("\n").join(rows)
