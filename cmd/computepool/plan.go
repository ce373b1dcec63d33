package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"go.uber.org/zap"

	"github.com/computepool/computepool/model"
)

// runPlan prints the layer split for a pipeline over nodes with the given
// free memory: what each `computepool shard --layers` should get.
func runPlan(_ context.Context, _ *zap.Logger, args []string) error {
	fs := flag.NewFlagSet("plan", flag.ContinueOnError)
	dir := fs.String("model", "", "Hugging Face model directory (only config.json is read)")
	memory := fs.String("memory", "", "free memory of each node, in pipeline order, comma-separated: bytes or with a unit (e.g. 6GiB,3.5GiB,8GB)")
	bytesPerParam := fs.Int("bytes-per-param", 0, "weight bytes per parameter as the backend holds them: 1 (int8), 2 (bf16/f16), 4 (f32); 0: from config.json (1 for int8 checkpoints, else 2)")
	slots := fs.Int("slots", 8, "KV slots per stage")
	capacity := fs.Int("capacity", 2048, "KV capacity per slot, in tokens")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, err := model.LoadConfig(*dir)
	if err != nil {
		return err
	}
	if *bytesPerParam == 0 {
		*bytesPerParam = cfg.WeightBytes()
	}
	var mem []int64
	for _, f := range splitList(*memory) {
		b, err := parseBytes(f)
		if err != nil {
			return fmt.Errorf("--memory: %w", err)
		}
		mem = append(mem, b)
	}
	ranges, bytes, err := model.PlanStages(cfg, mem, *bytesPerParam, *slots**capacity)
	if err != nil {
		return err
	}
	type stage struct {
		Layers string  `json:"layers"`
		Bytes  int64   `json:"bytes"`
		Fill   float64 `json:"fill"`
	}
	out := make([]stage, len(ranges))
	for i, r := range ranges {
		out[i] = stage{Layers: r.String(), Bytes: bytes[i], Fill: float64(bytes[i]) / float64(mem[i])}
	}
	return json.NewEncoder(stdout).Encode(out)
}

// parseBytes reads 123, 1.5GiB, 800MB, 4G (G = GiB).
func parseBytes(s string) (int64, error) {
	units := []struct {
		suffix string
		mult   float64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}}
	mult := 1.0
	for _, u := range units {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSuffix(s, u.suffix), u.mult
			break
		}
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || v <= 0 {
		return 0, fmt.Errorf("%q is not a positive size (e.g. 6GiB)", s)
	}
	return int64(v * mult), nil
}
