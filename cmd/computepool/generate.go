package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"go.uber.org/zap"

	"github.com/computepool/computepool/backend"
	"github.com/computepool/computepool/internal/npy"
	"github.com/computepool/computepool/model"
	"github.com/computepool/computepool/sample"
	"github.com/computepool/computepool/shard"
)

func runGenerate(ctx context.Context, log *zap.Logger, args []string) error {
	fs := flag.NewFlagSet("generate", flag.ContinueOnError)
	dir := fs.String("model", "", "Hugging Face model directory (required)")
	layers := fs.String("layers", "", "run only layers a:b (e.g. 0:8); a slice that is not the whole model runs one forward pass over --hidden-in or --prompt-ids")
	promptIDs := fs.String("prompt-ids", "", "comma-separated prompt token ids")
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
	backendName := fs.String("backend", "", "GoMLX backend: go (default), xla:cpu, xla:cuda (env "+backend.EnvVar+")")
	capacity := fs.Int("capacity", 0, "KV cache capacity in tokens (default: prompt + max tokens)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dir == "" {
		return fmt.Errorf("--model is required")
	}
	cfg, err := model.LoadConfig(*dir)
	if err != nil {
		return err
	}
	r := model.Range{Start: 0, End: cfg.NumHiddenLayers}
	if *layers != "" {
		if r, err = parseRange(*layers); err != nil {
			return err
		}
	}
	if err := r.Validate(cfg); err != nil {
		return err
	}
	prompt, err := parseIDs(*promptIDs)
	if err != nil {
		return err
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
		return fmt.Errorf("--prompt-ids is required")
	}
	req := shard.Request{Prompt: prompt, MaxTokens: *maxTokens, Sampling: sp}
	if !*ignoreEOS {
		req.StopIDs = m.Generation.EOSTokenID
	}
	var logits []float32
	res, err := shard.Chain{rt}.Generate(ctx, req, func(_ int, row []float32, _ int32) {
		if *logitsOut != "" {
			logits = append(logits, row...)
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
	if *asJSON {
		return json.NewEncoder(stdout).Encode(map[string]any{"token_ids": res.Tokens, "finish_reason": res.FinishReason})
	}
	fmt.Fprintln(stdout, joinInts(res.Tokens))
	return nil
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

func parseRange(s string) (model.Range, error) {
	a, b, ok := strings.Cut(s, ":")
	start, err1 := strconv.Atoi(a)
	end, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil {
		return model.Range{}, fmt.Errorf("layer range %q: want start:end, e.g. 0:8", s)
	}
	return model.Range{Start: start, End: end}, nil
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
