"""Classify stage: topic labels for agenda items (saker.tema), see tema.py."""
