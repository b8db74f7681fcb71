"""The command palette (ctrl+p): every key of the main screen, findable by what it does."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from tui.relations import LABEL_RANK, LOOKS
from tui.safe_text import literal, shorten
from tui.screens.help import as_bindings, explanation, key_names

if TYPE_CHECKING:
    from tui.screens.main import MainScreen

# The digit keys are offered once per article instead, with the article's title.
SHOW_PANE = "show_pane("


class CompareCommands(Provider):
    """Offers every key of the main screen (read from its BINDINGS, named as the `?` screen names
    them), a filter per relation and a jump to each article."""

    def _commands(self) -> list[tuple[Content, str, Callable[[], object], str]]:
        from tui.screens.main import MainScreen

        screen = self.screen
        if not isinstance(screen, MainScreen):
            return []
        commands: list[tuple[Content, str, Callable[[], object], str]] = []
        keys: dict[str, str] = {}  # action -> the keys shown for it
        for binding in as_bindings(MainScreen.BINDINGS):
            keys[binding.action] = " ".join(key_names(screen.app, binding))
            if binding.action.startswith(SHOW_PANE):
                continue
            name, run = explanation(binding), partial(screen.run_action, binding.action)
            commands.append((Content(name), name, run, f"key {keys[binding.action]}"))
        for label in sorted(LABEL_RANK, key=LABEL_RANK.__getitem__):
            look = LOOKS[label]
            name = f"Filter: only {look.name}"
            commands.append((Content(name), name, partial(self._only, screen, label), look.meaning))
        for number, article in enumerate(screen.articles):
            name = f"Show article {number + 1}"
            title = shorten(literal(article.name), 50)
            # The title is untrusted text: shown as plain Content, never through markup.
            display = Content.assemble(name, (f": {title}", "dim"))
            key = keys.get(f"{SHOW_PANE}{number})")
            help_text = f"Bring its pane into view (key {key})" if key else "Bring its pane into view"
            commands.append((display, f"{name} {title}", partial(screen.action_show_pane, number), help_text))
        return commands

    @staticmethod
    def _only(screen: MainScreen, label: str) -> None:
        screen.apply_query(replace(screen.query_state, relation=label))

    async def discover(self) -> Hits:
        for display, text, command, help_text in self._commands():
            yield DiscoveryHit(display, command, text=text, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for display, text, command, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                # Our own command names may be highlighted (through markup); titles never are.
                shown = matcher.highlight(text) if display.plain == text else display
                yield Hit(score, shown, command, text=text, help=help_text)
