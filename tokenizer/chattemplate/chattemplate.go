// Package chattemplate renders a model's chat template (the Jinja
// `chat_template` of tokenizer_config.json) into the prompt text the model
// was trained on, as Hugging Face's apply_chat_template does.
package chattemplate

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/nikolalohinski/gonja/v2"
	"github.com/nikolalohinski/gonja/v2/exec"
)

// Message is one chat turn.
type Message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

// Template is a parsed chat template with the special tokens it refers to.
type Template struct {
	Source   string
	BOSToken string
	EOSToken string
	tpl      *exec.Template
	// Now is the clock behind strftime_now (Llama 3.2 prints today's date);
	// tests fix it.
	Now func() time.Time
}

// Parse compiles a Jinja chat template.
func Parse(src, bos, eos string) (t *Template, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("chat template: %v", p)
		}
	}()
	tpl, err := gonja.FromString(src)
	if err != nil {
		return nil, fmt.Errorf("chat template: %w", err)
	}
	return &Template{Source: src, BOSToken: bos, EOSToken: eos, tpl: tpl, Now: time.Now}, nil
}

// tokenizerConfig is the part of tokenizer_config.json a template needs.
type tokenizerConfig struct {
	ChatTemplate json.RawMessage `json:"chat_template"`
	BOSToken     json.RawMessage `json:"bos_token"`
	EOSToken     json.RawMessage `json:"eos_token"`
}

// ErrNoTemplate means the model ships no chat template (a base model).
var ErrNoTemplate = errors.New("tokenizer_config.json has no chat_template")

// LoadDir reads dir/tokenizer_config.json (or, where present, the separate
// chat_template.jinja that newer checkpoints use).
func LoadDir(dir string) (*Template, error) {
	path := filepath.Join(dir, "tokenizer_config.json")
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var c tokenizerConfig
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	src, err := templateText(c.ChatTemplate)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if j, err := os.ReadFile(filepath.Join(dir, "chat_template.jinja")); err == nil {
		src = string(j)
	}
	if src == "" {
		return nil, fmt.Errorf("%s: %w", path, ErrNoTemplate)
	}
	bos, err := tokenText(c.BOSToken)
	if err != nil {
		return nil, fmt.Errorf("%s: bos_token: %w", path, err)
	}
	eos, err := tokenText(c.EOSToken)
	if err != nil {
		return nil, fmt.Errorf("%s: eos_token: %w", path, err)
	}
	t, err := Parse(src, bos, eos)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return t, nil
}

// templateText accepts a string or a list of {name, template} (the "default" one).
func templateText(raw json.RawMessage) (string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, nil
	}
	var named []struct{ Name, Template string }
	if err := json.Unmarshal(raw, &named); err != nil {
		return "", fmt.Errorf("chat_template must be a string or a list of {name, template}")
	}
	for _, n := range named {
		if n.Name == "default" {
			return n.Template, nil
		}
	}
	return "", fmt.Errorf("chat_template list has no \"default\" entry")
}

// tokenText accepts "<s>", {"content": "<s>", ...} or null.
func tokenText(raw json.RawMessage) (string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, nil
	}
	var obj struct{ Content string }
	if err := json.Unmarshal(raw, &obj); err != nil {
		return "", fmt.Errorf("want a string or an object with content")
	}
	return obj.Content, nil
}

// Render produces the prompt for messages; addGenerationPrompt appends the
// header that starts the assistant's reply.
func (t *Template) Render(messages []Message, addGenerationPrompt bool) (out string, err error) {
	if len(messages) == 0 {
		return "", errors.New("no messages to render")
	}
	msgs := make([]map[string]any, len(messages))
	for i, m := range messages {
		if m.Role == "" {
			return "", fmt.Errorf("message %d has no role", i)
		}
		msgs[i] = map[string]any{"role": m.Role, "content": m.Content}
	}
	// The template engine reports some failures by panicking; a bad request
	// must not take the server down.
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("rendering chat template: %v", p)
		}
	}()
	ctx := exec.NewContext(map[string]any{
		"messages":              msgs,
		"add_generation_prompt": addGenerationPrompt,
		"bos_token":             t.BOSToken,
		"eos_token":             t.EOSToken,
		"strftime_now":          func(format string) string { return strftime(t.Now(), format) },
		"raise_exception":       func(msg string) (string, error) { return "", fmt.Errorf("chat template: %s", msg) },
	})
	out, err = t.tpl.ExecuteToString(ctx)
	if err != nil {
		return "", fmt.Errorf("rendering chat template: %w", err)
	}
	return out, nil
}

// strftime formats the directives chat templates use (Python's names).
func strftime(t time.Time, format string) string {
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		if format[i] != '%' || i+1 == len(format) {
			b.WriteByte(format[i])
			continue
		}
		i++
		switch format[i] {
		case 'd':
			fmt.Fprintf(&b, "%02d", t.Day())
		case 'e':
			fmt.Fprintf(&b, "%2d", t.Day())
		case 'm':
			fmt.Fprintf(&b, "%02d", int(t.Month()))
		case 'Y':
			fmt.Fprintf(&b, "%d", t.Year())
		case 'y':
			fmt.Fprintf(&b, "%02d", t.Year()%100)
		case 'b':
			b.WriteString(t.Month().String()[:3])
		case 'B':
			b.WriteString(t.Month().String())
		case 'a':
			b.WriteString(t.Weekday().String()[:3])
		case 'A':
			b.WriteString(t.Weekday().String())
		case 'H':
			fmt.Fprintf(&b, "%02d", t.Hour())
		case 'M':
			fmt.Fprintf(&b, "%02d", t.Minute())
		case 'S':
			fmt.Fprintf(&b, "%02d", t.Second())
		case 'j':
			fmt.Fprintf(&b, "%03d", t.YearDay())
		case '%':
			b.WriteByte('%')
		default:
			b.WriteByte('%')
			b.WriteByte(format[i])
		}
	}
	return b.String()
}
