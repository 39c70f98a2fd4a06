"""A bag-of-words text classifier that also sees the parts of compound words.

spaCy's TextCatBOW hashes whole tokens. Norwegian case titles are full of compounds
(`barnehageopptak`, `skulestruktur`, `avlaupsleidningar`), so a title whose compound
never occurred in training shares no feature with the ones that did. Adding the
character n-grams of each word (fastText-style subwords) lets `barnehageopptak` share
`barneh`, `hage`, `opptak` with what was seen, and bokmål and nynorsk forms
(`skole`/`skule`, `avløp`/`avlaup`) share most of their n-grams. It stays a single
sparse linear layer: small on disk, and 1,000 titles classify in well under a second.

The architecture is registered under `motedata.TegnBOW.v1`; importing this module
before `spacy.load` is what lets a saved model find it.
"""
from __future__ import annotations

from functools import lru_cache, partial
from typing import List, Optional

import numpy
from spacy.ml.models.textcat import NEG_VALUE, resize_and_set_ref
from spacy.strings import hash_string
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import Logistic, Model, SparseLinear_v2, chain, resizable, softmax_activation, with_cpu
from thinc.layers.resizable import resize_linear_weighted
from thinc.types import Floats2d


@lru_cache(maxsize=65536)
def word_keys(word: str, sizes: tuple[int, ...], marker: str) -> tuple[int, ...]:
    """Hashes of the word itself and of its character n-grams (with boundary marks)."""
    w = f"<{word}>"
    keys = [hash_string(f"{marker}w{word}")]
    for n in sizes:
        keys.extend(hash_string(f"{marker}{w[i:i + n]}") for i in range(max(0, len(w) - n + 1)))
    return tuple(keys)


def doc_keys(doc: Doc, sizes: tuple[int, ...], bigrams: bool) -> list[int]:
    """Features of one doc: words, word bigrams and subwords. Words after the first
    line break (the proposal text) are marked apart from the title's words."""
    keys: list[int] = []
    marker = "t"
    prev = ""
    for token in doc:
        if token.is_space:
            if "\n" in token.text:
                marker, prev = "x", ""
            continue
        if token.is_punct:
            prev = ""
            continue
        word = token.lower_
        keys.extend(word_keys(word, sizes, marker))
        if bigrams and prev:
            keys.append(hash_string(f"{marker}b{prev} {word}"))
        prev = word
    return keys


def extract_features(ngram_sizes: tuple[int, ...], bigrams: bool) -> Model:
    return Model("extract_subword_features", _forward,
                 attrs={"ngram_sizes": tuple(ngram_sizes), "bigrams": bigrams})


def _forward(model: Model, docs: List[Doc], is_train: bool):
    sizes, bigrams = tuple(model.attrs["ngram_sizes"]), model.attrs["bigrams"]
    batch_keys, batch_vals, lengths = [], [], []
    for doc in docs:
        keys = numpy.asarray(doc_keys(doc, sizes, bigrams) or [0], dtype="uint64")
        uniq, counts = numpy.unique(keys, return_counts=True)
        batch_keys.append(uniq)
        # One vote per distinct feature, scaled so long texts do not outshout short ones.
        batch_vals.append(numpy.full(len(uniq), 1.0 / numpy.sqrt(len(uniq)), dtype="f"))
        lengths.append(len(uniq))
    keys = model.ops.asarray(numpy.concatenate(batch_keys), dtype="uint64")
    vals = model.ops.asarray(numpy.concatenate(batch_vals), dtype="f")
    return (keys, vals, model.ops.asarray(lengths, dtype="int32")), lambda dY: []


@registry.architectures("motedata.TegnBOW.v1")
def build_tegn_bow(exclusive_classes: bool = True, ngram_sizes: List[int] = (3, 4, 5), bigrams: bool = True,
                   length: int = 2 ** 17, nO: Optional[int] = None) -> Model[List[Doc], Floats2d]:
    length = 2 ** (length - 1).bit_length()
    sparse_linear = SparseLinear_v2(nO=nO, length=length)
    fill_defaults = {"b": NEG_VALUE, "W": 0}
    with Model.define_operators({">>": chain}):
        output_layer = softmax_activation() if exclusive_classes else Logistic()
        resizable_layer = resizable(sparse_linear,
                                    resize_layer=partial(resize_linear_weighted, fill_defaults=fill_defaults))
        inner = extract_features(tuple(ngram_sizes), bigrams) >> resizable_layer
        model = with_cpu(inner, inner.ops)
        model = model >> with_cpu(output_layer, output_layer.ops)
    if nO is not None:
        model.set_dim("nO", nO)
    model.set_ref("output_layer", sparse_linear)
    model.attrs["multi_label"] = not exclusive_classes
    model.attrs["resize_output"] = partial(resize_and_set_ref, resizable_layer=resizable_layer)
    return model
