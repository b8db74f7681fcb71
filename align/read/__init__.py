"""Reading: files, folders and URLs in, `Article`s out.

Takes paths and URLs; gives articles whose text is decoded as a browser decodes it
(`decode`), fetched within limits (`fetch`), made inert (`sanitize`), cut into sentences with
character offsets (`segment`, `sentence_splitter`), and with page furniture marked
(`boilerplate`). `reader` is the stage's entry: `load_corpus`, `read_article`, `read_page`.
Runs no model and decides no relation.
"""
