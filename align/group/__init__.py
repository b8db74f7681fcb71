"""Grouping: vectors and pair judgements in, claims and stories out.

`neighbours` finds each sentence's candidate partners among the vectors (exact or faiss);
`claims` links candidates that the judge stage scores above the bars and groups them into
claims; `story_groups` groups a pile of articles into stories from their leads' vectors.
Receives vectors from the pipeline; runs no model.
"""
