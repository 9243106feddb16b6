"""The typo model of the relevance queries (and of the few misspelt catalog titles).

One edit per word, of the kinds that dominate real query logs (Damerau 1964 found ~80% of
misspellings to be one insertion, deletion, substitution or transposition): swapping two
adjacent letters, dropping one, hitting a QWERTY neighbour instead, or doubling one. Never the
first letter (people rarely get it wrong), never in words with digits (sizes, model numbers).
"""
import re

KEYBOARD_ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
NEIGHBOURS = {}
for row in KEYBOARD_ROWS:
    for position, letter in enumerate(row):
        NEIGHBOURS[letter] = row[max(0, position - 1):position] + row[position + 1:position + 2]
KINDS = ("transposition", "deletion", "substitution", "insertion")
WORD = re.compile(r"[A-Za-z]{5,}")


def misspell(rng, word, kind=None):
    """`word` with one edit of `kind` (drawn when None) after its first letter; words under 4
    letters are returned as they are."""
    if len(word) < 4:
        return word
    kind = kind or rng.choice(KINDS)
    position = rng.randint(1, len(word) - 2)
    if kind == "transposition" and word[position] != word[position + 1]:
        return word[:position] + word[position + 1] + word[position] + word[position + 2:]
    if kind == "deletion":
        return word[:position] + word[position + 1:]
    if kind == "insertion":
        return word[:position] + word[position] + word[position:]
    letter = word[position].lower()
    replacement = rng.choice(NEIGHBOURS.get(letter, "e") or "e")
    if word[position].isupper():
        replacement = replacement.upper()
    return word[:position] + replacement + word[position + 1:]


def misspell_text(rng, text):
    """`text` with one of its words of 5 or more letters misspelt (unchanged when it has none)."""
    words = list(WORD.finditer(text))
    if not words:
        return text
    match = rng.choice(words)
    return text[:match.start()] + misspell(rng, match.group(0)) + text[match.end():]
