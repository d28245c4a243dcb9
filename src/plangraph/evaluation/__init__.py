"""Scoring builds against gold annotations: in-sample (the bundled plans) and wide (other provinces).

``scoring`` compares one dataset with gold files exactly as ``eval/README.md`` describes;
``runner`` builds the two gold sets and prints their figures side by side (``make eval``).
"""
