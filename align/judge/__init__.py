"""Judging a pair: two sentences (and their vectors' cosine) in, a relation with evidence out.

`linkscore` scores whether two sentences state one claim (cosine, `lexical` overlap, shared
frames); `relations` labels a pair agreement, paraphrase, exaggeration or contradiction from
`conflicts` (negations, numbers, antonyms, debunking), `cues` (strength, hedges, sensational
wording) weighed on the `clauses` that state the shared claim; `confidence` says how likely the
label is right. Receives vectors and scores; runs no model.
"""
