package tokenizer

import (
	"unicode"
	"unicode/utf8"
)

// The Llama 3 and Qwen2/2.5/3 tokenizers split text with
//
//	(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,K}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+
//
// with K = 3 (Llama 3) or 1 (Qwen). Go's regexp has no lookahead, so
// splitWords implements exactly this pattern by hand, alternative by
// alternative in the regex's order (leftmost-first, with the backtracking the
// regex engine would do). It is checked against regexp2 running the pattern
// itself on the test corpus and under fuzzing.

// Patterns this splitter implements, keyed by the regex text in tokenizer.json.
const (
	llama3Pattern = `(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`
	qwen2Pattern  = `(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`
)

// digitGroup returns the \p{N}{1,K} bound of a known pattern, or 0.
func digitGroup(pattern string) int {
	switch pattern {
	case llama3Pattern:
		return 3
	case qwen2Pattern:
		return 1
	}
	return 0
}

func isLetter(r rune) bool { return unicode.IsLetter(r) }
func isNumber(r rune) bool { return unicode.IsNumber(r) }

// isSpace is \s: Unicode White_Space, which is what unicode.IsSpace tests.
func isSpace(r rune) bool   { return unicode.IsSpace(r) }
func isNewline(r rune) bool { return r == '\r' || r == '\n' }

// splitWords calls emit for each piece of s (valid UTF-8) in order; the
// pieces concatenate to s.
func splitWords(s string, maxDigits int, emit func(string)) {
	for i := 0; i < len(s); {
		n := matchAt(s[i:], maxDigits)
		emit(s[i : i+n])
		i += n
	}
}

// matchAt returns the length of the pattern's match at the start of s (> 0).
func matchAt(s string, maxDigits int) int {
	if n := contraction(s); n > 0 {
		return n
	}
	r, size := utf8.DecodeRuneInString(s)
	// [^\r\n\p{L}\p{N}]?\p{L}+
	if isLetter(r) {
		return size + letters(s[size:])
	}
	if !isNewline(r) && !isNumber(r) {
		if n := letters(s[size:]); n > 0 {
			return size + n
		}
	}
	// \p{N}{1,K}
	if isNumber(r) {
		n := size
		for k := 1; k < maxDigits && n < len(s); k++ {
			r2, sz := utf8.DecodeRuneInString(s[n:])
			if !isNumber(r2) {
				break
			}
			n += sz
		}
		return n
	}
	// ' ?[^\s\p{L}\p{N}]+[\r\n]*'
	start := 0
	if r == ' ' {
		start = 1
	}
	if n := punctuation(s[start:]); n > 0 {
		n += start
		for n < len(s) && isNewline(rune(s[n])) {
			n++
		}
		return n
	}
	// Whitespace alternatives: r is whitespace here (everything else matched above).
	run := 0       // length of the whitespace run at s
	lastNL := -1   // end of the last \r or \n inside the run
	lastStart := 0 // start of the run's last rune
	for run < len(s) {
		r2, sz := utf8.DecodeRuneInString(s[run:])
		if !isSpace(r2) {
			break
		}
		lastStart = run
		run += sz
		if isNewline(r2) {
			lastNL = run
		}
	}
	// \s*[\r\n]+ : greedy \s* backtracks to the last newline of the run.
	if lastNL > 0 {
		return lastNL
	}
	// \s+(?!\S): the whole run if it ends the text, else all but its last rune
	// (which then starts the next piece), if that leaves at least one rune.
	if run == len(s) {
		return run
	}
	if lastStart > 0 {
		return lastStart
	}
	// \s+
	return run
}

// contraction matches (?i:'s|'t|'re|'ve|'m|'ll|'d).
func contraction(s string) int {
	if len(s) < 2 || s[0] != '\'' {
		return 0
	}
	r1, n1 := utf8.DecodeRuneInString(s[1:])
	is := func(r rune, want rune) bool {
		// Case-insensitive as the regex engine folds: compare the fold orbit.
		for x := r; ; {
			if x == want {
				return true
			}
			x = unicode.SimpleFold(x)
			if x == r {
				return false
			}
		}
	}
	switch {
	case is(r1, 's'), is(r1, 't'), is(r1, 'm'), is(r1, 'd'):
		return 1 + n1
	}
	if len(s) >= 1+n1+1 {
		r2, n2 := utf8.DecodeRuneInString(s[1+n1:])
		switch {
		case is(r1, 'r') && is(r2, 'e'), is(r1, 'v') && is(r2, 'e'), is(r1, 'l') && is(r2, 'l'):
			return 1 + n1 + n2
		}
	}
	return 0
}

// letters is the length of the run of \p{L} at the start of s.
func letters(s string) int {
	n := 0
	for n < len(s) {
		r, sz := utf8.DecodeRuneInString(s[n:])
		if !isLetter(r) {
			break
		}
		n += sz
	}
	return n
}

// punctuation is the length of the run of [^\s\p{L}\p{N}] at the start of s.
func punctuation(s string) int {
	n := 0
	for n < len(s) {
		r, sz := utf8.DecodeRuneInString(s[n:])
		if isSpace(r) || isLetter(r) || isNumber(r) {
			break
		}
		n += sz
	}
	return n
}
