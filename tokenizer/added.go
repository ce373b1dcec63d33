package tokenizer

import (
	"unicode"
	"unicode/utf8"
)

// addedMatcher finds added tokens in text, leftmost-longest as Hugging Face's
// AddedVocabulary does (its Aho-Corasick automaton uses LeftmostLongest).
type addedMatcher struct {
	root      *trieNode
	firstByte [256]bool
}

type trieNode struct {
	children map[byte]*trieNode
	token    *AddedToken // set where a token ends
}

func newAddedMatcher(tokens []*AddedToken) *addedMatcher {
	m := &addedMatcher{root: &trieNode{}}
	for _, tok := range tokens {
		if tok.Content == "" {
			continue
		}
		n := m.root
		for i := 0; i < len(tok.Content); i++ {
			if n.children == nil {
				n.children = map[byte]*trieNode{}
			}
			c, ok := n.children[tok.Content[i]]
			if !ok {
				c = &trieNode{}
				n.children[tok.Content[i]] = c
			}
			n = c
		}
		n.token = tok
		m.firstByte[tok.Content[0]] = true
	}
	return m
}

// segment is a piece of the input: an added token or plain text.
type segment struct {
	text  string
	token *AddedToken
}

// split cuts s into plain-text segments and added tokens.
func (m *addedMatcher) split(s string) []segment {
	var out []segment
	plainStart := 0
	for i := 0; i < len(s); {
		if !m.firstByte[s[i]] {
			i++
			continue
		}
		tok, end := m.longestAt(s, i)
		if tok == nil || (tok.SingleWord && !isWordBoundary(s, i, end)) {
			i++
			continue
		}
		start := i
		if tok.LStrip {
			for start > plainStart {
				r, size := utf8.DecodeLastRuneInString(s[plainStart:start])
				if !unicode.IsSpace(r) {
					break
				}
				start -= size
			}
		}
		if tok.RStrip {
			for end < len(s) {
				r, size := utf8.DecodeRuneInString(s[end:])
				if !unicode.IsSpace(r) {
					break
				}
				end += size
			}
		}
		if start > plainStart {
			out = append(out, segment{text: s[plainStart:start]})
		}
		out = append(out, segment{text: s[start:end], token: tok})
		plainStart, i = end, end
	}
	if plainStart < len(s) {
		out = append(out, segment{text: s[plainStart:]})
	}
	return out
}

func (m *addedMatcher) longestAt(s string, i int) (*AddedToken, int) {
	var best *AddedToken
	bestEnd := 0
	n := m.root
	for j := i; j < len(s) && n.children != nil; j++ {
		n = n.children[s[j]]
		if n == nil {
			break
		}
		if n.token != nil {
			best, bestEnd = n.token, j+1
		}
	}
	return best, bestEnd
}

// isWordBoundary: a single_word token must not touch word characters.
func isWordBoundary(s string, start, end int) bool {
	isWord := func(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }
	if start > 0 {
		if r, _ := utf8.DecodeLastRuneInString(s[:start]); isWord(r) {
			return false
		}
	}
	if end < len(s) {
		if r, _ := utf8.DecodeRuneInString(s[end:]); isWord(r) {
			return false
		}
	}
	return true
}
