"""One article's text, sentence by sentence, following the current claim.

The screen binds `claim` and `sync`; the pane highlights the claim's members it holds and, with
sync on, scrolls them into view. Anchoring on the claim (not on a scroll percentage) keeps panes
of very different lengths showing the same statement.
"""

from __future__ import annotations

from align.models import Article, Claim, Sentence, SentenceRef
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import reactive

from tui.relations import ROLE_LOOKS, ROLE_RANK, member_role
from tui.safe_text import literal, shorten
from tui.widgets.sentence_view import SentenceView


class ArticlePane(VerticalScroll, can_focus=True, inherit_bindings=False):
    """An article's sentences; `-silent` when the article has nothing on the current claim."""

    # No up/down here: those keys walk claims on the screen, whichever pane has focus.
    BINDINGS = [
        Binding("pageup", "page_up", "Scroll pane up", show=False),
        Binding("pagedown", "page_down", "Scroll pane down", show=False),
        Binding("home", "scroll_home", "Pane top", show=False),
        Binding("end", "scroll_end", "Pane bottom", show=False),
        Binding("shift+up", "scroll_up", "Scroll pane a line up", show=False),
        Binding("shift+down", "scroll_down", "Scroll pane a line down", show=False),
    ]

    claim: reactive[Claim | None] = reactive(None, always_update=True)
    """The claim the reader is on (bound to the screen's `current_claim`)."""
    sync: reactive[bool] = reactive(True)
    """Whether moving to a claim scrolls this pane (bound to the screen's `sync`)."""

    def __init__(self, article: Article, number: int) -> None:
        super().__init__(id=f"pane-{number}", classes="article-pane")
        self.article = article
        self.number = number
        self.views: dict[int, SentenceView] = {}
        self.border_title = Content.assemble((f"{number} ", "bold"), shorten(literal(article.title), 60))

    def compose(self):
        sentences = self.article.sentences
        if not sentences:  # nothing segmented: still show the text
            text = self.article.text
            sentences = (Sentence(0, text, 0, len(text)),)
        for sentence in sentences:
            view = SentenceView(self.article.id, sentence)
            self.views[sentence.index] = view
            yield view

    def set_article(self, article: Article) -> None:
        """Take the engine's version of the article (it may have marked more boilerplate)."""
        if article == self.article:
            return
        if [s.text for s in article.sentences] != [v.sentence.text for v in self.views.values()]:
            # Segmented differently: rebuild the sentence views.
            self.remove_children()
            self.article, self.views = article, {}
            self.mount_all(list(self.compose()))
            return
        self.article = article
        for sentence in article.sentences:
            self.views[sentence.index].set_sentence(sentence)

    def set_roles(self, roles: dict[SentenceRef, str]) -> None:
        for index, view in self.views.items():
            view.set_role(roles.get(SentenceRef(self.article.id, index)))

    def members(self, claim: Claim | None) -> list[SentenceView]:
        if claim is None:
            return []
        return [self.views[m.sentence] for m in claim.members if m.article == self.article.id and m.sentence in self.views]

    def highlighted(self) -> list[SentenceRef]:
        """The sentences shown as members of the current claim."""
        return [view.ref for view in self.views.values() if view.has_class("-current")]

    def watch_claim(self, old: Claim | None, claim: Claim | None) -> None:
        for view in self.members(old):
            view.remove_class("-current")
        members = self.members(claim)
        for view in members:
            view.add_class("-current")
        self.set_class(claim is not None and not members, "-silent")
        self.border_subtitle = self._subtitle(claim, members)
        if self.sync:
            self.call_after_refresh(self.scroll_to_members)

    def watch_sync(self, sync: bool) -> None:
        if sync:
            self.call_after_refresh(self.scroll_to_members)

    def scroll_to_members(self) -> None:
        members = self.members(self.claim)
        if members:
            self.scroll_to_widget(members[0], animate=False, center=True)

    def _subtitle(self, claim: Claim | None, members: list[SentenceView]) -> Content | None:
        if claim is None:
            return None
        if not members:
            return Content.styled("silent on this claim", "italic")
        roles = [member_role(claim, view.ref) for view in members]
        look = ROLE_LOOKS[min(roles, key=ROLE_RANK.__getitem__)]
        count = f" ×{len(members)}" if len(members) > 1 else ""
        return Content.styled(f"{look.symbol} {look.name}{count}", f"bold {look.style}")
