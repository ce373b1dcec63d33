package tokenizer

import (
	"encoding/json"
	"fmt"
	"strings"
)

// The subset of tokenizer.json (Hugging Face tokenizers' serialization) that
// byte-level BPE models use. Unknown component types are rejected by name.

type fileJSON struct {
	AddedTokens   []AddedToken    `json:"added_tokens"`
	Normalizer    *componentJSON  `json:"normalizer"`
	PreTokenizer  *componentJSON  `json:"pre_tokenizer"`
	PostProcessor *componentJSON  `json:"post_processor"`
	Decoder       *componentJSON  `json:"decoder"`
	Model         modelJSON       `json:"model"`
	Truncation    json.RawMessage `json:"truncation"`
	Padding       json.RawMessage `json:"padding"`
}

// AddedToken is an entry of tokenizer.json's added_tokens.
type AddedToken struct {
	ID         int    `json:"id"`
	Content    string `json:"content"`
	SingleWord bool   `json:"single_word"`
	LStrip     bool   `json:"lstrip"`
	RStrip     bool   `json:"rstrip"`
	Normalized bool   `json:"normalized"`
	Special    bool   `json:"special"`
}

// componentJSON is any normalizer, pre-tokenizer, post-processor or decoder.
type componentJSON struct {
	Type string `json:"type"`
	// Sequence members.
	Normalizers   []*componentJSON `json:"normalizers"`
	PreTokenizers []*componentJSON `json:"pretokenizers"`
	Processors    []*componentJSON `json:"processors"`
	Decoders      []*componentJSON `json:"decoders"`
	// Split.
	Pattern  *patternJSON `json:"pattern"`
	Behavior string       `json:"behavior"`
	Invert   bool         `json:"invert"`
	// ByteLevel.
	AddPrefixSpace bool `json:"add_prefix_space"`
	UseRegex       bool `json:"use_regex"`
	// TemplateProcessing.
	Single        []templatePieceJSON         `json:"single"`
	SpecialTokens map[string]specialTokenJSON `json:"special_tokens"`
}

type patternJSON struct {
	Regex  *string `json:"Regex"`
	String *string `json:"String"`
}

type templatePieceJSON struct {
	SpecialToken *struct {
		ID string `json:"id"`
	} `json:"SpecialToken"`
	Sequence *struct {
		ID string `json:"id"`
	} `json:"Sequence"`
}

type specialTokenJSON struct {
	ID  string `json:"id"`
	IDs []int  `json:"ids"`
}

type modelJSON struct {
	Type         string          `json:"type"`
	Vocab        map[string]int  `json:"vocab"`
	Merges       json.RawMessage `json:"merges"`
	IgnoreMerges bool            `json:"ignore_merges"`
	ByteFallback bool            `json:"byte_fallback"`
	Dropout      *float64        `json:"dropout"`
	UnkToken     *string         `json:"unk_token"`
}

// parseMerges accepts both serializations: ["a b", ...] (older) and [["a", "b"], ...].
func parseMerges(raw json.RawMessage) ([][2]string, error) {
	var pairs [][2]string
	if err := json.Unmarshal(raw, &pairs); err == nil {
		return pairs, nil
	}
	var lines []string
	if err := json.Unmarshal(raw, &lines); err != nil {
		return nil, fmt.Errorf("model.merges must be a list of \"a b\" strings or [a, b] pairs")
	}
	pairs = make([][2]string, len(lines))
	for i, l := range lines {
		a, b, ok := strings.Cut(l, " ")
		if !ok || a == "" || b == "" || strings.Contains(b, " ") {
			return nil, fmt.Errorf("model.merges[%d] = %q is not two tokens separated by one space", i, l)
		}
		pairs[i] = [2]string{a, b}
	}
	return pairs, nil
}
