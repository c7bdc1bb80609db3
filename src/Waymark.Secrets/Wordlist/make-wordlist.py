#!/usr/bin/env python3
"""Derive the recovery-phrase word list from Debian's wamerican (SCOWL, permissive licence).

Usage: python3 make-wordlist.py /usr/share/dict/american-english > words.txt

Keeps plain lowercase a-z words of 4 to 6 letters, drops plurals and inflections (so that a word and
its plural are never both in the list), Roman numerals, and any word that contains a root from the
blocklist (sexual, violent, abusive, medical or otherwise distressing words have no place in a phrase
that a person seeking help must type). The shortest words come first; the first 4096 make the list
(12 bits a word). The output is deterministic for a given input file.
"""
import re
import sys

COUNT = 4096

# Roots: a candidate containing any of these anywhere is dropped. Deliberately broad.
BLOCKED_ROOTS = """
abort abuse addict anal anus arse ass bastard beat bitch blood bomb boob booz breast brothel butt
child chink coon cock corpse crap cunt cum dago damn dead death devil dick dildo die dope drug drunk
dumb dyke fag fart fat fetish fuck gay gook grope gun gyp harlot hate hell heroin hitler homo hooker
horny hump idiot incest jap jew kid kike kill knife lesbo lewd lust maim minor molest moron murder
naked nazi negro nigg nipple nude nymph opium orgy pedo penis perv pimp piss porn prick pube pussy
queer rape rapist raunch rectum retard rifle satan scum semen sex shit sissy slag slay slut smut
sodom spank sperm spic stab strip suicid teat testic thug tit torture toss tramp twat urine vagina
virgin vomit whip whore wank weapon wench wetback womb young youth zulu
bare bed bust cult gore hang hurt kiss lick naughty nazi slave suck tease thong torso virile
bra bum cop gal hag hoe hoar homo lass lad maid pet pup teen tot tart babe baby boy girl son
adult erotic flirt grab hooch hole jail jerk loin lurid meth sin sinful stalk touch undress
""".split()

# Exact words also dropped (short words whose roots would block too much if listed above).
BLOCKED_WORDS = set("""
hit hits bite bang bash shot shoot gash slit slash wound wounds poison prison choke chokes
lure lured groom groomer bait secret secrets alone lonely
abbr acct advt atty avdp bldg blvd chapt chem comm conj cont contd dept diff excl govt ibid ioctl misc
natl pron recd resp secy stdio subj tbsp xref yest rehi nite altho mkay gonna gotta kinda sorta lemme gimme dunno
agony bimbo boink boner bosom butch clit cocci ogle gonad hymen labia lynch milf hussy kink kinky pubic
rump scrog shat squaw turd taser toke ovary ovum panty thigh tush puke nappy potty poop fecal fetal enema
crime felon lover mommy daddy mama momma papa poppa nanny grief jihad jehad gulag noose coma cyst vape wino
booty narc nark rehab leper polio pygmy pigmy gipsy lame crazy dweeb dork dorky scag hooch bong coke junky
shame guilt evil fiend demon ghoul curse fanny pansy fairy dike dunce loser obese gimpy psych harem
sexy bust busty hottie vixen buxom bawdy randy horny seamy sleaze sleazy lurid nude strip wench hunk
beast brute bigot cruel dread grave gory gore tomb coffin slain smite stab slay assault
""".split())

ROMAN = re.compile(r"^[ivxlcdm]+$")
SHAPE = re.compile(r"^[a-z]{4,6}$")


def keep(word: str) -> bool:
    if not SHAPE.match(word) or ROMAN.match(word):
        return False
    if word.endswith(("s", "ed", "ing", "ly")):
        return False
    if word in BLOCKED_WORDS:
        return False
    return not any(root in word for root in BLOCKED_ROOTS)


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as source:
        words = sorted({line.strip() for line in source if keep(line.strip())}, key=lambda w: (len(w), w))
    if len(words) < COUNT:
        sys.exit(f"only {len(words)} candidates, need {COUNT}")
    for word in sorted(words[:COUNT]):
        print(word)


if __name__ == "__main__":
    main()
