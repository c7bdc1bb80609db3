"""
Waymark screening for Ahmia (ahmia-site): a mixin for Ahmia's TorResultsView that asks Waymark's operator
listener about each query and each page of result titles, and keeps Ahmia's own term list working beside it.
How to install it and what it does: docs/integration.md in the Waymark repository.
"""
