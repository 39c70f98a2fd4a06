"""Imported once by the forkserver that starts `motedata run`'s worker processes.

Loading what every document needs here (the topic model, ~2 s and ~70 MB) means each
worker is forked with it in memory, shared until written, instead of loading it inside
its first document's time limit, and again in every worker that replaces a stopped one.
"""
from .batch import warm_up

warm_up()
