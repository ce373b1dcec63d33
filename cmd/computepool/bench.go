package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.uber.org/zap"

	"github.com/computepool/computepool/backend"
	"github.com/computepool/computepool/backend/cpu"
	"github.com/computepool/computepool/internal/membw"
	"github.com/computepool/computepool/model"
	"github.com/computepool/computepool/sample"
	"github.com/computepool/computepool/shard"
	"github.com/computepool/computepool/tokenizer"
)

// benchmarks names the subcommands of `computepool bench`.
const benchmarks = "decode | load | tokenize | hop | pipeline | x402 | api | pool"

func runBench(ctx context.Context, log *zap.Logger, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("which benchmark? %s", benchmarks)
	}
	switch args[0] {
	case "decode":
		return benchDecode(ctx, log, args[1:])
	case "load":
		return benchLoad(ctx, log, args[1:])
	case "tokenize":
		return benchTokenize(args[1:])
	case "hop":
		return benchHop(ctx, log, args[1:])
	case "hop-echo": // the second process of `bench hop`
		return benchHopEcho(ctx, log, args[1:])
	case "pipeline":
		return benchPipeline(ctx, log, args[1:])
	case "x402":
		return benchX402(ctx, log, args[1:])
	case "api":
		return benchAPI(ctx, log, args[1:])
	case "pool":
		return benchPool(ctx, log, args[1:])
	}
	return fmt.Errorf("unknown benchmark %q (want %s)", args[0], benchmarks)
}

// DecodeResult is what `bench decode --json` prints.
type DecodeResult struct {
	Model                  string  `json:"model"`
	Arch                   string  `json:"arch"`
	Backend                string  `json:"backend"`
	ComputeDType           string  `json:"compute_dtype"`
	WeightDType            string  `json:"weight_dtype"` // how the layers' matrices are held: BFloat16, Int8, Float32
	Threads                int     `json:"threads"`
	Batch                  int     `json:"batch"`
	Capacity               int     `json:"kv_capacity"`
	PromptTokens           int     `json:"prompt_tokens"`
	DecodeTokens           int     `json:"decode_tokens"`
	LoadSeconds            float64 `json:"load_seconds"`
	PrefillTokensPerS      float64 `json:"prefill_tokens_per_s"`
	DecodeTokensPerS       float64 `json:"decode_tokens_per_s"` // all sequences together
	DecodeStepP50Ms        float64 `json:"decode_step_p50_ms"`
	DecodeStepP90Ms        float64 `json:"decode_step_p90_ms"`
	WeightBytesPerToken    int64   `json:"weight_bytes_per_token"`
	ReadBandwidthBytesPerS float64 `json:"read_bandwidth_bytes_per_s"`
	RooflineTokensPerS     float64 `json:"roofline_tokens_per_s"`
	RooflineFraction       float64 `json:"roofline_fraction"`
	PeakRSSBytes           int64   `json:"peak_rss_bytes"`
	// OpProfile (--op-profile, cpu backend): time per decode step by op.
	OpProfile []OpStepTime `json:"op_profile,omitempty"`
}

// OpStepTime is one line of the op profile: an op's time per decode step.
type OpStepTime struct {
	Op           string  `json:"op"`
	CallsPerStep float64 `json:"calls_per_step"`
	MsPerStep    float64 `json:"ms_per_step"`
}

// opProfiler is the cpu backend's op timer (backend/cpu/profile.go).
type opProfiler interface {
	ProfileOps(on bool)
	OpProfile() []cpu.OpTime
}

func benchDecode(ctx context.Context, log *zap.Logger, args []string) error {
	fs := flag.NewFlagSet("bench decode", flag.ContinueOnError)
	dir := fs.String("model", "", "Hugging Face model directory (required)")
	backendName := fs.String("backend", "", "GoMLX backend: cpu (default), go, xla:cpu, xla:cuda")
	promptTokens := fs.Int("prompt-tokens", 32, "prompt length (prefilled in one chunk)")
	decodeTokens := fs.Int("decode-tokens", 16, "tokens to decode (greedy, EOS ignored)")
	batch := fs.Int("batch", 1, "sequences decoded together (each its own KV slot); throughput is their sum")
	capacity := fs.Int("capacity", 512, "KV cache capacity per sequence, in tokens (llama.cpp's bench uses a 512-token context)")
	bandwidthMB := fs.Int("bandwidth-mb", 1024, "buffer size for the read-bandwidth measurement")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the timed run to this file")
	opProfile := fs.Bool("op-profile", false, "time every op of the timed decode steps (cpu backend) and report ms per step by op")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dir == "" {
		return fmt.Errorf("--model is required")
	}
	if *promptTokens < 1 || *decodeTokens < 1 || *batch < 1 {
		return fmt.Errorf("--prompt-tokens, --decode-tokens and --batch must be positive")
	}
	be, err := backend.New(*backendName)
	if err != nil {
		return err
	}
	var profiler opProfiler
	if *opProfile {
		var ok bool
		if profiler, ok = be.(opProfiler); !ok {
			return fmt.Errorf("--op-profile needs the cpu backend; %q does not time its ops", be.Name())
		}
	}
	cfg, err := model.LoadConfig(*dir)
	if err != nil {
		return err
	}
	start := time.Now()
	m, err := model.Load(ctx, *dir, model.Range{Start: 0, End: cfg.NumHiddenLayers}, be, log)
	if err != nil {
		return err
	}
	defer m.Close()
	res := DecodeResult{Model: *dir, Arch: cfg.Arch.Name, Backend: backend.Resolve(*backendName), ComputeDType: model.ComputeDType.String(),
		WeightDType: m.Weights.Layers[0].Gate.W.DType().String(),
		Threads:     runtime.GOMAXPROCS(0), Batch: *batch, Capacity: *capacity, PromptTokens: *promptTokens, DecodeTokens: *decodeTokens}
	res.LoadSeconds = time.Since(start).Seconds()
	debug.FreeOSMemory()

	if *capacity < *promptTokens+*decodeTokens+1 {
		return fmt.Errorf("--capacity %d cannot hold %d prompt + %d decoded tokens", *capacity, *promptTokens, *decodeTokens)
	}
	rt, err := shard.New(m, shard.Options{Slots: *batch, Capacity: *capacity, ChunkSize: *promptTokens}, log)
	if err != nil {
		return err
	}
	defer rt.Close()
	prompt := make([]int32, *promptTokens)
	for i := range prompt {
		prompt[i] = int32((i*7919 + 13) % (cfg.VocabSize - 2))
	}
	// A warm-up run of the same length builds and caches every graph the
	// timed run needs (one per attention-span bucket: XLA compiles each for
	// about a second) and moves the weights to the backend, so the timed run
	// measures steps only.
	log.Info("warming up")
	if _, _, err := timeBatch(ctx, rt, prompt, *batch, *decodeTokens, nil); err != nil {
		return err
	}
	log.Info("timing prefill and decode", zap.Int("prompt_tokens", *promptTokens), zap.Int("decode_tokens", *decodeTokens))
	stopProfile, err := startCPUProfile(*cpuProfile)
	if err != nil {
		return err
	}
	defer stopProfile()
	stepTimes, prefill, err := timeBatch(ctx, rt, prompt, *batch, *decodeTokens, profiler)
	if err != nil {
		return err
	}
	if profiler != nil {
		for _, t := range profiler.OpProfile() {
			res.OpProfile = append(res.OpProfile, OpStepTime{Op: t.Op,
				CallsPerStep: float64(t.Calls) / float64(len(stepTimes)), MsPerStep: ms(t.Total) / float64(len(stepTimes))})
		}
		profiler.ProfileOps(false)
	}
	res.PrefillTokensPerS = float64(*promptTokens**batch) / prefill.Seconds()
	var total time.Duration
	for _, d := range stepTimes {
		total += d
	}
	res.DecodeTokensPerS = float64(len(stepTimes)**batch) / total.Seconds()
	sort.Slice(stepTimes, func(i, j int) bool { return stepTimes[i] < stepTimes[j] })
	res.DecodeStepP50Ms = ms(stepTimes[len(stepTimes)/2])
	res.DecodeStepP90Ms = ms(stepTimes[len(stepTimes)*9/10])
	res.PeakRSSBytes = procStatus("VmHWM")

	// Measured after the run so its buffer does not count in peak RSS.
	log.Info("measuring memory read bandwidth", zap.Int("buffer_mb", *bandwidthMB))
	bw := membw.Measure(int64(*bandwidthMB)<<20, 0, 5)
	res.ReadBandwidthBytesPerS = bw.BytesPerSecond
	res.WeightBytesPerToken = m.BytesReadPerToken()
	res.RooflineTokensPerS = bw.BytesPerSecond / float64(res.WeightBytesPerToken)
	res.RooflineFraction = res.DecodeTokensPerS / res.RooflineTokensPerS
	return report(res, *asJSON)
}

// LoadResult is what `bench load --json` prints: what one stage costs in memory.
type LoadResult struct {
	Model        string  `json:"model"`
	Layers       string  `json:"layers"`
	TotalLayers  int     `json:"total_layers"`
	Tensors      int     `json:"tensors"`
	FileBytes    int64   `json:"file_bytes"`
	WeightBytes  int64   `json:"weight_bytes"`
	LoadSeconds  float64 `json:"load_seconds"`
	RSSBytes     int64   `json:"rss_bytes"`
	PeakRSSBytes int64   `json:"peak_rss_bytes"`
}

func benchLoad(ctx context.Context, log *zap.Logger, args []string) error {
	fs := flag.NewFlagSet("bench load", flag.ContinueOnError)
	dir := fs.String("model", "", "Hugging Face model directory (required)")
	layers := fs.String("layers", "", "layer range a:b (default: all)")
	backendName := fs.String("backend", "", "GoMLX backend: cpu (default), go, xla:cpu, xla:cuda")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, r, err := modelLayers(*dir, *layers)
	if err != nil {
		return err
	}
	be, err := backend.New(*backendName)
	if err != nil {
		return err
	}
	start := time.Now()
	m, err := model.Load(ctx, *dir, r, be, log)
	if err != nil {
		return err
	}
	defer m.Close()
	res := LoadResult{Model: *dir, Layers: r.String(), TotalLayers: cfg.NumHiddenLayers, Tensors: len(m.TensorNames),
		FileBytes: m.FileBytes, WeightBytes: m.WeightBytes, LoadSeconds: time.Since(start).Seconds()}
	debug.FreeOSMemory()
	res.RSSBytes, res.PeakRSSBytes = procStatus("VmRSS"), procStatus("VmHWM")
	return report(res, *asJSON)
}

func report(v any, asJSON bool) error {
	if asJSON {
		return json.NewEncoder(stdout).Encode(v)
	}
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, string(b))
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// procStatus reads a "kB" field of /proc/self/status in bytes (0 where unavailable).
func procStatus(field string) int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return n << 10
		}
	}
	return 0
}

// TokenizeResult is what `bench tokenize --json` prints.
type TokenizeResult struct {
	Tokenizer string  `json:"tokenizer"`
	Lines     int     `json:"lines"`
	Bytes     int     `json:"bytes"`
	Tokens    int     `json:"tokens"`
	MBPerS    float64 `json:"mb_per_s"`
}

// benchTokenize times encoding a corpus, one line at a time, best of three
// passes after a warm-up pass — the protocol of the JS reference's bench.
func benchTokenize(args []string) error {
	fs := flag.NewFlagSet("bench tokenize", flag.ContinueOnError)
	file := fs.String("tokenizer", "", "tokenizer.json (or use --model)")
	dir := fs.String("model", "", "model directory holding tokenizer.json")
	corpusPath := fs.String("corpus", "tokenizer/testdata/corpus.txt", "text file, one case per line (U+2424 stands for a newline)")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *file == "" && *dir != "" {
		*file = filepath.Join(*dir, "tokenizer.json")
	}
	if *file == "" {
		return fmt.Errorf("give --tokenizer FILE or --model DIR")
	}
	tok, err := tokenizer.Load(*file)
	if err != nil {
		return err
	}
	raw, err := os.ReadFile(*corpusPath)
	if err != nil {
		return err
	}
	expand := strings.NewReplacer("\u2424", "\n", "\u240d", "\r")
	var lines []string
	res := TokenizeResult{Tokenizer: *file}
	for _, l := range strings.Split(strings.TrimSuffix(string(raw), "\n"), "\n") {
		l = expand.Replace(l)
		lines = append(lines, l)
		res.Bytes += len(l)
	}
	res.Lines = len(lines)
	pass := func() int {
		n := 0
		for _, l := range lines {
			n += len(tok.Encode(l, tokenizer.EncodeOptions{}))
		}
		return n
	}
	res.Tokens = pass()
	best := time.Duration(1 << 62)
	for i := 0; i < 3; i++ {
		start := time.Now()
		pass()
		best = min(best, time.Since(start))
	}
	res.MBPerS = float64(res.Bytes) / best.Seconds() / 1e6
	return report(res, *asJSON)
}

// startCPUProfile starts a CPU profile into path (none for ""); the
// returned func stops it and closes the file.
func startCPUProfile(path string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

// timeBatch prefills batch copies of prompt (one step) and decodes them
// together greedily, returning each decode step's time and the prefill time.
// A non-nil profiler times the decode steps' ops.
func timeBatch(ctx context.Context, rt *shard.Runtime, prompt []int32, batch, steps int, profiler opProfiler) ([]time.Duration, time.Duration, error) {
	inputs := make([]shard.Input, batch)
	for i := range inputs {
		slot, err := rt.Acquire()
		if err != nil {
			return nil, 0, err
		}
		defer rt.Release(slot)
		inputs[i] = shard.Input{Slot: slot, Tokens: prompt}
	}
	start := time.Now()
	outs, err := rt.Forward(ctx, inputs)
	if err != nil {
		return nil, 0, err
	}
	prefill := time.Since(start)
	if profiler != nil {
		profiler.ProfileOps(true)
	}
	greedy, err := sample.New(sample.Params{})
	if err != nil {
		return nil, 0, err
	}
	var times []time.Duration
	for s := 0; s < steps; s++ {
		for i, o := range outs {
			tok, err := greedy.Next(o.Logits, nil)
			if err != nil {
				return nil, 0, err
			}
			inputs[i].Tokens = []int32{tok}
		}
		start := time.Now()
		if outs, err = rt.Forward(ctx, inputs); err != nil {
			return nil, 0, err
		}
		times = append(times, time.Since(start))
	}
	return times, prefill, nil
}
