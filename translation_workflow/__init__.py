"""The translation workflow of the Arabic edition, around wagtail-localize.

``status`` computes each page's and snippet's translation status for the queue (``views``,
``filters``); ``po`` exports and imports PO files for whole folders; ``sync`` refreshes
translation sources when an English page is published; ``permissions`` confines the
Translators group to the target language.
"""
