#!/usr/bin/env python3
"""Writes corpus.txt, the tokenizer test corpus (run from this folder; the
output is committed, so tests never run this).

One case per line. In a line, U+2424 (␤) stands for a newline and U+240D (␍)
for a carriage return: the Go test and the JS reference both expand them.
Some lines hold invalid UTF-8 on purpose. Deterministic (seeded)."""
import random

rng = random.Random(20261125)
NL, CR = "\u2424", "\u240d"

sentences = [
    # English, contractions and casing
    "The quick brown fox jumps over the lazy dog.", "I'm sure you'll agree it's what we'd've done.",
    "DON'T SHOUT, we're all LISTENING'S fine", "She said: \"it's 5 o'clock somewhere\"", "rock'n'roll isn't dead",
    "Curly quotes: it’s, they’re, ‘single’ and “double”.", "e-mail me at someone@example.com or visit https://example.org/a?b=c&d=e#f",
    # European
    "Größenwahn ist keine Tugend, sagte der Bäcker aus Köln.", "Ça coûte 12,50 € — c'est très cher, n'est-ce pas ?",
    "¿Dónde está la biblioteca? ¡Allí, señor!", "A ação começou às 9h; não há pão.", "Zażółć gęślą jaźń — pchnąć w tę łódź jeża.",
    "Příliš žluťoučký kůň úpěl ďábelské ódy.", "Árvíztűrő tükörfúrógép", "İstanbul'da ılık bir gün; Iğdır, ŞİŞLİ",
    "Ελληνικά: Ξεσκεπάζω την ψυχοφθόρα βδελυγμία.", "Съешь же ещё этих мягких французских булок, да выпей чаю.",
    "Ґанок, їжак, європейський — українська мова.", "Þú ert ljótur; ÆØÅ æøå ß ẞ",
    # Middle East, South Asia
    "مرحبا بالعالم! كيف حالك اليوم؟ ١٢٣٤٥", "שלום עולם, מה שלומך? 2024", "सभी मनुष्यों को गौरव और अधिकारों के मामले में जन्मजात स्वतंत्रता प्राप्त है।",
    "আমার সোনার বাংলা, আমি তোমায় ভালোবাসি।", "யாமறிந்த மொழிகளிலே தமிழ்மொழி போல் இனிதாவது எங்கும் காணோம்",
    "ਪੰਜਾਬੀ ਭਾਸ਼ਾ", "فارسی شکر است", "اردو ایک زبان ہے",
    # East / South-East Asia
    "你好，世界！今天天气很好。", "繁體中文測試：臺灣、香港。", "日本語のテキスト、カタカナとひらがな。東京都。",
    "한국어 문장입니다. 안녕하세요!", "ภาษาไทยไม่มีช่องว่างระหว่างคำ", "Tiếng Việt có dấu: Trường Sa, Hoàng Sa.",
    "မြန်မာဘာသာ", "ភាសាខ្មែរ", "ພາສາລາວ", "ქართული ენა", "Հայերեն լեզու", "አማርኛ ቋንቋ", "ᚠᛇᚻ᛫ᛒᛦᚦ runes",
    # Math and symbols
    "∀x∈ℝ: x² ≥ 0; ∑ᵢ aᵢ = ½·n(n+1) ≈ ∞", "Temperature: −40 °C = −40 °F; 3×4=12; 10÷2=5", "Ⅻ ⅷ ① ② ③ ¼ ¾ ⁴²",
]
emoji = ["👋", "👋🏽", "👨‍👩‍👧‍👦", "🏳️‍🌈", "🇫🇷🇯🇵", "1️⃣", "❤️", "🧑🏿‍💻", "😀😃😄", "🤖", "👩‍❤️‍💋‍👨", "🫠", "✊🏾", "🐈‍⬛"]
code = [
    'func main() {' + NL + '\tfmt.Println("hello, 世界")' + NL + '}',
    'def f(x: int) -> int:' + NL + '    return x ** 2  # square',
    'const x = [1, 2, 3].map(v => v * 2); // doubled',
    '{"name": "ComputePool", "layers": [0, 8, 16], "ok": true, "ratio": 0.125}',
    'SELECT id, name FROM users WHERE age >= 21 ORDER BY name DESC LIMIT 10;',
    '<div class="a b" data-x=\'1\'>&amp; &lt;tag&gt;</div>',
    'if (a && b || !c) { x += 1; } else { y -= 2; }',
    '#include <stdio.h>' + NL + 'int main(void){return 0;}',
    'for i in range(10):' + NL + '\tif i % 2 == 0:' + NL + '\t\tprint(i)',
    '$ curl -sS -X POST http://127.0.0.1:8080/v1/chat/completions -H "Content-Type: application/json"',
    'git log --oneline | head -n 5 && echo "done"',
    'x=0x7fffffff; y=1e-9; z=3.14159265358979; w=-0.0',
]
numbers = ["0", "7", "42", "123", "1234", "12345", "123456789", "3.14", "2,718.28", "1,000,000", "-17", "+44 20 7946 0958",
           "2026-11-25", "12:34:56", "1e10", "٣٤٥", "１２３４５", "๑๒๓", "१२३४", "0.000001", "99.9%", "$1,234.56", "¥500", "v1.2.3-rc.4"]
specials = ["<|im_start|>", "<|im_end|>", "<|endoftext|>", "<|begin_of_text|>", "<|eot_id|>", "<|start_header_id|>",
            "<|end_header_id|>", "<tool_call>", "</tool_call>", "<think>", "</think>", "<|im_sta", "<|", "|>", "<|fim_prefix|>"]
spaces = [" ", "  ", "   ", "\t", "\t\t", NL, NL + NL, CR + NL, " " + NL, NL + " ", "\u00a0", "\u3000", "\u2003", "    " + NL + "  ", "\u200b"]
combining = ["e\u0301", "a\u0308o\u0308u\u0308", "\u1100\u1161\u11a8", "n\u0303", "A\u030a", "Vie\u0323\u0302t", "ﬁ ﬂ ﬃ", "Å Å"]
invalid = [b"\xff", b"\xfe\xff", b"\xc3", b"\xe2\x82", b"\xf0\x9f\x98", b"\xc0\x80", b"\xed\xa0\x80", b"\xf5\x80\x80\x80",
           b"\x80\x80", b"abc\xe2\x28\xa1def", b"\xf4\x90\x80\x80", b"\xe0\x80\xaf"]

def pick(xs):
    return rng.choice(xs)

lines = []
# Every fragment alone first, so each is covered at least once.
for group in (sentences, emoji, code, numbers, specials, spaces, combining):
    lines.extend(group)
# Whitespace in all positions.
for s in spaces:
    for w in ("word", "x", "42", "!"):
        lines.append(s + w + s + w + s)
# Mixed lines.
while len(lines) < 2200:
    parts = []
    for _ in range(rng.randint(1, 6)):
        g = rng.random()
        if g < 0.35:
            parts.append(pick(sentences))
        elif g < 0.45:
            parts.append(pick(emoji))
        elif g < 0.55:
            parts.append(pick(code))
        elif g < 0.68:
            parts.append(pick(numbers))
        elif g < 0.76:
            parts.append(pick(specials))
        elif g < 0.86:
            parts.append(pick(combining))
        else:
            parts.append("".join(pick(spaces) for _ in range(rng.randint(1, 3))))
        parts.append(pick(["", " ", " ", "  ", "\t", NL]))
    lines.append("".join(parts))
# A long line without spaces (exercises BPE on long pieces).
lines.append("".join(pick("abcdefghijklmnopqrstuvwxyz0123456789+/") for _ in range(3000)))
lines.append("ab" * 1500)

with open("corpus.txt", "wb") as f:
    for line in lines:
        f.write(line.encode("utf-8") + b"\n")
    # Invalid UTF-8, alone and inside text.
    for bad in invalid:
        f.write(bad + b"\n")
        f.write(b"before " + bad + b" after\n")
        f.write(pick(sentences).encode() + bad + pick(emoji).encode() + b"\n")
print(len(lines) + 3 * len(invalid), "lines")
