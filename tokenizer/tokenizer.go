// Package tokenizer implements Hugging Face byte-level BPE tokenizers (the
// Llama 3 and Qwen2/2.5/3 families) from their tokenizer.json, in pure Go and
// exactly as the reference library encodes and decodes. It loads offline from
// a model directory and has no dependency on the rest of ComputePool.
package tokenizer

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/dlclark/regexp2"
	"golang.org/x/text/unicode/norm"
)

// Tokenizer encodes text to token ids and back. It is safe for concurrent use.
type Tokenizer struct {
	vocab        map[string]int32 // model vocabulary (byte-level text → id)
	tokens       []string         // id → token text (model and added tokens)
	merges       map[uint64]merge
	ignoreMerges bool
	byteIDs      [256]int32 // id of each single byte's token

	added map[int32]*AddedToken
	// Added tokens are matched on the text before normalization. (Hugging
	// Face matches "normalized" ones after it; with NFC, the only normalizer
	// supported, that differs only for tokens that NFC would change.)
	allMatcher   *addedMatcher // every added token
	plainMatcher *addedMatcher // non-special added tokens only (SplitSpecialTokens)

	nfc   bool
	split func(s string, emit func(string))

	prefix, suffix []int32 // TemplateProcessing's single-sequence special tokens

	cacheMu sync.RWMutex
	cache   map[string][]int32
}

// EncodeOptions adjust Encode. The zero value matches Hugging Face's
// encode(text, add_special_tokens=False).
type EncodeOptions struct {
	// AddSpecialTokens adds what the post-processor adds (e.g. Llama 3's
	// <|begin_of_text|>).
	AddSpecialTokens bool
	// SplitSpecialTokens treats special tokens written in the text as plain
	// text (Hugging Face's split_special_tokens): use it for untrusted input.
	SplitSpecialTokens bool
}

const cacheLimit = 1 << 16

// LoadDir loads dir/tokenizer.json.
func LoadDir(dir string) (*Tokenizer, error) { return Load(filepath.Join(dir, "tokenizer.json")) }

// Load reads a tokenizer.json file.
func Load(path string) (*Tokenizer, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	t, err := Parse(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return t, nil
}

// Parse builds a tokenizer from the contents of a tokenizer.json.
func Parse(data []byte) (*Tokenizer, error) {
	var f fileJSON
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("not a tokenizer.json: %w", err)
	}
	t := &Tokenizer{cache: map[string][]int32{}, added: map[int32]*AddedToken{}}
	if err := t.buildModel(&f.Model); err != nil {
		return nil, err
	}
	if err := t.buildAdded(f.AddedTokens); err != nil {
		return nil, err
	}
	if err := t.buildNormalizer(f.Normalizer); err != nil {
		return nil, fmt.Errorf("normalizer: %w", err)
	}
	if err := t.buildPreTokenizer(f.PreTokenizer); err != nil {
		return nil, fmt.Errorf("pre_tokenizer: %w", err)
	}
	if err := t.buildPostProcessor(f.PostProcessor); err != nil {
		return nil, fmt.Errorf("post_processor: %w", err)
	}
	if err := checkDecoder(f.Decoder); err != nil {
		return nil, fmt.Errorf("decoder: %w", err)
	}
	return t, nil
}

func (t *Tokenizer) buildModel(m *modelJSON) error {
	if m.Type != "BPE" {
		return fmt.Errorf("model type %q is not supported (only byte-level BPE)", m.Type)
	}
	if m.ByteFallback {
		return fmt.Errorf("BPE with byte_fallback (SentencePiece-style) is not supported, only byte-level BPE")
	}
	if m.Dropout != nil && *m.Dropout != 0 {
		return fmt.Errorf("BPE dropout is not supported")
	}
	if len(m.Vocab) == 0 {
		return fmt.Errorf("model.vocab is empty")
	}
	t.ignoreMerges = m.IgnoreMerges
	t.vocab = make(map[string]int32, len(m.Vocab))
	maxID := 0
	for tok, id := range m.Vocab {
		if id < 0 || id > 1<<24 {
			return fmt.Errorf("model.vocab[%q] = %d is not a valid id", tok, id)
		}
		t.vocab[tok] = int32(id)
		maxID = max(maxID, id)
	}
	t.tokens = make([]string, maxID+1)
	for tok, id := range t.vocab {
		if t.tokens[id] != "" {
			return fmt.Errorf("model.vocab: id %d is given to both %q and %q", id, t.tokens[id], tok)
		}
		t.tokens[id] = tok
	}
	for b := 0; b < 256; b++ {
		id, ok := t.vocab[string(byteToRune[b])]
		if !ok {
			return fmt.Errorf("model.vocab lacks the byte-level token for byte 0x%02x: not a byte-level BPE vocabulary", b)
		}
		t.byteIDs[b] = id
	}
	pairs, err := parseMerges(m.Merges)
	if err != nil {
		return err
	}
	t.merges = make(map[uint64]merge, len(pairs))
	for rank, p := range pairs {
		a, okA := t.vocab[p[0]]
		b, okB := t.vocab[p[1]]
		c, okC := t.vocab[p[0]+p[1]]
		if !okA || !okB || !okC {
			return fmt.Errorf("model.merges[%d] (%q, %q) uses tokens missing from the vocabulary", rank, p[0], p[1])
		}
		if _, dup := t.merges[pairKey(a, b)]; !dup {
			t.merges[pairKey(a, b)] = merge{rank: int32(rank), id: c}
		}
	}
	return nil
}

func (t *Tokenizer) buildAdded(tokens []AddedToken) error {
	var all, plain []*AddedToken
	for i := range tokens {
		tok := &tokens[i]
		if tok.ID < 0 || tok.ID > 1<<24 {
			return fmt.Errorf("added_tokens[%d] (%q) has invalid id %d", i, tok.Content, tok.ID)
		}
		if tok.Content == "" {
			return fmt.Errorf("added_tokens[%d] (id %d) has empty content", i, tok.ID)
		}
		t.added[int32(tok.ID)] = tok
		if tok.ID >= len(t.tokens) {
			t.tokens = append(t.tokens, make([]string, tok.ID+1-len(t.tokens))...)
		}
		t.tokens[tok.ID] = tok.Content
		all = append(all, tok)
		if !tok.Special {
			plain = append(plain, tok)
		}
	}
	t.allMatcher, t.plainMatcher = newAddedMatcher(all), newAddedMatcher(plain)
	return nil
}

func (t *Tokenizer) buildNormalizer(c *componentJSON) error {
	if c == nil {
		return nil
	}
	switch c.Type {
	case "NFC":
		t.nfc = true
	case "Sequence":
		for _, n := range c.Normalizers {
			if err := t.buildNormalizer(n); err != nil {
				return err
			}
		}
	default:
		return fmt.Errorf("type %q is not supported (NFC or Sequence of it)", c.Type)
	}
	return nil
}

// gpt2Pattern is what a ByteLevel pre-tokenizer with use_regex splits on.
const gpt2Pattern = `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`

func (t *Tokenizer) buildPreTokenizer(c *componentJSON) error {
	if c == nil {
		return nil
	}
	switch c.Type {
	case "Sequence":
		for _, p := range c.PreTokenizers {
			if err := t.buildPreTokenizer(p); err != nil {
				return err
			}
		}
		return nil
	case "Split":
		if c.Pattern == nil || (c.Pattern.Regex == nil) == (c.Pattern.String == nil) {
			return fmt.Errorf("Split needs a pattern with exactly one of Regex or String")
		}
		if c.Behavior != "Isolated" || c.Invert {
			return fmt.Errorf("Split behavior %q (invert %v) is not supported (Isolated only)", c.Behavior, c.Invert)
		}
		pattern := ""
		if c.Pattern.Regex != nil {
			pattern = *c.Pattern.Regex
		} else {
			pattern = regexp2.Escape(*c.Pattern.String)
		}
		return t.setSplit(pattern)
	case "ByteLevel":
		if c.AddPrefixSpace {
			return fmt.Errorf("ByteLevel add_prefix_space is not supported")
		}
		if c.UseRegex {
			return t.setSplit(gpt2Pattern)
		}
		return nil // byte-level mapping happens inside bpe
	}
	return fmt.Errorf("type %q is not supported (Split, ByteLevel or a Sequence of them)", c.Type)
}

func (t *Tokenizer) setSplit(pattern string) error {
	if t.split != nil {
		return fmt.Errorf("more than one splitting pre-tokenizer is not supported")
	}
	if k := digitGroup(pattern); k > 0 {
		t.split = func(s string, emit func(string)) { splitWords(s, k, emit) }
		return nil
	}
	re, err := regexp2.Compile(pattern, regexp2.None)
	if err != nil {
		return fmt.Errorf("split pattern %q: %w", pattern, err)
	}
	t.split = func(s string, emit func(string)) { splitRegexp(re, s, emit) }
	return nil
}

// splitRegexp is Split with behavior Isolated: matches and the gaps between
// them are pieces. Used for patterns other than the Llama 3 / Qwen ones.
func splitRegexp(re *regexp2.Regexp, s string, emit func(string)) {
	runes := []rune(s)
	last := 0
	m, _ := re.FindRunesMatch(runes)
	for m != nil {
		if m.Index > last {
			emit(string(runes[last:m.Index]))
		}
		if m.Length > 0 {
			emit(string(runes[m.Index : m.Index+m.Length]))
		}
		last = m.Index + m.Length
		m, _ = re.FindNextMatch(m)
	}
	if last < len(runes) {
		emit(string(runes[last:]))
	}
}

func (t *Tokenizer) buildPostProcessor(c *componentJSON) error {
	if c == nil {
		return nil
	}
	switch c.Type {
	case "ByteLevel":
		return nil // offsets only
	case "Sequence":
		for _, p := range c.Processors {
			if err := t.buildPostProcessor(p); err != nil {
				return err
			}
		}
		return nil
	case "TemplateProcessing":
		seen := false
		for _, piece := range c.Single {
			switch {
			case piece.Sequence != nil:
				seen = true
			case piece.SpecialToken != nil:
				st, ok := c.SpecialTokens[piece.SpecialToken.ID]
				if !ok {
					return fmt.Errorf("template names special token %q that special_tokens does not define", piece.SpecialToken.ID)
				}
				for _, id := range st.IDs {
					if seen {
						t.suffix = append(t.suffix, int32(id))
					} else {
						t.prefix = append(t.prefix, int32(id))
					}
				}
			}
		}
		return nil
	}
	return fmt.Errorf("type %q is not supported (ByteLevel, TemplateProcessing or a Sequence)", c.Type)
}

func checkDecoder(c *componentJSON) error {
	if c == nil {
		return fmt.Errorf("missing: a byte-level BPE needs the ByteLevel decoder")
	}
	switch c.Type {
	case "ByteLevel":
		return nil
	case "Sequence":
		for _, d := range c.Decoders {
			if err := checkDecoder(d); err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("type %q is not supported (ByteLevel)", c.Type)
}

// Encode turns text into token ids. Invalid UTF-8 in text is first replaced
// by U+FFFD (per maximal subpart, as browsers and Node decode it).
func (t *Tokenizer) Encode(text string, o EncodeOptions) []int32 {
	text = ValidUTF8(text)
	var ids []int32
	if o.AddSpecialTokens {
		ids = append(ids, t.prefix...)
	}
	matcher := t.allMatcher
	if o.SplitSpecialTokens {
		matcher = t.plainMatcher
	}
	for _, seg := range matcher.split(text) {
		if seg.token != nil {
			ids = append(ids, int32(seg.token.ID))
			continue
		}
		ids = t.appendPlain(ids, seg.text)
	}
	if o.AddSpecialTokens {
		ids = append(ids, t.suffix...)
	}
	return ids
}

// appendPlain normalizes, pre-tokenizes and BPE-encodes text free of added tokens.
func (t *Tokenizer) appendPlain(ids []int32, text string) []int32 {
	if t.nfc {
		text = norm.NFC.String(text)
	}
	if t.split == nil {
		return append(ids, t.cachedBPE(text)...)
	}
	t.split(text, func(piece string) { ids = append(ids, t.cachedBPE(piece)...) })
	return ids
}

func (t *Tokenizer) cachedBPE(piece string) []int32 {
	t.cacheMu.RLock()
	ids, ok := t.cache[piece]
	t.cacheMu.RUnlock()
	if ok {
		return ids
	}
	ids = t.bpe(piece)
	if len(piece) <= 64 { // long pieces are rare and would crowd the cache
		t.cacheMu.Lock()
		if len(t.cache) >= cacheLimit {
			t.cache = make(map[string][]int32, cacheLimit)
		}
		t.cache[piece] = ids
		t.cacheMu.Unlock()
	}
	return ids
}

// Decode turns ids back into text; skipSpecial drops special tokens. Byte
// sequences that are not valid UTF-8 become U+FFFD, as in the reference.
func (t *Tokenizer) Decode(ids []int32, skipSpecial bool) (string, error) {
	var buf []byte
	for _, id := range ids {
		var err error
		if buf, err = t.appendTokenBytes(buf, id, skipSpecial); err != nil {
			return "", err
		}
	}
	return ValidUTF8(string(buf)), nil
}

// appendTokenBytes appends the raw bytes a token stands for.
func (t *Tokenizer) appendTokenBytes(dst []byte, id int32, skipSpecial bool) ([]byte, error) {
	if id < 0 || int(id) >= len(t.tokens) || t.tokens[id] == "" {
		return dst, fmt.Errorf("token id %d is not in the vocabulary (size %d)", id, len(t.tokens))
	}
	if a, ok := t.added[id]; ok && a.Special && skipSpecial {
		return dst, nil
	}
	tok := t.tokens[id]
	// As the reference ByteLevel decoder: a token whose runes are all in the
	// byte alphabet maps back to those bytes; any other token is its own UTF-8.
	for _, r := range tok {
		if _, ok := runeToByte[r]; !ok {
			return append(dst, tok...), nil
		}
	}
	return appendByteLevelDecoded(dst, tok), nil
}

// VocabSize is one more than the largest token id (model and added tokens).
func (t *Tokenizer) VocabSize() int { return len(t.tokens) }

// TokenID returns the id of a token given as its vocabulary text (an added
// token's content, or a byte-level model token).
func (t *Tokenizer) TokenID(token string) (int32, bool) {
	for id, a := range t.added {
		if a.Content == token {
			return id, true
		}
	}
	id, ok := t.vocab[token]
	return id, ok
}

// AddedTokens lists the added tokens by id.
func (t *Tokenizer) AddedTokens() []AddedToken {
	out := make([]AddedToken, 0, len(t.added))
	for _, a := range t.added {
		out = append(out, *a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// String describes the tokenizer briefly.
func (t *Tokenizer) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "byte-level BPE, %d tokens, %d merges, %d added", len(t.vocab), len(t.merges), len(t.added))
	return b.String()
}

// TokenText returns the vocabulary text of an id (byte-level form for model
// tokens, content for added tokens).
func (t *Tokenizer) TokenText(id int32) (string, bool) {
	if id < 0 || int(id) >= len(t.tokens) || t.tokens[id] == "" {
		return "", false
	}
	return t.tokens[id], true
}

// Merges lists the BPE merges in rank order as "a b" (GGUF's form).
func (t *Tokenizer) Merges() []string {
	byRank := map[int32]string{}
	maxRank := int32(-1)
	for key, m := range t.merges {
		byRank[m.rank] = t.tokens[int32(key>>32)] + " " + t.tokens[int32(uint32(key))]
		maxRank = max(maxRank, m.rank)
	}
	out := make([]string, 0, len(byRank))
	for r := int32(0); r <= maxRank; r++ {
		if s, ok := byRank[r]; ok { // a duplicate pair keeps only its first rank
			out = append(out, s)
		}
	}
	return out
}
