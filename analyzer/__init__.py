"""Source-attribution and credibility analyzer for news text.

The picture: ingest -> nlp -> attribution -> speakers -> hedging + credibility -> contradictions
-> report -> store; `pipeline` runs it in order, `cli` and `dashboard.py` sit on top.
"""

__version__ = "0.1.0"
