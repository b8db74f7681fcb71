"""Group sentences of all articles into claims (N-way), then label every cross-article pair.

Method, and why:
- Candidates: each sentence's nearest neighbours by cosine (one batched matrix product per
  block; top-k only) plus pairs sharing a rare word, so cost grows with sentences x k, not
  with all pairs of all sentences.
- Link score (linkscore.py): cosine + IDF-weighted overlap of content words +
  shared event frame + shared rare words (+ one side negating what the other asserts), minus a
  penalty when no word is shared. Cosine alone cannot separate "Rejects" / "did not show much
  interest" (0.45-0.57) from two generic sentences about "the partnership" (0.6-0.73).
- Grouping: the best-fitting pair of groups merges first, while every sentence of the smaller
  group finds a strong counterpart in the other and the average link across them holds. A claim
  states one proposition: every pair of its members from different articles must clear the
  link bar (`label.loose_link`, the bar below which a pair is "loosely related"), so no member
  joins through a chain of neighbours (a catch-all claim of an exit date, a resignation and a
  reaction linked through bridge sentences). Sentences of one article share a claim only when they
  restate each other (judged by meaning alone: an author reuses their own words); a sentence
  left alone that restates a member of a cross-article claim joins it afterwards.
- Ties break on the sentence texts, so the result does not depend on file order or names.
- Scale: a pair of wordings is scored and judged once however often it recurs (a sentence many
  outlets reprint), and a claim above `search.all_pairs_limit` members pairs each member with
  its anchor, the most printed wording, not with every other member (`pair_plan`).
- Section headings are no claims (the pipeline leaves them out); a unit marked as one pairs only
  with another such unit. An article's title states the story's main claim but its words are few,
  so its links to long body sentences are all low: titles stay out of the agglomeration and each
  then joins the claim of its best counterpart in another article (if that link clears
  `claims.title_link`), so a headline is neither left alone nor pulled into every claim it touches.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from align import parameters
from align.group import neighbours
from align.judge.confidence import confidence
from align.judge.lexical import Idf
from align.judge.linkscore import LinkScorer, PairTable, features, scores_for, stems
from align.judge.relations import label
from align.models import MAX_CLAIMS_PER_SENTENCE, Claim, Judgement, Pair, SentenceRef, most_notable
from align.parameters import MergeBars


@dataclass(frozen=True)
class Unit:
    """One alignable sentence, flattened across articles."""

    ref: SentenceRef
    article: int
    text: str
    section_heading: bool
    title: bool = False


def thresholds(sensitivity: float) -> MergeBars:
    """The bars for merging two groups at this sensitivity (parameters.toml, [claims])."""
    return parameters.active().claims.bars(sensitivity)


def candidate_pairs(vectors: np.ndarray, articles: np.ndarray, k: int | None = None) -> set[tuple[int, int]]:
    """Top-k neighbours of every unit (other articles and its own), as pairs (i, j), i < j
    (the search itself: align/group/neighbours.py)."""
    search = parameters.active().search
    n = len(vectors)
    found: set[tuple[int, int]] = set()
    if n < 2:
        return found
    k = min(search.neighbours if k is None else k, n - 1)
    # Also the best match in each other article, so a small article is never crowded out
    # (for small corpora; in large ones the top-k and rare-word candidates suffice).
    present = np.unique(articles)
    groups = [np.flatnonzero(articles == a) for a in present] if len(present) <= search.per_article_limit else []
    top, bests = neighbours.search(vectors, k, groups)
    for i, row in enumerate(top.tolist()):
        for j in row:
            if j != i:
                found.add((i, j) if i < j else (j, i))
    for best in bests:
        for i, j in enumerate(best.tolist()):
            if j != i and articles[j] != articles[i]:
                found.add((i, j) if i < j else (j, i))
    return found


def rare_word_pairs(units: Sequence[Unit], idf: Idf, max_users: int | None = None) -> set[tuple[int, int]]:
    """Pairs that share a rare word: a blocking index that finds claims whose embeddings drift
    apart ("also encompasses a pact" / "does not encompass any clauses")."""
    max_users = parameters.active().search.rare_word_max_users if max_users is None else max_users
    users: dict[str, list[int]] = {}
    for i, unit in enumerate(units):
        for stem in set(stems(unit.text)):
            if idf(stem) >= idf.rare:
                users.setdefault(stem, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for indices in users.values():
        if 1 < len(indices) <= max_users:
            pairs.update((a, b) for x, a in enumerate(indices) for b in indices[x + 1 :])
    return pairs


def search_pairs(units: Sequence[Unit], vectors: np.ndarray, idf: Idf) -> list[tuple[int, int]]:
    """Every pair the grouping considers (i < j): each unit's nearest neighbours and the pairs
    that share a rare word. The pipeline has the pair model read the cross-article ones."""
    articles = np.array([u.article for u in units])
    return sorted(candidate_pairs(vectors, articles) | rare_word_pairs(units, idf))


def pairs_worth_reading(
    units: Sequence[Unit], vectors: np.ndarray, idf: Idf, search: Sequence[tuple[int, int]], sensitivity: float = 0.5
) -> list[tuple[int, int]]:
    """The search pairs whose link the pair model may decide (parameters [pair_model]): two
    articles' sentences, different wordings, cosine at least `cosine_floor`, a link score in the
    band where the judged pairs are unsure (`read_from` to `read_to`: below it nearly no pair
    shares a fact, above it nearly every one does), and among those each sentence's best
    `read_per_article` in each other article, at most `read_per_sentence` in all, so the cost
    follows the sentences, not the pairs of a whole story or of hundreds of articles. Of those,
    at most `read_share` per sentence of the corpus in all (the speed budget), the pairs whose
    link score is nearest the claim bar first: there the model's reading most often decides
    whether two sentences share a claim."""
    w = parameters.active().pair_model
    articles = np.array([u.article for u in units])
    headings = np.array([u.section_heading for u in units], dtype=bool)
    scorer = LinkScorer([u.text for u in units], vectors, idf, articles, headings)
    best: dict[tuple[int, int], list[tuple[float, int, int]]] = {}
    for i, j in search:
        a, b = units[i], units[j]
        if a.article == b.article or a.section_heading or b.section_heading or a.text == b.text:
            continue
        if float(vectors[i] @ vectors[j]) < w.cosine_floor:
            continue
        link = scorer.link(i, j)
        if w.read_from <= link < w.read_to:
            best.setdefault((i, b.article), []).append((-link, i, j))
            best.setdefault((j, a.article), []).append((-link, i, j))
    per_sentence: dict[int, list[tuple[float, int, int]]] = {}
    for (i, _article), offers in best.items():
        per_sentence.setdefault(i, []).extend(sorted(offers)[: w.read_per_article])
    chosen: dict[tuple[int, int], float] = {}
    for offers in per_sentence.values():
        # Among many articles, only the sentence's best few overall: the cost stays sentences x k.
        chosen.update(((i, j), -neg) for neg, i, j in sorted(offers)[: w.read_per_sentence])
    bar = parameters.active().claims.bars(sensitivity).edge
    budget = int(w.read_share * len(units))
    nearest = sorted(chosen, key=lambda p: (abs(chosen[p] - bar), p))[:budget]
    return sorted(nearest)


def pairs_to_label(groups: Sequence[Sequence[int]], units: Sequence[Unit]) -> list[tuple[int, int]]:
    """The cross-article pairs `build_claims` will label, as `pair_plan` plans them."""
    limit = parameters.active().search.all_pairs_limit
    found: list[tuple[int, int]] = []
    for indices in groups:
        found += pair_plan(sorted(indices), units, limit)[1]
    return found


def group(
    units: Sequence[Unit],
    vectors: np.ndarray,
    idf: Idf,
    sensitivity: float = 0.5,
    progress: Callable[[float, str], None] | None = None,
    passages: Sequence[Sequence[int]] = (),
    candidates: Sequence[tuple[int, int]] | None = None,
    pair_scores: PairTable | None = None,
) -> list[list[int]]:
    """Indices of units grouped into claims, by agglomeration over the sparse neighbour graph
    (see the module docstring for the rules). `passages`: the units of each quotation that runs
    over several sentences of one article (align/read/quotes.py). `candidates`: `search_pairs`,
    if the caller has it already; `pair_scores`: the pair model's readings (linkscore.py)."""
    bars = thresholds(sensitivity)
    edge_bar, average_bar, repeat_bar, restate_bar = bars.edge, bars.average, bars.repeat, bars.restate
    pair_bar = parameters.active().label.loose_link
    articles = np.array([u.article for u in units])
    articles_list = articles.tolist()  # plain ints: the merge loop looks them up many times
    titles = [u.title for u in units]
    headings = np.array([u.section_heading for u in units], dtype=bool)
    scorer = LinkScorer([u.text for u in units], vectors, idf, articles, headings, pair_scores=pair_scores)

    linked: dict[int, set[int]] = {i: set() for i in range(len(units))}
    title_candidates: dict[int, set[int]] = {i: set() for i in range(len(units)) if titles[i]}
    if candidates is None:
        candidates = search_pairs(units, vectors, idf)
    for i, j in candidates:
        if titles[i] or titles[j]:
            # Titles join after the claims are built, each on its best counterpart.
            for title, other in ((i, j), (j, i)):
                if titles[title] and articles_list[other] != articles_list[title]:
                    title_candidates[title].add(other)
        elif scorer.link(i, j) >= average_bar:
            linked[i].add(j)
            linked[j].add(i)

    members: dict[int, list[int]] = {i: [i] for i in range(len(units))}
    owner = list(range(len(units)))
    version = [0] * len(units)
    tiebreak = [u.text for u in units]
    # Kept up to date merge by merge, so that a merge costs what the two groups' edges and
    # samples cost, never a walk over (or a sort of) every member of a growing group: the
    # groups each group touches through a neighbour edge, and each group's sample.
    adjacent: dict[int, set[int]] = {i: set(linked[i]) for i in range(len(units))}
    samples: dict[int, list[int]] = {i: [i] for i in range(len(units))}

    def sample(g: int) -> list[int]:
        # With the full matrix every link is at hand; otherwise big groups are compared through
        # their sample (search.representatives), so cost stays bounded.
        if scorer.rows is not None or len(members[g]) <= scorer.representative_count:
            return members[g]
        return samples[g]

    def linkage(a: int, b: int) -> tuple[float, float] | None:
        """(fit, average) between groups a and b, or None if they may not merge.

        fit: mean over the smaller group's members of each one's strongest link into the other
        group (other articles only): every sentence must find its counterpart there. average:
        mean of all cross-article links, a guard against joining two loosely related groups.
        Sentences of one article in the merged group must, on average, restate each other."""
        small, large = (a, b) if len(members[a]) <= len(members[b]) else (b, a)
        return _linkage(
            sample(small),
            sample(large),
            scorer.link,
            articles_list,
            repeat_bar,
            restate_bar,
            titles,
            pair_bar,
        )

    heap: list[tuple[float, str, str, int, int, int, int]] = []

    def push(a: int, b: int) -> None:
        found = linkage(a, b)
        if found and found[0] >= edge_bar and found[1] >= average_bar:
            first, second = sorted((tiebreak[a], tiebreak[b]))
            heapq.heappush(heap, (-round(found[0], 9), first, second, a, b, version[a], version[b]))

    for i in range(len(units)):
        for j in linked[i]:
            if i < j:
                push(i, j)
    merges = 0
    while heap:
        _neg, _x, _y, a, b, va, vb = heapq.heappop(heap)
        if a not in members or b not in members or version[a] != va or version[b] != vb:
            continue  # one side changed since this entry was pushed
        keep, gone = (a, b) if len(members[a]) >= len(members[b]) else (b, a)
        for m in members[gone]:
            owner[m] = keep
        members[keep].extend(members.pop(gone))
        # The merged group's sample is drawn from the two samples: each holds the first members
        # of its group in the sample's order, so together they hold the first of the union.
        samples[keep] = scorer.representatives(samples[keep] + samples.pop(gone))
        version[keep] += 1
        tiebreak[keep] = min(tiebreak[keep], tiebreak[gone])
        for other in adjacent[gone]:
            adjacent[other].discard(gone)
            if other != keep:
                adjacent[other].add(keep)
        adjacent[keep] |= adjacent.pop(gone)
        adjacent[keep] -= {keep, gone}
        for other in sorted(adjacent[keep]):
            push(keep, other)
        merges += 1
        if progress and merges % 100 == 0:
            progress(min(1.0, merges / max(1, len(units))), "grouping claims")
    twin_bar = repeat_bar + parameters.active().claims.twin_margin
    _attach_restatements(members, owner, scorer, articles, twin_bar, average_bar)
    _place_titles(members, owner, scorer, title_candidates, parameters.active().claims.title_link)
    further = _further_claims(members, owner, scorer, linked, articles_list, titles, headings.tolist(), bars, pair_bar)
    _add_further_claims(members, owner, further)
    _keep_quotations_whole(members, owner, passages, further)
    return [sorted(g) for g in members.values()]


def _add_further_claims(members: dict[int, list[int]], owner: list[int], further: dict[int, list[int]]) -> None:
    """Each sentence joins its further claims; a sentence that stood alone then leaves its lone
    claim (a sentence in a shared claim is never also unsupported), unless another sentence
    joined that claim: then it is shared too. Every join comes first, so a claim that one
    sentence joins is never removed beforehand as another's lone claim."""
    for i, claims_of_i in further.items():
        for g in claims_of_i:
            members[g].append(i)
    for i in further:
        if members.get(owner[i]) == [i]:
            del members[owner[i]]


def _keep_quotations_whole(
    members: dict[int, list[int]],
    owner: list[int],
    passages: Sequence[Sequence[int]],
    further: dict[int, list[int]],
) -> None:
    """The pieces of one quoted passage that no other article shares are one claim, not a string
    of claims the splitter made: a quotation is one person's words, and only one of its pieces
    names the speaker ("...," Smith said. "B. C."), so alone the others say nobody's words.
    A piece that another article shares stays in its shared claims (a sentence in a shared claim
    is never also unsupported)."""
    for passage in passages:
        lone = [i for i in passage if i not in further and owner[i] in members and members[owner[i]] == [i]]
        if len(lone) < 2:
            continue
        keep = owner[lone[0]]
        for i in lone[1:]:
            del members[owner[i]]
            owner[i] = keep
            members[keep].append(i)


def _further_claims(
    members: dict[int, list[int]],
    owner: list[int],
    scorer: LinkScorer,
    linked: dict[int, set[int]],
    articles: Sequence[int],
    titles: Sequence[bool],
    headings: Sequence[bool],
    bars: MergeBars,
    pair_bar: float,
) -> dict[int, list[int]]:
    """The other shared claims each sentence states too (DESIGN.md: a sentence belongs to the
    claim of each fact another article states, at most MAX_CLAIMS_PER_SENTENCE): "X was arrested
    and charged" joins both the arrest claim and the charges claim.

    A sentence joins a claim by the rule any member must meet to merge into it (`_linkage` of
    the sentence alone against the claim: every cross-article pair at least `pair_bar`, its best
    link at the edge bar, the average at the average bar), so a claim stays one proposition and
    nobody joins through a chain of neighbours. Only claims that a neighbour link of the sentence
    reaches are tried, best first; each join is checked against the claim as it stands then, so
    two sentences that join one claim also clear the bar with each other. Titles and section
    headings keep their own rules."""
    shared = {g for g, group in members.items() if len({articles[i] for i in group}) > 1}
    offers = []
    for i in range(len(articles)):
        if titles[i] or headings[i]:
            continue
        # Any claim holding another article's sentence: a shared one, or another article's
        # sentence left alone because it could not join i's claim (X states facts 1 and 2, Y
        # states 1 and Z states 2: {X, Y} formed first, so Z was unsupported).
        for g in sorted({owner[j] for j in linked[i] if articles[j] != articles[i]} - {owner[i]}):
            fit = _joins(i, members[g], scorer, articles, titles, bars, pair_bar)
            if fit is not None:
                offers.append((-fit, scorer.texts[i], i, g))
    further: dict[int, list[int]] = {}
    joined: dict[int, list[int]] = {}  # claim -> the sentences that join it
    in_shared = [int(owner[i] in shared) for i in range(len(articles))]  # shared claims each is in
    for _neg_fit, _text, i, g in sorted(offers):
        if in_shared[i] >= MAX_CLAIMS_PER_SENTENCE:
            continue
        if any(j in joined.get(owner[i], ()) for j in members[g]):
            continue  # g's sentence already joined i's claim: that claim holds the pair
        newly_shared = g not in shared
        if newly_shared and any(in_shared[m] >= MAX_CLAIMS_PER_SENTENCE for m in members[g]):
            continue  # a lone sentence already in its most claims would gain one more
        if _joins(i, members[g] + joined.get(g, []), scorer, articles, titles, bars, pair_bar) is None:
            continue
        further.setdefault(i, []).append(g)
        joined.setdefault(g, []).append(i)
        in_shared[i] += 1
        if newly_shared:
            shared.add(g)
            for m in members[g]:
                in_shared[m] += 1
    return further


def _joins(
    i: int,
    group: Sequence[int],
    scorer: LinkScorer,
    articles: Sequence[int],
    titles: Sequence[bool],
    bars: MergeBars,
    pair_bar: float,
) -> float | None:
    """The fit of sentence i into `group` when it clears the bars a merge must clear, else None."""
    found = _linkage([i], group, scorer.link, articles, bars.repeat, bars.restate, titles, pair_bar)
    if found is None or found[0] < bars.edge or found[1] < bars.average:
        return None
    return found[0]


def _place_titles(
    members: dict[int, list[int]],
    owner: list[int],
    scorer: LinkScorer,
    candidates: dict[int, set[int]],
    bar: float,
) -> None:
    """Each article's title joins the claim of its best counterpart in another article (a
    headline summarises one claim of the story; a title is short, so its links to every other
    member would be low and it cannot join through them), or stays alone when even that link is
    below `bar`. The surest titles are placed first, so two headlines of one claim meet."""
    best = []
    for title, others in candidates.items():
        if others:
            score, other = max((scorer.link(title, j), -j) for j in others)
            best.append((-score, scorer.texts[title], title, -other))
    for neg_score, _text, title, other in sorted(best):
        if -neg_score < bar or owner[title] == owner[other]:
            continue
        gone, keep = owner[title], owner[other]
        if len(members[gone]) > 1:
            continue  # another title already joined this one: it keeps its own best counterpart
        members[keep].append(title)
        owner[title] = keep
        del members[gone]


def _linkage(
    small: Sequence[int],
    large: Sequence[int],
    link: Callable[[int, int], float],
    articles: Sequence[int],
    repeat_bar: float,
    restate_bar: float,
    titles: Sequence[bool],
    pair_bar: float = 0.0,
) -> tuple[float, float] | None:
    """The merge rules of `group` for two member lists (see `linkage` there). Two groups never
    merge when a cross-article pair between them links below `pair_bar` (a title's pairs
    excepted: a headline's words are few, so its links to body sentences are all low)."""
    same_total, same_count, cross_total, cross_count = 0.0, 0, 0.0, 0
    best_sum, orphan, title_links = 0.0, False, False
    for i in small:
        article, best = articles[i], None
        for j in large:
            score = link(i, j)
            if articles[j] == article:
                same_total += score
                same_count += 1
            else:
                if titles[i] or titles[j]:
                    title_links = True  # counts for the fit, not for the average
                elif score < pair_bar:
                    return None  # joined only through neighbours: not one proposition
                else:
                    cross_total += score
                    cross_count += 1
                if best is None or score > best:
                    best = score
        if best is None:
            orphan = True
        else:
            best_sum += best
    if same_count and same_total / same_count < repeat_bar:
        return None
    if not cross_count and not title_links:  # restatements within one article alone must be close paraphrases
        average = same_total / same_count
        return (average, average) if average >= restate_bar else None
    if orphan:
        return None  # a sentence with no counterpart from another article in the other group
    fit = best_sum / len(small)
    return fit, (cross_total / cross_count if cross_count else fit)


def _attach_restatements(
    members: dict[int, list[int]],
    owner: list[int],
    scorer: LinkScorer,
    articles: np.ndarray,
    twin_bar: float,
    counterpart_bar: float,
) -> None:
    """A sentence left alone that restates a sentence of its own article already in a
    cross-article claim joins that claim, if it also relates to another source there
    ("did not express substantial interest" joins its twin "did not show much interest"). It
    joins through its twin, a near-copy of a member that already clears the link bar with every
    other source's member, so it is held to the twin's bar, not to each pair's."""
    multi = {g: list(m) for g, m in members.items() if len({articles[i] for i in m}) > 1}
    by_article: dict[int, list[int]] = {}
    for g, group_members in multi.items():
        for article in {articles[j] for j in group_members}:
            by_article.setdefault(article, []).append(g)
    decisions = []
    # Decided on the groups as they stand, so the outcome does not depend on visiting order.
    for single in [g for g, m in members.items() if len(m) == 1]:
        i = members[single][0]
        best_group, best_twin = None, twin_bar
        for g in by_article.get(articles[i], ()):
            group_members = multi[g]
            twins = [j for j in group_members if articles[j] == articles[i]]
            others = [j for j in group_members if articles[j] != articles[i]]
            twin = max(scorer.link(i, j) for j in twins)
            if (twin > best_twin or (best_group is None and twin >= best_twin)) and max(
                scorer.link(i, j) for j in others
            ) >= counterpart_bar:
                best_group, best_twin = g, twin
        decisions.append((single, i, best_group))
    for single, i, best_group in decisions:
        if best_group is not None:
            members[best_group].append(i)
            owner[i] = best_group
            del members[single]


def confidence_floor(sensitivity: float) -> float:
    """The least confidence a pair needs to be kept: `--sensitivity S` keeps the pairs the
    engine is at least 1 - S sure of (S = 0: only certain ones; S = 1: every pair found)."""
    return 1.0 - min(1.0, max(0.0, sensitivity))


def build_claims(
    groups: Sequence[Sequence[int]],
    units: Sequence[Unit],
    vectors: np.ndarray,
    idf: Idf,
    order: Callable[[SentenceRef], tuple[int, int]],
    sensitivity: float = 0.5,
    pair_scores: PairTable | None = None,
) -> tuple[Claim, ...]:
    """Claims with their cross-article pairs labelled (every pair, or each member against the
    anchor in a claim above `search.all_pairs_limit`: see `pair_plan`); ordered by where they
    first appear.

    A member stays in its group only through a pair the engine is at least
    `confidence_floor(sensitivity)` sure of: the group falls apart into the parts such pairs
    join, and a member with none is a claim of its own. Each part still lists the planned
    pairs of its members (the JSON contract), surer or not. One article's restatements of each
    other have no pair to doubt and stay together."""
    floor = confidence_floor(sensitivity)
    # A pair's judgement depends on its two texts and their vectors alone, so each ordered
    # pair of wordings is judged once: in a big cluster most pairs of a recurring claim repeat
    # a pair of wordings already judged (reprinted wire copy).
    judged: dict[tuple[str, str, bytes, bytes], Judgement] = {}

    def judge(i: int, j: int) -> Judgement:
        key = (units[i].text, units[j].text, vectors[i].tobytes(), vectors[j].tobytes())
        found = judged.get(key)
        if found is None:
            cosine = float(np.dot(vectors[i], vectors[j]))
            read = (
                scores_for(pair_scores, units[i].text, units[j].text) if units[i].article != units[j].article else None
            )
            pair = features(units[i].text, units[j].text, cosine, idf, read)
            judgement = label(units[i].text, units[j].text, pair)
            sure = confidence(units[i].text, units[j].text, pair, judgement)
            found = judged[key] = replace(judgement, confidence=sure)
        return found

    limit = parameters.active().search.all_pairs_limit
    drafts = []
    for indices in groups:
        ordered = sorted(indices, key=lambda i: order(units[i].ref))  # pair sides in reading order
        anchor, plan = pair_plan(ordered, units, limit)
        labelled = [(i, j, Pair(units[i].ref, units[j].ref, judge(i, j))) for i, j in plan]
        one_article = len({units[i].article for i in ordered}) == 1
        sure_links = [(i, j) for i, j, pair in labelled if (pair.confidence or 0.0) >= floor]
        for part in [ordered] if one_article else connected_parts(ordered, sure_links):
            inside = set(part)
            pairs = tuple(pair for i, j, pair in labelled if i in inside and j in inside)
            claim_label = most_notable(p.relation for p in pairs)
            refs = tuple(units[i].ref for i in part)
            part_anchor = units[anchor].ref if anchor is not None and anchor in inside else None
            drafts.append((order(refs[0]), claim_label, refs, pairs, part_anchor))
    # A part that the confidence floor left with one article, all of whose sentences stand in a
    # shared claim too, is no unsupported claim: those sentences are backed elsewhere.
    shared_refs = {ref for draft in drafts if len({r.article for r in draft[2]}) > 1 for ref in draft[2]}
    drafts = [d for d in drafts if len({r.article for r in d[2]}) > 1 or not set(d[2]) <= shared_refs]
    drafts.sort(key=lambda d: d[0])
    return tuple(
        Claim(n, claim_label, refs, pairs, anchor) for n, (_key, claim_label, refs, pairs, anchor) in enumerate(drafts)
    )


def pair_plan(ordered: Sequence[int], units: Sequence[Unit], limit: int) -> tuple[int | None, list[tuple[int, int]]]:
    """The cross-article pairs of a claim to label, each (earlier, later) in reading order.

    Up to `limit` members: every cross-article pair, and no anchor. Above it the pairs would
    grow with the square of the members (a sentence 500 outlets reprint would make 125,000 pairs
    of mostly identical copies), so each member is paired with the claim's anchor: its most
    printed wording (ties to the first text in sort order, so file order does not decide), in
    the first article that prints it. Members of the anchor's own article pair with the most
    printed wording of the other articles instead. Returns (anchor or None, pairs)."""
    if len(ordered) <= limit:
        pairs = [
            (i, j) for x, i in enumerate(ordered) for j in ordered[x + 1 :] if units[i].article != units[j].article
        ]
        return None, pairs
    position = {m: x for x, m in enumerate(ordered)}

    def most_printed(candidates: Sequence[int]) -> int:
        counts: dict[str, int] = {}
        for m in candidates:
            counts[units[m].text] = counts.get(units[m].text, 0) + 1
        wording = min(counts, key=lambda text: (-counts[text], text))
        return next(m for m in candidates if units[m].text == wording)

    anchor = most_printed(ordered)
    others = [m for m in ordered if units[m].article != units[anchor].article]
    if not others:
        return None, []
    second = most_printed(others)
    pairs = []
    for m in ordered:
        if m == anchor:
            continue
        partner = anchor if units[m].article != units[anchor].article else second
        pairs.append((partner, m) if position[partner] < position[m] else (m, partner))
    return anchor, pairs


def connected_parts(members: Sequence[int], links: Iterable[tuple[int, int]]) -> list[list[int]]:
    """The members split into the parts that `links` join (union-find), each in the members'
    order; a member no link touches is a part of its own."""
    root = {m: m for m in members}

    def find(m: int) -> int:
        while root[m] != m:
            root[m] = root[root[m]]
            m = root[m]
        return m

    for i, j in links:
        root[find(i)] = find(j)
    parts: dict[int, list[int]] = {}
    for m in members:
        parts.setdefault(find(m), []).append(m)
    return list(parts.values())
