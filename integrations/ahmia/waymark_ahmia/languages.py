"""Django language codes (en-us, pt-br, zh-hans, en_US) as Waymark's 24 interface languages."""

WAYMARK_LANGUAGES = frozenset([
    "en", "ar", "bs", "de", "el", "es", "fa", "fi", "fr", "hi", "hr", "it", "ja", "ne", "nl", "pl", "pt",
    "ru", "sr", "sv", "ta", "uk", "zh-hans", "zh-hant",
])

TRADITIONAL_CHINESE_REGIONS = ("-tw", "-hk", "-mo")


def waymark_language(code):
    """
    Waymark's code for a Django language code: the code itself when Waymark has it, else Chinese by script
    or region (zh-hant, zh-tw, zh-hk, zh-mo read Traditional, any other zh Simplified), else the base
    language (pt-br is pt, en-us is en), else English. Waymark reads codes the same way; mapping here too
    keeps every URL the searcher is sent to one Waymark serves.
    """
    code = (code or "").strip().lower().replace("_", "-")
    if code in WAYMARK_LANGUAGES:
        return code
    if code == "zh" or code.startswith("zh-"):
        traditional = "-hant" in code or code.endswith(TRADITIONAL_CHINESE_REGIONS)
        return "zh-hant" if traditional else "zh-hans"
    base = code.split("-")[0]
    return base if base in WAYMARK_LANGUAGES else "en"
