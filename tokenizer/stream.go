package tokenizer

// Stream decodes tokens one at a time as they are generated, emitting text
// only once its bytes form complete UTF-8 characters: a character split
// across tokens (common for CJK and emoji) is held back, never sent as U+FFFD.
// The concatenation of everything it returns equals Decode of all the ids.
type Stream struct {
	t           *Tokenizer
	skipSpecial bool
	pending     []byte
}

// NewStream starts a streaming decode.
func (t *Tokenizer) NewStream(skipSpecial bool) *Stream {
	return &Stream{t: t, skipSpecial: skipSpecial}
}

// Next adds a token and returns the text that became complete (maybe "").
func (s *Stream) Next(id int32) (string, error) {
	var err error
	if s.pending, err = s.t.appendTokenBytes(s.pending, id, s.skipSpecial); err != nil {
		return "", err
	}
	n := completeUTF8Prefix(s.pending)
	out := ValidUTF8(string(s.pending[:n]))
	s.pending = append(s.pending[:0], s.pending[n:]...)
	return out, nil
}

// Flush returns what is left at the end of the stream; an unfinished
// character becomes U+FFFD.
func (s *Stream) Flush() string {
	out := ValidUTF8(string(s.pending))
	s.pending = s.pending[:0]
	return out
}
