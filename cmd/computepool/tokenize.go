package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"

	"go.uber.org/zap"

	"github.com/computepool/computepool/tokenizer"
	"github.com/computepool/computepool/tokenizer/chattemplate"
)

func runTokenize(_ context.Context, _ *zap.Logger, args []string) error {
	fs := flag.NewFlagSet("tokenize", flag.ContinueOnError)
	dir := fs.String("model", "", "model directory holding tokenizer.json (required)")
	text := fs.String("text", "", "text to tokenize")
	file := fs.String("file", "", "tokenize each line of this file (one JSON array per line)")
	chat := fs.Bool("chat", false, "render the text as a user message with the model's chat template first")
	system := fs.String("system", "", "with --chat: a system prompt")
	addSpecial := fs.Bool("add-special", false, "add the tokens the post-processor adds (e.g. Llama's <|begin_of_text|>)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dir == "" || (*text == "") == (*file == "") {
		return fmt.Errorf("give --model and exactly one of --text or --file")
	}
	tok, err := tokenizer.LoadDir(*dir)
	if err != nil {
		return err
	}
	var tpl *chattemplate.Template
	if *chat {
		if tpl, err = chattemplate.LoadDir(*dir); err != nil {
			return err
		}
	}
	encode := func(s string) error {
		if tpl != nil {
			if s, err = tpl.Render(chatMessages(*system, s), true); err != nil {
				return err
			}
		}
		ids := tok.Encode(s, tokenizer.EncodeOptions{AddSpecialTokens: *addSpecial})
		if ids == nil {
			ids = []int32{}
		}
		return json.NewEncoder(stdout).Encode(ids)
	}
	if *text != "" {
		return encode(*text)
	}
	f, err := os.Open(*file)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		if err := encode(sc.Text()); err != nil {
			return err
		}
	}
	return sc.Err()
}

// chatMessages builds a one-turn conversation.
func chatMessages(system, user string) []chattemplate.Message {
	var msgs []chattemplate.Message
	if strings.TrimSpace(system) != "" {
		msgs = append(msgs, chattemplate.Message{Role: "system", Content: system})
	}
	return append(msgs, chattemplate.Message{Role: "user", Content: user})
}
