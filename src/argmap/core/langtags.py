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


# Language tags that are also common English words: as field names they are more likely a typo (`no:` for
# `note:`) than a translation, so build warns (AM212). The language each tag names, for the message.
TAGS_THAT_ARE_WORDS: dict[str, str] = {
    "am": "Amharic", "an": "Aragonese", "be": "Belarusian", "ha": "Hausa", "he": "Hebrew", "id": "Indonesian",
    "in": "Indonesian", "is": "Icelandic", "it": "Italian", "la": "Latin", "my": "Burmese", "na": "Nauru",
    "no": "Norwegian", "or": "Odia", "so": "Somali", "to": "Tonga",
}
