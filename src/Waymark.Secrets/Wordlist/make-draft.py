#!/usr/bin/env python3
"""Make or check a machine-drafted recovery-phrase word list (docs/adr/0031).

Usage:
  python3 make-draft.py LANG CONCEPTS CANDIDATES [PAIRS...] > drafts/LANG.tsv   make a draft
  python3 make-draft.py --check drafts/LANG.tsv                       check a draft against the rules

CONCEPTS holds English concept words, CANDIDATES their translations into LANG, the same number of whitespace-separated
words on each line ("-" where the language has no single word); each PAIRS file adds more, one "concept word" a line.
A draft keeps, in order, each candidate that is
- one word of letters (and their combining marks) in one script, 3 to 14 characters, without joiners or apostrophes;
- not a word of the exclusions below (the same topics as make-wordlist.py and bip39/excluded.tsv);
- distinct from every kept word once folded as the reader folds it (Waymark.Secrets.PhraseFolding);
- distinct in its first four letters (grapheme clusters in Indic scripts) once folded from every kept word;
- not one edit (insert, delete or substitute a letter) from a kept word, once folded, when both have five letters or more;
- not, once folded, another list's word that it is not (so that a phrase typed folded cannot read in another list).
It fails unless at least MINIMUM words survive. The output is sorted, one "word<TAB>English concept" a line, after a
header saying it is a machine draft that needs native review. Removing a word after the list ships is not allowed:
retire it in retired.tsv instead.
"""
import glob
import os
import re
import sys
import unicodedata

MINIMUM = 1449
HERE = os.path.dirname(os.path.abspath(__file__))

# Words left out of a draft although their English concept was benign: in the language they also name the body, bed or
# bath, sweets, toys and games, weapons, alcohol, family or religion, or read as unpleasant (the rule of excluded.tsv).
EXCLUDED = {
    "fi": set("""sauna rantasauna vihta amme pesuvati leivos vanukas pulla keksi siirappi hyytelö marmeladi fariini sima
        peitto tyyny keinu hiekkalaatikko helistin hyrrä kuula peli rintakoru viikate häkki risti virsi pyhiinvaeltaja
        napa kieli kynsi huuliharppu kurkku takaosa märkä kuuma pidellä leikata jousiammunta miekkakala terävä panimo
        isäntä hillo""".split()),
    "ar": set("""خنزير فخذ عين صليب خمر حاج جني ساحر ضرب قص حاد نار حمار كلب سكري مربى كعك مافن ابنآوى ابنعرس شبهجزيرة
        أحدعشر اثناعشر أبوالحناء دوارالشمس سمكذهبي دودةقز سمكموسى نجمالبحر فرسالبحر نصفقطر خطالاستواء خطالطول نصفكرة
        طائرورق لحم منجل رصاص صاروخ أبوسيف أمسك""".split()),
    "fa": set("""خوکچه سگ الاغ شرابی تیر تیراندازی داس تیز بریدن ضرب پری جادوگر زائر نیایش چلیپا پوست گورکن کفتار کوتوله
        گوشت بیکن ژامبون خیس داغ سوز برجستان بوستانگاه آبادیک پارچچه گنبدک دروازهک بامک نردبانک کلیدک آردینه چاهسار
        یخچه ستیغی گلسنگی شکوفهها فوارهها گلبرگها زیرپیالهای کیسهپول کهرباسنگ دروازهبان سپیدارستان کاجستان پستهزار
        توتزار بنفشهزار زعفرانزار نرگسزار رکابی زینت مغز قوریچه تنه سحر فلک""".split()),
    "sv": set("""sex mus psalm pilgrim badstrand kudde filt sylt muffin sockrig skära vass slaktare lie svärdfisk bågskytte
        tunga axel docka röra hålla vinröd sejdel fickplunta""".split()),
    "pl": set("""świnka kiełbasa jajko trzymać ciąć ostry łucznictwo miecznik kosa sierp pielgrzym krzyż kielich kufel parafia
        harcerz dżem babeczka słodkawy poduszka kołdra mokry gorący gruby kula""".split()),
    "uk": set("""свинка ковбаса яйце тримати різати гострий стрільба коса серп прочанин хрест парафія скаут джем кекс цукристий
        подушка ковдра мокрий гарячий товстий язик росія кулька зад ніжний""".split()),
    "hr": set("""jaje kobasica držati rezati oštar streljaštvo sabljarka kosa srp hodočasnik križ kalež župa izviđač pekmez mafin
        šećerast jastuk poplun mokar vruć debeo jezik kugla raketa mesar kitica magarac krigla čuturica""".split()),
    "bs": set("""jaje kobasica držati rezati oštar streljaštvo sabljarka kosa srp hodočasnik križ kalež župa izviđač pekmez mafin
        šećerast jastuk poplun mokar vruć debeo jezik kugla raketa mesar kitica magarac krigla čuturica""".split()),
    "hi": set("""अंडा सॉसेज गोमांस बेकन हैम कसाई काटना पैना तीरंदाज़ी तलवारमछली हँसिया दराँती तीर्थयात्री क्रॉस भजन कलश पल्ली स्काउट
        मुरब्बा मफ़िन मीठा गद्दी रज़ाई भीगा मोटा गोला रॉकेट बिच्छू थामना गधा कुत्ता उल्लू यम दानव बौना योद्धा कोतवाल""".split()),
    "ne": set("""सोसेज बेकन ह्याम राँगो मासुपसल काट्नु धारिलो धनुर्विद्या तरबारेमाछा हँसिया तीर्थयात्री क्रस भजन कलश स्काउट जाम
        मफिन गुलियो तकिया सिरक भिजेको रकेट समात्नु गधा कुकुर राक्षस बाउन्ने योद्धा कोतवाल भट्टी पासो राति""".split()),
    "ta": set("""முட்டை சாசேஜ் பேக்கன் ஹாம் மாட்டிறைச்சி இறைச்சிக்கடைக்காரர் வெட்டு கூர்மை வில்வித்தை வாள்மீன் அரிவாள் கதிரரிவாள்
        யாத்திரிகர் சிலுவை பக்திப்பாடல் கலசம் சாரணர் ஜாம் மஃபின் இனிமை சர்க்கரைப்பதம் திண்டு மெத்தைவிரிப்பு நனைந்த சூடு
        தடித்த பிடி கழுதை நாய் பூதம் குள்ளன் சுருக்குக்கயிறு ஏவூர்தி பீர்க்கோப்பை ஊஞ்சல் அடி மடி சுடு""".split()),
    "el": set("""νέο αργό ήλιο γάιδαρος λουκάνικο αυγό κρατώ κρατάω κόβω κοφτερός τοξοβολία ξιφίας δρεπάνι δρεπανάκι προσκυνητής
        σταυρός εκκλησιαστικό ψαλμός ενορία δισκοπότηρο πρόσκοπος δάσκαλος μαρμελάδα μάφιν ζαχαρένιος μαξιλάρι πάπλωμα
        βρεγμένος καυτός χοντρός γλώσσα πάτος τρυφερός σφαίρα πύραυλος χασάπης κωλοφωτιά αρνάκι κατσικάκι
        αλογάκι σκυλάκι γατούλα ποντικάκι κουνελάκι φωκίτσα δελφινάκι καβουράκι""".split()),
}


def _cyrillic(word: str) -> str:
    """Serbian Latin to Cyrillic, for the Serbian draft's exclusions (its words are the Bosnian draft's, transliterated)."""
    for latin, cyrillic in (("lj", "љ"), ("nj", "њ"), ("dž", "џ")):
        word = word.replace(latin, cyrillic)
    return "".join(dict(zip("abcčćdđefghijklmnoprsštuvzž", "абцчћдђефгхијклмнопрсштувзж")).get(c, c) for c in word)


EXCLUDED["sr"] = {_cyrillic(word) for word in EXCLUDED["bs"]}


def fold(word: str) -> str:
    """Mirrors PhraseFolding.Fold in C#: keep the two in step (a test compares them on every draft)."""
    out = []
    for ch in unicodedata.normalize("NFD", word):
        o = ord(ch)
        if 0x0300 <= o <= 0x036F or 0x064B <= o <= 0x065F or ch in "\u0670\u0640\u093C":
            continue
        out.append({"ß": "ss", "ς": "σ", "\u06CC": "\u064A", "\u0649": "\u064A", "\u06D2": "\u064A", "\u06A9": "\u0643",
                    "\u0629": "\u0647", "\u06C0": "\u0647", "\u06D5": "\u0647", "\u0671": "\u0627", "\u0901": "\u0902"}.get(ch, ch))
    return unicodedata.normalize("NFC", "".join(out))


def canonical(word: str) -> str:
    return unicodedata.normalize("NFKC", word).lower()


INDIC = re.compile("[\u0900-\u0DFF]")


def clusters(word: str) -> list:
    """Grapheme-like clusters: a base letter with the marks, viramas and joined consonants that follow it."""
    result = []
    for ch in word:
        cat = unicodedata.category(ch)
        joined = result and (cat.startswith("M") or result[-1].endswith(("\u094D", "\u0BCD")))
        if joined:
            result[-1] += ch
        else:
            result.append(ch)
    return result


def prefix(word: str) -> str:
    f = fold(word)
    return "".join(clusters(f)[:4]) if INDIC.search(f) else f[:4]


def one_edit(a: str, b: str) -> bool:
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    if len(a) > len(b):
        a, b = b, a
    for i in range(len(b)):
        if b[:i] + b[i + 1:] == a:
            return True
    return False


def script_of(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return name.split(" ")[0]


def shape_ok(word: str) -> bool:
    if not 3 <= len(word) <= 14 and not INDIC.search(word):
        return False
    if INDIC.search(word) and not 2 <= len(clusters(word)) <= 8:
        return False
    scripts = set()
    for ch in word:
        cat = unicodedata.category(ch)
        if cat.startswith("L"):
            scripts.add(script_of(ch))
        elif not cat.startswith("M"):
            return False
    return len(scripts) == 1


def other_lists(language: str) -> dict:
    """fold -> set of canonical words, over every other list shipped beside this script."""
    words = {}

    def add(word):
        w = canonical(word)
        words.setdefault(fold(w), set()).add(w)

    for line in open(os.path.join(HERE, "words.txt"), encoding="utf-8"):
        if line.strip():
            add(line.strip())
    for path in glob.glob(os.path.join(HERE, "bip39", "*.txt")):
        for line in open(path, encoding="utf-8"):
            if line.strip():
                add(line.strip())
    for path in glob.glob(os.path.join(HERE, "monero", "*.h")):
        text = open(path, encoding="utf-8").read()
        for word in re.findall(r'"([^"]+)"', text[text.index("words[NWORDS]"):]):
            add(word)
    for path in glob.glob(os.path.join(HERE, "drafts", "*.tsv")):
        if os.path.basename(path) == language + ".tsv":
            continue
        for line in open(path, encoding="utf-8"):
            if line.strip() and not line.startswith("#"):
                add(line.split("\t")[0])
    return words


def select(language: str, pairs: list) -> list:
    others = other_lists(language)
    excluded = {canonical(word) for word in EXCLUDED.get(language, ())}
    kept, folds, prefixes = [], set(), set()
    by_length = {}
    for concept, candidate in pairs:
        word = canonical(candidate)
        if word == "-" or word in excluded or not shape_ok(word):
            continue
        f = fold(word)
        if f in folds or prefix(word) in prefixes:
            continue
        if any(other != word for other in others.get(f, ())):
            continue
        # Short words always have neighbours one letter away (BIP-39's own English list has cat and car); among words of
        # five letters or more a single typo should not make another word (woman, women).
        near = [w for n in (len(f) - 1, len(f), len(f) + 1) for w in by_length.get(n, ()) if min(len(w), len(f)) >= 5 and one_edit(f, w)]
        if near:
            continue
        kept.append((word, re.sub(r"\d+$", "", concept)))
        folds.add(f)
        prefixes.add(prefix(word))
        by_length.setdefault(len(f), []).append(f)
    return kept


HEADER = """# Recovery-phrase words in {language}: a machine draft (docs/adr/0031).
# status: machine-draft, needs native review
# source: translated by a language model, 2026-12-07, from the English concepts in the second column; filtered by
#   make-draft.py (letters only, none of the excluded topics, distinct first four letters once folded, no two words
#   one edit apart, no false friend of another list). A fluent reader should check every word: replace a word that is
#   wrong, rare, hard to spell or unpleasant by retiring it (../retired.tsv) and adding a better one; never delete it.
"""


def make(language: str, concepts_path: str, candidates_path: str, extra: list) -> None:
    concepts = [line.split() for line in open(concepts_path, encoding="utf-8") if line.strip()]
    candidates = [line.split() for line in open(candidates_path, encoding="utf-8") if line.strip()]
    pairs = []
    for number, (english, translated) in enumerate(zip(concepts, candidates), 1):
        if len(english) != len(translated):
            sys.exit(f"{candidates_path}:{number}: {len(translated)} words for {len(english)} concepts")
        pairs.extend(zip(english, translated))
    for path in extra:
        for number, line in enumerate(open(path, encoding="utf-8"), 1):
            fields = line.split()
            if len(fields) == 2:
                pairs.append((fields[0], fields[1]))
            elif fields:
                sys.exit(f"{path}:{number}: not 'concept word'")
    if len(candidates) != len(concepts):
        print(f"{candidates_path}: {len(candidates)} lines for {len(concepts)}; the rest is not used", file=sys.stderr)
    kept = select(language, pairs)
    print(f"{language}: {len(kept)} words from {len(pairs)} candidates", file=sys.stderr)
    if len(kept) < MINIMUM:
        sys.exit(f"{language}: only {len(kept)} words, need {MINIMUM}")
    sys.stdout.write(HEADER.format(language=language))
    for word, concept in sorted(kept):
        sys.stdout.write(f"{word}\t{concept}\n")


def check(path: str) -> None:
    language = os.path.basename(path)[:-4]
    lines = open(path, encoding="utf-8").read().split("\n")
    if "# status: machine-draft, needs native review" not in lines and "# status: reviewed" not in lines:
        sys.exit(f"{path}: no '# status:' line")
    pairs = [tuple(line.split("\t")) for line in lines if line.strip() and not line.startswith("#")]
    kept = select(language, [(concept, word) for word, concept in pairs])
    if len(kept) != len(pairs):
        lost = sorted({w for w, _ in pairs} - {w for w, _ in kept})
        sys.exit(f"{path}: {len(pairs) - len(kept)} words break the rules: {' '.join(lost[:20])}")
    print(f"{path}: {len(pairs)} words pass")


if __name__ == "__main__":
    if sys.argv[1] == "--check":
        check(sys.argv[2])
    else:
        make(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:])
