"""The manual's languages: the one place that lists them."""

LANGUAGES = ("en", "ru")

# Each language named in itself, for switchers and the landing page.
NATIVE_NAMES = {"en": "English", "ru": "Русский"}


def other_languages(lang: str) -> tuple[str, ...]:
    check_language(lang)
    return tuple(code for code in LANGUAGES if code != lang)


def check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; the manual has {', '.join(LANGUAGES)}")
    return lang
