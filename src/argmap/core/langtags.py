"""Language tags (BCP 47) as used for translations and `lang:`: a language with optional script, region and
variants, e.g. `en`, `zh`, `zh-Hant`, `zh-Hans-CN`, `ja`, `pt-BR`, `zh-Latn-pinyin`, `ja-Latn-hepburn`.

Validity is decided by `langcodes` against the IANA subtag registry it ships (no download); BCP 47 is
case-insensitive and separates subtags with `-` only, so `zh_CN` is not a tag. langcodes is imported on
first use, and answers are cached per tag.
"""

from __future__ import annotations

import functools
import re

_SHAPE = re.compile(r"^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$")


@functools.lru_cache(maxsize=1024)
def is_language_tag(tag: str) -> bool:
    if not _SHAPE.match(tag):
        return False
    import langcodes

    return langcodes.tag_is_valid(tag)
