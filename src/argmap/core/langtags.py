"""Language tags (BCP 47) as used for translations and `lang:`: a language, an optional script, an
optional region, e.g. `en`, `zh`, `zh-Hant`, `zh-Hans-CN`, `ja`, `pt-BR`.

The language subtag must be an ISO 639-1 code or one of a few ISO 639-3 codes scholars of East Asia use;
the check is deliberately small (no registry download) and case-insensitive, as BCP 47 is.
"""

from __future__ import annotations

import re

ISO_639_1 = frozenset("""
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee
el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is
it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms
mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk
sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi
yo za zh zu
""".split())
ISO_639_3_EXTRA = frozenset({"yue", "cmn", "lzh", "wuu", "nan", "hak", "grc", "ain", "ryu", "och", "ltc",
                             "ojp", "okm", "und", "mul"})
_TAG = re.compile(r"^([a-z]{2,3})(?:-([a-z]{4}))?(?:-([a-z]{2}|\d{3}))?$", re.I)


def is_language_tag(tag: str) -> bool:
    match = _TAG.match(tag)
    if not match:
        return False
    language = match.group(1).lower()
    return language in ISO_639_1 or language in ISO_639_3_EXTRA
