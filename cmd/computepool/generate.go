package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"go.uber.org/zap"

	"github.com/computepool/computepool/axl"
	"github.com/computepool/computepool/backend"
	"github.com/computepool/computepool/internal/npy"
	"github.com/computepool/computepool/model"
	"github.com/computepool/computepool/pipeline"
	"github.com/computepool/computepool/sample"
	"github.com/computepool/computepool/shard"
	"github.com/computepool/computepool/tokenizer"
	"github.com/computepool/computepool/tokenizer/chattemplate"
)

func runGenerate(ctx context.Context, log *zap.Logger, args []string) error {
	fs := flag.NewFlagSet("generate", flag.ContinueOnError)
	dir := fs.String("model", "", "Hugging Face model directory (required)")
	layers := fs.String("layers", "", "run only layers a:b (e.g. 0:8); a slice that is not the whole model runs one forward pass over --hidden-in or --prompt-ids")
	promptIDs := fs.String("prompt-ids", "", "comma-separated prompt token ids")
	promptText := fs.String("prompt", "", "prompt text (tokenized with the model's tokenizer.json)")
	chat := fs.Bool("chat", false, "with --prompt: send it as a user message through the model's chat template")
	system := fs.String("system", "", "with --chat: a system prompt")
	maxTokens := fs.Int("max-tokens", 16, "tokens to generate")
	var sp sample.Params
	fs.Float64Var(&sp.Temperature, "temperature", 0, "sampling temperature (0 = greedy)")
	fs.IntVar(&sp.TopK, "top-k", 0, "keep the k most likely tokens (0 = off)")
	fs.Float64Var(&sp.TopP, "top-p", 0, "nucleus sampling threshold (0 = off)")
	fs.Float64Var(&sp.MinP, "min-p", 0, "drop tokens below min-p × the top probability (0 = off)")
	fs.Float64Var(&sp.RepetitionPenalty, "repetition-penalty", 0, "penalty for tokens already seen (1 or 0 = off)")
	fs.Uint64Var(&sp.Seed, "seed", 0, "sampling seed")
	ignoreEOS := fs.Bool("ignore-eos", false, "do not stop at the EOS ids of generation_config.json")
	asJSON := fs.Bool("json", false, `print {"token_ids": [...]} on stdout`)
	logitsOut := fs.String("logits-out", "", "write float32 logits [steps, vocab] as .npy (row 0 = the prompt's last position)")
	hiddenIn := fs.String("hidden-in", "", "slice mode: .npy hidden states [n, hidden] fed to a slice that does not start at layer 0")
	hiddenOut := fs.String("hidden-out", "", "slice mode: write the slice's output hidden states [n, hidden] as .npy")
	backendName := fs.String("backend", "", "GoMLX backend: cpu (default), go, xla:cpu, xla:cuda (env "+backend.EnvVar+")")
	capacity := fs.Int("capacity", 0, "KV cache capacity in tokens (default: prompt + max tokens)")
	stages := fs.String("pipeline", "", "comma-separated peer ids of a running pipeline's stages, in order: generate through it as its head (no weights loaded here)")
	var af axlFlags
	af.register(fs, defaultAXLDir("head"))
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, r, err := modelLayers(*dir, *layers)
	if err != nil {
		return err
	}
	if *promptText != "" && *promptIDs != "" {
		return fmt.Errorf("give --prompt or --prompt-ids, not both")
	}
	prompt, err := parseIDs(*promptIDs)
	if err != nil {
		return err
	}
	var tok *tokenizer.Tokenizer
	if _, statErr := os.Stat(filepath.Join(*dir, "tokenizer.json")); statErr == nil || *promptText != "" {
		if tok, err = tokenizer.LoadDir(*dir); err != nil {
			return err
		}
	}
	if *promptText != "" {
		if prompt, err = encodePrompt(tok, *dir, *promptText, *system, *chat); err != nil {
			return err
		}
	} else if *chat {
		return fmt.Errorf("--chat needs --prompt")
	}
	if *stages != "" {
		return generateThroughPipeline(ctx, log, *dir, cfg, &af, *stages, prompt, *maxTokens, sp, *ignoreEOS, *asJSON, tok)
	}
	be, err := backend.New(*backendName)
	if err != nil {
		return err
	}
	m, err := model.Load(ctx, *dir, r, be, log)
	if err != nil {
		return err
	}
	defer m.Close()
	if *capacity == 0 {
		*capacity = max(len(prompt)+*maxTokens, 16)
	}
	rt, err := shard.New(m, shard.Options{Slots: 1, Capacity: *capacity}, log)
	if err != nil {
		return err
	}
	defer rt.Close()

	if !r.IsFirst() || !r.IsLast(cfg) {
		return runSlice(ctx, rt, prompt, *hiddenIn, *hiddenOut, *logitsOut)
	}
	if len(prompt) == 0 {
		return fmt.Errorf("give a prompt: --prompt TEXT or --prompt-ids 1,2,3")
	}
	req := shard.Request{Prompt: prompt, MaxTokens: *maxTokens, Sampling: sp}
	if !*ignoreEOS {
		req.StopIDs = m.Generation.EOSTokenID
	}
	var logits []float32
	var stream *tokenizer.Stream
	if tok != nil && !*asJSON {
		stream = tok.NewStream(true)
	}
	res, err := shard.Chain{rt}.Generate(ctx, req, func(_ int, row []float32, id int32) {
		if *logitsOut != "" {
			logits = append(logits, row...)
		}
		if stream != nil {
			if piece, err := stream.Next(id); err == nil {
				fmt.Fprint(stdout, piece)
			}
		}
	})
	if err != nil {
		return err
	}
	if *logitsOut != "" {
		if err := npy.WriteFloat32(*logitsOut, logits, len(res.Tokens), cfg.VocabSize); err != nil {
			return err
		}
	}
	if stream != nil {
		fmt.Fprintln(stdout, stream.Flush())
		return nil
	}
	return printResult(res, tok, *asJSON)
}

// printResult prints a finished generation: JSON, or the ids.
func printResult(res *shard.Result, tok *tokenizer.Tokenizer, asJSON bool) error {
	if asJSON {
		out := map[string]any{"token_ids": res.Tokens, "finish_reason": res.FinishReason}
		if tok != nil {
			var err error
			if out["text"], err = tok.Decode(res.Tokens, true); err != nil {
				return err
			}
		}
		return json.NewEncoder(stdout).Encode(out)
	}
	fmt.Fprintln(stdout, joinInts(res.Tokens))
	return nil
}

// startHead starts this process's AXL node and a pipeline head over the
// stages named in ids (comma-separated peer ids), and waits until every
// stage answers.
func startHead(ctx context.Context, log *zap.Logger, af *axlFlags, ids string, maxInFlight int, onDown func(int, axl.PeerID), verify pipeline.Verify) (*pipeline.Head, func(), error) {
	stages, err := axl.ParsePeerIDs(ids)
	if err != nil || len(stages) == 0 {
		return nil, nil, fmt.Errorf("--pipeline: want the stages' peer ids, comma-separated: %v", err)
	}
	node, err := af.start(log)
	if err != nil {
		return nil, nil, err
	}
	head, err := pipeline.NewHead(pipeline.HeadConfig{Node: node, Stages: stages, MaxInFlight: maxInFlight, OnStageDown: onDown, Verify: verify, Log: log})
	if err != nil {
		node.Close()
		return nil, nil, err
	}
	closeAll := func() { head.Close(); node.Close() }
	wait, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	log.Info("waiting for every stage to answer", zap.Int("stages", len(stages)))
	if err := head.Ready(wait); err != nil {
		closeAll()
		return nil, nil, err
	}
	return head, closeAll, nil
}

// generateThroughPipeline runs a generation as the head of a pipeline of
// `computepool shard` processes: prompt in, tokens streamed back over AXL.
func generateThroughPipeline(ctx context.Context, log *zap.Logger, dir string, cfg *model.Config, af *axlFlags, stages string,
	prompt []int32, maxTokens int, sp sample.Params, ignoreEOS, asJSON bool, tok *tokenizer.Tokenizer) error {
	if len(prompt) == 0 {
		return fmt.Errorf("give a prompt: --prompt TEXT or --prompt-ids 1,2,3")
	}
	gen, err := model.LoadGenerationConfig(dir, cfg)
	if err != nil {
		return err
	}
	head, closeHead, err := startHead(ctx, log, af, stages, 1, nil, pipeline.Verify{})
	if err != nil {
		return err
	}
	defer closeHead()
	req := shard.Request{Prompt: prompt, MaxTokens: maxTokens, Sampling: sp}
	if !ignoreEOS {
		req.StopIDs = gen.EOSTokenID
	}
	events, err := head.Generate(ctx, req)
	if err != nil {
		return err
	}
	res, err := pipeline.Collect(events)
	if err != nil {
		return err
	}
	return printResult(res, tok, asJSON)
}

// encodePrompt tokenizes a text prompt, through the chat template if asked.
// A raw prompt gets the tokens the tokenizer adds (Llama's BOS); a chat
// template writes its own.
func encodePrompt(tok *tokenizer.Tokenizer, dir, text, system string, chat bool) ([]int32, error) {
	if !chat {
		return tok.Encode(text, tokenizer.EncodeOptions{AddSpecialTokens: true}), nil
	}
	tpl, err := chattemplate.LoadDir(dir)
	if err != nil {
		return nil, err
	}
	rendered, err := tpl.Render(chatMessages(system, text), true)
	if err != nil {
		return nil, err
	}
	return tok.Encode(rendered, tokenizer.EncodeOptions{}), nil
}

// runSlice runs one forward pass of a partial slice, for debugging a stage.
func runSlice(ctx context.Context, rt *shard.Runtime, prompt []int32, hiddenIn, hiddenOut, logitsOut string) error {
	m := rt.Model
	in := shard.Input{Tokens: prompt}
	if !m.Range.IsFirst() {
		if hiddenIn == "" {
			return fmt.Errorf("layers %s do not start at 0: give their input with --hidden-in FILE.npy", m.Range)
		}
		data, shape, err := npy.ReadFloat32(hiddenIn)
		if err != nil {
			return err
		}
		if len(shape) != 2 || shape[1] != m.Config.HiddenSize {
			return fmt.Errorf("%s: shape %v, want [n, %d]", hiddenIn, shape, m.Config.HiddenSize)
		}
		in = shard.Input{Hidden: data}
	} else if len(prompt) == 0 {
		return fmt.Errorf("--prompt-ids is required for a slice starting at layer 0")
	}
	slot, err := rt.Acquire()
	if err != nil {
		return err
	}
	defer rt.Release(slot)
	in.Slot = slot
	outs, err := rt.Forward(ctx, []shard.Input{in})
	if err != nil {
		return err
	}
	if m.Range.IsLast(m.Config) {
		if logitsOut == "" {
			return fmt.Errorf("give --logits-out FILE.npy for the last slice's logits")
		}
		return npy.WriteFloat32(logitsOut, outs[0].Logits, 1, m.Config.VocabSize)
	}
	if hiddenOut == "" {
		return fmt.Errorf("give --hidden-out FILE.npy for the slice's output")
	}
	return npy.WriteFloat32(hiddenOut, outs[0].Hidden, len(outs[0].Hidden)/m.Config.HiddenSize, m.Config.HiddenSize)
}

// modelLayers reads --model's config.json and resolves --layers against it.
func modelLayers(dir, layers string) (*model.Config, model.Range, error) {
	if dir == "" {
		return nil, model.Range{}, fmt.Errorf("--model is required")
	}
	cfg, err := model.LoadConfig(dir)
	if err != nil {
		return nil, model.Range{}, err
	}
	r, err := layerRange(layers, cfg)
	return cfg, r, err
}

// layerRange parses a --layers flag ("a:b"; empty means every layer) and
// checks it against the model.
func layerRange(s string, cfg *model.Config) (model.Range, error) {
	if s == "" {
		return model.Range{Start: 0, End: cfg.NumHiddenLayers}, nil
	}
	a, b, ok := strings.Cut(s, ":")
	start, err1 := strconv.Atoi(a)
	end, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil {
		return model.Range{}, fmt.Errorf("layer range %q: want start:end, e.g. 0:8", s)
	}
	r := model.Range{Start: start, End: end}
	return r, r.Validate(cfg)
}

func parseIDs(s string) ([]int32, error) {
	if s == "" {
		return nil, nil
	}
	var ids []int32
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.ParseInt(strings.TrimSpace(f), 10, 32)
		if err != nil {
			return nil, fmt.Errorf("prompt id %q is not an integer", f)
		}
		ids = append(ids, int32(n))
	}
	return ids, nil
}

func joinInts(ids []int32) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.Itoa(int(id))
	}
	return strings.Join(s, " ")
}
