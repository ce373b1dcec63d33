package tokenizer

import "unicode/utf8"

// GPT-2's byte-level alphabet: every byte maps to a printable rune, so BPE
// vocabularies can be written as text. Printable Latin-1 bytes map to
// themselves; the rest (controls, space, 0x7f–0xa0, 0xad) map to U+0100 onward.
var byteToRune, runeToByte = func() ([256]rune, map[rune]byte) {
	var b2r [256]rune
	r2b := make(map[rune]byte, 256)
	next := rune(256)
	for b := 0; b < 256; b++ {
		printable := (b >= '!' && b <= '~') || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff)
		if printable {
			b2r[b] = rune(b)
		} else {
			b2r[b] = next
			next++
		}
		r2b[b2r[b]] = byte(b)
	}
	return b2r, r2b
}()

// byteLevelString maps raw bytes to their byte-level text form.
func byteLevelString(s string) string {
	buf := make([]byte, 0, len(s)*2)
	for i := 0; i < len(s); i++ {
		buf = utf8.AppendRune(buf, byteToRune[s[i]])
	}
	return string(buf)
}

// appendByteLevelDecoded maps a byte-level token back to raw bytes; runes
// outside the alphabet (added tokens' plain text) pass through as UTF-8.
func appendByteLevelDecoded(dst []byte, token string) []byte {
	for _, r := range token {
		if b, ok := runeToByte[r]; ok {
			dst = append(dst, b)
		} else {
			dst = utf8.AppendRune(dst, r)
		}
	}
	return dst
}

// ValidUTF8 returns s with every invalid sequence replaced by U+FFFD, one per
// maximal subpart, as the WHATWG decoder (browsers, Node) and Rust's
// String::from_utf8_lossy do. Valid input is returned as is.
func ValidUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	out := make([]byte, 0, len(s)+8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r != utf8.RuneError || size > 1 {
			out = append(out, s[i:i+size]...)
			i += size
			continue
		}
		out = append(out, "\uFFFD"...)
		i += maximalSubpart(s[i:])
	}
	return string(out)
}

// maximalSubpart is the length of the longest prefix of s (which starts with
// an invalid sequence) that is a prefix of some valid UTF-8 sequence; at least 1.
func maximalSubpart(s string) int {
	lead := s[0]
	var need int
	lo, hi := byte(0x80), byte(0xbf)
	switch {
	case lead >= 0xc2 && lead <= 0xdf:
		need = 1
	case lead == 0xe0:
		need, lo = 2, 0xa0
	case lead >= 0xe1 && lead <= 0xec, lead == 0xee, lead == 0xef:
		need = 2
	case lead == 0xed:
		need, hi = 2, 0x9f
	case lead == 0xf0:
		need, lo = 3, 0x90
	case lead >= 0xf1 && lead <= 0xf3:
		need = 3
	case lead == 0xf4:
		need, hi = 3, 0x8f
	default:
		return 1
	}
	n := 1
	for n <= need && n < len(s) {
		c := s[n]
		if n == 1 && (c < lo || c > hi) || n > 1 && (c < 0x80 || c > 0xbf) {
			break
		}
		n++
	}
	return n
}

// completeUTF8Prefix returns how many leading bytes of b can be emitted now:
// everything except a trailing sequence that may still be completed by later
// bytes. Invalid bytes count as complete (they will decode to U+FFFD).
func completeUTF8Prefix(b []byte) int {
	// A UTF-8 sequence is at most 4 bytes: only the last 3 can be pending.
	for back := 1; back <= 3 && back <= len(b); back++ {
		start := len(b) - back
		c := b[start]
		if c < 0x80 {
			return len(b) // ASCII: nothing pending
		}
		if c >= 0xc0 { // a lead byte: is its sequence cut off?
			if c >= 0xc2 && c <= 0xf4 && back < seqLen(c) && maximalSubpart(string(b[start:])) == back {
				return start
			}
			return len(b)
		}
	}
	return len(b)
}

func seqLen(lead byte) int {
	switch {
	case lead >= 0xf0:
		return 4
	case lead >= 0xe0:
		return 3
	case lead >= 0xc0:
		return 2
	}
	return 1
}
