package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"go.uber.org/zap"

	"github.com/computepool/computepool/api"
	"github.com/computepool/computepool/api/auth"
	"github.com/computepool/computepool/api/openai"
)

// APIResult is what `bench api --json` prints: how many small non-streamed
// chat completions the whole API (HTTP server, API-key check, OpenAI
// adapter, queue, model) answers per second for many concurrent clients.
type APIResult struct {
	Model        string  `json:"model"`
	Clients      int     `json:"clients"`
	Slots        int     `json:"slots"`
	MaxTokens    int     `json:"max_tokens"`
	Temperature  float64 `json:"temperature"` // negative: the server's default
	Seconds      float64 `json:"seconds"`
	Requests     int     `json:"requests"`
	Errors       int     `json:"errors"`
	FirstError   string  `json:"first_error,omitempty"`
	RequestsPerS float64 `json:"requests_per_s"`
	TokensPerS   float64 `json:"completion_tokens_per_s"`
	LatencyP50Ms float64 `json:"latency_p50_ms"`
	LatencyP90Ms float64 `json:"latency_p90_ms"`
	LatencyP99Ms float64 `json:"latency_p99_ms"`
}

// benchAPI serves a model behind the real API server (with an API key, as
// users call it) and drives it with --clients concurrent clients.
func benchAPI(ctx context.Context, log *zap.Logger, args []string) error {
	fs := flag.NewFlagSet("bench api", flag.ContinueOnError)
	dir := fs.String("model", "", "Hugging Face model directory (required; the tiny genmodel model is the reference)")
	clients := fs.Int("clients", 64, "concurrent clients, each sending one request after another")
	duration := fs.Duration("duration", 10*time.Second, "how long to measure (after a warm-up)")
	maxTokens := fs.Int("max-tokens", 4, "max_tokens of each completion")
	slots := fs.Int("slots", 4, "generations the model runs at once (as api --slots)")
	temperature := fs.Float64("temperature", -1, "temperature of each request (negative: not sent, the server's default sampling; 0: greedy)")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dir == "" || *clients <= 0 || *duration <= 0 {
		return errors.New("--model DIR is required; --clients and --duration must be positive")
	}
	quiet := log.WithOptions(zap.IncreaseLevel(zap.WarnLevel))
	base, key, stop, err := startBenchAPI(ctx, quiet, *dir, *slots)
	if err != nil {
		return err
	}
	defer stop()
	load := &apiLoad{url: base + "/v1/chat/completions", key: key, body: benchAPIBody(*maxTokens, *temperature),
		client: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: *clients}}}
	load.run(ctx, *clients, time.Second) // warm-up
	res := load.run(ctx, *clients, *duration)
	res.Model, res.Clients, res.Slots, res.MaxTokens, res.Temperature = *dir, *clients, *slots, *maxTokens, *temperature
	if *asJSON {
		if err := json.NewEncoder(stdout).Encode(res); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(stdout, "%d clients, %.0f s: %d requests (%.1f/s, %.1f completion tokens/s), %d errors; latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms\n",
			res.Clients, res.Seconds, res.Requests, res.RequestsPerS, res.TokensPerS, res.Errors, res.LatencyP50Ms, res.LatencyP90Ms, res.LatencyP99Ms)
	}
	if res.Errors > 0 {
		return fmt.Errorf("bench api: %d of %d requests failed (first: %s)", res.Errors, res.Requests+res.Errors, res.FirstError)
	}
	return nil
}

// benchAPIBody is one small chat completion.
func benchAPIBody(maxTokens int, temperature float64) string {
	if temperature < 0 {
		return fmt.Sprintf(`{"messages":[{"role":"user","content":"Say hello."}],"max_tokens":%d}`, maxTokens)
	}
	return fmt.Sprintf(`{"messages":[{"role":"user","content":"Say hello."}],"max_tokens":%d,"temperature":%g}`, maxTokens, temperature)
}

// startBenchAPI runs the API server on free ports with an in-memory key
// store and one registered key.
func startBenchAPI(ctx context.Context, log *zap.Logger, dir string, slots int) (base, key string, stop func(), err error) {
	m, closeModel, err := api.LoadLocal(ctx, dir, api.LocalOptions{Slots: slots, Capacity: 256}, log)
	if err != nil {
		return "", "", nil, err
	}
	store, err := auth.OpenWith(ctx, ":memory:", auth.Options{PasswordIterations: 1000})
	if err != nil {
		closeModel()
		return "", "", nil, err
	}
	k, err := store.Register(ctx, "bench@example.com", "bench password")
	if err == nil {
		key = k.Secret
	}
	models := api.NewModels(m)
	srv, err2 := api.New(api.Config{HTTPAddr: "127.0.0.1:0", GRPCAddr: "127.0.0.1:0", Models: models, Auth: store, Log: log,
		Handlers: map[string]http.Handler{"/v1/": api.Guard(store, nil, openai.New(models, log), openai.WriteError)}})
	if err = errors.Join(err, err2); err == nil {
		err = srv.Start(ctx)
	}
	stop = func() {
		if srv != nil {
			sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			srv.Shutdown(sctx) //nolint:errcheck // shutting down
		}
		store.Close()
		closeModel()
	}
	if err != nil {
		stop()
		return "", "", nil, err
	}
	return "http://" + srv.HTTPAddr(), key, stop, nil
}

// apiLoad is the clients' side of bench api.
type apiLoad struct {
	url, key, body string
	client         *http.Client
}

// run sends requests from n clients for d and sums them up.
func (l *apiLoad) run(ctx context.Context, n int, d time.Duration) APIResult {
	var mu sync.Mutex
	var res APIResult
	var lat []time.Duration
	tokens := 0
	deadline := time.Now().Add(d)
	start := time.Now()
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			for time.Now().Before(deadline) && ctx.Err() == nil {
				t0 := time.Now()
				got, err := l.once(ctx)
				mu.Lock()
				if err != nil {
					if res.Errors++; res.FirstError == "" {
						res.FirstError = err.Error()
					}
				} else {
					res.Requests++
					tokens += got
					lat = append(lat, time.Since(t0))
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	res.Seconds = time.Since(start).Seconds()
	res.RequestsPerS = float64(res.Requests) / res.Seconds
	res.TokensPerS = float64(tokens) / res.Seconds
	if len(lat) > 0 {
		res.LatencyP50Ms, res.LatencyP90Ms, res.LatencyP99Ms = percentileMs(lat, 0.5), percentileMs(lat, 0.9), percentileMs(lat, 0.99)
	}
	return res
}

// once sends one completion and returns its completion tokens.
func (l *apiLoad) once(ctx context.Context) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, l.url, strings.NewReader(l.body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+l.key)
	resp, err := l.client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, err
	}
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("%s: %s", resp.Status, truncateString(string(b), 200))
	}
	var c openai.ChatCompletion
	if err := json.Unmarshal(b, &c); err != nil {
		return 0, fmt.Errorf("answer %q: %w", truncateString(string(b), 200), err)
	}
	return c.Usage.CompletionTokens, nil
}

func truncateString(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}
